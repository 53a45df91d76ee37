// An assertion names a property by its generated setter, so a misspelled property is the
// compiler's own "no function named" error, not a string path that silently finds nothing.
use ecs_dsl::Stack;
use ecs_dsl::cfn::ecs::CfnService;
use ecs_dsl::testing::TestTemplate;

fn main() {
    let mut stack = Stack::new();
    stack.add("Service", CfnService::new().desired_count(2));
    let template = TestTemplate::from_stack(&stack);
    for service in template.resources::<CfnService>() {
        assert_eq!(service.prop(CfnService::desird_count).value(), Some(2));
    }
}
