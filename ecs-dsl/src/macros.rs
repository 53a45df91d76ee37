//! `macro_rules!` helpers shared by generated code.

/// Implements the attribute traits for generated attribute types (`struct X(AttrRef);`).
#[allow(unused_macros, reason = "used only by the generated code of enabled services")]
macro_rules! attribute_types {
    ($($name:ident),+ $(,)?) => {$(
        impl $crate::intrinsic::Attribute for $name {
            fn from_ref(r: $crate::intrinsic::AttrRef) -> Self {
                $name(r)
            }
            fn attr_ref(&self) -> &$crate::intrinsic::AttrRef {
                &self.0
            }
        }
        impl $crate::intrinsic::TextKind for $name {}
        impl $crate::intrinsic::StringBacked for $name {}
    )+};
}

/// Implements `Resource` for a generated L1 struct (`struct CfnX(ResourceBody);`).
#[allow(unused_macros, reason = "used only by the generated code of enabled services")]
macro_rules! resource_type {
    ($name:ident, $type_name:literal, $ref:ty) => {
        impl $crate::intrinsic::Resource for $name {
            const TYPE: &'static str = $type_name;
            type Ref = $ref;
            fn body(&self) -> &$crate::template::ResourceBody {
                &self.0
            }
            fn body_mut(&mut self) -> &mut $crate::template::ResourceBody {
                &mut self.0
            }
        }
    };
}

/// Implements `IntoValue<Self>` and `GeneratedKind` for generated nested property types
/// (`struct X(Props);`).
#[allow(unused_macros, reason = "used only by the generated code of enabled services")]
macro_rules! property_types {
    ($($name:ident),+ $(,)?) => {$(
        impl $crate::intrinsic::IntoValue<$name> for $name {
            fn into_node(self) -> $crate::template::Node {
                self.0.into_node()
            }
        }
        impl $crate::cfn::GeneratedKind for $name {}
    )+};
}

/// Implements `as_str`, `IntoValue<Self>`, `StringBacked` and `GeneratedKind` for a generated
/// string enum whose last variant is `Other(String)`. Not `TextKind`: a bare string literal is
/// not accepted where an enum is expected.
#[allow(unused_macros, reason = "used only by the generated code of enabled services")]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),+ $(,)? }) => {
        #[allow(deprecated, reason = "a deprecated value must still be written out")]
        impl $name {
            /// The value as written in the template.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)+
                    Self::Other(v) => v,
                }
            }
        }
        impl $crate::intrinsic::StringBacked for $name {}
        impl $crate::cfn::GeneratedKind for $name {}
        impl $crate::intrinsic::IntoValue<$name> for $name {
            fn into_node(self) -> $crate::template::Node {
                match self {
                    Self::Other(v) => $crate::template::Node::Str(v),
                    known => $crate::template::Node::Str(known.as_str().to_owned()),
                }
            }
        }
    };
}

/// Implements the kind traits for a property that accepts attributes of several resource types
/// (`enum XRef {}`), and `IntoValue<XRef>` for each accepted attribute type (each may carry a
/// `#[cfg(feature = …)]`).
#[allow(unused_macros, reason = "used only by the generated code of enabled services")]
macro_rules! slot_kind {
    ($slot:ident: $($(#[$attr:meta])* $target:ty),+ $(,)?) => {
        impl $crate::intrinsic::TextKind for $slot {}
        impl $crate::intrinsic::StringBacked for $slot {}
        $(
            $(#[$attr])*
            impl $crate::intrinsic::IntoValue<$slot> for $target {
                fn into_node(self) -> $crate::template::Node {
                    $crate::intrinsic::Attribute::node(self)
                }
            }
        )+
    };
}

/// Implements `ParameterType` for attribute types that double as AWS-specific parameter types.
#[allow(unused_macros, reason = "used only by the generated code of enabled services")]
macro_rules! parameter_types {
    ($($name:ident = $cfn:literal),+ $(,)?) => {$(
        impl $crate::template::ParameterType for $name {
            fn cfn_type() -> String {
                $cfn.into()
            }
        }
    )+};
}
