use ecs_dsl::prelude::*;

fn main() {
    let _ = sub!("arn:aws:s3:::${AWS::StackName");
}
