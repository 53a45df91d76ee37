#![doc = include_str!("../../README.md")]

#[macro_use]
mod macros;

pub mod cfn;
pub mod diagnostics;
pub mod diff;
pub mod intrinsic;
pub mod prelude;
pub mod stack;
pub mod synth;
pub mod template;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "compose")]
pub mod compose;

#[doc(hidden)]
pub mod __private;

pub use diagnostics::{Diagnostic, Diagnostics, Severity, SynthError};
pub use intrinsic::{Fn, Handle, IntoValue, Value};
pub use stack::Stack;
pub use template::{Parameter, ParameterSpec, Template};
