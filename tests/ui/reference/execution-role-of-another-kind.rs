// A task definition's execution role must be a role ARN, not the ARN of a log group.
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::ecs::TaskDefinition;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    TaskDefinition::new("app").execution_role(logs.attr_arn()).add(&mut stack, "App");
}
