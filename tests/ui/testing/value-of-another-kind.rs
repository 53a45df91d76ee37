// A property's value has the kind of its setter: `DesiredCount` is a number, not text.
use ecs_dsl::Stack;
use ecs_dsl::cfn::ecs::CfnService;
use ecs_dsl::testing::TestTemplate;

fn main() {
    let mut stack = Stack::new();
    stack.add("Service", CfnService::new().desired_count(2));
    let template = TestTemplate::from_stack(&stack);
    for service in template.resources::<CfnService>() {
        assert_eq!(service.prop(CfnService::desired_count).value(), Some("2"));
    }
}
