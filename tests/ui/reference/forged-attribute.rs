use ecs_dsl::cfn::iam::role::RoleArn;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    // A log group has no role ARN; a program may not claim one.
    let _forged: RoleArn = logs.attr("Arn");
}
