//! An `App` of stacks: a handle of one stack used in another becomes an export and an import,
//! the deploy order follows the references, cycles and exports still imported are errors, and
//! outside an app such a handle is CFN003 pointing to `App`.

use ecs_dsl::app::{App, AppTemplates, Manifest, Share};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::ssm::CfnParameter;
use ecs_dsl::cfn::ssm::parameter::{CfnParameterRequired, Type};
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::{Diagnostics, Template};
use serde_json::{Value, json};

/// A stack owning one log group, `Logs`.
fn logs_stack() -> (Stack, Handle<CfnLogGroup>) {
    let mut stack = Stack::new();
    let group = stack.add("Logs", CfnLogGroup::new().retention_in_days(7));
    (stack, group)
}

/// An SSM parameter resource whose `Value` is `value`.
fn parameter_holding(value: impl IntoValue<String>) -> CfnParameter {
    CfnParameter::new(CfnParameterRequired {
        type_: Type::StringValue,
        value,
    })
}

/// A stack that uses the log group's ARN, and its name inside an `Fn::Sub`.
fn user_stack(group: &Handle<CfnLogGroup>) -> Stack {
    let mut stack = Stack::new();
    stack.add("GroupArn", parameter_holding(group.attr_arn()));
    let group = group.clone();
    stack.add("GroupPath", parameter_holding(sub!("/logs/${group}")));
    stack
}

fn json_of(template: &Template) -> Value {
    let text = render(template, Format::Json).expect("renders");
    serde_json::from_str(&text).expect("synth writes JSON")
}

fn template(synth: &AppTemplates, name: &str) -> Value {
    let (_, t) = synth
        .stacks
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no stack {name} in {:?}", synth.manifest.order()));
    json_of(t)
}

fn errors(result: Result<AppTemplates, ecs_dsl::SynthError>) -> Diagnostics {
    match result {
        Ok(s) => panic!("expected errors, got stacks {:?}", s.manifest.order()),
        Err(e) => e.0,
    }
}

#[test]
fn a_handle_used_in_another_stack_becomes_an_export_there_and_an_import_here() {
    let (logs, group) = logs_stack();
    let mut app = App::new();
    app.add("logs", logs).add("service", user_stack(&group));
    let synth = app.synth().expect("the app synthesizes");

    let logs = template(&synth, "logs");
    assert_eq!(
        logs["Outputs"],
        json!({
            "ExportLogsArn": {"Value": {"Fn::GetAtt": ["Logs", "Arn"]}, "Export": {"Name": "logs:Logs:Arn"}},
            "ExportLogs": {"Value": {"Ref": "Logs"}, "Export": {"Name": "logs:Logs"}},
        })
    );
    let service = template(&synth, "service");
    assert_eq!(
        service["Resources"]["GroupArn"]["Properties"]["Value"],
        json!({"Fn::ImportValue": "logs:Logs:Arn"})
    );
    assert_eq!(
        service["Resources"]["GroupPath"]["Properties"]["Value"],
        json!({"Fn::Sub": ["/logs/${ImportedLogs}", {"ImportedLogs": {"Fn::ImportValue": "logs:Logs"}}]})
    );

    let manifest = synth.manifest.to_json("json");
    assert_eq!(manifest["references"][0]["name"], "logs:Logs");
    assert_eq!(
        manifest["references"][1]["used_by"],
        json!([{"stack": "service", "parameter": null, "at": ["Resources.GroupArn.Properties.Value"]}])
    );
    assert_eq!(Manifest::from_json(&manifest), Ok(synth.manifest.clone()));
    let again = app.synth().expect("synthesizes twice");
    assert_eq!(
        render(&again.stacks[1].1, Format::Yaml).unwrap(),
        render(&synth.stacks[1].1, Format::Yaml).unwrap(),
        "synth is deterministic"
    );
}

#[test]
fn the_deploy_order_follows_the_references_not_the_order_of_adding() {
    let (logs, group) = logs_stack();
    let mut middle = user_stack(&group);
    let relay = middle.add("Relay", CfnLogGroup::new());
    let mut last = Stack::new();
    last.add("RelayName", parameter_holding(relay.ref_()));
    let lone = Stack::new();

    let mut app = App::new();
    app.add("last", last)
        .add("lone", lone)
        .add("middle", middle)
        .add("first", logs);
    let synth = app.synth().expect("the app synthesizes");
    assert_eq!(synth.manifest.order(), ["lone", "first", "middle", "last"]);
    let after: Vec<(&str, Vec<String>)> = synth
        .manifest
        .stacks
        .iter()
        .map(|s| (s.name.as_str(), s.after.clone()))
        .collect();
    assert_eq!(
        after,
        [
            ("lone", vec![]),
            ("first", vec![]),
            ("middle", vec!["first".to_owned()]),
            ("last", vec!["middle".to_owned()]),
        ]
    );
    let names: Vec<&str> = synth.stacks.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        synth.manifest.order(),
        "templates come in deploy order"
    );
}

#[test]
fn stacks_that_use_each_others_values_are_an_error_naming_both_places() {
    let mut a = Stack::new();
    let group_a = a.add("GroupA", CfnLogGroup::new());
    let mut b = Stack::new();
    let group_b = b.add("GroupB", CfnLogGroup::new());
    a.add("UsesB", parameter_holding(group_b.attr_arn()));
    let line_b = line!() + 1;
    b.add("UsesA", parameter_holding(group_a.attr_arn()));

    let mut app = App::new();
    app.add("alpha", a).add("beta", b);
    let errs = errors(app.synth());
    assert_eq!(errs.codes(), ["APP002"], "{errs}");
    let text = errs.to_string();
    for place in [
        "stack `alpha` uses `GroupB.Arn` of stack `beta` at alpha/Resources.UsesB.Properties.Value",
        "stack `beta` uses `GroupA.Arn` of stack `alpha` at beta/Resources.UsesA.Properties.Value",
        "(alpha → beta → alpha)",
        &format!("{}:{line_b}", file!()),
    ] {
        assert!(text.contains(place), "missing {place:?} in:\n{text}");
    }
}

/// Version 1: `service` imports `Logs.Arn`, exported by `logs`.
fn deployed_manifest() -> Manifest {
    let (logs, group) = logs_stack();
    let mut service = Stack::new();
    service.add("GroupArn", parameter_holding(group.attr_arn()));
    let mut app = App::new();
    app.add("logs", logs).add("service", service);
    app.synth().expect("version 1 synthesizes").manifest
}

#[test]
fn removing_an_export_still_imported_is_an_error_with_the_two_step_fix() {
    let deployed = deployed_manifest();

    // Version 2: `service` no longer uses the log group, so nothing exports it any more.
    let (logs, _) = logs_stack();
    let mut app = App::new();
    app.add("logs", logs).add("service", Stack::new());
    assert!(
        app.synth().is_ok(),
        "without a previous manifest, nothing is known to import"
    );
    let errs = errors(app.synth_after(&deployed));
    assert_eq!(errs.codes(), ["APP003"], "{errs}");
    let text = errs.to_string();
    for expected in [
        "logs/Outputs.ExportLogsArn",
        "the export `logs:Logs:Arn` (`Logs.Arn` of stack `logs`) is removed, but the deployed stack `service` still imports it",
        "deploy in two steps: (1) keep the export, with `app.share(&<Logs.Arn>, Share::export(\"logs:Logs:Arn\"))`",
        "(2) then remove it and deploy again",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }

    // Step 1 of the fix: version 2 keeps the export although no stack uses it.
    let (logs, group) = logs_stack();
    let mut app = App::new();
    app.add("logs", logs).add("service", Stack::new());
    app.share(&group.attr_arn(), Share::export("logs:Logs:Arn"));
    let step_one = app
        .synth_after(&deployed)
        .expect("keeping the export is accepted");
    assert_eq!(
        template(&step_one, "logs")["Outputs"]["ExportLogsArn"]["Export"]["Name"],
        "logs:Logs:Arn"
    );
    // Step 2: once that is deployed, nothing imports the export and it may go.
    let (logs, _) = logs_stack();
    let mut app = App::new();
    app.add("logs", logs).add("service", Stack::new());
    let step_two = app
        .synth_after(&step_one.manifest)
        .expect("the export may go now");
    assert_eq!(template(&step_two, "logs").get("Outputs"), None);
}

#[test]
fn changing_the_value_of_an_export_still_imported_is_an_error() {
    let deployed = deployed_manifest();
    let mut logs = Stack::new();
    logs.add("Logs", CfnLogGroup::new());
    let other = logs.add("OtherLogs", CfnLogGroup::new());
    let mut service = Stack::new();
    service.add("GroupArn", parameter_holding(other.attr_arn()));
    let mut app = App::new();
    app.add("logs", logs).add("service", service);
    app.share(&other.attr_arn(), Share::export("logs:Logs:Arn"));

    let errs = errors(app.synth_after(&deployed));
    assert_eq!(errs.codes(), ["APP003"], "{errs}");
    let text = errs.to_string();
    assert!(
        text.contains("the export `logs:Logs:Arn` changes from `Logs.Arn` of stack `logs` to `OtherLogs.Arn` of stack `logs`"),
        "{text}"
    );
    assert!(
        text.contains("share the new value under a new export name"),
        "{text}"
    );
}

#[test]
fn a_handle_of_another_stack_without_an_app_is_cfn003_with_help_pointing_to_app() {
    let (_logs, group) = logs_stack();
    let service = user_stack(&group);
    let errs = service
        .to_template()
        .expect_err("a foreign handle is an error")
        .0;
    assert_eq!(errs.codes(), ["CFN003", "CFN003"], "{errs}");
    let first = errs.iter().next().expect("one finding");
    assert_eq!(first.message, "`Logs` belongs to another stack");
    let help = first.help.as_deref().unwrap_or_default();
    assert!(help.contains("`ecs_dsl::app::App`"), "help: {help}");

    // In an app that lacks the owning stack, the handle is still CFN003.
    let mut app = App::new();
    app.add("service", user_stack(&group));
    let errs = errors(app.synth());
    assert_eq!(errs.codes(), ["CFN003", "CFN003"], "{errs}");
    assert!(
        errs.iter()
            .all(|d| d.path.starts_with("service/Resources.Group")),
        "{errs}"
    );
}

#[test]
fn an_ssm_parameter_or_a_stack_output_carries_the_value_when_chosen() {
    let (logs, group) = logs_stack();
    let mut app = App::new();
    app.add("logs", logs).add("service", user_stack(&group));
    app.share(&group.attr_arn(), Share::ssm_parameter("/app/logs-arn"))
        .share(&group.ref_(), Share::stack_output());
    let synth = app.synth().expect("the app synthesizes");

    let logs = template(&synth, "logs");
    assert_eq!(
        logs["Resources"]["SharedLogsArnParameter"],
        json!({"Type": "AWS::SSM::Parameter", "Properties": {
            "Name": "/app/logs-arn", "Type": "String", "Value": {"Fn::GetAtt": ["Logs", "Arn"]}}})
    );
    assert_eq!(
        logs["Outputs"],
        json!({"SharedLogs": {"Value": {"Ref": "Logs"}}})
    );

    let service = template(&synth, "service");
    assert_eq!(
        service["Parameters"]["ImportedLogsArn"]["Type"],
        "AWS::SSM::Parameter::Value<String>"
    );
    assert_eq!(
        service["Parameters"]["ImportedLogsArn"]["Default"],
        "/app/logs-arn"
    );
    assert_eq!(service["Parameters"]["ImportedLogs"]["Type"], "String");
    assert_eq!(
        service["Resources"]["GroupArn"]["Properties"]["Value"],
        json!({"Ref": "ImportedLogsArn"})
    );
    assert_eq!(
        service["Resources"]["GroupPath"]["Properties"]["Value"],
        json!({"Fn::Sub": ["/logs/${ImportedLogs}", {"ImportedLogs": {"Ref": "ImportedLogs"}}]})
    );
    let manifest = synth.manifest.to_json("json");
    assert_eq!(manifest["references"][0]["kind"], "stack-output");
    assert_eq!(manifest["references"][0]["published_by"], "SharedLogs");
    assert_eq!(
        manifest["references"][0]["used_by"][0]["parameter"],
        "ImportedLogs"
    );
    assert_eq!(manifest["references"][1]["kind"], "ssm-parameter");
    assert_eq!(synth.manifest.order(), ["logs", "service"]);
}

#[test]
fn stack_names_and_export_names_are_checked() {
    let (logs, group) = logs_stack();
    let mut app = App::new();
    app.add("logs", logs)
        .add("logs", Stack::new())
        .add("9lives", user_stack(&group));
    app.share(&group.ref_(), Share::export("taken"))
        .share(&group.attr_arn(), Share::export("taken"));
    let errs = errors(app.synth());
    assert_eq!(errs.codes(), ["APP004", "APP004", "APP005"], "{errs}");
    let paths: Vec<&str> = errs.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["9lives", "logs", "logs/Outputs.ExportLogsArn"]);
    let text = errs.to_string();
    assert!(
        text.contains("the app already has a stack named `logs`"),
        "{text}"
    );
    assert!(
        text.contains("`9lives` is not a valid stack name"),
        "{text}"
    );
    assert!(text.contains("the export name `taken` of `Logs.Arn` of stack `logs` is already used by `Logs` of stack `logs`"), "{text}");
}
