//! `sub!` with custom resource attributes: names with `_` (which only custom resources have)
//! become `Fn::GetAtt` by name; on a typed resource they are a compile error (tests/ui/sub).

use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::custom_resource::CustomResource;
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};

#[test]
fn a_custom_resource_attribute_with_an_underscore_is_a_placeholder() {
    let mut stack = Stack::new();
    let secrets = CustomResource::new("arn:aws:lambda:eu-west-1:1:function:f")
        .resource_type("Custom::Secrets")
        .add(&mut stack, "Secrets");
    stack.add(
        "Logs",
        CfnLogGroup::new().log_group_name(sub!("db-${secrets.MYSQL_PASSWORD}")),
    );
    let text = render(&stack.to_template().unwrap(), Format::Json).unwrap();
    assert!(
        text.contains(r#""Fn::Sub": "db-${Secrets.MYSQL_PASSWORD}""#),
        "{text}"
    );
}
