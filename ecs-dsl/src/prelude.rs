//! `use ecs_dsl::prelude::*;` brings what a stack program needs.

pub use crate::intrinsic::{
    Cond, DynamicReference, Func, Handle, IntoValue, Pseudo, StackOutput, Sub, Value,
};
pub use crate::stack::{Stack, StackParameters};
pub use crate::template::{
    CreationPolicy, DeletionPolicy, ImageId, Init, InitCommand, InitConfig, InitFile, InitService,
    Output, Parameter, ParameterSpec, ResourceOptions, Ssm, UpdatePolicy,
};
pub use ecs_dsl_macros::{StackParameters, sub};
