//! Rules on one task definition that ECS only enforces at deploy or at run time: container
//! memory and CPU against their limits, health-check timing, unique names, `awsvpc` host ports,
//! the execution role, and host volumes on Fargate.

use std::collections::BTreeMap;

use crate::template::Node;

use super::super::findings::Findings;
use super::super::helpers::{items, maybe_absent};
use super::task::{Container, Task};
use super::{
    AWSVPC_HOST_PORT, CONTAINER_CPU_SUM, DUPLICATE_CONTAINER_NAME, EXECUTION_ROLE_NEEDED,
    FARGATE_HOST_VOLUME, HEALTH_CHECK_TIMING, MEMORY_RESERVATION_ABOVE_LIMIT,
};

/// ECS's health-check defaults, in seconds.
const DEFAULT_INTERVAL: i64 = 30;
const DEFAULT_TIMEOUT: i64 = 5;

/// Runs the rules of this file on one task definition.
pub(super) fn check(task: &Task<'_>, out: &mut Findings) {
    duplicate_names(task, out);
    cpu_sum(task, out);
    execution_role(task, out);
    fargate_host_volumes(task, out);
    let awsvpc = task.network_mode() == Some("awsvpc");
    for c in &task.containers {
        memory_reservation(task, c, out);
        health_check(task, c, out);
        if awsvpc {
            awsvpc_host_ports(task, c, out);
        }
    }
}

/// `ECS013`: a soft limit above the hard limit is rejected when the task definition registers.
fn memory_reservation(task: &Task<'_>, c: &Container<'_>, out: &mut Findings) {
    let limit = c.get("Memory").and_then(Node::as_int);
    let reservation = c.get("MemoryReservation").and_then(Node::as_int);
    let (Some(limit), Some(reservation)) = (limit, reservation) else {
        return;
    };
    if reservation <= limit {
        return;
    }
    out.add(
        task.res,
        MEMORY_RESERVATION_ABOVE_LIMIT.finding(
            format!("{}.MemoryReservation", c.path),
            format!(
                "container `{}` of `{}` reserves {reservation} MiB but is limited to {limit} MiB",
                c.label(),
                task.id()
            ),
            format!("lower `memory_reservation_mib` to at most {limit}, or raise `memory_limit_mib` to at least {reservation}"),
        ),
    );
}

/// `ECS014`: container names are unique within a task definition.
fn duplicate_names(task: &Task<'_>, out: &mut Findings) {
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for c in &task.containers {
        let Some(name) = c.name else { continue };
        let Some(earlier) = first.get(name) else {
            first.insert(name, &c.path);
            continue;
        };
        out.add(
            task.res,
            DUPLICATE_CONTAINER_NAME.finding(
                format!("{}.Name", c.path),
                format!("`{}` has two containers named `{name}` (the first is {earlier})", task.id()),
                "rename one of them: ECS identifies containers, their links and load-balancer targets by name",
            ),
        );
    }
}

/// `ECS015`: the containers' CPU units fit in the task's.
fn cpu_sum(task: &Task<'_>, out: &mut Findings) {
    let Some(task_cpu) = task.res.prop("Cpu").and_then(cpu_units) else {
        return;
    };
    let mut sum = 0;
    for c in &task.containers {
        match c.get("Cpu") {
            None => {}
            Some(cpu) => match cpu.as_int() {
                Some(units) => sum += units,
                None => return,
            },
        }
    }
    if sum <= task_cpu {
        return;
    }
    out.add(
        task.res,
        CONTAINER_CPU_SUM.finding(
            task.res.path("ContainerDefinitions"),
            format!(
                "the containers of `{}` reserve {sum} CPU units in all, more than the task's {task_cpu}",
                task.id()
            ),
            format!("lower the containers' `cpu_units` to {task_cpu} in all, or choose a larger task size"),
        ),
    );
}

/// Task CPU as units: `512`, `"512"` or `"0.5 vCPU"`.
fn cpu_units(node: &Node) -> Option<i64> {
    if let Some(n) = node.as_int() {
        return Some(n);
    }
    let text = node.as_str()?.trim().to_ascii_lowercase();
    let vcpus: f64 = text.strip_suffix("vcpu")?.trim().parse().ok()?;
    let units = vcpus * 1024.0;
    (units.fract() == 0.0).then_some(units as i64)
}

/// `ECS016`: a check that may run longer than the pause between checks overlaps itself.
fn health_check(task: &Task<'_>, c: &Container<'_>, out: &mut Findings) {
    let Some(check) = c.get("HealthCheck") else {
        return;
    };
    let interval = check
        .get("Interval")
        .map_or(Some(DEFAULT_INTERVAL), Node::as_int);
    let timeout = check
        .get("Timeout")
        .map_or(Some(DEFAULT_TIMEOUT), Node::as_int);
    let (Some(interval), Some(timeout)) = (interval, timeout) else {
        return;
    };
    if interval >= timeout {
        return;
    }
    out.add(
        task.res,
        HEALTH_CHECK_TIMING.finding(
            format!("{}.HealthCheck.Interval", c.path),
            format!(
                "the health check of container `{}` runs every {interval} s but may take {timeout} s",
                c.label()
            ),
            format!("set `Interval` to at least {timeout} s, or `Timeout` to at most {interval} s"),
        ),
    );
}

/// `ECS020`: in `awsvpc` mode the host port is the container port (or left out).
fn awsvpc_host_ports(task: &Task<'_>, c: &Container<'_>, out: &mut Findings) {
    let Some(mappings) = c.get("PortMappings") else {
        return;
    };
    for (path, m) in items(mappings, &format!("{}.PortMappings", c.path)) {
        let container = m.get("ContainerPort").and_then(Node::as_int);
        let host = m.get("HostPort").and_then(Node::as_int);
        let (Some(container), Some(host)) = (container, host) else {
            continue;
        };
        if container == host {
            continue;
        }
        out.add(
            task.res,
            AWSVPC_HOST_PORT.finding(
                format!("{path}.HostPort"),
                format!(
                    "container `{}` of `{}` maps container port {container} to host port {host}, but `awsvpc` tasks publish each port on itself",
                    c.label(),
                    task.id()
                ),
                format!("set `HostPort` to {container} or leave it out (with the builders: `.port({container})`)"),
            ),
        );
    }
}

/// `ECS021`: ECS reads secrets, and on Fargate writes `awslogs`, with the execution role.
fn execution_role(task: &Task<'_>, out: &mut Findings) {
    if task
        .res
        .prop("ExecutionRoleArn")
        .is_some_and(|r| !maybe_absent(r))
    {
        return;
    }
    for c in &task.containers {
        let secrets = c
            .get("Secrets")
            .is_some_and(|s| s.as_list().is_none_or(|l| !l.is_empty()));
        let awslogs = task.fargate == Some(true)
            && c.get("LogConfiguration")
                .and_then(|l| l.get("LogDriver"))
                .and_then(Node::as_str)
                == Some("awslogs");
        let why = match (secrets, awslogs) {
            (true, _) => "passes secrets, which ECS reads",
            (false, true) => "logs with `awslogs` on Fargate, which ECS writes",
            (false, false) => continue,
        };
        out.add(
            task.res,
            EXECUTION_ROLE_NEEDED.finding(
                task.res.path("ExecutionRoleArn"),
                format!(
                    "container `{}` of `{}` {why} with the task's execution role, and the task has none",
                    c.label(),
                    task.id()
                ),
                "add an execution role (`ServiceRole::new(\"ecs-tasks.amazonaws.com\")` with `AmazonECSTaskExecutionRolePolicy`) and pass it to `.execution_role(…)`; otherwise tasks fail to start",
            ),
        );
        return;
    }
}

/// `ECS022`: Fargate has no container instance to mount a host directory from.
fn fargate_host_volumes(task: &Task<'_>, out: &mut Findings) {
    if task.fargate != Some(true) {
        return;
    }
    let Some(volumes) = task.res.prop("Volumes") else {
        return;
    };
    for (path, v) in items(volumes, &task.res.path("Volumes")) {
        if v.get("Host").and_then(|h| h.get("SourcePath")).is_none() {
            continue;
        }
        let name = v.get("Name").and_then(Node::as_str).unwrap_or("(unnamed)");
        out.add(
            task.res,
            FARGATE_HOST_VOLUME.finding(
                format!("{path}.Host.SourcePath"),
                format!("volume `{name}` of Fargate task definition `{}` mounts a host directory", task.id()),
                "leave out `Host.SourcePath` (a task-scoped volume, `Volume::task_scoped`) or use an EFS volume: Fargate tasks have no host to mount from",
            ),
        );
    }
}
