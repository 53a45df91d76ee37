// A Fargate service given a task definition that is not Fargate-compatible.
use ecs_dsl::ecs::{Container, FargateCluster, FargateService, Network, TaskDefinition};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let network = Network::new("vpc-1", vec!["subnet-1"]);
    let cluster = FargateCluster::new(&network).add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(Container::new("web", "nginx").memory_reservation_mib(128).port(80))
        .add(&mut stack, "AppTask");
    FargateService::new(&cluster, &app).add(&mut stack, "App");
}
