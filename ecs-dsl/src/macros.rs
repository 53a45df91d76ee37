//! `macro_rules!` helpers shared by generated code.

/// Implements the attribute traits and `Debug` for generated attribute types (`struct X(AttrRef);`).
#[allow(
    unused_macros,
    reason = "used only by the generated code of enabled services"
)]
macro_rules! attribute_types {
    ($($name:ident),+ $(,)?) => {$(
        impl $crate::intrinsic::Attribute for $name {
            #[inline]
            fn from_ref(r: $crate::intrinsic::AttrRef, _: $crate::intrinsic::Minted) -> Self {
                $name(r)
            }
            #[inline]
            fn attr_ref(&self) -> &$crate::intrinsic::AttrRef {
                &self.0
            }
        }
        debug_newtype!($name);
        impl $crate::intrinsic::TextKind for $name {}
        impl $crate::intrinsic::StringBacked for $name {}
    )+};
}

/// `Debug` for a generated newtype, `#[inline]` so that only the types a program formats are
/// compiled to machine code (a derive would compile all of them in this crate).
#[allow(
    unused_macros,
    reason = "used only by the generated code of enabled services"
)]
macro_rules! debug_newtype {
    ($name:ident) => {
        impl ::std::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
    };
}

/// Implements `Resource`, `HasProps`, `query::Blank` and `Debug` for a generated L1 struct
/// (`struct CfnX(ResourceBody);`).
#[allow(
    unused_macros,
    reason = "used only by the generated code of enabled services"
)]
macro_rules! resource_type {
    ($name:ident, $type_name:literal, $ref:ty) => {
        impl $crate::intrinsic::Resource for $name {
            const TYPE: &'static str = $type_name;
            type Ref = $ref;
            #[inline]
            fn body(&self) -> &$crate::template::ResourceBody {
                &self.0
            }
            #[inline]
            fn body_mut(&mut self) -> &mut $crate::template::ResourceBody {
                &mut self.0
            }
        }
        impl $crate::cfn::HasProps for $name {
            #[inline]
            fn props_mut(&mut self) -> &mut $crate::template::Props {
                &mut self.0.props
            }
        }
        impl $crate::query::Blank for $name {
            #[inline]
            fn blank() -> Self {
                $name($crate::template::ResourceBody::new($type_name))
            }
            #[inline]
            fn into_props(self) -> $crate::template::Props {
                self.0.props
            }
        }
        debug_newtype!($name);
    };
}

/// Implements `IntoValue<Self>`, `GeneratedKind`, `HasProps`, `query::Blank` and `Debug` for generated nested
/// property types (`struct X(Props);`).
#[allow(
    unused_macros,
    reason = "used only by the generated code of enabled services"
)]
macro_rules! property_types {
    ($($name:ident),+ $(,)?) => {$(
        // Not listed among "other types implementing `IntoValue`" in unrelated errors.
        #[diagnostic::do_not_recommend]
        impl $crate::intrinsic::IntoValue<$name> for $name {
            #[inline]
            fn into_node(self) -> $crate::template::Node {
                self.0.into_node()
            }
        }
        impl $crate::cfn::GeneratedKind for $name {}
        impl $crate::cfn::HasProps for $name {
            #[inline]
            fn props_mut(&mut self) -> &mut $crate::template::Props {
                &mut self.0
            }
        }
        impl $crate::query::Blank for $name {
            #[inline]
            fn blank() -> Self {
                $name($crate::template::Props::new())
            }
            #[inline]
            fn into_props(self) -> $crate::template::Props {
                self.0
            }
        }
        debug_newtype!($name);
    )+};
}

/// Implements `as_str`, `IntoValue<Self>`, `StringBacked`, `GeneratedKind` and `Debug` for a generated
/// string enum whose last variant is `Other(String)`. Not `TextKind`: a bare string literal is
/// not accepted where an enum is expected.
#[allow(
    unused_macros,
    reason = "used only by the generated code of enabled services"
)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),+ $(,)? }) => {
        #[allow(deprecated, reason = "a deprecated value must still be written out")]
        impl $name {
            /// The value as written in the template.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Other(v) => v,
                }
            }
        }
        impl $crate::intrinsic::StringBacked for $name {}
        impl $crate::cfn::GeneratedKind for $name {}
        #[diagnostic::do_not_recommend]
        impl $crate::intrinsic::IntoValue<$name> for $name {
            #[inline]
            fn into_node(self) -> $crate::template::Node {
                match self {
                    Self::Other(v) => $crate::template::Node::Str(v),
                    known => $crate::template::Node::Str(known.as_str().to_owned()),
                }
            }
        }
        impl ::std::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.as_str()).finish()
            }
        }
    };
}

/// Implements `ParameterType` for attribute types that double as AWS-specific parameter types.
#[allow(
    unused_macros,
    reason = "used only by the generated code of enabled services"
)]
macro_rules! parameter_types {
    ($($name:ident = $cfn:literal),+ $(,)?) => {$(
        impl $crate::template::ParameterType for $name {
            #[inline]
            fn cfn_type() -> String {
                $cfn.into()
            }
        }
    )+};
}
