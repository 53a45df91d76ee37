//! Names: logical IDs and section names, custom resource type names, and how many entries each
//! section may hold.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::template::{LogicalId, Template};

/// CloudFormation's per-template limits: (section, limit).
const LIMITS: [(&str, usize); 4] = [
    ("Resources", 500),
    ("Parameters", 200),
    ("Outputs", 200),
    ("Mappings", 200),
];

pub(super) fn check(template: &Template, out: &mut Diagnostics) {
    check_logical_ids(template, out);
    check_custom_type_names(template, out);
    check_limits(template, out);
}

fn check_logical_ids(t: &Template, out: &mut Diagnostics) {
    for (id, r) in &t.resources {
        if let Err(why) = LogicalId::new(id) {
            out.push(bad_name("Resources", id, why).at(r.location));
        }
    }
    let sections = [
        ("Parameters", t.parameters.keys()),
        ("Mappings", t.mappings.keys()),
        ("Conditions", t.conditions.keys()),
        ("Outputs", t.outputs.keys()),
    ];
    for (section, names) in sections {
        for name in names {
            if let Err(why) = LogicalId::new(name) {
                out.push(bad_name(section, name, why));
            }
        }
    }
}

fn bad_name(section: &str, name: &str, why: String) -> Diagnostic {
    Diagnostic::error("CFN001", format!("{section}.{name}"), why)
        .help("rename it: CloudFormation names are 1 to 255 ASCII letters and digits")
}

fn check_limits(template: &Template, out: &mut Diagnostics) {
    let counts = [
        template.resources.len(),
        template.parameters.len(),
        template.outputs.len(),
        template.mappings.len(),
    ];
    for ((section, limit), count) in LIMITS.iter().zip(counts) {
        if count > *limit {
            out.push(
                Diagnostic::error(
                    "CFN009",
                    *section,
                    format!(
                        "the template has {count} entries in {section}; CloudFormation allows at most {limit}"
                    ),
                )
                .help("split the stack (nested stacks or several stacks with exports)"),
            );
        }
    }
}

/// CloudFormation's rule for custom resource type names: `Custom::` and 1 to 60 of `A-Za-z0-9_@-`.
fn check_custom_type_names(template: &Template, out: &mut Diagnostics) {
    for (id, resource) in &template.resources {
        let Some(name) = resource.type_name.strip_prefix("Custom::") else {
            continue;
        };
        let valid = (1..=60).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_@-".contains(c));
        if !valid {
            out.push(
                Diagnostic::error(
                    "CFN006",
                    format!("Resources.{id}.Type"),
                    format!(
                        "`{}` is not a valid custom resource type",
                        resource.type_name
                    ),
                )
                .help("name it `Custom::` followed by 1 to 60 letters, digits, `_`, `@` or `-`")
                .at(resource.location),
            );
        }
    }
}
