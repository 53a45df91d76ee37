//! `Index`: the template's resources grouped by type once, so each rule visits only the
//! resources it judges and looks others up by logical ID (validation stays linear in the
//! template's size).

use std::collections::BTreeMap;

use crate::template::{Node, Template, TemplateResource};

/// A resource together with its logical ID.
#[derive(Clone, Copy, Debug)]
pub(super) struct Res<'t> {
    /// The logical ID.
    pub(super) id: &'t str,
    /// The resource.
    pub(super) resource: &'t TemplateResource,
}

impl<'t> Res<'t> {
    /// A property, if set.
    pub(super) fn prop(&self, name: &str) -> Option<&'t Node> {
        self.resource.property(name)
    }

    /// The template path of something below `Properties`, such as `Resources.Web.Properties.Cpu`.
    pub(super) fn path(&self, below_properties: &str) -> String {
        format!("Resources.{}.Properties.{below_properties}", self.id)
    }

    /// The template path of the resource's `Type`.
    pub(super) fn type_path(&self) -> String {
        format!("Resources.{}.Type", self.id)
    }
}

/// A template with its resources indexed by type.
pub(super) struct Index<'t> {
    template: &'t Template,
    by_type: BTreeMap<&'t str, Vec<Res<'t>>>,
}

impl<'t> Index<'t> {
    /// Indexes a template.
    pub(super) fn new(template: &'t Template) -> Self {
        let mut by_type: BTreeMap<&str, Vec<Res<'t>>> = BTreeMap::new();
        for (id, resource) in &template.resources {
            by_type
                .entry(resource.type_name.as_str())
                .or_default()
                .push(Res { id, resource });
        }
        Index { template, by_type }
    }

    /// The resources of one type, by logical ID.
    pub(super) fn of_type(&self, type_name: &str) -> impl Iterator<Item = Res<'t>> + '_ {
        self.by_type.get(type_name).into_iter().flatten().copied()
    }

    /// Every resource type present with its resources.
    pub(super) fn types(&self) -> impl Iterator<Item = (&'t str, &[Res<'t>])> + '_ {
        self.by_type.iter().map(|(t, rs)| (*t, rs.as_slice()))
    }

    /// The resource with this logical ID, if it has this type.
    pub(super) fn resource_of_type(&self, id: &str, type_name: &str) -> Option<Res<'t>> {
        let (id, resource) = self.template.resources.get_key_value(id)?;
        (resource.type_name == type_name).then_some(Res { id, resource })
    }

    /// The declaration of a parameter.
    pub(super) fn parameter(&self, name: &str) -> Option<&'t Node> {
        self.template.parameters.get(name)
    }
}
