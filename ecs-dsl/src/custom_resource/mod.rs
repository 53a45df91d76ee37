//! Custom resources: a generic `Custom::…` resource, and the Lambda-backed "run an ECS task
//! during deployment" (the book's database migration step).

mod custom;
mod ecs_task_runner;

pub use custom::CustomResource;
pub use ecs_task_runner::{EcsTaskRunner, EcsTaskRunnerHandles, RunTask};
