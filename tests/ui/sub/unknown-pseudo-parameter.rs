use ecs_dsl::prelude::*;

fn main() {
    let _ = sub!("${AWS::Regoin}-${AWS::StackNam}");
}
