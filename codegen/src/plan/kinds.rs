//! The kind of each property: a scalar, a nested struct, an enum, one resource's attribute type
//! (imported when it lives in another file), or a slot accepting several.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use super::enums::EnumIndex;
use super::names::Names;
use super::resource::Planner;
use super::{AttrTypeId, Import, Kind, Slot};
use crate::model::{PropertySpec, SpecType};
use crate::{fixups, naming};

impl Planner<'_> {
    /// The kind of a property (or of a list/map element of it).
    pub(super) fn kind(
        &self,
        owner: &str,
        prop: &str,
        p: &PropertySpec,
        ty: &SpecType,
        ctx: &mut KindCtx,
    ) -> Result<Kind> {
        Ok(match ty {
            SpecType::String { .. } => {
                if let Some(e) = ctx.enum_for(owner, prop) {
                    Kind::Named(e)
                } else {
                    self.reference_kind(owner, prop, p, ctx)?
                }
            }
            SpecType::DateTime => Kind::Scalar("String"),
            SpecType::Integer { .. } => Kind::Scalar("i64"),
            SpecType::Number => Kind::Scalar("f64"),
            SpecType::Boolean => Kind::Scalar("bool"),
            SpecType::Json => Kind::Scalar("Json"),
            SpecType::Tag => Kind::Tag,
            SpecType::Array { element } => {
                Kind::List(Box::new(self.kind(owner, prop, p, element, ctx)?))
            }
            SpecType::Map { element } => {
                Kind::Map(Box::new(self.kind(owner, prop, p, element, ctx)?))
            }
            SpecType::Ref { reference } => Kind::Named(ctx.nested_names[&reference.id].clone()),
            SpecType::Union { types } => match fixups::union_kind(types) {
                Some(resolved) => self.kind(owner, prop, p, &resolved, ctx)?,
                None => bail!(
                    "{}: property `{prop}` has a union type no rule covers; extend `fixups::union_kind`",
                    self.type_name()
                ),
            },
        })
    }

    /// `String`, one resource's attribute type, or a slot for several.
    fn reference_kind(
        &self,
        owner: &str,
        prop: &str,
        p: &PropertySpec,
        ctx: &mut KindCtx,
    ) -> Result<Kind> {
        let mut targets: Vec<AttrTypeId> = Vec::new();
        for (target_type, target_prop) in
            fixups::relationships(self.type_name(), owner, prop, &p.relationship_refs)
        {
            if self.spec.resource(&target_type).is_none() {
                continue;
            }
            if let Some(t) = self.index.resolve(&target_type, &target_prop)
                && !targets.contains(&t)
            {
                targets.push(t);
            }
        }
        targets.sort();
        let service = self.service();
        let module = naming::resource_module(&self.resource.name);
        match targets.as_slice() {
            [] => Ok(Kind::Scalar("String")),
            [one] if one.service == service && one.module == module => {
                Ok(Kind::Named(one.name.clone()))
            }
            [one] => Ok(Kind::Named(ctx.import(one, self.type_name())?)),
            _ => {
                let owner_name = if owner.is_empty() {
                    &self.resource.name
                } else {
                    owner
                };
                let name = naming::slot_type(owner_name, prop);
                let used_by = self.property_path(owner, prop);
                if let Some(existing) = ctx.slots.iter().find(|s| s.name == name) {
                    if existing.targets != targets {
                        bail!(
                            "{}: slot `{name}` is used with different targets; add a naming rule",
                            self.type_name()
                        );
                    }
                } else {
                    ctx.names.claim(&name, "slot", self.type_name())?;
                    ctx.slots.push(Slot {
                        name: name.clone(),
                        used_by,
                        targets,
                    });
                }
                Ok(Kind::AnyOf(name))
            }
        }
    }
}

/// The state of one file while kinds are decided.
pub(super) struct KindCtx {
    pub(super) nested_names: BTreeMap<String, String>,
    pub(super) enums: EnumIndex,
    pub(super) names: Names,
    pub(super) slots: Vec<Slot>,
    pub(super) imports: Vec<Import>,
}

impl KindCtx {
    fn enum_for(&self, owner: &str, prop: &str) -> Option<String> {
        self.enums
            .get(&(owner.to_owned(), prop.to_owned()))
            .cloned()
    }

    /// The name under which an attribute type of another file is used here.
    fn import(&mut self, target: &AttrTypeId, type_name: &str) -> Result<String> {
        if let Some(i) = self.imports.iter().find(|i| &i.target == target) {
            return Ok(i.alias.clone());
        }
        let alias = if self.names.taken.contains(&target.name)
            || naming::RESERVED_TYPE_NAMES.contains(&target.name.as_str())
        {
            naming::import_alias(&target.service, &target.name)
        } else {
            target.name.clone()
        };
        self.names
            .claim(&alias, "imported attribute type", type_name)?;
        self.imports.push(Import {
            target: target.clone(),
            alias: alias.clone(),
        });
        Ok(alias)
    }
}
