//! The `Rule` trait: a check a crate writes for its own stacks.

use super::report::Report;
use crate::diagnostics::Severity;
use crate::template::Template;

/// A check of a team's own, run beside the built-in ones by `validate` and synth and reported
/// with the same [`crate::Diagnostic`] (code, path, help).
///
/// ```
/// use ecs_dsl::cfn::ecs::CfnService;
/// use ecs_dsl::cfn::ecs::service::DeploymentConfiguration;
/// use ecs_dsl::rules::{Report, Rule};
/// use ecs_dsl::Template;
///
/// /// Every service rolls back a failed deployment by itself.
/// struct CircuitBreaker;
///
/// impl Rule for CircuitBreaker {
///     fn code(&self) -> &'static str {
///         "ACME001"
///     }
///     fn summary(&self) -> &'static str {
///         "every ECS service has a deployment circuit breaker"
///     }
///     fn check(&self, template: &Template, report: &mut Report<'_>) {
///         for service in template.resources::<CfnService>() {
///             let breaker = service
///                 .prop(CfnService::deployment_configuration)
///                 .prop(DeploymentConfiguration::deployment_circuit_breaker);
///             if !breaker.is_set() {
///                 report.add(&breaker, "the service has no deployment circuit breaker",
///                     "set `DeploymentConfiguration.DeploymentCircuitBreaker` with `Enable` and `Rollback`");
///             }
///         }
///     }
/// }
/// ```
pub trait Rule: Send + Sync + 'static {
    /// The stable code findings carry, such as `ACME001`; what `allow_warning` names.
    fn code(&self) -> &'static str;

    /// What the rule checks, in one line.
    fn summary(&self) -> &'static str;

    /// Error (blocks synth) or warning (advice). Warnings by default.
    fn severity(&self) -> Severity {
        Severity::Warning
    }

    /// Whether `allow_warning` and allowances of a rule set are ignored for this rule: its
    /// findings are always reported.
    fn enforced(&self) -> bool {
        false
    }

    /// Where the control is documented (a URL), added to every finding's `help:` line.
    fn reference(&self) -> Option<&'static str> {
        None
    }

    /// Reads the template and reports findings.
    fn check(&self, template: &Template, report: &mut Report<'_>);
}
