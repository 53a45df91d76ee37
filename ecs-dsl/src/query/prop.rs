//! `Prop<K>`: the value of one property in a template, typed by the kind its setter takes.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::property::{Blank, Probe, property_name};
use super::reference::Reference;
use crate::intrinsic::IntoValue;
use crate::template::Node;

/// A property of kind `K` as found in a template: maybe unset, maybe an intrinsic. Reached from
/// [`super::Found::prop`] and, for nested property types, from [`Prop::prop`].
pub struct Prop<'t, K> {
    resource: &'t str,
    path: String,
    node: Option<&'t Node>,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Prop<'_, K> {
    fn clone(&self) -> Self {
        Prop::new(self.resource, self.path.clone(), self.node)
    }
}

impl<K> std::fmt::Debug for Prop<'_, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Prop({} = {:?})", self.path, self.node)
    }
}

impl<'t, K> Prop<'t, K> {
    pub(crate) fn new(resource: &'t str, path: String, node: Option<&'t Node>) -> Self {
        Prop {
            resource,
            path,
            node,
            kind: PhantomData,
        }
    }

    /// The logical ID of the resource the property belongs to.
    pub fn resource_id(&self) -> &'t str {
        self.resource
    }

    /// The template path, such as `Resources.Web.Properties.NetworkConfiguration`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value as a template node, `None` when the property is not set.
    pub fn node(&self) -> Option<&'t Node> {
        self.node
    }

    /// Whether the property is set.
    pub fn is_set(&self) -> bool {
        self.node.is_some()
    }

    /// Whether the value is an intrinsic, only known at deploy time.
    pub fn is_unresolved(&self) -> bool {
        self.node.is_some_and(Node::is_unresolved)
    }

    /// Whether the property holds exactly what the setter would write for `value`:
    /// `.equals(LaunchType::Fargate)`, `.equals(2)`, `.equals(&handle)` (in a stack's own
    /// template; a template read from a file has no handles, compare [`Prop::reference`]).
    pub fn equals(&self, value: impl IntoValue<K>) -> bool {
        self.node.is_some_and(|n| *n == value.into_node())
    }

    /// A literal string value (enums and references written as text included).
    pub fn text(&self) -> Option<&'t str> {
        self.node.and_then(Node::as_str)
    }

    /// The resource this value refers to with `Ref` or `Fn::GetAtt`: a capture to follow with
    /// [`crate::Template::follow`].
    pub fn reference(&self) -> Option<Reference> {
        self.node.and_then(Reference::of)
    }
}

impl<'t, K: Blank> Prop<'t, K> {
    /// A property of this nested property type, named by its setter:
    /// `.prop(NetworkConfiguration::awsvpc_configuration)`.
    pub fn prop<L>(&self, setter: impl FnOnce(K, Probe<L>) -> K) -> Prop<'t, L> {
        let name = property_name(setter).unwrap_or_default();
        let node = self.node.and_then(|n| n.get(&name));
        Prop::new(self.resource, format!("{}.{name}", self.path), node)
    }
}

impl<'t, K> Prop<'t, Vec<K>> {
    /// The items of a literal list, each typed (none when unset or an intrinsic).
    pub fn items(&self) -> Vec<Prop<'t, K>> {
        let items = self.node.and_then(Node::as_list).unwrap_or_default();
        items
            .iter()
            .enumerate()
            .map(|(i, n)| Prop::new(self.resource, format!("{}[{i}]", self.path), Some(n)))
            .collect()
    }
}

impl<'t, K> Prop<'t, BTreeMap<String, K>> {
    /// The entry under `key` of a literal map.
    pub fn entry(&self, key: &str) -> Prop<'t, K> {
        let node = self.node.and_then(|n| n.get(key));
        Prop::new(self.resource, format!("{}.{key}", self.path), node)
    }
}

impl Prop<'_, i64> {
    /// The integer literal (`None` when unset or an intrinsic).
    pub fn value(&self) -> Option<i64> {
        self.node.and_then(Node::as_int)
    }
}

impl Prop<'_, f64> {
    /// The number literal (`None` when unset or an intrinsic).
    pub fn value(&self) -> Option<f64> {
        match self.node? {
            Node::Float(f) => Some(*f),
            other => other.as_int().map(|i| i as f64),
        }
    }
}

impl Prop<'_, bool> {
    /// The boolean literal (`None` when unset or an intrinsic).
    pub fn value(&self) -> Option<bool> {
        self.node.and_then(Node::as_bool)
    }
}

impl<'t> Prop<'t, String> {
    /// The string literal (`None` when unset or an intrinsic).
    pub fn value(&self) -> Option<&'t str> {
        self.text()
    }
}
