//! Rules on how a service fits its task definition and its cluster: deployment bounds, launch
//! type, `awsvpc` networking, and whether the cluster's instances are large enough.

use crate::template::Node;

use super::super::data::instance_types::INSTANCE_TYPES;
use super::super::findings::Findings;
use super::super::helpers::referenced_name;
use super::super::index::{Index, Res};
use super::task::Task;
use super::{
    AWSVPC_WITHOUT_NETWORK, DEPLOYMENT_BOUNDS, FARGATE_INCOMPATIBLE_TASK, INSTANCE_MEMORY,
};

/// ECS's rolling-deployment defaults, in percent.
const DEFAULT_MAXIMUM_PERCENT: i64 = 200;
const DEFAULT_MINIMUM_HEALTHY_PERCENT: i64 = 100;

/// Runs the rules of this file on one service; `task` is its task definition when it is a
/// resource of the stack.
pub(super) fn check<'t>(svc: Res<'t>, task: Option<&Task<'t>>, ix: &Index<'t>, out: &mut Findings) {
    deployment_bounds(svc, out);
    let Some(task) = task else { return };
    launch_type(svc, task, out);
    awsvpc_network(svc, task, out);
    instance_memory(svc, task, ix, out);
}

/// `ECS017`: a deployment cannot keep more tasks healthy than it may run.
fn deployment_bounds(svc: Res<'_>, out: &mut Findings) {
    let Some(config) = svc.prop("DeploymentConfiguration") else {
        return;
    };
    let max = config
        .get("MaximumPercent")
        .map_or(Some(DEFAULT_MAXIMUM_PERCENT), Node::as_int);
    let min = config
        .get("MinimumHealthyPercent")
        .map_or(Some(DEFAULT_MINIMUM_HEALTHY_PERCENT), Node::as_int);
    let (Some(max), Some(min)) = (max, min) else {
        return;
    };
    if min <= max {
        return;
    }
    out.add(
        svc,
        DEPLOYMENT_BOUNDS.finding(
            svc.path("DeploymentConfiguration.MinimumHealthyPercent"),
            format!("service `{}` keeps at least {min} % of its tasks healthy during a deployment but runs at most {max} %", svc.id),
            format!("swap them? `.maximum_percent({min}).minimum_healthy_percent({max})`: the minimum healthy percent is at most the maximum percent"),
        ),
    );
}

/// `ECS018`: a Fargate service needs a task definition that requires Fargate compatibility.
fn launch_type(svc: Res<'_>, task: &Task<'_>, out: &mut Findings) {
    if svc.prop("LaunchType").and_then(Node::as_str) != Some("FARGATE")
        || task.fargate != Some(false)
    {
        return;
    }
    out.add(
        svc,
        FARGATE_INCOMPATIBLE_TASK.finding(
            svc.path("TaskDefinition"),
            format!("service `{}` runs on Fargate, but its task definition `{}` is not Fargate-compatible", svc.id, task.id()),
            "set `RequiresCompatibilities: [FARGATE]`, `NetworkMode: awsvpc` and a task size on the task definition (with the builders: `TaskDefinition::fargate`)",
        ),
    );
}

/// `ECS019`: ECS rejects an `awsvpc` service without subnets.
fn awsvpc_network(svc: Res<'_>, task: &Task<'_>, out: &mut Findings) {
    if task.network_mode() != Some("awsvpc") || svc.prop("NetworkConfiguration").is_some() {
        return;
    }
    out.add(
        svc,
        AWSVPC_WITHOUT_NETWORK.finding(
            svc.path("NetworkConfiguration"),
            format!("service `{}` runs `awsvpc` task definition `{}` but sets no `NetworkConfiguration`", svc.id, task.id()),
            "set `NetworkConfiguration.AwsvpcConfiguration` with subnets and security groups (with the builders, `FargateService` does), or use `bridge` mode on EC2",
        ),
    );
}

/// `ECS023`: a task that needs more memory than an instance has is never placed.
fn instance_memory<'t>(svc: Res<'t>, task: &Task<'t>, ix: &Index<'t>, out: &mut Findings) {
    if svc.prop("LaunchType").and_then(Node::as_str) == Some("FARGATE") {
        return;
    }
    let Some(needed) = task_memory(task) else {
        return;
    };
    let Some(cluster) = svc.prop("Cluster").and_then(referenced_name) else {
        return;
    };
    for (template, instance_type) in instance_types_of(cluster, ix) {
        let Some(&(_, memory, _)) = INSTANCE_TYPES
            .binary_search_by(|(name, ..)| name.cmp(&instance_type))
            .ok()
            .map(|i| &INSTANCE_TYPES[i])
        else {
            continue;
        };
        if needed <= memory {
            continue;
        }
        out.add(
            svc,
            INSTANCE_MEMORY.finding(
                svc.path("TaskDefinition"),
                format!("a task of `{}` needs {needed} MiB, but the instances of cluster `{cluster}` (`{template}`) are `{instance_type}` with {memory} MiB: ECS never places it", task.id()),
                format!("choose an instance type with more than {needed} MiB (`Ec2Cluster::instance_type`, {}), or lower the containers' memory", larger_than(needed)),
            ),
        );
    }
}

/// The memory a task reserves: the task-level `Memory`, else the sum over its containers of
/// the larger of `Memory` and `MemoryReservation`. `None` when a value is not literal.
fn task_memory(task: &Task<'_>) -> Option<i64> {
    if let Some(memory) = task.res.prop("Memory") {
        return memory.as_int();
    }
    let mut sum = 0;
    for c in &task.containers {
        let limit = c.get("Memory").map(Node::as_int);
        let reservation = c.get("MemoryReservation").map(Node::as_int);
        sum += match (limit, reservation) {
            (Some(None), _) | (_, Some(None)) => return None,
            (l, r) => l.flatten().max(r.flatten()).unwrap_or(0),
        };
    }
    (sum > 0).then_some(sum)
}

/// The launch templates and launch configurations that join instances to `cluster` (they
/// reference it, in cfn-init metadata or user data), with their literal instance type.
fn instance_types_of<'t>(cluster: &str, ix: &Index<'t>) -> Vec<(&'t str, &'t str)> {
    let kinds = [
        (
            "AWS::EC2::LaunchTemplate",
            &["LaunchTemplateData", "InstanceType"][..],
        ),
        (
            "AWS::AutoScaling::LaunchConfiguration",
            &["InstanceType"][..],
        ),
    ];
    let mut found = Vec::new();
    for (type_name, path) in kinds {
        for res in ix.of_type(type_name) {
            if !mentions(res, cluster) {
                continue;
            }
            let value = path
                .iter()
                .try_fold(&res.resource.properties, |node, key| node.get(key));
            if let Some(instance_type) = value.and_then(Node::as_str) {
                found.push((res.id, instance_type));
            }
        }
    }
    found
}

/// Whether a resource's properties or metadata reference `id`.
fn mentions(res: Res<'_>, id: &str) -> bool {
    let mut seen = false;
    let mut visit = |n: &Node| {
        if let Some(f) = n.as_intrinsic() {
            seen |= f.symbols().iter().any(|s| &*s.name == id);
        }
    };
    res.resource.properties.walk(&mut visit);
    if let Some(m) = &res.resource.metadata {
        m.walk(&mut visit);
    }
    seen
}

/// Two common instance types with more than `mib`, for the help line.
fn larger_than(mib: i64) -> String {
    let names: Vec<String> = ["t3", "m5"]
        .iter()
        .filter_map(|family| {
            INSTANCE_TYPES
                .iter()
                .filter(|(name, memory, _)| {
                    name.starts_with(&format!("{family}.")) && *memory > mib
                })
                .min_by_key(|(_, memory, _)| *memory)
                .map(|(name, memory, _)| format!("`{name}` has {memory} MiB"))
        })
        .collect();
    if names.is_empty() {
        "a larger family".to_owned()
    } else {
        names.join(", ")
    }
}
