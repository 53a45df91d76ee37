// An EC2 service on a cluster resource added by hand: nothing says it has instances.
use ecs_dsl::cfn::ecs::CfnCluster;
use ecs_dsl::ecs::{Container, Ec2Service, TaskDefinition};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let cluster = stack.add("AppCluster", CfnCluster::new());
    let app = TaskDefinition::new("app")
        .container(Container::new("web", "nginx").memory_reservation_mib(128).port(80))
        .add(&mut stack, "AppTask");
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
}
