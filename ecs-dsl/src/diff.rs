//! `diff`: what deploying a new template over an old one would change, resource by resource,
//! marking the changes that make CloudFormation replace the resource.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value as Json;

pub use crate::cfn::replacement::Replacement;

/// One change between two templates.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A resource only the new template has.
    Added { id: String, type_name: String },
    /// A resource only the old template has.
    Removed { id: String, type_name: String },
    /// A resource whose type changed (always a replacement).
    TypeChanged {
        id: String,
        old: String,
        new: String,
    },
    /// A property that was added, removed or changed.
    Property {
        id: String,
        type_name: String,
        property: String,
        replacement: Option<Replacement>,
    },
    /// A resource attribute (DependsOn, Metadata, policies, Condition) changed.
    Attribute { id: String, attribute: String },
    /// A change outside Resources (Parameters, Outputs, …).
    Section { section: String, name: String },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added { id, type_name } => write!(f, "+ {id} ({type_name})"),
            Change::Removed { id, type_name } => write!(f, "- {id} ({type_name})"),
            Change::TypeChanged { id, old, new } => {
                write!(f, "~ {id}: type {old} → {new} [replacement]")
            }
            Change::Property {
                id,
                property,
                replacement,
                ..
            } => {
                let mark = match replacement {
                    Some(Replacement::Always) => " [replacement]",
                    Some(Replacement::Conditional) => " [may replace]",
                    Some(Replacement::Never) => " [update in place]",
                    None => "",
                };
                write!(f, "~ {id}.Properties.{property}{mark}")
            }
            Change::Attribute { id, attribute } => write!(f, "~ {id}.{attribute}"),
            Change::Section { section, name } => write!(f, "~ {section}.{name}"),
        }
    }
}

/// The changes from `old` to `new`, both whole templates as JSON, in a stable order.
/// `replacement` says whether changing a property of a type replaces the resource.
pub fn diff(
    old: &Json,
    new: &Json,
    replacement: impl Fn(&str, &str) -> Option<Replacement>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for section in ["Parameters", "Mappings", "Conditions", "Outputs"] {
        for name in changed_keys(old.get(section), new.get(section)) {
            changes.push(Change::Section {
                section: section.to_owned(),
                name,
            });
        }
    }
    let empty = serde_json::Map::new();
    let old_resources = old
        .get("Resources")
        .and_then(Json::as_object)
        .unwrap_or(&empty);
    let new_resources = new
        .get("Resources")
        .and_then(Json::as_object)
        .unwrap_or(&empty);
    let ids: BTreeSet<&String> = old_resources.keys().chain(new_resources.keys()).collect();
    for id in ids {
        match (old_resources.get(id), new_resources.get(id)) {
            (None, Some(n)) => changes.push(Change::Added {
                id: id.clone(),
                type_name: type_of(n),
            }),
            (Some(o), None) => changes.push(Change::Removed {
                id: id.clone(),
                type_name: type_of(o),
            }),
            (Some(o), Some(n)) => resource_changes(id, o, n, &replacement, &mut changes),
            (None, None) => {}
        }
    }
    changes
}

fn type_of(resource: &Json) -> String {
    resource
        .get("Type")
        .and_then(Json::as_str)
        .unwrap_or("?")
        .to_owned()
}

fn resource_changes(
    id: &str,
    old: &Json,
    new: &Json,
    replacement: &impl Fn(&str, &str) -> Option<Replacement>,
    changes: &mut Vec<Change>,
) {
    let (old_type, new_type) = (type_of(old), type_of(new));
    if old_type != new_type {
        changes.push(Change::TypeChanged {
            id: id.to_owned(),
            old: old_type,
            new: new_type,
        });
        return;
    }
    for property in changed_keys(old.get("Properties"), new.get("Properties")) {
        let replacement = replacement(&new_type, &property);
        changes.push(Change::Property {
            id: id.to_owned(),
            type_name: new_type.clone(),
            property,
            replacement,
        });
    }
    for attribute in [
        "Condition",
        "DependsOn",
        "Metadata",
        "CreationPolicy",
        "UpdatePolicy",
        "DeletionPolicy",
        "UpdateReplacePolicy",
    ] {
        if old.get(attribute) != new.get(attribute) {
            changes.push(Change::Attribute {
                id: id.to_owned(),
                attribute: attribute.to_owned(),
            });
        }
    }
}

/// Keys whose values differ between two optional objects (added and removed keys included).
fn changed_keys(old: Option<&Json>, new: Option<&Json>) -> Vec<String> {
    let empty = serde_json::Map::new();
    let old = old.and_then(Json::as_object).unwrap_or(&empty);
    let new = new.and_then(Json::as_object).unwrap_or(&empty);
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .cloned()
        .collect()
}
