//! Helpers used only by the output of `ecs-dsl-macros`. Not part of the public API.

pub use crate::intrinsic::{Pseudo, Sub, SubVariable};

use crate::intrinsic::IntoValue;
use crate::template::Node;

/// The node of a value bound in a `sub!` variable map.
pub fn string_node(v: impl IntoValue<String>) -> Node {
    v.into_node()
}
