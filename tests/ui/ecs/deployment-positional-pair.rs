// `deployment(maximum, minimum)` took two percentages in a row, and `deployment(100, 200)`
// swapped them silently. Each bound is a named setter now; the pair does not compile.
use ecs_dsl::ecs::{Container, Ec2Cluster, Ec2Service, Network, TaskDefinition};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let network = Network::new("vpc-1", vec!["subnet-1"]);
    let cluster = Ec2Cluster::new(&network, "ami-1").add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(Container::new("web", "nginx").memory_reservation_mib(128).port(80))
        .add(&mut stack, "AppTask");
    Ec2Service::new(&cluster, &app)
        .deployment(100, 200)
        .add(&mut stack, "App");
}
