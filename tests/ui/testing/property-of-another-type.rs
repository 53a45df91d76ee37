// A property setter of another resource type does not fit: the accessor is typed by the
// resource found.
use ecs_dsl::Stack;
use ecs_dsl::cfn::ecs::{CfnService, CfnTaskDefinition};
use ecs_dsl::testing::TestTemplate;

fn main() {
    let mut stack = Stack::new();
    stack.add("Service", CfnService::new().desired_count(2));
    let template = TestTemplate::from_stack(&stack);
    for service in template.resources::<CfnService>() {
        let _ = service.prop(CfnTaskDefinition::cpu);
    }
}
