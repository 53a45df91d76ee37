//! Typed handles to resources and typed references to their attributes.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use super::{Intrinsic, Node, RefTarget, ResourceBody, Symbol, Value};

/// A CloudFormation resource type: generated for every type of the specification
/// (`cfn::ecs::CfnService`, …) and implemented by custom resources.
pub trait Resource: 'static {
    /// The CloudFormation type name, such as `AWS::ECS::Service`.
    const TYPE: &'static str;
    /// What `Ref` returns for this type, as a typed attribute.
    type Ref: Attribute;
    /// The properties and resource attributes set so far.
    fn body(&self) -> &ResourceBody;
    /// Mutable access to the properties and resource attributes.
    fn body_mut(&mut self) -> &mut ResourceBody;
}

/// A value that names one attribute (or the `Ref`) of one resource in a stack.
///
/// Generated code defines one type per attribute, such as `cfn::iam::role::RoleArn`, so the
/// compiler can tell a role ARN from a log group ARN.
pub trait Attribute: Sized {
    /// Wraps a reference; called by generated handle methods. The [`Minted`] proof makes it
    /// uncallable outside ecs-dsl, so no program can relabel a log group's ARN as a role's.
    fn from_ref(r: AttrRef, minted: Minted) -> Self;
    /// The reference inside.
    fn attr_ref(&self) -> &AttrRef;
    /// The template node (`Ref` or `Fn::GetAtt`).
    fn node(self) -> Node {
        self.attr_ref().node()
    }
}

/// Proof that an attribute reference was made by ecs-dsl (a handle's `ref_()` or `attr_*()`
/// method), required by [`Attribute::from_ref`]. Its field is private: a program cannot make one.
#[derive(Clone, Copy, Debug)]
pub struct Minted(());

/// The untyped part of an attribute reference: which resource, which attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct AttrRef {
    symbol: Symbol,
    attribute: Option<&'static str>,
}

impl AttrRef {
    /// The resource referred to.
    pub fn symbol(&self) -> &Symbol {
        &self.symbol
    }

    /// The attribute name, or `None` for `Ref`.
    pub fn attribute(&self) -> Option<&'static str> {
        self.attribute
    }

    /// The intrinsic: `Ref` or `Fn::GetAtt`.
    pub fn intrinsic(&self) -> Intrinsic {
        match self.attribute {
            None => Intrinsic::Ref(RefTarget::Symbol(self.symbol.clone())),
            Some(a) => Intrinsic::GetAtt(self.symbol.clone(), Cow::Borrowed(a)),
        }
    }

    /// The template node: `Ref` or `Fn::GetAtt`.
    pub fn node(&self) -> Node {
        self.intrinsic().into()
    }
}

/// A resource added to a stack, typed by its kind. Only [`crate::Stack::add`] makes one, so every
/// handle names a resource that exists.
pub struct Handle<R> {
    symbol: Symbol,
    kind: PhantomData<fn() -> R>,
}

impl<R> Clone for Handle<R> {
    fn clone(&self) -> Self {
        Handle {
            symbol: self.symbol.clone(),
            kind: PhantomData,
        }
    }
}

impl<R> fmt::Debug for Handle<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Handle({})", self.symbol.name)
    }
}

impl<R: Resource> Handle<R> {
    pub(crate) fn new(symbol: Symbol) -> Self {
        Handle {
            symbol,
            kind: PhantomData,
        }
    }

    /// The logical ID the resource was added under.
    pub fn logical_id(&self) -> &str {
        &self.symbol.name
    }

    /// The stack symbol of the resource.
    pub fn symbol(&self) -> &Symbol {
        &self.symbol
    }

    /// `Ref` of the resource, typed by what `Ref` returns for this resource type.
    pub fn ref_(&self) -> R::Ref {
        R::Ref::from_ref(
            AttrRef {
                symbol: self.symbol.clone(),
                attribute: None,
            },
            Minted(()),
        )
    }

    /// `Fn::GetAtt` of an attribute; generated `attr_*` methods call this with the spec's name.
    /// Not public: a typed attribute is only made where the specification says the resource has
    /// it, so a program cannot claim a role ARN of a log group.
    #[allow(
        dead_code,
        reason = "its only callers are generated attr_* methods; a build with no service feature has none"
    )]
    pub(crate) fn attr<A: Attribute>(&self, name: &'static str) -> A {
        A::from_ref(
            AttrRef {
                symbol: self.symbol.clone(),
                attribute: Some(name),
            },
            Minted(()),
        )
    }

    /// `Fn::GetAtt` of an attribute that has no typed method (custom resources, new attributes).
    pub fn get_att(&self, name: impl Into<Cow<'static, str>>) -> Value<String> {
        Value::Intrinsic(Intrinsic::GetAtt(self.symbol.clone(), name.into()))
    }
}
