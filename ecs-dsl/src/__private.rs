//! Helpers used only by the output of `ecs-dsl-macros`. Not part of the public API.

pub use crate::intrinsic::{Pseudo, Sub, SubVariable};

use crate::intrinsic::IntoValue;
use crate::template::Node;

/// The node of a value bound in a `sub!` variable map.
pub fn string_node(v: impl IntoValue<String>) -> Node {
    v.into_node()
}

/// A resource type whose attributes are whatever its handler returns, not a fixed list: only
/// these may name an attribute outside the specification in `sub!` (`${secrets.MYSQL_PASSWORD}`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no attribute of that name",
    label = "attribute names with `_` exist only on custom resources",
    note = "a resource type of the specification has the attributes its `attr_*` methods name"
)]
pub trait OpenAttributes {}

#[cfg(feature = "cloudformation")]
impl OpenAttributes for crate::cfn::cloudformation::CfnCustomResource {}

/// `${handle.NAME}` of a custom resource in `sub!`: a `${LogicalId.NAME}` placeholder.
pub fn custom_attribute<R: crate::intrinsic::Resource + OpenAttributes>(
    handle: &crate::intrinsic::Handle<R>,
    name: &'static str,
) -> CustomAttribute {
    CustomAttribute(handle.symbol().clone(), name)
}

/// An attribute of a custom resource, named in `sub!`.
pub struct CustomAttribute(crate::intrinsic::Symbol, &'static str);

impl SubVariable for CustomAttribute {
    fn sub_part(&self) -> crate::intrinsic::SubArgument {
        crate::intrinsic::SubArgument::Part(crate::intrinsic::SubPart::GetAtt(
            self.0.clone(),
            self.1.into(),
        ))
    }
}
