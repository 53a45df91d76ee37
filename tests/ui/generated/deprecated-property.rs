// `AWS::ECS::TaskDefinition.InferenceAccelerators` is deprecated in the spec; its setter is
// `#[deprecated]` with the reason, an error under `deny(deprecated)` (or `-D warnings`).
#![deny(deprecated)]

use ecs_dsl::cfn::ecs::CfnTaskDefinition;

fn main() {
    let _task = CfnTaskDefinition::new().inference_accelerators(Vec::<ecs_dsl::cfn::ecs::task_definition::InferenceAccelerator>::new());
}
