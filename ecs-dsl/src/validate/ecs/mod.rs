//! ECS rules: how a task definition's containers, ports, volumes and logs fit together, and how
//! a service, its load balancers and its task definition fit together.

mod autoscaling;
mod capacity;
mod logs;
mod service;
mod service_fit;
mod task;
mod task_limits;
mod task_rules;

use std::collections::BTreeMap;

use super::check::Check;
use super::findings::Findings;
use super::helpers::referenced_name;
use super::index::Index;
use logs::LogGroups;
use task::Task;

const TASK_DEFINITION: &str = "AWS::ECS::TaskDefinition";
const SERVICE: &str = "AWS::ECS::Service";

/// `ECS001`.
pub(super) const LB_CONTAINER_NAME: Check = Check::error(
    "ECS001",
    "a service's load balancer `ContainerName` is a container of the service's task definition",
);
/// `ECS002`.
pub(super) const LB_CONTAINER_PORT: Check = Check::error(
    "ECS002",
    "a service's load balancer `ContainerPort` is a mapped `ContainerPort` of that container",
);
/// `ECS003` (cfn-lint E3049).
pub(super) const DYNAMIC_PORT_HEALTH_CHECK: Check = Check::error(
    "ECS003",
    "a target group in front of a dynamic host port health-checks `traffic-port`",
);
/// `ECS004`.
pub(super) const NO_ESSENTIAL_CONTAINER: Check = Check::error(
    "ECS004",
    "a task definition has at least one essential container",
);
/// `ECS005`.
pub(super) const EC2_CONTAINER_MEMORY: Check = Check::error(
    "ECS005",
    "an EC2 task's containers set `Memory` or `MemoryReservation` unless the task sets `Memory`",
);
/// `ECS006`.
pub(super) const FARGATE_NETWORK_MODE: Check = Check::error(
    "ECS006",
    "a Fargate task definition uses the `awsvpc` network mode",
);
/// `ECS007` (cfn-lint E3047).
pub(super) const FARGATE_CPU_MEMORY: Check = Check::error(
    "ECS007",
    "a Fargate task definition sets a `Cpu` and `Memory` pair Fargate offers",
);
/// `ECS008`.
pub(super) const MOUNT_POINT_VOLUME: Check = Check::error(
    "ECS008",
    "a mount point's `SourceVolume` is a volume of the task definition",
);
/// `ECS009`.
pub(super) const CONTAINER_DEPENDS_ON: Check = Check::error(
    "ECS009",
    "a container's `DependsOn` names a container of the same task definition",
);
/// `ECS010`.
pub(super) const AWSLOGS_GROUP: Check = Check::warning(
    "ECS010",
    "an `awslogs` log group is a log group of the stack, imported, or created by the driver",
);
/// `ECS011`.
pub(super) const SERVICE_ROLE_WITHOUT_LOAD_BALANCER: Check = Check::warning(
    "ECS011",
    "a service sets `Role` only when it has load balancers",
);
/// `ECS012`.
pub(super) const SERVICE_ROLE_WITH_AWSVPC: Check = Check::error(
    "ECS012",
    "a service whose task definition uses `awsvpc` sets no `Role`",
);

/// `ECS013`.
pub(super) const MEMORY_RESERVATION_ABOVE_LIMIT: Check = Check::error(
    "ECS013",
    "a container's `MemoryReservation` is at most its `Memory`",
);
/// `ECS014`.
pub(super) const DUPLICATE_CONTAINER_NAME: Check = Check::error(
    "ECS014",
    "the containers of a task definition have distinct names",
);
/// `ECS015`.
pub(super) const CONTAINER_CPU_SUM: Check = Check::error(
    "ECS015",
    "the containers' `Cpu` add up to at most the task's `Cpu`",
);
/// `ECS016`.
pub(super) const HEALTH_CHECK_TIMING: Check = Check::error(
    "ECS016",
    "a container health check's `Interval` is at least its `Timeout`",
);
/// `ECS017`.
pub(super) const DEPLOYMENT_BOUNDS: Check = Check::error(
    "ECS017",
    "a service's `MinimumHealthyPercent` is at most its `MaximumPercent`",
);
/// `ECS018`.
pub(super) const FARGATE_INCOMPATIBLE_TASK: Check = Check::error(
    "ECS018",
    "a Fargate service's task definition requires Fargate compatibility",
);
/// `ECS019`.
pub(super) const AWSVPC_WITHOUT_NETWORK: Check = Check::error(
    "ECS019",
    "a service of an `awsvpc` task definition sets `NetworkConfiguration`",
);
/// `ECS020`.
pub(super) const AWSVPC_HOST_PORT: Check = Check::error(
    "ECS020",
    "in `awsvpc` mode a port mapping's `HostPort` is its `ContainerPort`",
);
/// `ECS021`.
pub(super) const EXECUTION_ROLE_NEEDED: Check = Check::error(
    "ECS021",
    "a task definition with secrets, or with `awslogs` on Fargate, has an execution role",
);
/// `ECS022`.
pub(super) const FARGATE_HOST_VOLUME: Check = Check::error(
    "ECS022",
    "a Fargate task definition has no host (`SourcePath`) volume",
);
/// `ECS023`.
pub(super) const INSTANCE_MEMORY: Check = Check::error(
    "ECS023",
    "an EC2 service's task fits in the memory of its cluster's instance type",
);
/// `ECS024`.
pub(super) const ASG_SIZE_BOUNDS: Check = Check::error(
    "ECS024",
    "an Auto Scaling group's `MinSize` is at most its `MaxSize`",
);
/// `ECS050`.
pub(super) const SCALED_SERVICE_DESIRED_COUNT: Check = Check::error(
    "ECS050",
    "a service whose task count a scalable target owns sets no `DesiredCount`",
);

/// Runs the ECS rules.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    let log_groups = LogGroups::new(ix);
    let tasks: BTreeMap<&str, Task<'_>> = ix
        .of_type(TASK_DEFINITION)
        .map(|r| (r.id, Task::read(r)))
        .collect();
    for task in tasks.values() {
        task_rules::check(task, &log_groups, out);
        task_limits::check(task, out);
    }
    capacity::check(ix, out);
    autoscaling::check(ix, out);
    let mut flagged_target_groups = std::collections::BTreeSet::new();
    for svc in ix.of_type(SERVICE) {
        let task = svc
            .prop("TaskDefinition")
            .and_then(referenced_name)
            .and_then(|id| tasks.get(id));
        service::check(svc, task, ix, &mut flagged_target_groups, out);
        service_fit::check(svc, task, ix, out);
    }
}
