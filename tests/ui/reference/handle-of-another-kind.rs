// A service's `Cluster` refers to an ECS cluster; a log group handle is not one.
use ecs_dsl::cfn::ecs::CfnService;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    stack.add("Service", CfnService::new().cluster(&logs));
}
