//! Security rules: secrets written into the template, secrets passed through parameters, and
//! IAM statements that allow everything.

use crate::intrinsic::Intrinsic;
use crate::template::Node;

use super::check::Check;
use super::findings::Findings;
use super::helpers::{at_path, holds, items, literal_text, ref_name, words};
use super::index::{Index, Res};

/// `SEC001`.
pub(super) const LITERAL_SECRET: Check = Check::warning(
    "SEC001",
    "a secret-looking environment variable does not hold its secret in plain text",
);
/// `SEC002` (cfn-lint W1011).
pub(super) const SECRET_PARAMETER: Check = Check::warning(
    "SEC002",
    "a secret is not passed in through a template parameter",
);
/// `SEC003`.
pub(super) const IAM_STAR: Check = Check::warning(
    "SEC003",
    "an IAM statement does not allow `Action: \"*\"` on `Resource: \"*\"`",
);

/// Words that make a variable or parameter name look like it holds a secret.
const SECRET_WORDS: [&str; 6] = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "APIKEY"];

/// Properties that hold a secret, by resource type (cfn-lint W1011's list, without the
/// shut-down OpsWorks).
const SECRET_PROPERTIES: [(&str, &str); 9] = [
    ("AWS::DirectoryService::MicrosoftAD", "Password"),
    ("AWS::DirectoryService::SimpleAD", "Password"),
    ("AWS::ElastiCache::ReplicationGroup", "AuthToken"),
    ("AWS::IAM::User", "LoginProfile.Password"),
    (
        "AWS::KinesisFirehose::DeliveryStream",
        "RedshiftDestinationConfiguration.Password",
    ),
    ("AWS::RDS::DBCluster", "MasterUserPassword"),
    ("AWS::RDS::DBInstance", "MasterUserPassword"),
    ("AWS::Redshift::Cluster", "MasterUserPassword"),
    ("AWS::DocDB::DBCluster", "MasterUserPassword"),
];

/// Resource types with IAM policy documents: (type, path to each document).
const POLICY_DOCUMENTS: [(&str, &str); 5] = [
    ("AWS::IAM::Role", "Policies.*.PolicyDocument"),
    ("AWS::IAM::User", "Policies.*.PolicyDocument"),
    ("AWS::IAM::Group", "Policies.*.PolicyDocument"),
    ("AWS::IAM::Policy", "PolicyDocument"),
    ("AWS::IAM::ManagedPolicy", "PolicyDocument"),
];

/// Runs the security rules.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    for td in ix.of_type("AWS::ECS::TaskDefinition") {
        container_environments(ix, td, out);
    }
    for f in ix.of_type("AWS::Lambda::Function") {
        lambda_environment(ix, f, out);
    }
    for (type_name, property) in SECRET_PROPERTIES {
        for r in ix.of_type(type_name) {
            secret_property(ix, r, property, out);
        }
    }
    for (type_name, documents) in POLICY_DOCUMENTS {
        for r in ix.of_type(type_name) {
            let segments: Vec<&str> = documents.split('.').collect();
            at_path(
                &r.resource.properties,
                &format!("Resources.{}.Properties", r.id),
                &segments,
                &mut |path, doc| {
                    star_statements(r, &path, doc, out);
                },
            );
        }
    }
}

/// Whether a name has a word that marks a secret (`DB_PASSWORD`, `apiKey`; not `KEYBOARD`).
fn looks_secret(name: &str) -> bool {
    words(name)
        .iter()
        .any(|w| SECRET_WORDS.contains(&w.as_str()))
}

fn container_environments(ix: &Index<'_>, td: Res<'_>, out: &mut Findings) {
    let Some(containers) = td.prop("ContainerDefinitions") else {
        return;
    };
    for (path, c) in items(containers, &td.path("ContainerDefinitions")) {
        let Some(env) = c.get("Environment") else {
            continue;
        };
        for (path, var) in items(env, &format!("{path}.Environment")) {
            let (Some(name), Some(value)) =
                (var.get("Name").and_then(Node::as_str), var.get("Value"))
            else {
                continue;
            };
            environment_value(
                ix,
                td,
                &format!("{path}.Value"),
                name,
                value,
                Fix::ContainerSecrets,
                out,
            );
        }
    }
}

fn lambda_environment(ix: &Index<'_>, f: Res<'_>, out: &mut Findings) {
    let Some(vars) = f
        .prop("Environment")
        .and_then(|e| e.get("Variables"))
        .and_then(Node::as_map)
    else {
        return;
    };
    for (name, value) in vars {
        environment_value(
            ix,
            f,
            &f.path(&format!("Environment.Variables.{name}")),
            name,
            value,
            Fix::DynamicReference,
            out,
        );
    }
}

/// How to keep a secret out of the template, by where it is used.
#[derive(Clone, Copy)]
enum Fix {
    ContainerSecrets,
    DynamicReference,
}

impl Fix {
    fn help(self) -> &'static str {
        match self {
            Fix::ContainerSecrets => {
                "pass it in the container's `Secrets` (`ValueFrom` an SSM parameter or a Secrets Manager secret ARN), \
                 or write a dynamic reference such as `{{resolve:secretsmanager:NAME}}`"
            }
            Fix::DynamicReference => {
                "write a dynamic reference such as `{{resolve:secretsmanager:NAME}}`, or read the secret at run time"
            }
        }
    }
}

/// `SEC001` and `SEC002` for one environment variable.
fn environment_value(
    ix: &Index<'_>,
    r: Res<'_>,
    path: &str,
    name: &str,
    value: &Node,
    fix: Fix,
    out: &mut Findings,
) {
    if let Some(text) = literal_text(value) {
        if looks_secret(name) && is_plain_secret(&text) {
            out.add(
                r,
                LITERAL_SECRET.finding(
                    path,
                    format!(
                        "environment variable `{name}` of `{}` holds a secret in plain text",
                        r.id
                    ),
                    fix.help(),
                ),
            );
        }
        return;
    }
    let Some(parameter) = ref_name(value) else {
        return;
    };
    let Some(declaration) = ix.parameter(parameter) else {
        return;
    };
    let no_echo = declaration.get("NoEcho").and_then(Node::as_bool) == Some(true);
    if no_echo || looks_secret(parameter) || looks_secret(name) {
        out.add(
            r,
            SECRET_PARAMETER.finding(
                path,
                format!("environment variable `{name}` of `{}` gets a secret from parameter `{parameter}`", r.id),
                format!("{}; a parameter's value is stored with the stack and visible in the task definition", fix.help()),
            ),
        );
    }
}

/// Whether a literal value is a secret rather than a setting: not empty, not a dynamic
/// reference, not a number or boolean (`TOKEN_TTL=3600`, `KEY_ROTATION=true`).
fn is_plain_secret(text: &str) -> bool {
    let t = text.trim();
    !(t.is_empty()
        || t.contains("{{resolve:")
        || t.parse::<f64>().is_ok()
        || t.eq_ignore_ascii_case("true")
        || t.eq_ignore_ascii_case("false"))
}

/// `SEC002` for a property that holds a secret, like cfn-lint W1011: any parameter passed
/// directly (or through `Fn::If`) is reported.
fn secret_property(ix: &Index<'_>, r: Res<'_>, property: &str, out: &mut Findings) {
    let segments: Vec<&str> = property.split('.').collect();
    at_path(
        &r.resource.properties,
        &format!("Resources.{}.Properties", r.id),
        &segments,
        &mut |path, value| {
            let Some(parameter) = parameter_behind(ix, value) else {
                return;
            };
            let last = segments.last().copied().unwrap_or(property);
            let help = if last == "MasterUserPassword" {
                "set `ManageMasterUserPassword: true` to let RDS keep the password in Secrets Manager, \
             or write a dynamic reference such as `{{resolve:secretsmanager:NAME:SecretString:password}}`"
            } else {
                "write a dynamic reference such as `{{resolve:secretsmanager:NAME:SecretString:KEY}}` or `{{resolve:ssm-secure:NAME}}`"
            };
            out.add(
                r,
                SECRET_PARAMETER.finding(
                    path,
                    format!(
                        "`{last}` of `{}` is passed in through parameter `{parameter}`",
                        r.id
                    ),
                    help,
                ),
            );
        },
    );
}

/// The parameter a value takes, directly or in a branch of `Fn::If`.
fn parameter_behind<'t>(ix: &Index<'_>, value: &'t Node) -> Option<&'t str> {
    if let Some(name) = ref_name(value).filter(|n| ix.parameter(n).is_some()) {
        return Some(name);
    }
    match value.as_intrinsic()? {
        Intrinsic::If(_, a, b) => parameter_behind(ix, a).or_else(|| parameter_behind(ix, b)),
        _ => None,
    }
}

/// `SEC003` for each statement of a policy document.
fn star_statements(r: Res<'_>, path: &str, document: &Node, out: &mut Findings) {
    let Some(statement) = document.get("Statement") else {
        return;
    };
    let statements: Vec<(String, &Node)> = match statement {
        Node::List(_) => items(statement, &format!("{path}.Statement")),
        _ => vec![(format!("{path}.Statement"), statement)],
    };
    for (path, s) in statements {
        let allows = s.get("Effect").and_then(Node::as_str) == Some("Allow");
        let star = |key: &str| s.get(key).is_some_and(|v| holds(v, "*"));
        if allows && star("Action") && star("Resource") {
            out.add(
                r,
                IAM_STAR.finding(
                    path,
                    format!("a statement of `{}` allows every action (`*`) on every resource (`*`)", r.id),
                    "list the actions the principal needs and the resources (ARNs) it needs them on",
                ),
            );
        }
    }
}
