//! Generated CloudFormation resource types (L1), one module per AWS namespace and one file per
//! resource type. Everything below this file is written by `codegen/`; do not edit it by hand.
//!
//! Regenerate with `cargo run -p ecs-dsl-codegen`.

pub mod iam;
pub mod logs;
