//! A change set as the deploy command shows it: CloudFormation's list of resource changes,
//! completed by the static diff where CloudFormation is vague (no replacement flag, no
//! property details, or a parameter-only change it lists without resources), grouped by action.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::diff::{Change, Replacement, path_text, replacement_mark};

/// One resource change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceChange {
    /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
    pub action: String,
    /// The logical ID.
    pub logical_id: String,
    /// The resource type.
    pub resource_type: String,
    /// Whether the change replaces the resource.
    pub replacement: Option<Replacement>,
    /// What changes, one line each (`ContainerDefinitions[0].Image [replacement]`).
    pub details: Vec<String>,
}

/// CloudFormation's `Replacement` (`True`, `Conditional`, `False`) as our mark.
pub fn replacement_from_cfn(text: &str) -> Option<Replacement> {
    match text {
        "True" => Some(Replacement::Always),
        "Conditional" => Some(Replacement::Conditional),
        "False" => Some(Replacement::Never),
        _ => None,
    }
}

/// Completes CloudFormation's `changes` with the static diff of `old` → `new` (both with their
/// parameter values resolved): a missing replacement flag or detail list is taken from the
/// diff, a resource the diff finds changed is added, and a resource that refers to a replaced
/// one is listed as modified through that reference, as CloudFormation will update it.
pub fn complete(changes: Vec<ResourceChange>, old: &Json, new: &Json) -> Vec<ResourceChange> {
    let static_changes = crate::diff::diff_templates(old, new);
    let mut by_id: BTreeMap<String, ResourceChange> = changes
        .into_iter()
        .map(|c| (c.logical_id.clone(), c))
        .collect();
    for change in &static_changes {
        merge_static(&mut by_id, change);
    }
    let replaced: BTreeSet<String> = by_id
        .values()
        .filter(|c| c.replacement == Some(Replacement::Always) && c.action == "Modify")
        .map(|c| c.logical_id.clone())
        .collect();
    for (id, resource) in new
        .get("Resources")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        if by_id.contains_key(id) {
            continue;
        }
        let type_name = resource.get("Type").and_then(Json::as_str).unwrap_or("?");
        let mut details = Vec::new();
        let mut mark = None;
        let mut path = Vec::new();
        references_to(
            resource.get("Properties"),
            &replaced,
            &mut path,
            &mut |path, target| {
                let names: Vec<&str> = path.iter().map(String::as_str).collect();
                let r = crate::cfn::replacement::replacement_at(type_name, &names);
                mark = mark.max(r);
                details.push(format!(
                    "{}{} (refers to replaced {target})",
                    path.join("."),
                    replacement_mark(r)
                ));
            },
        );
        if !details.is_empty() {
            by_id.insert(
                id.clone(),
                ResourceChange {
                    action: "Modify".into(),
                    logical_id: id.clone(),
                    resource_type: type_name.to_owned(),
                    replacement: mark,
                    details,
                },
            );
        }
    }
    by_id.into_values().collect()
}

fn merge_static(by_id: &mut BTreeMap<String, ResourceChange>, change: &Change) {
    let Some(id) = change.resource_id() else {
        return;
    };
    let (action, type_name, replacement, detail) = match change {
        Change::Added { type_name, .. } => ("Add", type_name.clone(), None, None),
        Change::Removed { type_name, .. } => ("Remove", type_name.clone(), None, None),
        Change::TypeChanged { new, .. } => (
            "Modify",
            new.clone(),
            Some(Replacement::Always),
            Some("Type".to_owned()),
        ),
        Change::Property {
            type_name,
            path,
            replacement,
            ..
        } => (
            "Modify",
            type_name.clone(),
            *replacement,
            Some(format!(
                "{}{}",
                path_text(path),
                replacement_mark(*replacement)
            )),
        ),
        Change::Attribute { attribute, .. } => {
            ("Modify", String::new(), None, Some(attribute.clone()))
        }
        Change::Section { .. } => return,
    };
    let entry = by_id
        .entry(id.to_owned())
        .or_insert_with(|| ResourceChange {
            action: action.to_owned(),
            logical_id: id.to_owned(),
            resource_type: type_name,
            replacement: None,
            details: Vec::new(),
        });
    entry.replacement = entry.replacement.max(replacement);
    if let Some(detail) = detail
        && !entry.details.contains(&detail)
    {
        entry.details.push(detail);
    }
}

/// Calls `found(path, target)` for every `Ref`/`Fn::GetAtt`/`${…}` in `value` naming a resource
/// of `targets`, with the property path (list indexes as numbers) where it sits.
fn references_to(
    value: Option<&Json>,
    targets: &BTreeSet<String>,
    path: &mut Vec<String>,
    found: &mut impl FnMut(&[String], &str),
) {
    let Some(value) = value else { return };
    match value {
        Json::Object(map) => {
            if let Some(target) = referenced(map).filter(|t| targets.contains(*t)) {
                found(path, target);
                return;
            }
            for (k, v) in map {
                let is_function = k == "Ref" || k.starts_with("Fn::");
                if !is_function {
                    path.push(k.clone());
                }
                references_to(Some(v), targets, path, found);
                if !is_function {
                    path.pop();
                }
            }
        }
        Json::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                references_to(Some(item), targets, path, found);
                path.pop();
            }
        }
        Json::String(s) => {
            // Inside a Fn::Sub string.
            if let Some(target) = targets
                .iter()
                .find(|t| s.contains(&format!("${{{t}}}")) || s.contains(&format!("${{{t}.")))
            {
                found(path, target);
            }
        }
        _ => {}
    }
}

/// The resource a `Ref` or `Fn::GetAtt` object names.
fn referenced(map: &serde_json::Map<String, Json>) -> Option<&str> {
    if map.len() != 1 {
        return None;
    }
    match (map.get("Ref"), map.get("Fn::GetAtt")) {
        (Some(Json::String(id)), _) => Some(id),
        (_, Some(Json::Array(parts))) => parts.first().and_then(Json::as_str),
        (_, Some(Json::String(dotted))) => dotted.split('.').next(),
        _ => None,
    }
}

/// The changes grouped by action (Add, Modify, Remove, then others), with their marks.
pub fn render(changes: &[ResourceChange]) -> String {
    let mut out = String::new();
    let order = ["Add", "Modify", "Remove"];
    let mut actions: Vec<&str> = changes.iter().map(|c| c.action.as_str()).collect();
    actions.sort_by_key(|a| order.iter().position(|o| o == a).unwrap_or(order.len()));
    actions.dedup();
    for action in actions {
        let group: Vec<&ResourceChange> = changes.iter().filter(|c| c.action == action).collect();
        let _ = writeln!(out, "{action} ({}):", group.len());
        for c in group {
            let sign = match action {
                "Add" => '+',
                "Remove" => '-',
                _ => '~',
            };
            let mark = if action == "Modify" {
                replacement_mark(c.replacement)
            } else {
                ""
            };
            let _ = writeln!(out, "  {sign} {} ({}){mark}", c.logical_id, c.resource_type);
            for d in &c.details {
                let _ = writeln!(out, "      {d}");
            }
        }
    }
    out
}
