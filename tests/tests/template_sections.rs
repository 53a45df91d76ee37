//! Every template section and resource attribute synthesizes to the JSON CloudFormation
//! documents, and synth is deterministic.

use ecs_dsl::cfn::iam::{CfnRole, role::CfnRoleRequired};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::template::{AvailabilityZoneName, KeyPairName};
use serde_json::{Value as Json, json};

fn synth(stack: &Stack) -> Json {
    serde_json::from_str(&render(&stack.to_template().unwrap(), Format::Json).unwrap()).unwrap()
}

#[test]
fn description_metadata_transform() {
    let mut stack = Stack::new();
    stack
        .description("Todobackend Application")
        .metadata("Owner", "platform".into())
        .transform("AWS::Serverless-2016-10-31");
    stack.add("Logs", CfnLogGroup::new());
    let t = synth(&stack);
    assert_eq!(t["AWSTemplateFormatVersion"], json!("2010-09-09"));
    assert_eq!(t["Description"], json!("Todobackend Application"));
    assert_eq!(t["Metadata"], json!({"Owner": "platform"}));
    assert_eq!(t["Transform"], json!("AWS::Serverless-2016-10-31"));
}

#[test]
fn parameters_of_every_type_with_every_field() {
    let mut stack = Stack::new();
    stack.parameter::<String>(
        "Name",
        ParameterSpec::new()
            .description("A name")
            .default("todo")
            .allowed_pattern("[a-z]+")
            .min_length(1)
            .max_length(20)
            .constraint_description("lower-case letters"),
    );
    stack.parameter::<i64>(
        "Count",
        ParameterSpec::new().default(1).min_value(0).max_value(4),
    );
    stack.parameter::<Vec<f64>>("Weights", ParameterSpec::new());
    stack.parameter::<Vec<String>>("Names", ParameterSpec::new().allowed_values(["a", "b"]));
    stack.parameter::<String>("Password", ParameterSpec::new().no_echo());
    stack.parameter::<ImageId>("Ami", ParameterSpec::new());
    stack.parameter::<Ssm<ImageId>>(
        "EcsAmi",
        ParameterSpec::new()
            .default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"),
    );
    stack.parameter::<Ssm<String>>("Setting", ParameterSpec::new());
    stack.parameter::<AvailabilityZoneName>("Zone", ParameterSpec::new());
    stack.parameter::<KeyPairName>("Key", ParameterSpec::new());
    stack.add("Logs", CfnLogGroup::new());
    let p = &synth(&stack)["Parameters"];
    assert_eq!(
        p["Name"],
        json!({"Type": "String", "Description": "A name", "Default": "todo", "AllowedPattern": "[a-z]+", "MinLength": 1, "MaxLength": 20, "ConstraintDescription": "lower-case letters"})
    );
    assert_eq!(
        p["Count"],
        json!({"Type": "Number", "Default": "1", "MinValue": 0, "MaxValue": 4})
    );
    assert_eq!(p["Weights"]["Type"], json!("List<Number>"));
    assert_eq!(
        p["Names"],
        json!({"Type": "CommaDelimitedList", "AllowedValues": ["a", "b"]})
    );
    assert_eq!(p["Password"], json!({"Type": "String", "NoEcho": true}));
    assert_eq!(p["Ami"]["Type"], json!("AWS::EC2::Image::Id"));
    assert_eq!(
        p["EcsAmi"]["Type"],
        json!("AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>")
    );
    assert_eq!(
        p["Setting"]["Type"],
        json!("AWS::SSM::Parameter::Value<String>")
    );
    assert_eq!(p["Zone"]["Type"], json!("AWS::EC2::AvailabilityZone::Name"));
    assert_eq!(p["Key"]["Type"], json!("AWS::EC2::KeyPair::KeyName"));
}

#[test]
fn outputs_with_export_and_condition() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    let always = stack.condition("Always", Cond::equals("a", "a"));
    stack.output(
        "LogsArn",
        Output::new(logs.attr_arn())
            .description("The log group")
            .export_name(sub!("${AWS::StackName}-logs"))
            .condition(&always),
    );
    let t = synth(&stack);
    assert_eq!(
        t["Outputs"]["LogsArn"],
        json!({
            "Description": "The log group",
            "Condition": "Always",
            "Value": {"Fn::GetAtt": ["Logs", "Arn"]},
            "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-logs"}}
        })
    );
}

#[test]
fn resource_attributes() {
    let mut stack = Stack::new();
    let first = stack.add("First", CfnLogGroup::new());
    let cond = stack.condition("Enabled", Cond::equals("x", "x"));
    let init = Init::new(
        InitConfig::new()
            .package("yum", "jq")
            .file(
                "/etc/app.conf",
                InitFile::content("debug=false\n")
                    .mode("000644")
                    .owner("root")
                    .group("root"),
            )
            .command(
                "05_public_volume",
                InitCommand::new("mkdir -p /data/public"),
            )
            .command(
                "10_first_run",
                InitCommand::new("sh firstrun.sh")
                    .cwd("/home/ec2-user")
                    .env("STACK_NAME", Pseudo::StackName.value()),
            )
            .service(
                "sysvinit",
                "cfn-hup",
                InitService::enabled_and_running().restart_on_files(&["/etc/cfn/cfn-hup.conf"]),
            ),
    )
    .config_set("default", &["config"]);
    stack.add(
        "Second",
        CfnLogGroup::new()
            .depends_on(&first)
            .condition(&cond)
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(DeletionPolicy::Snapshot)
            .creation_policy(
                CreationPolicy::new()
                    .resource_signal(2, "PT15M")
                    .min_successful_instances_percent(50),
            )
            .update_policy(UpdatePolicy::new().auto_scaling_replacing_update(true))
            .cfn_init(init),
    );
    let r = &synth(&stack)["Resources"]["Second"];
    assert_eq!(r["DependsOn"], json!(["First"]));
    assert_eq!(r["Condition"], json!("Enabled"));
    assert_eq!(r["DeletionPolicy"], json!("Retain"));
    assert_eq!(r["UpdateReplacePolicy"], json!("Snapshot"));
    assert_eq!(
        r["CreationPolicy"],
        json!({"ResourceSignal": {"Count": 2, "Timeout": "PT15M"}, "AutoScalingCreationPolicy": {"MinSuccessfulInstancesPercent": 50}})
    );
    assert_eq!(
        r["UpdatePolicy"],
        json!({"AutoScalingReplacingUpdate": {"WillReplace": true}})
    );
    assert_eq!(
        r["Metadata"]["AWS::CloudFormation::Init"],
        json!({
            "configSets": {"default": ["config"]},
            "config": {
                "packages": {"yum": {"jq": []}},
                "files": {"/etc/app.conf": {"content": "debug=false\n", "mode": "000644", "owner": "root", "group": "root"}},
                "commands": {
                    "05_public_volume": {"command": "mkdir -p /data/public"},
                    "10_first_run": {"command": "sh firstrun.sh", "cwd": "/home/ec2-user", "env": {"STACK_NAME": {"Ref": "AWS::StackName"}}}
                },
                "services": {"sysvinit": {"cfn-hup": {"enabled": true, "ensureRunning": true, "files": ["/etc/cfn/cfn-hup.conf"]}}}
            }
        })
    );
}

#[test]
fn raw_overrides_merge_last() {
    let mut stack = Stack::new();
    stack.add(
        "Role",
        CfnRole::new(CfnRoleRequired {
            assume_role_policy_document: json!({"Version": "2012-10-17", "Statement": []}),
        })
        .override_property(
            "AssumeRolePolicyDocument.Statement",
            json!([{"Effect": "Allow"}]),
        )
        .override_property("MaxSessionDuration", json!(3600)),
    );
    let p = &synth(&stack)["Resources"]["Role"]["Properties"];
    assert_eq!(
        p["AssumeRolePolicyDocument"],
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow"}]})
    );
    assert_eq!(p["MaxSessionDuration"], json!(3600));
}

#[test]
fn synth_is_byte_identical_across_runs_and_ends_with_a_newline() {
    let build = || {
        let mut stack = Stack::new();
        let a = stack.add("A", CfnLogGroup::new().retention_in_days(7));
        stack.add(
            "B",
            CfnLogGroup::new()
                .log_group_name(sub!("${a}-b"))
                .depends_on(&a),
        );
        render(&stack.to_template().unwrap(), Format::Json).unwrap()
    };
    let first = build();
    assert_eq!(first, build());
    assert!(first.ends_with("}\n"));
}
