// The book's task runner uses Python 3.6 (cfn-lint E2533). The variant is `#[deprecated]`, so
// the compiler warns; a project that builds with `-D warnings` (as CI should) stops here.
#![deny(deprecated)]

use ecs_dsl::cfn::lambda::CfnFunction;
use ecs_dsl::cfn::lambda::function::{CfnFunctionRequired, Code, Runtime};

fn main() {
    let _runner = CfnFunction::new(CfnFunctionRequired {
        code: Code::new().zip_file("def handler(event, context): pass"),
        role: "arn:aws:iam::123456789012:role/ecs-task-runner",
    })
    .handler("index.handler")
    .runtime(Runtime::Python3_6);
}
