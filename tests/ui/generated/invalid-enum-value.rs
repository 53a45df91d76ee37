// `AWS::ECS::Service.LaunchType` is an enum: a string (here misspelt) is not accepted where a
// variant is expected. A value the spec does not list yet goes through `LaunchType::Other`.
use ecs_dsl::cfn::ecs::CfnService;

fn main() {
    let _service = CfnService::new().launch_type("FARGAT");
}
