#![doc = include_str!("../../README.md")]

#[macro_use]
mod macros;

pub mod app;
// Generated: the regeneration test owns its layout, not rustfmt.
#[rustfmt::skip]
pub mod cfn;
pub mod catalog;
mod cfn_support;
#[cfg(all(
    feature = "cloudformation",
    feature = "ecs",
    feature = "iam",
    feature = "lambda",
    feature = "logs"
))]
pub mod custom_resource;
// Every builder that keeps `customize_<part>` closures needs `iam` (ecs, custom_resource) or is
// the database builder.
#[cfg(any(
    feature = "iam",
    all(feature = "ec2", feature = "rds", feature = "secretsmanager")
))]
mod customize;
pub mod diagnostics;
pub mod diff;
#[cfg(all(
    feature = "autoscaling",
    feature = "ec2",
    feature = "ecs",
    feature = "elasticloadbalancingv2",
    feature = "iam",
    feature = "logs",
    feature = "secretsmanager"
))]
pub mod ecs;
#[cfg(feature = "iam")]
pub mod iam;
pub mod import_template;
pub mod intrinsic;
pub mod prelude;
pub mod query;
#[cfg(all(feature = "ec2", feature = "rds", feature = "secretsmanager"))]
pub mod rds;
pub mod rules;
pub mod stack;
pub mod synth;
pub mod template;
pub mod testing;
// The rule pairs of the ecs services and of the database builder.
#[cfg(all(
    feature = "ec2",
    feature = "secretsmanager",
    any(all(feature = "ecs", feature = "iam"), feature = "rds")
))]
mod traffic;
pub mod validate;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
mod command;
#[cfg(feature = "compose")]
pub mod compose;
#[cfg(feature = "deploy")]
pub mod deploy;
#[cfg(feature = "cli")]
pub mod scaffold;

#[doc(hidden)]
pub mod __private;

pub use diagnostics::{Diagnostic, Diagnostics, Severity, SynthError};
pub use intrinsic::{Func, Handle, IntoValue, Value};
pub use stack::Stack;
pub use template::{Parameter, ParameterSpec, Template};
