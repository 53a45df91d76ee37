use ecs_dsl::prelude::*;

fn main() {
    let count = 3;
    let _ = sub!("${count} tasks");
}
