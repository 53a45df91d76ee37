// An EC2 service on a cluster that has no instances: its tasks would never be placed.
use ecs_dsl::ecs::{Container, Ec2Service, FargateCluster, Network, TaskDefinition};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let network = Network::new("vpc-1", vec!["subnet-1"]);
    let cluster = FargateCluster::new(&network).add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(Container::new("web", "nginx").memory_reservation_mib(128).port(80))
        .add(&mut stack, "AppTask");
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
}
