// Lambda runtimes past their deprecation date (per cfn-lint's runtime lifecycle table) are
// `#[deprecated]` variants that name the successor.
#![deny(deprecated)]

use ecs_dsl::cfn::lambda::CfnFunction;
use ecs_dsl::cfn::lambda::function::{CfnFunctionRequired, Code, Runtime};

fn main() {
    let _function = CfnFunction::new(CfnFunctionRequired {
        code: Code::new().zip_file("exports.handler = async () => {};"),
        role: "arn:aws:iam::123456789012:role/lambda",
    })
    .runtime(Runtime::Nodejs12X);
}
