//! Mistakes in how a stack is put together give errors that name the place, never a panic.

use std::collections::BTreeMap;

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};

fn errors(stack: &Stack) -> ecs_dsl::Diagnostics {
    stack.to_template().expect_err("synth must fail").0
}

#[test]
fn a_duplicate_logical_id_names_both_places() {
    let mut stack = Stack::new();
    let first_line = line!() + 1;
    stack.add("ApplicationService", CfnLogGroup::new());
    let second_line = line!() + 1;
    stack.add("ApplicationService", CfnLogGroup::new());
    let errs = errors(&stack);
    assert_eq!(errs.codes(), ["CFN002"]);
    let text = errs.to_string();
    assert!(
        text.contains("`ApplicationService` is defined twice"),
        "{text}"
    );
    assert!(
        text.contains(&format!("stack_errors.rs:{second_line}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("stack_errors.rs:{first_line}")),
        "{text}"
    );
}

#[test]
fn a_parameter_and_a_resource_may_not_share_a_name() {
    let mut stack = Stack::new();
    stack.parameter::<String>("Shared", ParameterSpec::new());
    stack.add("Shared", CfnLogGroup::new());
    assert_eq!(errors(&stack).codes(), ["CFN002"]);
}

#[test]
fn invalid_logical_ids_say_what_is_wrong() {
    let mut stack = Stack::new();
    stack.add("my-service", CfnLogGroup::new());
    stack.add("", CfnLogGroup::new());
    stack.add(&"X".repeat(256), CfnLogGroup::new());
    let errs = errors(&stack);
    assert_eq!(errs.codes(), ["CFN001", "CFN001", "CFN001"]);
    let text = errs.to_string();
    assert!(
        text.contains("logical ID `my-service` contains `-`"),
        "{text}"
    );
    assert!(text.contains("may not be empty"), "{text}");
    assert!(
        text.contains("256 characters long; the limit is 255"),
        "{text}"
    );
}

#[test]
fn an_explicit_dependency_that_closes_a_cycle_names_both_resources() {
    let mut stack = Stack::new();
    let a = stack.add("Alpha", CfnLogGroup::new());
    let b = stack.add("Beta", CfnLogGroup::new().log_group_name(&a));
    stack.add_dependency(&a, &b);
    let errs = errors(&stack);
    assert_eq!(errs.codes(), ["CFN005"]);
    let text = errs.to_string();
    assert!(
        text.contains("`Alpha` depending on `Beta` closes a dependency cycle"),
        "{text}"
    );
    assert!(text.contains("Resources.Alpha.DependsOn"), "{text}");
}

#[test]
fn an_acyclic_explicit_dependency_is_accepted() {
    let mut stack = Stack::new();
    let a = stack.add("Alpha", CfnLogGroup::new());
    let b = stack.add("Beta", CfnLogGroup::new());
    stack.add_dependency(&b, &a);
    let t = stack.to_template().unwrap();
    assert_eq!(t.resources["Beta"].depends_on, ["Alpha"]);
}

#[test]
fn a_handle_from_another_stack_is_rejected() {
    let mut other = Stack::new();
    let foreign = other.add("Foreign", CfnLogGroup::new());
    let mut stack = Stack::new();
    stack.add("Local", CfnLogGroup::new().log_group_name(&foreign));
    let errs = errors(&stack);
    assert_eq!(errs.codes(), ["CFN003"]);
    assert!(
        errs.to_string()
            .contains("`Foreign` belongs to another stack")
    );
}

#[test]
fn resource_parameter_output_and_mapping_limits() {
    let mut stack = Stack::new();
    for i in 0..501 {
        stack.add(&format!("R{i}"), CfnLogGroup::new());
    }
    for i in 0..201 {
        stack.parameter::<String>(&format!("P{i}"), ParameterSpec::new());
        stack.output(&format!("O{i}"), Output::new("x"));
        stack.mapping(&format!("M{i}"), BTreeMap::new());
    }
    let text = errors(&stack).to_string();
    for expected in [
        "501 entries in Resources; CloudFormation allows at most 500",
        "201 entries in Parameters; CloudFormation allows at most 200",
        "201 entries in Outputs; CloudFormation allows at most 200",
        "201 entries in Mappings; CloudFormation allows at most 200",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
}

#[test]
fn a_template_over_one_megabyte_is_rejected() {
    let mut stack = Stack::new();
    for i in 0..5 {
        stack.add(
            &format!("R{i}"),
            CfnLogGroup::new().log_group_name("x".repeat(250_000)),
        );
    }
    let err = render(&stack.to_template().unwrap(), Format::Json).unwrap_err();
    assert_eq!(err.0.codes(), ["CFN010"]);
    assert!(
        err.to_string()
            .contains("CloudFormation accepts at most 1000000")
    );
}

#[test]
fn all_problems_are_reported_together() {
    let mut stack = Stack::new();
    stack.add("bad id", CfnLogGroup::new());
    stack.add("Twice", CfnLogGroup::new());
    stack.add("Twice", CfnLogGroup::new());
    let mut codes = errors(&stack).codes();
    codes.sort_unstable();
    assert_eq!(codes, ["CFN001", "CFN002"]);
}

#[test]
fn a_custom_resource_type_name_is_checked() {
    use ecs_dsl::custom_resource::CustomResource;
    let mut stack = Stack::new();
    CustomResource::new("arn:aws:lambda:us-east-1:123456789012:function:f")
        .resource_type("Custom::EcsTask")
        .add(&mut stack, "Good");
    CustomResource::new("arn:aws:lambda:us-east-1:123456789012:function:f")
        .resource_type("Custom::Ecs Task!")
        .add(&mut stack, "Bad");
    let errs = errors(&stack);
    assert_eq!(errs.codes(), ["CFN006"]);
    assert!(
        errs.to_string()
            .contains("`Custom::Ecs Task!` is not a valid custom resource type"),
        "{errs}"
    );
}

#[test]
fn a_raw_section_may_not_replace_a_typed_one() {
    let mut stack = Stack::new();
    stack.add("Logs", CfnLogGroup::new());
    let line = line!() + 1;
    stack.section("Resources", "x".into());
    stack.section("Outputs", "x".into());
    let errs = errors(&stack);
    assert_eq!(errs.codes(), ["CFN013", "CFN013"]);
    let text = errs.to_string();
    assert!(
        text.contains("`Resources` is a section the stack writes"),
        "{text}"
    );
    assert!(text.contains("`Stack::add`"), "{text}");
    assert!(text.contains(&format!("stack_errors.rs:{line}")), "{text}");
}

#[test]
fn a_section_the_typed_api_does_not_model_is_written_as_given() {
    let mut stack = Stack::new();
    stack.add("Logs", CfnLogGroup::new());
    stack.section("Rules", "kept".into());
    let text = render(&stack.to_template().expect("synth"), Format::Json).expect("render");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(json["Rules"], "kept");
    assert_eq!(json["Resources"]["Logs"]["Type"], "AWS::Logs::LogGroup");
}
