use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    // `_` names only a custom resource's attribute; a log group has a fixed list.
    let _ = sub!("${logs.MYSQL_PASSWORD}");
}
