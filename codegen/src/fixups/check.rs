//! The fix-ups against the vendored spec: an entry that no longer applies must go.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};

use super::{
    ADDED_RELATIONSHIPS, DEPRECATION_NOTES, DROPPED_RELATIONSHIPS, DroppedTargets,
    FOREIGN_ATTRIBUTES, LAMBDA_RUNTIME_PROPERTIES, PropertyAt, SAME_ATTRIBUTE,
};
use crate::model::{PropertySpec, ResourceSpec, Spec};

/// Fails when a fix-up names a resource, owner type or property the vendored spec does not have,
/// or a dropped relationship the spec does not list.
pub fn check(spec: &Spec) -> Result<()> {
    let mut places: Vec<(PropertyAt, &str)> = Vec::new();
    places.extend(
        DEPRECATION_NOTES
            .iter()
            .map(|f| (f.at, "DEPRECATION_NOTES")),
    );
    places.extend(
        LAMBDA_RUNTIME_PROPERTIES
            .iter()
            .map(|f| (f.at, "LAMBDA_RUNTIME_PROPERTIES")),
    );
    places.extend(
        DROPPED_RELATIONSHIPS
            .iter()
            .map(|f| (f.at, "DROPPED_RELATIONSHIPS")),
    );
    places.extend(
        ADDED_RELATIONSHIPS
            .iter()
            .map(|f| (f.at, "ADDED_RELATIONSHIPS")),
    );
    for (at, table) in places {
        if property(spec, at).is_none() {
            bail!(
                "fix-up {table}: `{}` has no property `{}` on `{}`; delete or update the entry",
                at.resource,
                at.property,
                if at.owner.is_empty() {
                    at.resource
                } else {
                    at.owner
                }
            );
        }
    }
    for dropped in DROPPED_RELATIONSHIPS {
        let rels = property(spec, dropped.at)
            .map(|p| p.relationship_refs.as_slice())
            .unwrap_or_default();
        let listed = rels.iter().any(|r| match dropped.targets {
            DroppedTargets::All => true,
            DroppedTargets::Only(target) => {
                format!("{}.{}", r.cloud_formation_type, r.property_name) == target
            }
        });
        if !listed {
            bail!(
                "fix-up DROPPED_RELATIONSHIPS: `{}` `{}` has no relationship {:?} any more; delete the entry",
                dropped.at.resource,
                dropped.at.property,
                dropped.targets
            );
        }
    }
    for foreign in FOREIGN_ATTRIBUTES {
        let (t, attr) = (foreign.attribute.resource, foreign.attribute.attribute);
        let (target, target_attr) = (foreign.target.resource, foreign.target.attribute);
        let (Some(r), Some(tr)) = (spec.resource(t), spec.resource(target)) else {
            bail!(
                "fix-up FOREIGN_ATTRIBUTES: `{t}` or `{target}` is not in the vendored spec; delete the entry"
            );
        };
        let target_has = tr.attributes.contains_key(target_attr)
            || crate::plan::ref_identifier(tr) == Some(target_attr);
        if !r.attributes.contains_key(attr) || !target_has || r.namespace() != tr.namespace() {
            bail!(
                "fix-up FOREIGN_ATTRIBUTES: `{t}.{attr}` → `{target}.{target_attr}` does not apply (missing, or another namespace)"
            );
        }
    }
    for same in SAME_ATTRIBUTE {
        let r = spec.resource(same.resource);
        if r.is_none_or(|r| {
            !r.attributes.contains_key(same.same_as) || !r.attributes.contains_key(same.attribute)
        }) {
            bail!(
                "fix-up SAME_ATTRIBUTE: `{}` lacks attribute `{}` or `{}`; delete the entry",
                same.resource,
                same.same_as,
                same.attribute
            );
        }
    }
    Ok(())
}

/// The property a fix-up names, if the spec has it.
fn property(spec: &Spec, at: PropertyAt) -> Option<&PropertySpec> {
    let r = spec.resource(at.resource)?;
    let props: &BTreeMap<String, PropertySpec> = if at.owner.is_empty() {
        &r.properties
    } else {
        spec.types
            .values()
            .find(|d| d.name == at.owner && type_belongs_to(spec, r, &d.id))
            .map(|d| &d.properties)?
    };
    props.get(at.property)
}

/// Whether a type definition is used by a resource (reachable from its properties).
fn type_belongs_to(spec: &Spec, r: &ResourceSpec, id: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut queue: Vec<String> = r
        .properties
        .values()
        .flat_map(|p| crate::vendor::refs(&p.ty))
        .collect();
    while let Some(next) = queue.pop() {
        if next == id {
            return true;
        }
        if seen.insert(next.clone())
            && let Some(d) = spec.types.get(&next)
        {
            queue.extend(
                d.properties
                    .values()
                    .flat_map(|p| crate::vendor::refs(&p.ty)),
            );
        }
    }
    false
}
