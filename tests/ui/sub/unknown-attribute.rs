use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    let _ = sub!("${logs.Ar}");
}
