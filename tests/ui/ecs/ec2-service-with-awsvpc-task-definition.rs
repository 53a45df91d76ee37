// An EC2 service (bridge networking, no subnets for the tasks) given an `awsvpc` task definition.
use ecs_dsl::ecs::{
    Container, Ec2Cluster, Ec2Service, FargateSize, Network, TaskDefinition,
};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let network = Network::new("vpc-1", vec!["subnet-1"]);
    let cluster = Ec2Cluster::new(&network, "ami-1").add(&mut stack, "App");
    let size = FargateSize::cpu_units(256).memory_mib(512);
    let app = TaskDefinition::fargate("app", size)
        .container(Container::new("web", "nginx").port(80))
        .add(&mut stack, "AppTask");
    Ec2Service::new(&cluster, &app).add(&mut stack, "App");
}
