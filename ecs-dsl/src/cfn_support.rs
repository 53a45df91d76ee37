//! The hand-written support of the generated L1 types (`cfn/**`): the standard tag, the kind of
//! a property that accepts several resource types' attributes, and the setter plumbing every
//! generated type shares. `cfn/mod.rs` re-exports it, so its items keep their `cfn::` paths;
//! the generator writes only what the specification decides.

use std::marker::PhantomData;

use crate::intrinsic::{Attribute, IntoValue, StringBacked, TextKind, Value};
use crate::template::{Node, Props};

/// A standard resource tag: `{"Key": …, "Value": …}`.
#[derive(Clone, PartialEq)]
pub struct Tag(Props);

impl Tag {
    /// A tag with a key and a value.
    pub fn new(key: impl IntoValue<String>, value: impl IntoValue<String>) -> Self {
        Tag(Props::new()).with("Key", key).with("Value", value)
    }
}

property_types!(Tag);

/// The kind of a property that accepts attributes of several resource types, such as
/// `AWS::EC2::FlowLog.LogDestination` (a log group's or a bucket's ARN). `M` is a marker type per
/// property (`flow_log::FlowLogDestinationRef`); every accepted attribute type implements
/// [`AcceptedBy<M>`]. Text, string parameters and intrinsics are accepted as for any reference.
pub struct AnyOf<M>(PhantomData<fn() -> M>);

impl<M> TextKind for AnyOf<M> {}
impl<M> StringBacked for AnyOf<M> {}

/// An attribute type that a property of kind [`AnyOf<M>`] accepts.
pub trait AcceptedBy<M> {}

// The `do_not_recommend`s keep these generic impls out of the "other types implement
// `IntoValue`" lists of unrelated errors.
#[diagnostic::do_not_recommend]
impl<A: Attribute + AcceptedBy<M>, M> IntoValue<AnyOf<M>> for A {
    #[inline]
    fn into_node(self) -> Node {
        self.node()
    }
}

/// How generated setters reach the property map of a resource or property type.
pub(crate) trait HasProps: Sized {
    /// The property map.
    fn props_mut(&mut self) -> &mut Props;

    /// Sets one property and returns `self`: the body of every generated setter, so each setter
    /// compiles to a single call.
    #[inline]
    fn with<K>(mut self, name: &'static str, v: impl IntoValue<K>) -> Self {
        self.props_mut().set(name, v.into_node());
        self
    }
}

/// Generated nested property types and enums. A `Value<K>` of one (from `Fn::if_`, for
/// example) is accepted wherever a `K` is.
pub trait GeneratedKind {}

#[diagnostic::do_not_recommend]
impl<K: GeneratedKind + IntoValue<K>> IntoValue<K> for Value<K> {
    #[inline]
    fn into_node(self) -> Node {
        match self {
            Value::Literal(v) => v.into_node(),
            Value::Intrinsic(f) => f.into(),
        }
    }
}
