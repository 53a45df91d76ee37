//! `macro_rules!` helpers shared by generated code.

/// Implements the attribute traits for generated attribute types (`struct X(AttrRef);`).
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
