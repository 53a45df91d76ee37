//! Every example's template, as JSON and as YAML, passes cfn-lint 1.51 with no error and no
//! warning. All files are linted in one cfn-lint run (its start-up is most of the cost).

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::{
    Level, LintReport, ScratchDir, cfn_lint, example_template, oracle_cfn_lint,
};

/// The example programs whose templates must lint clean: adding an example is one line here.
const LINTED_EXAMPLES: &[&str] = &[
    "todobackend",
    "fargate_web_app",
    "production_web_app",
    "microservices",
];

/// A template with one known error, linted in the same run to prove cfn-lint really checks:
/// a log retention of 8 days is not one CloudWatch Logs offers.
const CANARY_TEMPLATE: &str = r#"{"Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 8}}}}"#;
const CANARY_RULE: &str = "E3030";

#[test]
fn every_example_template_passes_cfn_lint_in_json_and_yaml() {
    if oracle_cfn_lint().is_none() {
        return;
    }
    let dir = ScratchDir::new("cfn-lint-examples");
    let mut files = Vec::new();
    for name in LINTED_EXAMPLES {
        for (format, extension) in [(Format::Json, "json"), (Format::Yaml, "yaml")] {
            let template = example_template(name, format);
            files.push(dir.write(&format!("{name}.{extension}"), &template));
        }
    }
    let canary = dir.write("canary.json", CANARY_TEMPLATE);
    let mut linted: Vec<&std::path::Path> = files.iter().map(|f| f.as_path()).collect();
    linted.push(&canary);

    let Some(report) = cfn_lint(&linted) else {
        return;
    };

    let canary_rules: Vec<&str> = report
        .findings(&canary)
        .iter()
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        canary_rules,
        [CANARY_RULE],
        "cfn-lint did not report the canary's one known error"
    );

    let findings: Vec<_> = report
        .at_least(Level::Warning)
        .into_iter()
        .filter(|(file, _)| *file != canary.as_path())
        .collect();
    assert!(
        findings.is_empty(),
        "cfn-lint found {} errors or warnings in the example templates:\n{}",
        findings.len(),
        LintReport::render(&findings)
    );
}
