// A log group's ARN relabelled as a role's: only ecs-dsl can make a typed attribute.
use ecs_dsl::cfn::iam::role::RoleArn;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::intrinsic::{Attribute, Minted};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    let arn = logs.attr_arn().attr_ref().clone();
    let _forged = RoleArn::from_ref(arn, Minted(()));
}
