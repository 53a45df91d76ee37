//! Parameter files (as the book's `dev.json`) are checked against the template's declarations,
//! and their JSON Schema is derived from them.

use std::collections::BTreeMap;

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use ecs_dsl::template::Template;
use ecs_dsl::template::parameters_file::{ParameterValues, check_values, json_schema, read_values};
use serde_json::json;

fn template() -> Template {
    let mut stack = Stack::new();
    stack.parameter::<i64>(
        "ApplicationDesiredCount",
        ParameterSpec::new().min_value(0).max_value(4),
    );
    stack.parameter::<String>(
        "ApplicationImageTag",
        ParameterSpec::new()
            .default("latest")
            .allowed_pattern("[0-9a-f]{7}|latest"),
    );
    stack.parameter::<String>(
        "Environment",
        ParameterSpec::new()
            .default("dev")
            .allowed_values(["dev", "prod"]),
    );
    stack.parameter::<ImageId>("ApplicationImageId", ParameterSpec::new());
    stack.add("Logs", CfnLogGroup::new());
    stack.to_template().unwrap()
}

fn values(pairs: &[(&str, &str)]) -> ParameterValues {
    let given: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    ParameterValues {
        given,
        ..ParameterValues::default()
    }
}

#[test]
fn a_file_like_dev_json_passes() {
    let file = json!({"Parameters": {"ApplicationDesiredCount": "1", "ApplicationImageId": "ami-02b68b7d", "ApplicationImageTag": "5fdbe62"}});
    let findings = check_values(&template(), &read_values(&file).unwrap());
    assert!(findings.is_empty(), "{findings}");
}

#[test]
fn every_problem_of_a_bad_file_is_reported() {
    let bad = values(&[
        ("ApplicationDesiredCount", "nine"),
        ("ApplicationImageId", "image-1"),
        ("ApplicationImageTag", "v1.2"),
        ("Environment", "staging"),
        ("VpcId", "vpc-f8233a80"),
    ]);
    let findings = check_values(&template(), &bad);
    let mut codes = findings.codes();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["PAR001", "PAR003", "PAR004", "PAR005", "PAR007"],
        "{findings}"
    );
    let text = findings.to_string();
    assert!(
        text.contains("`VpcId` is not a parameter of this template"),
        "{text}"
    );
    assert!(text.contains("`nine` is not a number"), "{text}");
}

#[test]
fn a_missing_value_without_default_and_an_out_of_range_number() {
    let findings = check_values(&template(), &values(&[("ApplicationDesiredCount", "9")]));
    let mut codes = findings.codes();
    codes.sort_unstable();
    assert_eq!(codes, ["PAR002", "PAR006"], "{findings}");
    assert!(
        findings
            .to_string()
            .contains("`ApplicationImageId` has no default")
    );
}

#[test]
fn the_cli_list_form_is_read_too() {
    let file = json!([{"ParameterKey": "ApplicationDesiredCount", "ParameterValue": "2"}]);
    assert_eq!(
        read_values(&file).unwrap(),
        values(&[("ApplicationDesiredCount", "2")])
    );
    assert!(read_values(&json!({"Nope": 1})).is_err());
}

#[test]
fn the_schema_lists_required_parameters_and_constraints() {
    let schema = json_schema(&template());
    let params = &schema["properties"]["Parameters"];
    assert_eq!(
        params["required"],
        json!(["ApplicationDesiredCount", "ApplicationImageId"])
    );
    assert_eq!(params["additionalProperties"], json!(false));
    assert_eq!(
        params["properties"]["Environment"]["enum"],
        json!(["dev", "prod"])
    );
    assert_eq!(
        params["properties"]["ApplicationImageId"]["pattern"],
        json!("^ami-[0-9a-f]{8,17}$")
    );
    assert_eq!(
        params["properties"]["ApplicationImageTag"]["default"],
        json!("latest")
    );
}
