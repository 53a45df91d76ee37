//! Helpers of the compose tests: what the builders write for an imported container.

use ecs_dsl::Stack;
use ecs_dsl::compose::ContainerSpec;
use ecs_dsl::ecs::TaskDefinition;
use ecs_dsl::synth::{Format, render};
use serde_json::Value;

/// The `ContainerDefinition` the builders write for `spec`, in an EC2 (`bridge`) task
/// definition: the container as the direct import and the eject build it.
pub fn container_json(spec: &ContainerSpec) -> Value {
    let mut stack = Stack::new();
    TaskDefinition::new("t")
        .container(spec.clone().into_container())
        .add(&mut stack, "T");
    let template: Value =
        serde_json::from_str(&render(&stack.to_template().unwrap(), Format::Json).unwrap())
            .unwrap();
    template["Resources"]["T"]["Properties"]["ContainerDefinitions"][0].clone()
}
