//! `Value<T>` and the `IntoValue<K>` conversion that every property setter takes.
//!
//! A setter declares the *kind* `K` it expects: a Rust type (`String`, `i64`, `f64`, `bool`,
//! `Vec<K>`, `BTreeMap<String, K>`, [`Json`]), a generated nested property type or enum, or a
//! generated attribute type such as `cfn::iam::role::RoleArn` for a property that must refer to
//! an IAM role. Whatever implements `IntoValue<K>` is accepted there; anything else is a compile
//! error worded by the `on_unimplemented` message below.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use super::{Attribute, Handle, Intrinsic, Node, Resource};

/// A literal of type `T`, or an intrinsic function that yields a `T` at deploy time.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<T> {
    /// A value known now.
    Literal(T),
    /// A value CloudFormation computes at deploy time.
    Intrinsic(Intrinsic),
}

impl<T> Value<T> {
    /// Wraps an intrinsic whose result has type `T`.
    pub fn intrinsic(f: Intrinsic) -> Self {
        Value::Intrinsic(f)
    }

    /// Whether the value is only known at deploy time.
    pub fn is_unresolved(&self) -> bool {
        matches!(self, Value::Intrinsic(_))
    }
}

/// Converts a value into the template node of a property that expects kind `K`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used where `{K}` is expected",
    label = "expected `{K}`",
    note = "a property takes a literal of its kind, a parameter or intrinsic of that kind, or, where it refers \
            to a resource, a handle or attribute of the kind of resource it names"
)]
pub trait IntoValue<K> {
    /// The template node for this value.
    fn into_node(self) -> Node;
}

/// Kinds that accept plain text: `String`, timestamps, and every reference kind (an ID, a name
/// or an ARN can always be written out literally).
#[diagnostic::on_unimplemented(
    message = "a string cannot be used where `{Self}` is expected",
    label = "expected `{Self}`, found a string",
    note = "enums take one of their variants (or `Other(String)` for a value the spec does not list yet); numbers and booleans take literals or parameters"
)]
pub trait TextKind: StringBacked {}

/// Kinds whose values are strings in the template: every [`TextKind`] and every generated enum.
/// They accept string intrinsics and string parameters.
pub trait StringBacked {}

/// The kind of a free-form JSON property (a policy document, for example).
#[derive(Clone, Copy, Debug)]
pub struct Json;

impl TextKind for String {}
impl StringBacked for String {}

#[diagnostic::do_not_recommend]
impl<K: TextKind> IntoValue<K> for &str {
    fn into_node(self) -> Node {
        Node::Str(self.to_owned())
    }
}

#[diagnostic::do_not_recommend]
impl<K: TextKind> IntoValue<K> for String {
    fn into_node(self) -> Node {
        Node::Str(self)
    }
}

#[diagnostic::do_not_recommend]
impl<K: TextKind> IntoValue<K> for &String {
    fn into_node(self) -> Node {
        Node::Str(self.clone())
    }
}

#[diagnostic::do_not_recommend]
impl<K: StringBacked> IntoValue<K> for Value<String> {
    fn into_node(self) -> Node {
        value_node(self, Node::Str)
    }
}

#[diagnostic::do_not_recommend]
impl<K: StringBacked> IntoValue<K> for &Value<String> {
    fn into_node(self) -> Node {
        value_node(self.clone(), Node::Str)
    }
}

#[diagnostic::do_not_recommend]
impl<K: StringBacked> IntoValue<K> for Intrinsic {
    fn into_node(self) -> Node {
        self.into()
    }
}

#[diagnostic::do_not_recommend]
impl<A: Attribute> IntoValue<A> for A {
    fn into_node(self) -> Node {
        self.node()
    }
}

#[diagnostic::do_not_recommend]
impl<A: Attribute> IntoValue<String> for A {
    fn into_node(self) -> Node {
        self.node()
    }
}

#[diagnostic::do_not_recommend]
impl<R: Resource, K> IntoValue<K> for &Handle<R>
where
    R::Ref: IntoValue<K>,
{
    fn into_node(self) -> Node {
        self.ref_().into_node()
    }
}

fn value_node<T>(v: Value<T>, literal: impl FnOnce(T) -> Node) -> Node {
    match v {
        Value::Literal(t) => literal(t),
        Value::Intrinsic(f) => f.into(),
    }
}

macro_rules! literal_kind {
    ($kind:ty => $($from:ty),+ ; $to_node:expr) => {$(
        #[diagnostic::do_not_recommend]
        impl IntoValue<$kind> for $from {
            #[allow(clippy::cast_lossless, clippy::cast_possible_wrap, reason = "widening casts only")]
            fn into_node(self) -> Node {
                ($to_node)(self as _)
            }
        }
    )+
        #[diagnostic::do_not_recommend]
        impl IntoValue<$kind> for Value<$kind> {
            fn into_node(self) -> Node {
                value_node(self, $to_node)
            }
        }
    };
}

literal_kind!(i64 => i64, i32, u32, u16, u8, usize; Node::Int);
literal_kind!(f64 => f64, f32, i32, u32; Node::Float);
literal_kind!(bool => bool; Node::Bool);

#[diagnostic::do_not_recommend]
impl<K, T: IntoValue<K>> IntoValue<Vec<K>> for Vec<T> {
    fn into_node(self) -> Node {
        Node::List(self.into_iter().map(IntoValue::into_node).collect())
    }
}

#[diagnostic::do_not_recommend]
impl<K, T: IntoValue<K>, const N: usize> IntoValue<Vec<K>> for [T; N] {
    fn into_node(self) -> Node {
        Node::List(self.into_iter().map(IntoValue::into_node).collect())
    }
}

#[diagnostic::do_not_recommend]
impl<K: StringBacked> IntoValue<Vec<K>> for Value<Vec<String>> {
    fn into_node(self) -> Node {
        value_node(self, |items| {
            Node::List(items.into_iter().map(Node::Str).collect())
        })
    }
}

#[diagnostic::do_not_recommend]
impl<K, T: IntoValue<K>> IntoValue<BTreeMap<String, K>> for BTreeMap<String, T> {
    fn into_node(self) -> Node {
        Node::Map(self.into_iter().map(|(k, v)| (k, v.into_node())).collect())
    }
}

#[diagnostic::do_not_recommend]
impl<K, T: IntoValue<K>, const N: usize> IntoValue<BTreeMap<String, K>> for [(&str, T); N] {
    fn into_node(self) -> Node {
        Node::Map(
            self.into_iter()
                .map(|(k, v)| (k.to_owned(), v.into_node()))
                .collect(),
        )
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<Json> for serde_json::Value {
    fn into_node(self) -> Node {
        Node::from_json(&self)
    }
}

/// A string where JSON is expected: an `Fn::ToJsonString`, an `Fn::If` choosing between texts, a
/// `Ref` of a parameter (a JSON value may be a string).
#[diagnostic::do_not_recommend]
impl IntoValue<Json> for Value<String> {
    fn into_node(self) -> Node {
        value_node(self, Node::Str)
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<Json> for Node {
    fn into_node(self) -> Node {
        self
    }
}

/// A value of kind `K` held without converting it yet, for builders that set it later.
#[derive(Debug, PartialEq)]
pub struct Typed<K> {
    node: Node,
    kind: PhantomData<K>,
}

impl<K> Typed<K> {
    /// Captures a value of kind `K`.
    pub fn new(v: impl IntoValue<K>) -> Self {
        Typed {
            node: v.into_node(),
            kind: PhantomData,
        }
    }
}

#[diagnostic::do_not_recommend]
impl<K> Clone for Typed<K> {
    fn clone(&self) -> Self {
        Typed {
            node: self.node.clone(),
            kind: PhantomData,
        }
    }
}

#[diagnostic::do_not_recommend]
impl<K> IntoValue<K> for Typed<K> {
    fn into_node(self) -> Node {
        self.node
    }
}
