//! Rules of a team's own, beside the built-in checks: a [`Rule`] a crate implements, registered
//! on a stack with [`crate::Stack::rule`] (one rule or a whole [`RuleSet`]).
//!
//! Registered rules run wherever the built-in checks run: at synth (an error blocks the
//! template) and in `validate`, reported as the same [`crate::Diagnostic`]. A warning can be
//! accepted on a resource with `allow_warning(code, reason)` or in the set with
//! [`RuleSet::allow`]; a rule that is enforced ([`Rule::enforced`], [`RuleSet::enforce`])
//! cannot be silenced either way.
//!
//! [`aws_ecs_controls`] is a shipped set: the ECS controls of AWS Security Hub and cdk-nag's
//! AwsSolutions pack that apply to the resources ecs-dsl writes.

#[cfg(feature = "ecs")]
mod aws;
mod report;
mod rule;
mod set;

#[cfg(feature = "ecs")]
pub use aws::aws_ecs_controls;
pub use report::{Place, Report};
pub use rule::Rule;
pub use set::{Allowance, RuleSet};
