// `AWS::Lambda::Function` requires `Code` and `Role`; `new` takes both in `CfnFunctionRequired`,
// so leaving one out is the compiler's own "missing field" error.
use ecs_dsl::cfn::lambda::CfnFunction;
use ecs_dsl::cfn::lambda::function::{CfnFunctionRequired, Code};

fn main() {
    let _function = CfnFunction::new(CfnFunctionRequired {
        code: Code::new().zip_file("def handler(event, context): pass"),
    });
}
