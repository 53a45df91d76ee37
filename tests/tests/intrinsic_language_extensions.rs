//! The functions of the `AWS::LanguageExtensions` transform (`Fn::Length`, `Fn::ToJsonString`,
//! `Fn::FindInMap` with a default), `Fn::GetStackOutput`, the escape hatch for an intrinsic kept
//! as written, and resource attributes kept as written: how synth writes them and what it checks.

use std::collections::BTreeMap;

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::intrinsic::Intrinsic;
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::template::Node;
use serde_json::{Value as Json, json};

fn synth(stack: &Stack, format: Format) -> String {
    render(&stack.to_template().expect("synth succeeds"), format).expect("renders")
}

fn synth_json(stack: &Stack) -> Json {
    serde_json::from_str(&synth(stack, Format::Json)).expect("JSON")
}

fn regions(stack: &mut Stack) -> ecs_dsl::template::MappingName {
    let entry = BTreeMap::from([("Name".to_owned(), Node::Str("logs".into()))]);
    stack.mapping("Regions", BTreeMap::from([("eu".to_owned(), entry)]))
}

#[test]
fn language_extension_functions_are_written_and_the_transform_is_declared() {
    let mut stack = Stack::new();
    let map = regions(&mut stack);
    stack.add(
        "Logs",
        CfnLogGroup::new()
            .retention_in_days(Func::length(vec!["a", "b"]))
            .log_group_name(Func::find_in_map_or(&map, "us", "Name", "fallback"))
            .data_protection_policy(Func::to_json_string(json!({"Name": "policy"}))),
    );
    let t = synth_json(&stack);
    assert_eq!(t["Transform"], json!("AWS::LanguageExtensions"));
    let props = &t["Resources"]["Logs"]["Properties"];
    assert_eq!(props["RetentionInDays"], json!({"Fn::Length": ["a", "b"]}));
    assert_eq!(
        props["LogGroupName"],
        json!({"Fn::FindInMap": ["Regions", "us", "Name", {"DefaultValue": "fallback"}]})
    );
    assert_eq!(
        props["DataProtectionPolicy"],
        json!({"Fn::ToJsonString": {"Name": "policy"}})
    );
    let yaml = synth(&stack, Format::Yaml);
    assert!(yaml.contains("RetentionInDays: !Length"), "{yaml}");
    assert!(yaml.contains("!ToJsonString"), "{yaml}");
}

#[test]
fn the_transform_goes_before_sam_and_is_not_declared_twice() {
    let mut stack = Stack::new();
    stack.transform("AWS::Serverless-2016-10-31");
    stack.add(
        "Logs",
        CfnLogGroup::new().retention_in_days(Func::length(vec!["a"])),
    );
    assert_eq!(
        synth_json(&stack)["Transform"],
        json!(["AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"])
    );

    let mut declared = Stack::new();
    declared.transform("AWS::LanguageExtensions");
    declared.add(
        "Logs",
        CfnLogGroup::new().retention_in_days(Func::length(vec!["a"])),
    );
    assert_eq!(
        synth_json(&declared)["Transform"],
        json!("AWS::LanguageExtensions")
    );
}

#[test]
fn a_stack_without_those_functions_gets_no_transform() {
    let mut stack = Stack::new();
    let map = regions(&mut stack);
    stack.add(
        "Logs",
        CfnLogGroup::new().log_group_name(Func::find_in_map(&map, "eu", "Name")),
    );
    let t = synth_json(&stack);
    assert_eq!(t.get("Transform"), None);
    assert_eq!(
        t["Resources"]["Logs"]["Properties"]["LogGroupName"],
        json!({"Fn::FindInMap": ["Regions", "eu", "Name"]})
    );
}

#[test]
fn a_default_value_names_a_mapping_the_stack_declares() {
    let mut other = Stack::new();
    let foreign = regions(&mut other);
    let mut stack = Stack::new();
    stack.add(
        "Logs",
        CfnLogGroup::new().log_group_name(Func::find_in_map_or(&foreign, "eu", "Name", "x")),
    );
    let errors = stack.to_template().expect_err("another stack's mapping").0;
    assert!(!errors.codes().is_empty(), "{errors}");
}

#[test]
fn get_stack_output_is_written_in_the_long_form() {
    let mut stack = Stack::new();
    let output = StackOutput::new("network", "VpcId")
        .region(Pseudo::Region.value())
        .role_arn("arn:aws:iam::123456789012:role/reader");
    stack.add(
        "Logs",
        CfnLogGroup::new().log_group_name(Func::get_stack_output(output)),
    );
    let t = synth_json(&stack);
    assert_eq!(
        t["Resources"]["Logs"]["Properties"]["LogGroupName"],
        json!({"Fn::GetStackOutput": {
            "StackName": "network",
            "OutputName": "VpcId",
            "Region": {"Ref": "AWS::Region"},
            "RoleArn": "arn:aws:iam::123456789012:role/reader"
        }})
    );
    assert_eq!(t.get("Transform"), None);
    // CloudFormation refuses the short form `!GetStackOutput` around other short forms.
    let yaml = synth(&stack, Format::Yaml);
    assert!(yaml.contains("Fn::GetStackOutput:"), "{yaml}");
    assert!(!yaml.contains("!GetStackOutput"), "{yaml}");
}

#[test]
fn template_json_reads_the_new_functions_as_typed_intrinsics() {
    let cases = [
        (json!({"Fn::Length": {"Ref": "List"}}), "Fn::Length"),
        (json!({"Fn::ToJsonString": {"A": 1}}), "Fn::ToJsonString"),
        (
            json!({"Fn::FindInMap": ["M", "a", "b", {"DefaultValue": "d"}]}),
            "Fn::FindInMap",
        ),
        (
            json!({"Fn::GetStackOutput": {"StackName": "s", "OutputName": "o"}}),
            "Fn::GetStackOutput",
        ),
    ];
    for (written, key) in cases {
        let node = Node::from_json(&written);
        let f = node.as_intrinsic().unwrap_or_else(|| panic!("{written}"));
        assert_eq!(f.key(), key);
        assert!(!matches!(f, Intrinsic::AsWritten(..)), "{written}");
    }
    let with_default =
        Node::from_json(&json!({"Fn::FindInMap": ["M", "a", "b", {"DefaultValue": "d"}]}));
    assert!(with_default.needs_language_extensions());
    let without = Node::from_json(&json!({"Fn::FindInMap": ["M", "a", "b"]}));
    assert!(!without.needs_language_extensions());
    // A fourth argument that is not `{"DefaultValue": …}` is not a typed FindInMap.
    let odd = Node::from_json(&json!({"Fn::FindInMap": ["M", "a", "b", "c"]}));
    assert!(odd.as_intrinsic().is_none());
}

#[test]
fn an_intrinsic_kept_as_written_is_written_unchanged_and_not_checked() {
    let mut stack = Stack::new();
    let argument =
        json!([{"Name": "AWS::Include", "Parameters": {"Location": {"Ref": "NotDeclared"}}}]);
    stack.add(
        "Logs",
        CfnLogGroup::new().log_group_name(Intrinsic::as_written("Fn::Transform", &argument)),
    );
    let t = synth_json(&stack);
    assert_eq!(
        t["Resources"]["Logs"]["Properties"]["LogGroupName"],
        json!({"Fn::Transform": argument})
    );
    let yaml = synth(&stack, Format::Yaml);
    assert!(yaml.contains("Fn::Transform:"), "{yaml}");
    assert!(!yaml.contains("!Transform"), "{yaml}");
}

#[test]
fn attributes_kept_as_written_replace_the_typed_ones_and_are_checked() {
    let mut stack = Stack::new();
    let east = stack.condition("IsEast", Cond::equals(Pseudo::Region.value(), "us-east-1"));
    stack.add(
        "Logs",
        CfnLogGroup::new()
            .attribute_as_written(
                "DeletionPolicy",
                Func::if_::<String>(&east, "Retain", "Delete"),
            )
            .attribute_as_written("Version", json!("1.0")),
    );
    let t = synth_json(&stack);
    assert_eq!(
        t["Resources"]["Logs"]["DeletionPolicy"],
        json!({"Fn::If": ["IsEast", "Retain", "Delete"]})
    );
    assert_eq!(t["Resources"]["Logs"]["Version"], json!("1.0"));

    // The condition named inside is checked like any other.
    let mut other = Stack::new();
    let foreign = other.condition("Elsewhere", Cond::equals(Pseudo::Region.value(), "x"));
    let mut broken = Stack::new();
    broken.add(
        "Logs",
        CfnLogGroup::new().attribute_as_written(
            "DeletionPolicy",
            Func::if_::<String>(&foreign, "Retain", "Delete"),
        ),
    );
    assert!(broken.to_template().is_err());
}

#[test]
fn an_attribute_set_both_ways_is_an_error_at_the_users_line() {
    let mut stack = Stack::new();
    let line = line!() + 1;
    stack.add(
        "Logs",
        CfnLogGroup::new()
            .deletion_policy(DeletionPolicy::Retain)
            .attribute_as_written("DeletionPolicy", json!("Delete")),
    );
    let errors = stack.to_template().expect_err("two deletion policies").0;
    assert_eq!(errors.codes(), ["IMP119"]);
    let text = errors.to_string();
    assert!(text.contains("Resources.Logs.DeletionPolicy"), "{text}");
    assert!(
        text.contains(&format!("intrinsic_language_extensions.rs:{line}")),
        "{text}"
    );

    let mut props = Stack::new();
    props.add(
        "Logs",
        CfnLogGroup::new()
            .retention_in_days(7)
            .attribute_as_written("Properties", json!({"RetentionInDays": 1})),
    );
    assert_eq!(
        props
            .to_template()
            .expect_err("two property sets")
            .0
            .codes(),
        ["IMP119"]
    );
}
