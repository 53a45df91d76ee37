//! One check pipeline: what synth refuses in a stack, `validate` refuses in a template file, and
//! references written as raw JSON are checked like typed ones.

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::template::Node;
use ecs_dsl::template::parameters_file::{check_values, read_values};
use ecs_dsl::template::text;
use ecs_dsl::validate::{check_size, check_structure, template_from_json};
use serde_json::{Value as Json, json};

/// The structural findings of a template given as JSON.
fn structure(template: Json) -> Vec<&'static str> {
    let t = template_from_json(&template).expect("a template");
    check_structure(&t).codes()
}

fn topic() -> Json {
    json!({"Type": "AWS::SNS::Topic"})
}

fn synth_codes(stack: &Stack) -> Vec<&'static str> {
    stack
        .to_template()
        .expect_err("synth must refuse it")
        .0
        .codes()
}

#[test]
fn references_naming_nothing_are_refused_in_files() {
    for value in [
        json!({"Ref": "Nope"}),
        json!({"Fn::GetAtt": ["Nope", "Arn"]}),
        json!({"Fn::GetAtt": "Nope.Arn"}),
        json!({"Fn::Sub": "${Nope.Arn}"}),
        json!({"Fn::Sub": "arn:${Nope}"}),
        json!({"Fn::If": ["NoCondition", "a", "b"]}),
        json!({"Fn::FindInMap": ["NoMap", "a", "b"]}),
    ] {
        let t = json!({"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": value}}}});
        assert_eq!(structure(t), ["CFN004"], "{value}");
    }
}

#[test]
fn depends_on_and_conditions_naming_nothing_are_refused() {
    let t = json!({"Resources": {"T": {"Type": "AWS::SNS::Topic", "DependsOn": "Nope"}}});
    assert_eq!(structure(t), ["CFN004"]);
    let t = json!({"Resources": {"T": {"Type": "AWS::SNS::Topic", "Condition": "Nope"}}});
    assert_eq!(structure(t), ["CFN004"]);
    let t =
        json!({"Resources": {"T": topic()}, "Outputs": {"O": {"Value": "x", "Condition": "Nope"}}});
    assert_eq!(structure(t), ["CFN004"]);
}

#[test]
fn a_depends_on_cycle_in_a_file_is_refused_once() {
    let t = json!({"Resources": {
        "A": {"Type": "AWS::SNS::Topic", "DependsOn": "B"},
        "B": {"Type": "AWS::SNS::Topic", "DependsOn": "A"}
    }});
    let findings = check_structure(&template_from_json(&t).unwrap());
    assert_eq!(findings.codes(), ["CFN005"], "{findings}");
    assert!(findings.to_string().contains("A → B → A"), "{findings}");
}

#[test]
fn a_reference_cycle_without_depends_on_is_refused() {
    let t = json!({"Resources": {
        "A": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::GetAtt": ["B", "TopicName"]}}},
        "B": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "A"}}}
    }});
    assert_eq!(structure(t), ["CFN005"]);
}

#[test]
fn section_limits_apply_to_files() {
    let many = |n: usize, v: Json| -> Json {
        Json::Object((0..n).map(|i| (format!("E{i}"), v.clone())).collect())
    };
    let t = json!({"Resources": many(501, topic())});
    assert_eq!(structure(t), ["CFN009"]);
    let t = json!({"Resources": {"T": topic()}, "Outputs": many(201, json!({"Value": "x"}))});
    assert_eq!(structure(t), ["CFN009"]);
    let t =
        json!({"Resources": {"T": topic()}, "Parameters": many(201, json!({"Type": "String"}))});
    assert_eq!(structure(t), ["CFN009"]);
}

#[test]
fn invalid_logical_ids_in_files_are_refused() {
    let t = json!({"Resources": {"My-Topic_1": topic()}});
    assert_eq!(structure(t), ["CFN001"]);
}

#[test]
fn template_size_limits_are_the_inline_and_the_s3_ones() {
    assert!(check_size(51_200).is_empty());
    let inline = check_size(51_201);
    assert_eq!(inline.codes(), ["CFN012"]);
    assert!(!inline.has_errors());
    assert!(inline.to_string().contains("51200 inline"), "{inline}");
    assert_eq!(check_size(1_000_001).codes(), ["CFN010"]);
    assert!(check_size(1_000_001).has_errors());
}

#[test]
fn a_dangling_reference_in_an_override_is_refused_at_synth() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    stack.override_property(&logs, "LogGroupName", json!({"Fn::Sub": "${Nope.Arn}"}));
    assert_eq!(synth_codes(&stack), ["CFN004"]);

    let mut stack = Stack::new();
    stack.add(
        "Logs",
        CfnLogGroup::new().override_property("LogGroupName", json!({"Ref": "Missing"})),
    );
    assert_eq!(synth_codes(&stack), ["CFN004"]);
}

#[test]
fn a_valid_override_reference_is_kept_and_ordered() {
    let mut stack = Stack::new();
    stack.add("Target", CfnLogGroup::new());
    let logs = stack.add("Logs", CfnLogGroup::new());
    stack.override_property(
        &logs,
        "LogGroupName",
        json!({"Fn::GetAtt": ["Target", "Arn"]}),
    );
    let t = stack
        .to_template()
        .expect("a reference to a resource that exists");
    assert!(
        t.resources["Logs"]
            .properties
            .get("LogGroupName")
            .unwrap()
            .is_unresolved(),
        "the override is parsed into an intrinsic"
    );
}

#[test]
fn node_from_json_parses_intrinsics_and_keeps_malformed_ones_for_the_checks() {
    assert!(Node::from_json(&json!({"Ref": "X"})).is_unresolved());
    assert!(Node::from_json(&json!({"Fn::Sub": "a-${X}"})).is_unresolved());
    let mut stack = Stack::new();
    stack.add(
        "Logs",
        CfnLogGroup::new().override_property("LogGroupName", json!({"Fn::GetAtt": "NoDot"})),
    );
    assert_eq!(synth_codes(&stack), ["CFN013"]);
}

#[test]
fn a_depends_on_a_handle_of_another_stack_is_refused() {
    let mut other = Stack::new();
    let foreign = other.add("Foreign", CfnLogGroup::new());
    let mut stack = Stack::new();
    stack.add("Local", CfnLogGroup::new().depends_on(&foreign));
    assert!(synth_codes(&stack).contains(&"CFN003"));

    let mut stack = Stack::new();
    let local = stack.add("Local", CfnLogGroup::new());
    stack.add_dependency(&local, &foreign);
    assert!(synth_codes(&stack).contains(&"CFN003"));
}

#[test]
fn a_long_non_ascii_logical_id_is_reported_not_a_panic() {
    let mut stack = Stack::new();
    stack.add(&"é".repeat(300), CfnLogGroup::new());
    let errors = stack.to_template().expect_err("too long").0;
    assert_eq!(errors.codes(), ["CFN001"]);
    assert!(
        errors.to_string().contains("300 characters long"),
        "{errors}"
    );
}

#[test]
fn yaml_templates_and_byte_order_marks_read_like_json() {
    let yaml = "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub '${AWS::StackName}-t'\n      Tags:\n        - Key: a\n          Value: !GetAtt U.TopicName\n  U:\n    Type: AWS::SNS::Topic\n";
    let (json, _) = text::parse(yaml.as_bytes()).unwrap();
    assert_eq!(
        json["Resources"]["T"]["Properties"]["TopicName"],
        json!({"Fn::Sub": "${AWS::StackName}-t"})
    );
    assert!(check_structure(&template_from_json(&json).unwrap()).is_empty());
    let (bom, _) =
        text::parse(b"\xEF\xBB\xBF{\"Resources\": {\"T\": {\"Type\": \"AWS::SNS::Topic\"}}}")
            .unwrap();
    assert!(template_from_json(&bom).is_ok());
}

#[test]
fn duplicate_keys_are_errors_naming_both_places() {
    let e = text::parse(
        b"{\"Resources\": {\n  \"T\": {\"Type\": \"A\"},\n  \"T\": {\"Type\": \"B\"}}}",
    )
    .unwrap_err();
    let message = e.to_string();
    assert!(message.starts_with("line 3, column 3"), "{message}");
    assert!(message.contains("first at line 2, column 3"), "{message}");
}

#[test]
fn yaml_aliases_and_several_documents_are_refused() {
    assert!(
        text::parse(b"a: &x [1]\nb: *x\n")
            .unwrap_err()
            .message
            .contains("aliases")
    );
    assert!(
        text::parse(b"a: 1\n---\nb: 2\n")
            .unwrap_err()
            .message
            .contains("one YAML document")
    );
}

#[test]
fn what_is_not_a_template_is_refused() {
    for not_a_template in [
        json!([]),
        json!({"Resources": []}),
        json!("text"),
        json!({"Outputs": {}}),
    ] {
        assert!(
            template_from_json(&not_a_template).is_err(),
            "{not_a_template}"
        );
    }
}

fn number_template() -> ecs_dsl::Template {
    let mut stack = Stack::new();
    stack.parameter::<i64>("Count", ParameterSpec::new().min_value(0).max_value(4));
    stack.parameter::<String>("Name", ParameterSpec::new().default("x"));
    stack.add("Logs", CfnLogGroup::new());
    stack.to_template().unwrap()
}

#[test]
fn nan_and_infinity_are_not_numbers() {
    for bad in ["NaN", "inf", "-infinity", "Infinity"] {
        let values = read_values(&json!({"Parameters": {"Count": bad}})).unwrap();
        assert_eq!(
            check_values(&number_template(), &values).codes(),
            ["PAR003"],
            "{bad}"
        );
    }
    let values = read_values(&json!({"Parameters": {"Count": "1e1"}})).unwrap();
    assert_eq!(
        check_values(&number_template(), &values).codes(),
        ["PAR006"]
    );
}

#[test]
fn every_parameter_file_form_is_read() {
    let cli = read_values(&json!([
        {"ParameterKey": "Count", "ParameterValue": "2"},
        {"ParameterKey": "Name", "UsePreviousValue": true}
    ]))
    .unwrap();
    assert_eq!(cli.given["Count"], "2");
    assert!(cli.use_previous.contains("Name"));
    assert!(check_values(&number_template(), &cli).is_empty());

    let overrides = read_values(&json!(["Count=3", "Name=a=b"])).unwrap();
    assert_eq!(overrides.given["Name"], "a=b");
    assert!(check_values(&number_template(), &overrides).is_empty());

    let mut values = read_values(&json!({"Parameters": {"Count": "1"}, "Tags": {}})).unwrap();
    values.apply_overrides(&["Count=9".to_owned()]).unwrap();
    assert_eq!(
        check_values(&number_template(), &values).codes(),
        ["PAR006"]
    );

    assert!(read_values(&json!(["Count"])).is_err());
    assert!(read_values(&json!(["Count=1", "Count=2"])).is_err());
}

#[test]
fn a_dangling_reference_in_a_custom_resource_raw_property_is_refused() {
    use ecs_dsl::custom_resource::CustomResource;
    let mut stack = Stack::new();
    CustomResource::new("arn:aws:lambda:eu-west-1:1:function:f")
        .resource_type("Custom::Thing")
        .raw_property(
            "Target",
            Node::from_json(&json!({"Fn::GetAtt": ["Nope", "Arn"]})),
        )
        .add(&mut stack, "Thing");
    assert_eq!(synth_codes(&stack), ["CFN004"]);
}
