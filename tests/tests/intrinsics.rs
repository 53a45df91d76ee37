//! Each intrinsic function, pseudo parameter and dynamic reference synthesizes to the exact JSON
//! the CloudFormation documentation gives for it.

use std::collections::BTreeMap;

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use serde_json::{Value as Json, json};

/// Synthesizes a stack and returns it as JSON.
fn synth(stack: &Stack) -> Json {
    let template = stack.to_template().expect("stack synthesizes");
    serde_json::from_str(&render(&template, Format::Json).unwrap()).unwrap()
}

/// The `LogGroupName` a value synthesizes to, set on a log group in a stack of its own.
fn as_property(build: impl FnOnce(&mut Stack) -> Value<String>) -> Json {
    let mut stack = Stack::new();
    let value = build(&mut stack);
    stack.add("Subject", CfnLogGroup::new().log_group_name(value));
    synth(&stack)["Resources"]["Subject"]["Properties"]["LogGroupName"].clone()
}

#[test]
fn ref_of_a_resource_and_of_a_parameter() {
    let mut stack = Stack::new();
    let tag: Parameter<String> = stack.parameter("ImageTag", ParameterSpec::new());
    let first = stack.add("First", CfnLogGroup::new());
    stack.add(
        "Second",
        CfnLogGroup::new()
            .log_group_name(&first)
            .retention_in_days(7),
    );
    stack.add("Third", CfnLogGroup::new().log_group_name(&tag));
    let t = synth(&stack);
    assert_eq!(
        t["Resources"]["Second"]["Properties"]["LogGroupName"],
        json!({"Ref": "First"})
    );
    assert_eq!(
        t["Resources"]["Third"]["Properties"]["LogGroupName"],
        json!({"Ref": "ImageTag"})
    );
}

#[test]
fn get_att_plain_and_dotted() {
    let mut stack = Stack::new();
    let group = stack.add("Group", CfnLogGroup::new());
    stack.add("User", CfnLogGroup::new().log_group_name(group.attr_arn()));
    stack.add(
        "Dotted",
        CfnLogGroup::new().log_group_name(group.get_att("Endpoint.Address")),
    );
    let t = synth(&stack);
    assert_eq!(
        t["Resources"]["User"]["Properties"]["LogGroupName"],
        json!({"Fn::GetAtt": ["Group", "Arn"]})
    );
    assert_eq!(
        t["Resources"]["Dotted"]["Properties"]["LogGroupName"],
        json!({"Fn::GetAtt": ["Group", "Endpoint.Address"]})
    );
}

#[test]
fn sub_plain_with_references_pseudo_parameters_and_escapes() {
    let v = as_property(|stack| {
        let group = stack.add("Group", CfnLogGroup::new());
        sub!("/${AWS::StackName}/${group}/${group.Arn}/${!Literal}")
    });
    assert_eq!(
        v,
        json!({"Fn::Sub": "/${AWS::StackName}/${Group}/${Group.Arn}/${!Literal}"})
    );
}

#[test]
fn sub_with_a_variable_map() {
    let v = as_property(|_| {
        sub!(
            "${Prefix}-logs",
            Prefix = Func::select(0, Func::split(",", "a,b"))
        )
    });
    assert_eq!(
        v,
        json!({"Fn::Sub": ["${Prefix}-logs", {"Prefix": {"Fn::Select": [0, {"Fn::Split": [",", "a,b"]}]}}]})
    );
}

#[test]
fn join_select_split() {
    assert_eq!(
        as_property(|_| Func::join("-", ["a", "b"])),
        json!({"Fn::Join": ["-", ["a", "b"]]})
    );
    assert_eq!(
        as_property(|_| Func::select(1, Func::get_azs(""))),
        json!({"Fn::Select": [1, {"Fn::GetAZs": ""}]})
    );
}

#[test]
fn conditions_if_equals_and_or_not_condition() {
    let mut stack = Stack::new();
    let env: Parameter<String> =
        stack.parameter("Env", ParameterSpec::new().allowed_values(["prod", "dev"]));
    let is_prod = stack.condition("IsProd", Cond::equals(&env, "prod"));
    let is_dev = stack.condition("IsDev", Cond::not(Cond::named(&is_prod)));
    stack.condition(
        "Either",
        Cond::or([Cond::named(&is_prod), Cond::named(&is_dev)]),
    );
    stack.condition(
        "Both",
        Cond::and([
            Cond::named(&is_prod),
            Cond::equals(Pseudo::Region.value(), "us-east-1"),
        ]),
    );
    stack.add(
        "Logs",
        CfnLogGroup::new()
            .log_group_name(Func::if_(&is_prod, "prod-logs", Pseudo::NoValue.value()))
            .condition(&is_dev),
    );
    let t = synth(&stack);
    assert_eq!(
        t["Conditions"]["IsProd"],
        json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})
    );
    assert_eq!(
        t["Conditions"]["IsDev"],
        json!({"Fn::Not": [{"Condition": "IsProd"}]})
    );
    assert_eq!(
        t["Conditions"]["Either"],
        json!({"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsDev"}]})
    );
    assert_eq!(
        t["Conditions"]["Both"],
        json!({"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]})
    );
    assert_eq!(
        t["Resources"]["Logs"]["Properties"]["LogGroupName"],
        json!({"Fn::If": ["IsProd", "prod-logs", {"Ref": "AWS::NoValue"}]})
    );
    assert_eq!(t["Resources"]["Logs"]["Condition"], json!("IsDev"));
}

#[test]
fn find_in_map() {
    let mut stack = Stack::new();
    let map = stack.mapping(
        "RegionMap",
        BTreeMap::from([(
            "us-east-1".to_owned(),
            BTreeMap::from([("Suffix".to_owned(), "use1".into())]),
        )]),
    );
    stack.add(
        "Logs",
        CfnLogGroup::new().log_group_name(Func::find_in_map(
            &map,
            Pseudo::Region.value(),
            "Suffix",
        )),
    );
    let t = synth(&stack);
    assert_eq!(
        t["Mappings"]["RegionMap"],
        json!({"us-east-1": {"Suffix": "use1"}})
    );
    assert_eq!(
        t["Resources"]["Logs"]["Properties"]["LogGroupName"],
        json!({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Suffix"]})
    );
}

#[test]
fn import_value_base64_cidr() {
    assert_eq!(
        as_property(|_| Func::import_value("shared-vpc-id")),
        json!({"Fn::ImportValue": "shared-vpc-id"})
    );
    assert_eq!(
        as_property(|_| Func::base64(sub!("echo ${AWS::Region}"))),
        json!({"Fn::Base64": {"Fn::Sub": "echo ${AWS::Region}"}})
    );
    assert_eq!(
        as_property(|_| Func::select(0, Func::cidr("10.0.0.0/16", 4, 8))),
        json!({"Fn::Select": [0, {"Fn::Cidr": ["10.0.0.0/16", 4, 8]}]})
    );
}

#[test]
fn every_pseudo_parameter_is_a_ref() {
    for (p, name) in [
        (Pseudo::AccountId, "AWS::AccountId"),
        (Pseudo::NotificationArns, "AWS::NotificationARNs"),
        (Pseudo::NoValue, "AWS::NoValue"),
        (Pseudo::Partition, "AWS::Partition"),
        (Pseudo::Region, "AWS::Region"),
        (Pseudo::StackId, "AWS::StackId"),
        (Pseudo::StackName, "AWS::StackName"),
        (Pseudo::UrlSuffix, "AWS::URLSuffix"),
    ] {
        assert_eq!(as_property(|_| p.value()), json!({"Ref": name}), "{name}");
    }
}

#[test]
fn dynamic_references() {
    assert_eq!(
        as_property(|_| DynamicReference::ssm("/app/tag", None)),
        json!("{{resolve:ssm:/app/tag}}")
    );
    assert_eq!(
        as_property(|_| DynamicReference::ssm("/app/tag", Some(3))),
        json!("{{resolve:ssm:/app/tag:3}}")
    );
    assert_eq!(
        as_property(|_| DynamicReference::ssm_secure("/app/pw", Some(1))),
        json!("{{resolve:ssm-secure:/app/pw:1}}")
    );
    assert_eq!(
        as_property(|_| DynamicReference::secrets_manager("prod/db", Some("password"))),
        json!("{{resolve:secretsmanager:prod/db:SecretString:password}}")
    );
}

#[test]
fn arn_prefix_of_the_stacks_partition_region_and_account() {
    let v = as_property(|_| Sub::arn_prefix("ssm").text("parameter/app/token").build());
    assert_eq!(
        v,
        json!({"Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/token"})
    );
}
