use ecs_dsl::prelude::*;

#[derive(StackParameters)]
struct Params {
    /// Desired count
    #[parameter(defualt = "1")]
    desired_count: Parameter<i64>,
}

fn main() {}
