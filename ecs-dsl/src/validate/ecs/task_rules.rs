//! Rules on one task definition: essential containers, memory, Fargate sizing, volumes,
//! container dependencies and log groups.

use crate::template::Node;

use super::super::data::FargateSize;
use super::super::data::fargate::FARGATE_SIZES;
use super::super::findings::Findings;
use super::super::helpers::{alternatives, backticked, items};
use super::logs::{LogGroups, Verdict};
use super::task::{Container, Task};
use super::{
    AWSLOGS_GROUP, CONTAINER_DEPENDS_ON, EC2_CONTAINER_MEMORY, FARGATE_CPU_MEMORY,
    FARGATE_NETWORK_MODE, MOUNT_POINT_VOLUME, NO_ESSENTIAL_CONTAINER,
};

/// Runs the task definition rules on one task definition.
pub(super) fn check(task: &Task<'_>, log_groups: &LogGroups<'_>, out: &mut Findings) {
    essential(task, out);
    match task.fargate {
        Some(true) => fargate(task, out),
        Some(false) => ec2_memory(task, out),
        None => {}
    }
    volumes(task, out);
    depends_on(task, out);
    for c in &task.containers {
        awslogs_group(task, c, log_groups, out);
    }
}

/// `ECS004`: ECS refuses a task definition without an essential container.
fn essential(task: &Task<'_>, out: &mut Findings) {
    if !task.names_known || task.containers.is_empty() {
        return;
    }
    // `Essential` defaults to true; an intrinsic might be true.
    let any_essential = task.containers.iter().any(|c| {
        c.get("Essential")
            .is_none_or(|e| e.as_bool() != Some(false))
    });
    if any_essential {
        return;
    }
    let names = backticked(&task.container_names());
    out.add(
        task.res,
        NO_ESSENTIAL_CONTAINER.finding(
            task.res.path("ContainerDefinitions"),
            format!("no container of `{}` is essential: {names} all set `Essential: false`", task.id()),
            "remove `Essential: false` from the main container (`Essential` defaults to true); ECS needs one essential container per task",
        ),
    );
}

/// `ECS005`: on EC2, each container needs a memory limit unless the task has one.
fn ec2_memory(task: &Task<'_>, out: &mut Findings) {
    if task.res.prop("Memory").is_some() {
        return;
    }
    for c in &task.containers {
        if c.get("Memory").is_some() || c.get("MemoryReservation").is_some() {
            continue;
        }
        out.add(
            task.res,
            EC2_CONTAINER_MEMORY.finding(
                c.path.clone(),
                format!("container `{}` of `{}` sets neither `Memory` nor `MemoryReservation`, and the task sets no `Memory`", c.label(), task.id()),
                "set `MemoryReservation` (soft limit, MiB) or `Memory` (hard limit) on the container, or `Memory` on the task definition; tasks for EC2 need one of them",
            ),
        );
    }
}

/// `ECS006` and `ECS007`: Fargate needs `awsvpc` and a CPU/memory size it offers.
fn fargate(task: &Task<'_>, out: &mut Findings) {
    let res = task.res;
    match res.prop("NetworkMode") {
        Some(Node::Str(mode)) if mode == "awsvpc" => {}
        Some(Node::Str(mode)) => out.add(
            res,
            FARGATE_NETWORK_MODE.finding(
                res.path("NetworkMode"),
                format!(
                    "Fargate task definition `{}` uses network mode `{mode}`",
                    task.id()
                ),
                "set `NetworkMode` to `awsvpc`: it is the only mode Fargate supports",
            ),
        ),
        Some(_) => {}
        None => out.add(
            res,
            FARGATE_NETWORK_MODE.finding(
                res.path("NetworkMode"),
                format!(
                    "Fargate task definition `{}` sets no `NetworkMode`",
                    task.id()
                ),
                "set `NetworkMode` to `awsvpc`: it is the only mode Fargate supports",
            ),
        ),
    }
    fargate_size(task, out);
}

fn fargate_size(task: &Task<'_>, out: &mut Findings) {
    let res = task.res;
    let (cpu, memory) = match (res.prop("Cpu"), res.prop("Memory")) {
        (Some(cpu), Some(memory)) => (cpu, memory),
        (cpu, _) => {
            let missing = if cpu.is_none() { "Cpu" } else { "Memory" };
            out.add(
                res,
                FARGATE_CPU_MEMORY.finding(
                    res.path(missing),
                    format!("Fargate task definition `{}` sets no task-level `{missing}`", task.id()),
                    "set both `Cpu` and `Memory` on the task definition, for example `Cpu: 256` with `Memory: 512`",
                ),
            );
            return;
        }
    };
    if cpu.is_unresolved() || memory.is_unresolved() {
        return;
    }
    let cpus: Vec<String> = FARGATE_SIZES.iter().map(|s| s.cpu.to_string()).collect();
    let Some(size) =
        fargate_units(cpu, "vcpu").and_then(|units| FARGATE_SIZES.iter().find(|s| s.cpu == units))
    else {
        out.add(
            res,
            FARGATE_CPU_MEMORY.finding(
                res.path("Cpu"),
                format!(
                    "`Cpu` {} of `{}` is not a Fargate CPU size",
                    show(cpu),
                    task.id()
                ),
                format!("use {} CPU units (1024 = 1 vCPU)", alternatives(&cpus)),
            ),
        );
        return;
    };
    if fargate_units(memory, "gb").is_some_and(|mib| size.memory.contains(&mib)) {
        return;
    }
    out.add(
        res,
        FARGATE_CPU_MEMORY.finding(
            res.path("Memory"),
            format!(
                "`Memory` {} of `{}` does not fit `Cpu` {} on Fargate",
                show(memory),
                task.id(),
                size.cpu
            ),
            format!(
                "with `Cpu` {}, set `Memory` (MiB) to {}",
                size.cpu,
                memory_choices(size)
            ),
        ),
    );
}

/// A Fargate CPU (units) or memory (MiB) value: a number, or a string such as `1 vCPU` / `2GB`
/// (`unit` is `vcpu` or `gb`, both meaning ×1024).
fn fargate_units(node: &Node, unit: &str) -> Option<i64> {
    if let Some(n) = node.as_int() {
        return Some(n);
    }
    let text = node.as_str()?.trim().to_ascii_lowercase();
    let number: f64 = text.strip_suffix(unit)?.trim().parse().ok()?;
    let units = number * 1024.0;
    (units.fract() == 0.0).then_some(units as i64)
}

/// `256`, `"1 vCPU"`: a literal as written.
fn show(node: &Node) -> String {
    match node {
        Node::Str(s) => format!("`{s}`"),
        other => format!(
            "`{}`",
            super::super::helpers::literal_text(other).unwrap_or_default()
        ),
    }
}

/// `512, 1024 or 2048` or `2048 to 8192 in steps of 1024`.
fn memory_choices(size: &FargateSize) -> String {
    let m = size.memory;
    let steps: Vec<i64> = m.windows(2).map(|w| w[1] - w[0]).collect();
    match (m.first(), m.last()) {
        (Some(lo), Some(hi)) if m.len() > 3 && steps.iter().all(|s| *s == steps[0]) => {
            format!("{lo} to {hi} in steps of {}", steps[0])
        }
        _ => {
            let all: Vec<String> = m.iter().map(i64::to_string).collect();
            alternatives(&all)
        }
    }
}

/// `ECS008`: a mount point must name a volume the task declares.
fn volumes(task: &Task<'_>, out: &mut Findings) {
    let Some(declared) = volume_names(task) else {
        return;
    };
    for c in &task.containers {
        let Some(mount_points) = c.get("MountPoints") else {
            continue;
        };
        for (path, mp) in items(mount_points, &format!("{}.MountPoints", c.path)) {
            let Some(volume) = mp.get("SourceVolume").and_then(Node::as_str) else {
                continue;
            };
            if declared.contains(&volume) {
                continue;
            }
            let help = if declared.is_empty() {
                format!(
                    "declare a volume named `{volume}` in the `Volumes` of `{}` (it declares none)",
                    task.id()
                )
            } else {
                format!(
                    "declare a volume named `{volume}` in the `Volumes` of `{}`, or use {}",
                    task.id(),
                    alternatives(&declared)
                )
            };
            out.add(
                task.res,
                MOUNT_POINT_VOLUME.finding(
                    format!("{path}.SourceVolume"),
                    format!("a mount point of container `{}` names volume `{volume}`, which `{}` does not declare", c.label(), task.id()),
                    help,
                ),
            );
        }
    }
}

/// The declared volume names; `None` when any is an intrinsic.
fn volume_names<'t>(task: &Task<'t>) -> Option<Vec<&'t str>> {
    let Some(volumes) = task.res.prop("Volumes") else {
        return Some(Vec::new());
    };
    volumes
        .as_list()?
        .iter()
        .map(|v| v.get("Name").and_then(Node::as_str))
        .collect()
}

/// `ECS009`: `DependsOn` of a container names a container of the same task.
fn depends_on(task: &Task<'_>, out: &mut Findings) {
    if !task.names_known {
        return;
    }
    let names = task.container_names();
    for c in &task.containers {
        let Some(deps) = c.get("DependsOn") else {
            continue;
        };
        for (path, dep) in items(deps, &format!("{}.DependsOn", c.path)) {
            let Some(other) = dep.get("ContainerName").and_then(Node::as_str) else {
                continue;
            };
            if names.contains(&other) {
                continue;
            }
            out.add(
                task.res,
                CONTAINER_DEPENDS_ON.finding(
                    format!("{path}.ContainerName"),
                    format!(
                        "container `{}` depends on `{other}`, which is not a container of `{}`",
                        c.label(),
                        task.id()
                    ),
                    format!(
                        "name {} (a container can only wait for containers of its own task)",
                        alternatives(&names)
                    ),
                ),
            );
        }
    }
}

/// `ECS010`: the `awslogs` driver fails to start a task whose log group does not exist.
fn awslogs_group(
    task: &Task<'_>,
    c: &Container<'_>,
    log_groups: &LogGroups<'_>,
    out: &mut Findings,
) {
    let Some(config) = c.get("LogConfiguration") else {
        return;
    };
    if config.get("LogDriver").and_then(Node::as_str) != Some("awslogs") {
        return;
    }
    let Some(options) = config.get("Options") else {
        return;
    };
    // With `awslogs-create-group`, the driver creates the group itself.
    if options.get("awslogs-create-group").and_then(Node::as_bool) == Some(true) {
        return;
    }
    let Some(group) = options.get("awslogs-group") else {
        return;
    };
    let Verdict::Undeclared(shown) = log_groups.verdict(group) else {
        return;
    };
    out.add(
        task.res,
        AWSLOGS_GROUP.finding(
            format!("{}.LogConfiguration.Options.awslogs-group", c.path),
            format!("log group `{shown}` of container `{}` is neither a log group of this stack nor imported", c.label()),
            "add an `AWS::Logs::LogGroup` with this `LogGroupName` (or pass its `Ref`), import the name with `Fn::ImportValue`, \
             or set `awslogs-create-group: \"true\"`; otherwise tasks fail to start because the group does not exist",
        ),
    );
}
