//! A team's own rule: registered on the stack, run at synth and in `validate` with the same
//! `Diagnostic`, silenced by `allow_warning` or an allowance unless it is enforced.

use ecs_dsl::cfn::ecs::CfnService;
use ecs_dsl::cfn::ecs::service::{
    DeploymentCircuitBreaker, DeploymentCircuitBreakerRequired, DeploymentConfiguration,
};
use ecs_dsl::diagnostics::Severity;
use ecs_dsl::prelude::*;
use ecs_dsl::rules::{Report, Rule, RuleSet};
use ecs_dsl::testing::TestTemplate;
use ecs_dsl::{Stack, Template};

/// "Every service has a circuit breaker", as a warning or an error, enforced or not.
struct CircuitBreaker {
    severity: Severity,
    enforced: bool,
}

const WARNING: CircuitBreaker = CircuitBreaker {
    severity: Severity::Warning,
    enforced: false,
};

impl Rule for CircuitBreaker {
    fn code(&self) -> &'static str {
        "ACME001"
    }
    fn summary(&self) -> &'static str {
        "every ECS service has a deployment circuit breaker"
    }
    fn severity(&self) -> Severity {
        self.severity
    }
    fn enforced(&self) -> bool {
        self.enforced
    }
    fn reference(&self) -> Option<&'static str> {
        Some("https://wiki.example.com/acme-001")
    }
    fn check(&self, template: &Template, report: &mut Report<'_>) {
        for service in template.resources::<CfnService>() {
            let breaker = service
                .prop(CfnService::deployment_configuration)
                .prop(DeploymentConfiguration::deployment_circuit_breaker);
            if !breaker.is_set() {
                report.add(
                    &breaker,
                    "the service has no deployment circuit breaker",
                    "set `DeploymentConfiguration.DeploymentCircuitBreaker`",
                );
            }
        }
    }
}

fn unprotected() -> CfnService {
    CfnService::new().desired_count(1)
}

fn protected() -> CfnService {
    unprotected().deployment_configuration(
        DeploymentConfiguration::new().deployment_circuit_breaker(DeploymentCircuitBreaker::new(
            DeploymentCircuitBreakerRequired {
                enable: true,
                rollback: true,
            },
        )),
    )
}

#[test]
fn a_registered_rule_reports_with_code_path_help_and_the_program_line() {
    let mut stack = Stack::new();
    stack.rule(WARNING);
    stack.add("Unprotected", unprotected());
    let line = line!() - 1;
    stack.add("Protected", protected());
    let template = TestTemplate::from_stack(&stack);
    let finding = template.expect_finding("ACME001");
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(
        finding.path,
        "Resources.Unprotected.Properties.DeploymentConfiguration.DeploymentCircuitBreaker"
    );
    let help = finding.help.as_deref().unwrap();
    assert!(help.contains("DeploymentCircuitBreaker"), "{help}");
    assert!(help.contains("https://wiki.example.com/acme-001"), "{help}");
    let location = finding.location.unwrap();
    assert!(location.file().ends_with("rules_user.rs"));
    assert_eq!(location.line(), line);
    assert_eq!(
        template.findings().codes(),
        ["ACME001"],
        "the protected service passes"
    );
}

#[test]
fn validate_of_a_stack_program_runs_the_registered_rules() {
    let mut stack = Stack::new();
    stack.rule(WARNING);
    stack.add("Unprotected", unprotected());
    let (template, findings) = ecs_dsl::cli::check(&stack);
    assert!(template.is_some(), "a warning does not stop synth");
    assert_eq!(findings.codes(), ["ACME001"]);
}

#[test]
fn an_error_rule_blocks_synth() {
    let mut stack = Stack::new();
    stack.rule(CircuitBreaker {
        severity: Severity::Error,
        enforced: false,
    });
    stack.add("Unprotected", unprotected());
    let error = stack.to_template().unwrap_err();
    assert_eq!(error.0.codes(), ["ACME001"]);
    assert!(
        error
            .to_string()
            .contains("error[ACME001]: the service has no deployment circuit breaker")
    );
}

#[test]
fn allow_warning_silences_a_rule_that_is_not_enforced() {
    let mut stack = Stack::new();
    stack.rule(WARNING);
    stack.add(
        "Unprotected",
        unprotected().allow_warning(
            "ACME001",
            "a batch worker: a failed deployment is retried by the scheduler",
        ),
    );
    TestTemplate::from_stack(&stack).expect_no_findings();
}

#[test]
fn allow_warning_does_not_silence_an_enforced_rule() {
    let mut stack = Stack::new();
    stack.rule(CircuitBreaker {
        severity: Severity::Warning,
        enforced: true,
    });
    stack.add(
        "Unprotected",
        unprotected().allow_warning("ACME001", "we would rather not"),
    );
    let template = TestTemplate::from_stack(&stack);
    let help = template.expect_finding("ACME001").help.clone().unwrap();
    assert!(
        help.contains("`ACME001` is enforced: `allow_warning` does not silence it"),
        "{help}"
    );
}

#[test]
fn a_rule_set_allows_per_resource_or_everywhere_unless_enforced() {
    let run = |rules: RuleSet| {
        let mut stack = Stack::new();
        stack.rule(rules);
        stack.add("First", unprotected());
        stack.add("Second", unprotected());
        let template = TestTemplate::from_stack(&stack);
        template
            .findings()
            .iter()
            .map(|d| d.path.clone())
            .collect::<Vec<_>>()
    };
    let breaker = ".Properties.DeploymentConfiguration.DeploymentCircuitBreaker";
    assert_eq!(run(RuleSet::from(WARNING)).len(), 2);
    assert_eq!(
        run(RuleSet::from(WARNING).allow_on("ACME001", "First", "a one-off job")),
        [format!("Resources.Second{breaker}")]
    );
    assert!(run(RuleSet::from(WARNING).allow("ACME001", "not for this account")).is_empty());
    let enforced = RuleSet::from(WARNING)
        .allow("ACME001", "not for this account")
        .enforce("ACME001");
    assert_eq!(
        run(enforced).len(),
        2,
        "an enforced rule ignores allowances"
    );
}
