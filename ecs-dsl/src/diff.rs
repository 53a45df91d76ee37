//! `diff`: what deploying a new template over an old one would change, resource by resource and
//! property by property, marking the changes that make CloudFormation replace the resource.
//!
//! The comparison is semantic: values CloudFormation treats as equal compare equal however they
//! are written (see [`canonical`](mod@canonical)), so a template ported from YAML by hand shows only its real
//! changes.

use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value as Json;

pub use crate::cfn::replacement::Replacement;

pub mod canonical;
mod resolve;

pub use resolve::{parameter_value, resolve_parameters};

use canonical::{canonical, canonical_depends_on};

/// One step of a path into a resource's `Properties`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A property name or map key.
    Key(String),
    /// A list index.
    Index(usize),
}

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
    /// A value inside `Properties` that was added, removed or changed, at `path`.
    Property {
        id: String,
        type_name: String,
        path: Vec<Segment>,
        replacement: Option<Replacement>,
    },
    /// A resource attribute (DependsOn, Metadata, policies, Condition) changed.
    Attribute { id: String, attribute: String },
    /// A change outside Resources (Parameters, Outputs, …).
    Section { section: String, name: String },
}

impl Change {
    /// The logical ID of the resource this change is about, if it is about one.
    pub fn resource_id(&self) -> Option<&str> {
        match self {
            Change::Added { id, .. }
            | Change::Removed { id, .. }
            | Change::TypeChanged { id, .. }
            | Change::Property { id, .. }
            | Change::Attribute { id, .. } => Some(id),
            Change::Section { .. } => None,
        }
    }

    /// Whether this change replaces its resource for certain.
    pub fn replaces(&self) -> bool {
        match self {
            Change::TypeChanged { .. } => true,
            Change::Property { replacement, .. } => *replacement == Some(Replacement::Always),
            _ => false,
        }
    }

    /// The change as one JSON object (the `--format json` element).
    pub fn to_json(&self) -> Json {
        use serde_json::json;
        match self {
            Change::Added { id, type_name } => {
                json!({"action": "add", "logicalId": id, "type": type_name})
            }
            Change::Removed { id, type_name } => {
                json!({"action": "remove", "logicalId": id, "type": type_name})
            }
            Change::TypeChanged { id, old, new } => json!({
                "action": "modify", "logicalId": id, "type": new, "oldType": old,
                "replacement": "always"
            }),
            Change::Property {
                id,
                type_name,
                path,
                replacement,
            } => json!({
                "action": "modify", "logicalId": id, "type": type_name,
                "property": path_text(path),
                "replacement": replacement.map(replacement_name),
            }),
            Change::Attribute { id, attribute } => {
                json!({"action": "modify", "logicalId": id, "attribute": attribute})
            }
            Change::Section { section, name } => {
                json!({"action": "modify", "section": section, "name": name})
            }
        }
    }
}

/// `always`, `conditional` or `never`: the JSON spelling of a replacement mark.
pub fn replacement_name(r: Replacement) -> &'static str {
    match r {
        Replacement::Always => "always",
        Replacement::Conditional => "conditional",
        Replacement::Never => "never",
    }
}

/// The text mark after a change: ` [replacement]`, ` [may replace]` or ` [update in place]`.
pub fn replacement_mark(r: Option<Replacement>) -> &'static str {
    match r {
        Some(Replacement::Always) => " [replacement]",
        Some(Replacement::Conditional) => " [may replace]",
        Some(Replacement::Never) => " [update in place]",
        None => "",
    }
}

/// `ContainerDefinitions[0].Image`.
pub fn path_text(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(k) if out.is_empty() => out.push_str(k),
            Segment::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
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
                path,
                replacement,
                ..
            } => {
                let mark = replacement_mark(*replacement);
                write!(f, "~ {id}.Properties.{}{mark}", path_text(path))
            }
            Change::Attribute { id, attribute } => write!(f, "~ {id}.{attribute}"),
            Change::Section { section, name } => write!(f, "~ {section}.{name}"),
        }
    }
}

/// Every change as a JSON document: `{"changes": [...], "replacements": N}`.
pub fn to_json(changes: &[Change]) -> Json {
    let replacements: BTreeSet<&str> = changes
        .iter()
        .filter(|c| c.replaces())
        .filter_map(Change::resource_id)
        .collect();
    serde_json::json!({
        "changes": changes.iter().map(Change::to_json).collect::<Vec<_>>(),
        "replacedResources": replacements,
    })
}

/// The changes from `old` to `new`, both whole templates as JSON, in a stable order, with
/// replacements marked from the vendored specification.
pub fn diff_templates(old: &Json, new: &Json) -> Vec<Change> {
    diff(old, new, crate::cfn::replacement::replacement_at)
}

/// The changes from `old` to `new`, both whole templates as JSON, in a stable order.
/// `replacement(type, path)` says whether changing the value at `path` in a resource of `type`
/// replaces the resource.
pub fn diff(
    old: &Json,
    new: &Json,
    replacement: impl Fn(&str, &[&str]) -> Option<Replacement>,
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

const ATTRIBUTES: [&str; 7] = [
    "Condition",
    "DependsOn",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
    "DeletionPolicy",
    "UpdateReplacePolicy",
];

fn resource_changes(
    id: &str,
    old: &Json,
    new: &Json,
    replacement: &impl Fn(&str, &[&str]) -> Option<Replacement>,
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
    let no_properties = Json::Object(serde_json::Map::new());
    let properties = |r: &Json| canonical(r.get("Properties").unwrap_or(&no_properties));
    let mut paths = Vec::new();
    changed_paths(
        &properties(old),
        &properties(new),
        &mut Vec::new(),
        &mut paths,
    );
    for path in paths {
        let names: Vec<String> = path
            .iter()
            .map(|s| match s {
                Segment::Key(k) => k.clone(),
                Segment::Index(i) => i.to_string(),
            })
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        changes.push(Change::Property {
            id: id.to_owned(),
            type_name: new_type.clone(),
            replacement: replacement(&new_type, &names),
            path,
        });
    }
    for attribute in ATTRIBUTES {
        let value = |r: &Json| match (attribute, r.get(attribute)) {
            (_, None) => Json::Null,
            ("DependsOn", Some(v)) => canonical_depends_on(v),
            (_, Some(v)) => canonical(v),
        };
        if value(old) != value(new) {
            changes.push(Change::Attribute {
                id: id.to_owned(),
                attribute: attribute.to_owned(),
            });
        }
    }
}

/// The paths at which two canonical values differ: objects (not intrinsic functions) key by
/// key, lists of equal length item by item, anything else as a whole.
fn changed_paths(old: &Json, new: &Json, at: &mut Vec<Segment>, out: &mut Vec<Vec<Segment>>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Json::Object(o), Json::Object(n)) if !is_intrinsic(o) && !is_intrinsic(n) => {
            let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
            for key in keys {
                at.push(Segment::Key(key.clone()));
                let (a, b) = (o.get(key), n.get(key));
                changed_paths(a.unwrap_or(&Json::Null), b.unwrap_or(&Json::Null), at, out);
                at.pop();
            }
        }
        (Json::Array(o), Json::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                at.push(Segment::Index(i));
                changed_paths(a, b, at, out);
                at.pop();
            }
        }
        _ => out.push(at.clone()),
    }
}

/// `{"Ref": …}`, `{"Fn::…": …}` or `{"Condition": …}`: compared as one value.
fn is_intrinsic(map: &serde_json::Map<String, Json>) -> bool {
    map.len() == 1
        && map
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

/// Keys whose canonical values differ between two optional objects (added and removed keys
/// included).
fn changed_keys(old: Option<&Json>, new: Option<&Json>) -> Vec<String> {
    let empty = serde_json::Map::new();
    let old = old.and_then(Json::as_object).unwrap_or(&empty);
    let new = new.and_then(Json::as_object).unwrap_or(&empty);
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter(|k| old.get(*k).map(canonical) != new.get(*k).map(canonical))
        .cloned()
        .collect()
}
