use ecs_dsl::prelude::*;

#[derive(StackParameters)]
struct Params {
    /// Desired count
    desired_count: i64,
}

fn main() {}
