//! Lifecycle rules: Lambda runtimes AWS has retired and resource types of services in
//! maintenance mode, sunsetting or shut down. Dates are compared with the date the vendored
//! tables were taken (`data::lambda_runtimes::AS_OF`), so a verdict does not change overnight.

use crate::template::Node;

use super::Check;
use super::data::lambda_runtimes::{AS_OF, RUNTIMES};
use super::data::resource_lifecycle::TYPES;
use super::data::{Runtime, Status};
use super::findings::Findings;
use super::index::Index;

/// `LIF001` (cfn-lint E2531/E2533).
pub(super) const RUNTIME_BLOCKED: Check = Check::error(
    "LIF001",
    "a Lambda function's runtime can still be used to create functions",
);
/// `LIF002` (cfn-lint W2531).
pub(super) const RUNTIME_DEPRECATED: Check =
    Check::warning("LIF002", "a Lambda function's runtime is not deprecated");
/// `LIF003` (cfn-lint W3697).
pub(super) const TYPE_MAINTENANCE: Check = Check::warning(
    "LIF003",
    "a resource type is not from a service in maintenance mode",
);
/// `LIF004` (cfn-lint W3696).
pub(super) const TYPE_SUNSET: Check = Check::warning(
    "LIF004",
    "a resource type is not from a service that is being shut down",
);
/// `LIF005` (cfn-lint E3710).
pub(super) const TYPE_SHUT_DOWN: Check = Check::error(
    "LIF005",
    "a resource type is not from a service that has been shut down",
);

/// What to use instead of a retired resource type, where AWS names a successor (ours, not
/// cfn-lint's): (type-name prefix, replacement).
const REPLACEMENTS: [(&str, &str); 4] = [
    (
        "AWS::AutoScaling::LaunchConfiguration",
        "an `AWS::EC2::LaunchTemplate` referenced from the Auto Scaling group's `LaunchTemplate`",
    ),
    ("AWS::WAF::", "the `AWS::WAFv2::*` types"),
    ("AWS::WAFRegional::", "the `AWS::WAFv2::*` types"),
    (
        "AWS::Inspector::",
        "Amazon Inspector (v2), which needs no per-stack resources",
    ),
];

/// Runs the lifecycle rules.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    for f in ix.of_type("AWS::Lambda::Function") {
        let Some(runtime) = f.prop("Runtime").and_then(Node::as_str) else {
            continue;
        };
        let Some(r) = RUNTIMES.iter().find(|r| r.name == runtime) else {
            continue;
        };
        if let Some((rule, message)) = runtime_finding(r) {
            let help = match r.successor {
                Some(s) => format!("set `Runtime` to `{s}` (and check the code runs on it)"),
                None => "move to a supported runtime".to_owned(),
            };
            out.add(
                f,
                rule.finding(
                    f.path("Runtime"),
                    format!("{message} (as of {AS_OF})"),
                    help,
                ),
            );
        }
    }
    for (type_name, resources) in ix.types() {
        let Some((_, status, date)) = TYPES.iter().find(|(t, ..)| *t == type_name) else {
            continue;
        };
        let (rule, what) = match status {
            Status::Maintenance => (
                &TYPE_MAINTENANCE,
                date.map_or("is in maintenance mode".to_owned(), |d| {
                    format!("is in maintenance mode since {d}")
                }),
            ),
            Status::Sunset => (
                &TYPE_SUNSET,
                date.map_or("is being shut down".to_owned(), |d| {
                    format!("shuts down on {d}")
                }),
            ),
            Status::Shutdown => (
                &TYPE_SHUT_DOWN,
                date.map_or("has been shut down".to_owned(), |d| {
                    format!("was shut down on {d}")
                }),
            ),
        };
        let help = match REPLACEMENTS
            .iter()
            .find(|(prefix, _)| type_name.starts_with(prefix))
        {
            Some((_, replacement)) => format!("use {replacement} instead"),
            None => "migrate to the alternative AWS recommends for this service".to_owned(),
        };
        for r in resources {
            out.add(
                *r,
                rule.finding(
                    r.type_path(),
                    format!("`{}` is of type `{type_name}`, whose service {what}", r.id),
                    help.clone(),
                ),
            );
        }
    }
}

/// The rule a runtime breaks as of the table's date, with the message.
fn runtime_finding(r: &Runtime) -> Option<(&'static Check, String)> {
    let name = r.name;
    if AS_OF >= r.create_block {
        let updates = if AS_OF >= r.update_block {
            "and updates since"
        } else {
            "and updates from"
        };
        Some((
            &RUNTIME_BLOCKED,
            format!(
                "Lambda runtime `{name}` was deprecated on {}; creating functions with it is blocked since {} {updates} {}",
                r.deprecated, r.create_block, r.update_block
            ),
        ))
    } else if AS_OF >= r.deprecated {
        Some((
            &RUNTIME_DEPRECATED,
            format!(
                "Lambda runtime `{name}` was deprecated on {}; creating functions with it is blocked from {}",
                r.deprecated, r.create_block
            ),
        ))
    } else {
        None
    }
}
