//! Helpers used only by the output of `ecs-dsl-macros`. Not part of the public API.

pub use crate::intrinsic::{Pseudo, Sub, SubVariable};
