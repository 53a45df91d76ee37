// A host directory volume (`Host.SourcePath`) on Fargate, which has no host to mount from.
use ecs_dsl::ecs::{Container, FargateSize, TaskDefinition, Volume};
use ecs_dsl::prelude::*;

fn main() {
    let mut stack = Stack::new();
    let size = FargateSize::cpu_units(256).memory_mib(512);
    TaskDefinition::fargate("app", size)
        .volume(Volume::host("public", "/data/public"))
        .container(Container::new("web", "nginx").mount("public", "/public"))
        .add(&mut stack, "AppTask");
}
