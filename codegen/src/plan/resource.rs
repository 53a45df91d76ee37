//! The layout of one resource file: the resource struct, its nested property types (each a
//! struct with its properties), then the enums, attribute types, slots and imports the other
//! planners decide.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;

use super::attr_index::AttrIndex;
use super::kinds::KindCtx;
use super::names::Names;
use super::{Prop, Replacement, Resource, Struct, check_unique};
use crate::model::{PropertySpec, ResourceSpec, Spec};
use crate::{docs, fixups, naming};

/// Plans one resource file.
pub(super) struct Planner<'a> {
    pub(super) spec: &'a Spec,
    pub(super) index: &'a AttrIndex,
    pub(super) resource: &'a ResourceSpec,
}

impl Planner<'_> {
    pub(super) fn type_name(&self) -> &str {
        &self.resource.cloud_formation_type
    }

    pub(super) fn service(&self) -> String {
        naming::service_module(self.resource.namespace())
    }

    pub(super) fn plan(&self) -> Result<Resource> {
        let r = self.resource;
        let mut names = Names::default();
        let struct_name = naming::resource_struct(&r.name);
        names.claim(&struct_name, "resource struct", self.type_name())?;
        names.claim(
            &naming::required_struct(&struct_name),
            "required struct",
            self.type_name(),
        )?;
        let nested_ids = self.nested_type_ids()?;
        let mut nested_names = BTreeMap::new();
        for id in &nested_ids {
            let def = self.spec.type_def(id)?;
            let name = naming::property_type(&def.name);
            names.claim(&name, "property type", self.type_name())?;
            names.claim(
                &naming::required_struct(&name),
                "required struct",
                self.type_name(),
            )?;
            nested_names.insert(id.clone(), name);
        }
        let (attr_types, attributes, ref_type, imports) = self.attributes(&mut names)?;
        let (enums, enum_index) = self.enums(&nested_ids, &mut names)?;
        let mut ctx = KindCtx {
            nested_names,
            enums: enum_index,
            names,
            slots: vec![],
            imports,
        };
        let body = self.structure(
            "",
            &struct_name,
            &r.documentation,
            &docs::resource_url(self.type_name()),
            &r.properties,
            &mut ctx,
        )?;
        let mut nested = Vec::new();
        for id in &nested_ids {
            let def = self.spec.type_def(id)?;
            let url = docs::property_type_url(self.type_name(), &def.name);
            let name = ctx.nested_names[id].clone();
            nested.push(self.structure(
                &def.name,
                &name,
                &def.documentation,
                &url,
                &def.properties,
                &mut ctx,
            )?);
        }
        nested.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        let KindCtx {
            mut slots,
            mut imports,
            ..
        } = ctx;
        slots.sort_by(|a, b| a.name.cmp(&b.name));
        imports.sort_by(|a, b| a.alias.cmp(&b.alias));
        Ok(Resource {
            type_name: self.type_name().to_owned(),
            module: naming::resource_module(&r.name),
            body,
            nested,
            enums,
            attr_types,
            attributes,
            ref_type,
            slots,
            imports,
        })
    }

    /// The `$id`s of every type definition reachable from the resource, sorted.
    fn nested_type_ids(&self) -> Result<Vec<String>> {
        let mut seen = BTreeSet::new();
        let mut queue: Vec<String> = self
            .resource
            .properties
            .values()
            .flat_map(|p| crate::vendor::refs(&p.ty))
            .collect();
        while let Some(id) = queue.pop() {
            if seen.insert(id.clone()) {
                queue.extend(
                    self.spec
                        .type_def(&id)?
                        .properties
                        .values()
                        .flat_map(|p| crate::vendor::refs(&p.ty)),
                );
            }
        }
        Ok(seen.into_iter().collect())
    }

    /// `AWS::ECS::TaskDefinition.PortMapping.Protocol` (`owner` is `""` for the resource).
    pub(super) fn property_path(&self, owner: &str, prop: &str) -> String {
        if owner.is_empty() {
            format!("{}.{prop}", self.type_name())
        } else {
            format!("{}.{owner}.{prop}", self.type_name())
        }
    }

    /// One struct (the resource body or a nested type) with its properties.
    fn structure(
        &self,
        owner: &str,
        rust_name: &str,
        documentation: &str,
        url: &str,
        props: &BTreeMap<String, PropertySpec>,
        ctx: &mut KindCtx,
    ) -> Result<Struct> {
        let mut out = Vec::new();
        for (name, p) in props {
            let kind = self.kind(owner, name, p, &p.ty, ctx)?;
            out.push(Prop {
                cfn_name: name.clone(),
                setter: naming::setter(name, owner.is_empty()),
                field: naming::required_field(name),
                param: naming::required_param(name),
                doc: docs::summary(&p.documentation),
                url: docs::property_url(self.type_name(), owner, name),
                kind,
                required: p.required,
                deprecated: p
                    .deprecated
                    .as_ref()
                    .map(|_| fixups::deprecation_note(self.type_name(), owner, name)),
                replacement: match p.causes_replacement.as_deref() {
                    Some("yes") => Replacement::Always,
                    Some("maybe") => Replacement::Conditional,
                    _ => Replacement::Never,
                },
            });
        }
        let what = format!("setters of `{}`", rust_name);
        check_unique(out.iter().map(|p| p.setter.as_str()), &what)?;
        Ok(Struct {
            owner: owner.to_owned(),
            rust_name: rust_name.to_owned(),
            doc: docs::summary(documentation),
            url: url.to_owned(),
            props: out,
        })
    }
}
