//! `#[derive(StackParameters)]`: a Rust struct becomes the template's Parameters section.

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;
use serde_json::json;

/// Parameters shaped like the book's.
#[derive(StackParameters)]
struct BookParameters {
    /// Desired EC2 instance count
    #[parameter(min_value = 0, max_value = 4)]
    application_desired_count: Parameter<i64>,
    /// Application Docker Image Tag
    #[parameter(default = "latest", allowed_pattern = "[0-9a-f]{7}|latest")]
    application_image_tag: Parameter<String>,
    /// Database password
    #[parameter(name = "DbPassword", no_echo)]
    password: Parameter<String>,
    /// Allowed environments
    #[parameter(allowed_values = ["dev", "prod"], default = "dev")]
    environment: Parameter<String>,
}

#[test]
fn fields_become_typed_parameters() {
    let mut stack = Stack::new();
    let params = BookParameters::declare(&mut stack);
    stack.add(
        "Logs",
        CfnLogGroup::new()
            .log_group_name(sub!("app-${tag}", tag = &params.application_image_tag))
            .retention_in_days(&params.application_desired_count),
    );
    let template = stack.to_template().unwrap();
    let json: serde_json::Value = serde_json::from_str(
        &ecs_dsl::synth::render(&template, ecs_dsl::synth::Format::Json).unwrap(),
    )
    .unwrap();
    let p = &json["Parameters"];
    assert_eq!(
        p["ApplicationDesiredCount"],
        json!({"Type": "Number", "Description": "Desired EC2 instance count", "MinValue": 0, "MaxValue": 4})
    );
    assert_eq!(
        p["ApplicationImageTag"],
        json!({"Type": "String", "Description": "Application Docker Image Tag", "Default": "latest", "AllowedPattern": "[0-9a-f]{7}|latest"})
    );
    assert_eq!(
        p["DbPassword"],
        json!({"Type": "String", "Description": "Database password", "NoEcho": true})
    );
    assert_eq!(p["Environment"]["AllowedValues"], json!(["dev", "prod"]));
    assert_eq!(
        json["Resources"]["Logs"]["Properties"]["RetentionInDays"],
        json!({"Ref": "ApplicationDesiredCount"})
    );
    assert_eq!(params.password.name(), "DbPassword");
    assert_eq!(params.environment.name(), "Environment");
}
