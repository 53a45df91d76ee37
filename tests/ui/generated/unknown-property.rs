// A property the resource type does not have (the spec's name is `RetentionInDays`) has no setter.
use ecs_dsl::cfn::logs::CfnLogGroup;

fn main() {
    let _logs = CfnLogGroup::new().retention_days(7);
}
