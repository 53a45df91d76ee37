// In `awsvpc` mode (Fargate) a task publishes each port on itself: a fixed host port 80 for
// container port 8000 would be rejected when the task definition registers.
use ecs_dsl::ecs::{Container, FargateSize, HostPort, TaskDefinition};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let size = FargateSize::cpu_units(256).memory_mib(512);
    TaskDefinition::fargate("app", size)
        .container(Container::new("web", "nginx").port_on_host(8000, HostPort(80)))
        .add(&mut stack, "AppTask");
}
