//! Resource attributes kept as written (`ResourceAttributes::as_written`) that collide with what
//! the typed API sets: both would claim one key of the resource, and one would be lost
//! (`IMP119`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::template::{Template, TemplateResource};

pub(super) fn check(t: &Template, out: &mut Diagnostics) {
    for (id, r) in &t.resources {
        for key in r.as_written.keys() {
            if let Some(why) = collision(r, key) {
                out.push(
                    Diagnostic::error(
                        "IMP119",
                        format!("Resources.{id}.{key}"),
                        format!("`{key}` is kept as written, but {why}"),
                    )
                    .help(format!(
                        "set `{key}` one way: drop the typed setter, or the attribute kept as written"
                    ))
                    .at(r.location),
                );
            }
        }
    }
}

/// Why the typed resource already has `key`, if it does.
fn collision(r: &TemplateResource, key: &str) -> Option<&'static str> {
    let typed = match key {
        "Type" => return Some("`Type` is the resource type, which is not an attribute"),
        "Properties" => r.properties.as_map().is_some_and(|m| !m.is_empty()),
        "DeletionPolicy" => r.deletion_policy.is_some(),
        "UpdateReplacePolicy" => r.update_replace_policy.is_some(),
        "Condition" => r.condition.is_some(),
        "DependsOn" => !r.depends_on.is_empty(),
        "Metadata" => r.metadata.is_some(),
        "CreationPolicy" => r.creation_policy.is_some(),
        "UpdatePolicy" => r.update_policy.is_some(),
        _ => false,
    };
    typed.then_some("the resource sets it through the typed API too")
}
