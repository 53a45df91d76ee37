//! The untyped value tree of a template: what every typed value becomes once it is set.
//!
//! Generated resource types store their properties as [`Node`]s, so serialization, validation
//! and `diff` are written once for every resource type instead of once per type.

use std::collections::BTreeMap;

use super::Intrinsic;

/// One value in a CloudFormation template: a literal or an intrinsic function.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// JSON `null`.
    Null,
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A floating-point literal.
    Float(f64),
    /// A string literal.
    Str(String),
    /// A list whose items may be intrinsics.
    List(Vec<Node>),
    /// An object; keys are kept sorted so output is deterministic.
    Map(BTreeMap<String, Node>),
    /// An intrinsic function or a reference.
    Fn(Box<Intrinsic>),
}

impl Node {
    /// The string literal, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer literal, if this is one (a string holding an integer counts, as in CloudFormation).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Node::Int(i) => Some(*i),
            Node::Float(f) if f.fract() == 0.0 => Some(*f as i64),
            Node::Str(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The boolean literal, if this is one (`"true"`/`"false"` count, as in CloudFormation).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            Node::Str(s) if s == "true" => Some(true),
            Node::Str(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// The list items, if this is a literal list.
    pub fn as_list(&self) -> Option<&[Node]> {
        match self {
            Node::List(items) => Some(items),
            _ => None,
        }
    }

    /// The object, if this is a literal map.
    pub fn as_map(&self) -> Option<&BTreeMap<String, Node>> {
        match self {
            Node::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The intrinsic function, if this is one.
    pub fn as_intrinsic(&self) -> Option<&Intrinsic> {
        match self {
            Node::Fn(f) => Some(f),
            _ => None,
        }
    }

    /// A key of a literal map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map().and_then(|m| m.get(key))
    }

    /// Whether the value is only known at deploy time.
    pub fn is_unresolved(&self) -> bool {
        matches!(self, Node::Fn(_))
    }

    /// Converts JSON (a raw override, a raw property, an imported value) into a node.
    /// `{"Ref": …}` and `{"Fn::…": …}` objects become intrinsics, so synth checks what they name
    /// like a typed reference; a malformed one is kept as written and reported at synth.
    pub fn from_json(json: &serde_json::Value) -> Node {
        super::from_json::lenient(json)
    }

    /// Converts a JSON scalar, or JSON holding no intrinsics, as it is.
    pub(crate) fn literal_from_json(json: &serde_json::Value) -> Node {
        use serde_json::Value as J;
        match json {
            J::Null => Node::Null,
            J::Bool(b) => Node::Bool(*b),
            J::Number(n) => n
                .as_i64()
                .map_or_else(|| Node::Float(n.as_f64().unwrap_or(0.0)), Node::Int),
            J::String(s) => Node::Str(s.clone()),
            J::Array(items) => Node::List(items.iter().map(Node::literal_from_json).collect()),
            J::Object(m) => Node::Map(
                m.iter()
                    .map(|(k, v)| (k.clone(), Node::literal_from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Deep-merges `patch` into `self`: maps merge key by key, anything else is replaced.
    pub fn merge(&mut self, patch: Node) {
        match (self, patch) {
            (Node::Map(base), Node::Map(patch)) => {
                for (k, v) in patch {
                    match base.get_mut(&k) {
                        Some(existing) => existing.merge(v),
                        None => {
                            base.insert(k, v);
                        }
                    }
                }
            }
            (slot, patch) => *slot = patch,
        }
    }

    /// Visits this node and every node below it, depth first.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Node)) {
        visit(self);
        match self {
            Node::List(items) => items.iter().for_each(|n| n.walk(visit)),
            Node::Map(m) => m.values().for_each(|n| n.walk(visit)),
            Node::Fn(f) => f.children().into_iter().for_each(|n| n.walk(visit)),
            _ => {}
        }
    }
}

impl From<&str> for Node {
    fn from(s: &str) -> Self {
        Node::Str(s.to_owned())
    }
}

impl From<String> for Node {
    fn from(s: String) -> Self {
        Node::Str(s)
    }
}

impl From<Intrinsic> for Node {
    fn from(f: Intrinsic) -> Self {
        Node::Fn(Box::new(f))
    }
}

/// A map of property names to values, sorted by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props(BTreeMap<&'static str, Node>);

impl Props {
    /// An empty property map.
    pub const fn new() -> Self {
        Props(BTreeMap::new())
    }

    /// Sets a property, replacing an earlier value.
    pub fn set(&mut self, name: &'static str, value: Node) {
        self.0.insert(name, value);
    }

    /// Appends to a list property, creating it when absent.
    pub fn push(&mut self, name: &'static str, value: Node) {
        match self.0.entry(name).or_insert_with(|| Node::List(Vec::new())) {
            Node::List(items) => items.push(value),
            other => *other = Node::List(vec![value]),
        }
    }

    /// The value of a property.
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.0.get(name)
    }

    /// Whether no property is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Converts into a map node.
    pub fn into_node(self) -> Node {
        Node::Map(self.0.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
}
