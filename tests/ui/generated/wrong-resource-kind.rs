// `AWS::Lambda::Function.Role` takes the ARN of an `AWS::IAM::Role`; a log group's ARN is a
// different kind of attribute, so the mistake is caught at compile time.
use ecs_dsl::cfn::lambda::CfnFunction;
use ecs_dsl::cfn::lambda::function::{CfnFunctionRequired, Code};
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let logs = stack.add("Logs", CfnLogGroup::new());
    let _function = CfnFunction::new(CfnFunctionRequired {
        code: Code::new().zip_file("def handler(event, context): pass"),
        role: logs.attr_arn(),
    });
}
