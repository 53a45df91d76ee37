//! The resolved plan: every generated item with its Rust name, kind and docs, decided once from
//! the spec, the naming rules and the fix-ups. The emitters only print it; the cross-check test
//! compares it with cfn-lint.
//!
//! - [`items`]: what a plan holds (the vocabulary the emitters print).
//! - `attr_index`: the attribute type of every resource attribute, decided across files first.
//! - `resource`: the layout of one resource file (its structs, in order).
//! - `names`: the type names taken in one file.
//! - `attributes`, `enums`, `kinds`: the attribute methods, string enums and property kinds of
//!   one file.

mod attr_index;
mod attributes;
mod enums;
pub mod items;
mod kinds;
mod names;
mod resource;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};

pub use self::attr_index::ref_identifier;
pub use self::items::*;
use crate::model::Spec;
use crate::{fixups, naming};

/// Builds the plan from the vendored spec.
pub fn build(spec: &Spec) -> Result<Plan> {
    fixups::check(spec)?;
    let plan = plan_services(spec)?;
    check_enum_names(&plan)?;
    Ok(plan)
}

/// Plans every resource file, grouped by service.
fn plan_services(spec: &Spec) -> Result<Plan> {
    let index = attr_index::AttrIndex::build(spec)?;
    let mut services: BTreeMap<String, Service> = BTreeMap::new();
    for resource in &spec.resources {
        let planned = resource::Planner {
            spec,
            index: &index,
            resource,
        }
        .plan()?;
        let module = naming::service_module(resource.namespace());
        services
            .entry(module.clone())
            .or_insert_with(|| Service {
                namespace: resource.namespace().to_owned(),
                module,
                resources: vec![],
            })
            .resources
            .push(planned);
    }
    let mut services: Vec<Service> = services.into_values().collect();
    for s in &mut services {
        s.resources.sort_by(|a, b| a.module.cmp(&b.module));
        check_unique(
            s.resources.iter().map(|r| r.module.as_str()),
            &format!("module names in `{}`", s.module),
        )?;
    }
    Ok(Plan { services })
}

/// Fails when an entry of [`naming::ENUM_NAMES`] names no enum of the plan.
fn check_enum_names(plan: &Plan) -> Result<()> {
    for entry in naming::ENUM_NAMES {
        let path = if entry.owner.is_empty() {
            format!("{}.{}", entry.resource, entry.property)
        } else {
            format!("{}.{}.{}", entry.resource, entry.owner, entry.property)
        };
        let named = plan
            .services
            .iter()
            .flat_map(|s| &s.resources)
            .filter(|r| r.type_name == entry.resource)
            .flat_map(|r| &r.enums)
            .any(|e| e.name == entry.name && e.used_by.contains(&path));
        if !named {
            bail!(
                "naming::ENUM_NAMES: `{path}` has no enum `{}` any more; delete the entry",
                entry.name
            );
        }
    }
    Ok(())
}

/// Fails when a name repeats.
fn check_unique<'a>(names: impl Iterator<Item = &'a str>, what: &str) -> Result<()> {
    let mut seen = BTreeSet::new();
    for n in names {
        if !seen.insert(n) {
            bail!("duplicate {what}: `{n}`; add a naming rule or fix-up");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::{Subset, Supplement};

    /// A load balancer listener with a string enum on the resource (`Protocol`) and one on a
    /// property type (`Action.Type`), plus `extra` properties on the resource.
    fn listener(extra: serde_json::Value) -> Spec {
        let string_enum = |values: &[&str]| json!({"type": "string", "allowedValues": values});
        let mut properties = json!({
            "Protocol": {"type": string_enum(&["HTTP", "HTTPS"])},
            "DefaultActions": {"type": {"type": "array", "element": {"type": "ref", "reference": {"$ref": "action"}}}},
        });
        properties
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let subset = json!({
            "resources": [{
                "$id": "listener",
                "cloudFormationType": "AWS::Demo::Listener",
                "name": "Listener",
                "properties": properties,
                "primaryIdentifier": ["ListenerArn"],
                "attributes": {"ListenerArn": {"type": {"type": "string"}}},
            }],
            "typeDefinitions": [
                {"$id": "action", "name": "Action", "properties": {
                    "Type": {"type": string_enum(&["forward", "redirect"])},
                }},
                {"$id": "rule", "name": "Rule", "properties": {
                    "Type": {"type": string_enum(&["fixed-response"])},
                }},
            ],
        });
        let subset: Subset = serde_json::from_value(subset).unwrap();
        Spec::new(subset, Supplement::default())
    }

    fn enum_names(spec: &Spec) -> Vec<(String, Vec<String>)> {
        let plan = plan_services(spec).unwrap();
        plan.services[0].resources[0]
            .enums
            .iter()
            .map(|e| (e.name.clone(), e.used_by.clone()))
            .collect()
    }

    #[test]
    fn adding_an_unrelated_property_renames_no_enum() {
        let before = enum_names(&listener(json!({})));
        assert_eq!(
            before,
            [
                (
                    "ActionType".to_owned(),
                    vec!["AWS::Demo::Listener.Action.Type".to_owned()]
                ),
                (
                    "Protocol".to_owned(),
                    vec!["AWS::Demo::Listener.Protocol".to_owned()]
                ),
            ]
        );
        // Another `Type` on the resource, with other values, and a `Rule.Type` through a new
        // property: under a rule that named enums by collisions, `Action.Type` would have been
        // `Type` before and something else after.
        let after = enum_names(&listener(json!({
            "Type": {"type": {"type": "string", "allowedValues": ["application", "network"]}},
            "Rules": {"type": {"type": "array", "element": {"type": "ref", "reference": {"$ref": "rule"}}}},
            "Protocols": {"type": {"type": "array", "element": {"type": "string", "allowedValues": ["HTTP", "HTTPS"]}}},
        })));
        for (name, used_by) in &before {
            assert!(
                after
                    .iter()
                    .any(|(n, u)| n == name && u.contains(&used_by[0])),
                "`{}` is no longer `{name}`: {after:?}",
                used_by[0]
            );
        }
        let names: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["ActionType", "Protocol", "Protocols", "RuleType", "Type"]
        );
    }
}
