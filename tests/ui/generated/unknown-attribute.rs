// Every `Fn::GetAtt` attribute is a method on the handle; a misspelt one does not exist.
use ecs_dsl::cfn::rds::CfnDbInstance;
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let db = stack.add("Database", CfnDbInstance::new());
    let _host = db.attr_endpoint_adress();
}
