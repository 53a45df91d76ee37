//! A resource type of a service whose cargo feature is off: the tests enable the default services
//! (plus `ecr` and `kms`), not `dynamodb`. rustc names the feature to add to `Cargo.toml`.
use ecs_dsl::cfn::dynamodb::CfnTable;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    stack.add("Table", CfnTable::new());
}
