//! The attribute type of every resource attribute and `Ref`, decided for the whole spec before any
//! file is planned, so a reference from one file to another names the same type.

use std::collections::BTreeMap;

use anyhow::Result;

use super::AttrTypeId;
use crate::model::{ResourceSpec, Spec, SpecType};
use crate::{fixups, naming};

/// The attribute types of every resource, by (resource type, attribute or `Ref` identifier),
/// decided before any file so that references across files agree.
pub(super) struct AttrIndex {
    pub(super) by_name: BTreeMap<(String, String), AttrTypeId>,
    pub(super) ref_type: BTreeMap<String, AttrTypeId>,
}

impl AttrIndex {
    pub(super) fn build(spec: &Spec) -> Result<AttrIndex> {
        let mut index = AttrIndex {
            by_name: BTreeMap::new(),
            ref_type: BTreeMap::new(),
        };
        for r in &spec.resources {
            let service = naming::service_module(r.namespace());
            let module = naming::resource_module(&r.name);
            let id = |name: String| AttrTypeId {
                service: service.clone(),
                module: module.clone(),
                name,
            };
            for (attr, a) in &r.attributes {
                if matches!(a.ty, SpecType::String { .. }) {
                    let name = shared_attribute(&r.cloud_formation_type, attr).unwrap_or(attr);
                    let ty = id(naming::attr_type(&r.name, name));
                    index
                        .by_name
                        .insert((r.cloud_formation_type.clone(), attr.clone()), ty);
                }
            }
            let ref_ty = match ref_identifier(r) {
                Some(ident) => index
                    .by_name
                    .get(&(r.cloud_formation_type.clone(), ident.to_owned()))
                    .cloned()
                    .unwrap_or_else(|| id(naming::attr_type(&r.name, ident))),
                None => id(naming::compound_ref_type(&r.name)),
            };
            if let Some(ident) = ref_identifier(r) {
                index.by_name.insert(
                    (r.cloud_formation_type.clone(), ident.to_owned()),
                    ref_ty.clone(),
                );
            }
            index
                .ref_type
                .insert(r.cloud_formation_type.clone(), ref_ty);
        }
        for foreign in fixups::FOREIGN_ATTRIBUTES {
            if let Some(ty) = index.resolve(foreign.target.resource, foreign.target.attribute) {
                let attribute = &foreign.attribute;
                index.by_name.insert(
                    (
                        attribute.resource.to_owned(),
                        attribute.attribute.to_owned(),
                    ),
                    ty,
                );
            }
        }
        Ok(index)
    }

    /// The attribute type a relationship names, per the fix-ups on relationships.
    pub(super) fn resolve(&self, target_type: &str, property: &str) -> Option<AttrTypeId> {
        let attribute = self
            .by_name
            .get(&(target_type.to_owned(), property.to_owned()))
            .cloned();
        fixups::resolve_relationship(property, attribute, || {
            self.ref_type.get(target_type).cloned()
        })
    }
}

/// The attribute whose type `attr` reuses ([`fixups::SAME_ATTRIBUTE`]).
pub(super) fn shared_attribute(type_name: &str, attr: &str) -> Option<&'static str> {
    fixups::SAME_ATTRIBUTE
        .iter()
        .find(|s| s.resource == type_name && s.attribute == attr)
        .map(|s| s.same_as)
}

/// The single identifier `Ref` returns: `cfnRefIdentifier`, else the primary identifier;
/// `None` when it is compound or absent.
pub fn ref_identifier(r: &ResourceSpec) -> Option<&str> {
    let ids = r
        .cfn_ref_identifier
        .as_ref()
        .or(r.primary_identifier.as_ref())?;
    match ids.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}
