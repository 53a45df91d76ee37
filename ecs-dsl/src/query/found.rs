//! `Found<R>`: one resource of a template, typed by its generated L1 type.

use std::marker::PhantomData;

use super::prop::Prop;
use super::property::{Blank, Probe, property_name};
use crate::template::{Node, TemplateResource};

/// A resource of type `R` found in a template, with typed access to its properties.
pub struct Found<'t, R> {
    id: &'t str,
    resource: &'t TemplateResource,
    kind: PhantomData<fn() -> R>,
}

impl<R> Clone for Found<'_, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Found<'_, R> {}

impl<R> std::fmt::Debug for Found<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Found({}: {})", self.id, self.resource.type_name)
    }
}

impl<'t, R> Found<'t, R> {
    pub(crate) fn new(id: &'t str, resource: &'t TemplateResource) -> Self {
        Found {
            id,
            resource,
            kind: PhantomData,
        }
    }

    /// The logical ID.
    pub fn logical_id(&self) -> &'t str {
        self.id
    }

    /// The untyped resource: `DependsOn`, `Condition`, policies, and every property as a node.
    pub fn resource(&self) -> &'t TemplateResource {
        self.resource
    }

    /// The template path of the resource, `Resources.<logical ID>`.
    pub fn path(&self) -> String {
        format!("Resources.{}", self.id)
    }

    /// The `DependsOn` logical IDs, sorted.
    pub fn depends_on(&self) -> &'t [String] {
        &self.resource.depends_on
    }
}

impl<'t, R: Blank> Found<'t, R> {
    /// A property, named by its generated setter: `service.prop(CfnService::desired_count)` is a
    /// `Prop<i64>`. A setter that does not exist does not compile.
    pub fn prop<K>(&self, setter: impl FnOnce(R, Probe<K>) -> R) -> Prop<'t, K> {
        let name = property_name(setter).unwrap_or_default();
        let node: Option<&'t Node> = self.resource.property(&name);
        Prop::new(self.id, format!("{}.Properties.{name}", self.path()), node)
    }
}
