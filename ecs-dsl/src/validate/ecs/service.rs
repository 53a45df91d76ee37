//! Rules on one ECS service: its load balancers against its task definition, and its `Role`.

use std::collections::BTreeSet;

use crate::template::Node;

use super::super::findings::Findings;
use super::super::helpers::{alternatives, items, literal_text, maybe_absent, referenced_name};
use super::super::index::{Index, Res};
use super::task::{Container, Lookup, Task};
use super::{
    DYNAMIC_PORT_HEALTH_CHECK, LB_CONTAINER_NAME, LB_CONTAINER_PORT, SERVICE_ROLE_WITH_AWSVPC,
    SERVICE_ROLE_WITHOUT_LOAD_BALANCER,
};

const TARGET_GROUP: &str = "AWS::ElasticLoadBalancingV2::TargetGroup";

/// Runs the service rules. `task` is the task definition the service references, when it is a
/// resource of this stack; `flagged` holds the target groups already reported by `ECS003`.
pub(super) fn check<'t>(
    svc: Res<'t>,
    task: Option<&Task<'t>>,
    ix: &Index<'t>,
    flagged: &mut BTreeSet<&'t str>,
    out: &mut Findings,
) {
    role(svc, task, out);
    let (Some(task), Some(lbs)) = (task, svc.prop("LoadBalancers")) else {
        return;
    };
    for (path, lb) in items(lbs, &svc.path("LoadBalancers")) {
        load_balancer(svc, task, &path, lb, ix, flagged, out);
    }
}

/// `ECS001`, `ECS002` and `ECS003` for one entry of `LoadBalancers`.
fn load_balancer<'t>(
    svc: Res<'t>,
    task: &Task<'t>,
    path: &str,
    lb: &'t Node,
    ix: &Index<'t>,
    flagged: &mut BTreeSet<&'t str>,
    out: &mut Findings,
) {
    let Some(name) = lb.get("ContainerName").and_then(Node::as_str) else {
        return;
    };
    let container = match task.container(name) {
        Lookup::Found(c) => c,
        Lookup::Unknown => return,
        Lookup::Missing => {
            out.add(
                svc,
                LB_CONTAINER_NAME.finding(
                    format!("{path}.ContainerName"),
                    format!("a load balancer of service `{}` names container `{name}`, which task definition `{}` does not define", svc.id, task.id()),
                    format!("use {}, or add a container named `{name}` to `{}`", alternatives(&task.container_names()), task.id()),
                ),
            );
            return;
        }
    };
    let Some(port) = lb.get("ContainerPort").and_then(Node::as_int) else {
        return;
    };
    let Some(mappings) = port_mappings(container, port) else {
        let mapped = mapped_ports(container).unwrap_or_default();
        if mapped.iter().any(Option::is_none) {
            return;
        }
        let mapped: Vec<String> = mapped
            .into_iter()
            .flatten()
            .map(|p| p.to_string())
            .collect();
        let help = if mapped.is_empty() {
            format!(
                "add a port mapping with `ContainerPort: {port}` to container `{name}` (it maps no ports)"
            )
        } else {
            format!(
                "add a port mapping with `ContainerPort: {port}` to container `{name}`, or use one of its mapped ports {}",
                alternatives(&mapped)
            )
        };
        out.add(
            svc,
            LB_CONTAINER_PORT.finding(
                format!("{path}.ContainerPort"),
                format!("a load balancer of service `{}` sends traffic to port {port} of container `{name}`, which maps no `ContainerPort` {port}", svc.id),
                help,
            ),
        );
        return;
    };
    let Some(tg) = lb
        .get("TargetGroupArn")
        .and_then(referenced_name)
        .and_then(|id| ix.resource_of_type(id, TARGET_GROUP))
    else {
        return;
    };
    for mapping in mappings {
        if let Some(dynamic) = dynamic_host_port(task, mapping) {
            health_check_port(svc, task, name, tg, dynamic, flagged, out);
        }
    }
}

/// The port mappings of a container that map `port`; `None` when there is none.
fn port_mappings<'t>(container: &Container<'t>, port: i64) -> Option<Vec<&'t Node>> {
    let found: Vec<&Node> = container
        .get("PortMappings")?
        .as_list()?
        .iter()
        .filter(|m| m.get("ContainerPort").and_then(Node::as_int) == Some(port))
        .collect();
    (!found.is_empty()).then_some(found)
}

/// The `ContainerPort` of every port mapping (`None` items are intrinsics); `None` when the list
/// itself is an intrinsic.
fn mapped_ports(container: &Container<'_>) -> Option<Vec<Option<i64>>> {
    let Some(list) = container.get("PortMappings") else {
        return Some(Vec::new());
    };
    Some(
        list.as_list()?
            .iter()
            .map(|m| m.get("ContainerPort").and_then(Node::as_int))
            .collect(),
    )
}

/// How a host port is chosen dynamically.
#[derive(Clone, Copy)]
enum Dynamic {
    /// `HostPort: 0`, which cfn-lint E3049 checks.
    Explicit,
    /// No `HostPort` in `bridge` mode.
    Implicit,
}

fn dynamic_host_port(task: &Task<'_>, mapping: &Node) -> Option<Dynamic> {
    match mapping.get("HostPort") {
        Some(host) if host.as_int() == Some(0) => Some(Dynamic::Explicit),
        None if task.network_mode() == Some("bridge") => Some(Dynamic::Implicit),
        _ => None,
    }
}

/// `ECS003`: health checks of a fixed port miss containers on dynamic host ports. Like cfn-lint
/// E3049, an explicit `HostPort: 0` also needs `HealthCheckPort` written out; an implicit
/// dynamic port is only reported when the target group names another port.
fn health_check_port<'t>(
    svc: Res<'t>,
    task: &Task<'t>,
    container: &str,
    tg: Res<'t>,
    dynamic: Dynamic,
    flagged: &mut BTreeSet<&'t str>,
    out: &mut Findings,
) {
    let how = match dynamic {
        Dynamic::Explicit => "`HostPort: 0`",
        Dynamic::Implicit => "no `HostPort` in `bridge` mode",
    };
    let problem = match (tg.prop("HealthCheckPort"), dynamic) {
        (None, Dynamic::Explicit) => "sets no `HealthCheckPort`".to_owned(),
        (Some(port), _) => match literal_text(port) {
            Some(p) if p != "traffic-port" => format!("health-checks port `{p}`"),
            _ => return,
        },
        (None, Dynamic::Implicit) => return,
    };
    if !flagged.insert(tg.id) {
        return;
    }
    let help = match dynamic {
        Dynamic::Explicit if tg.prop("HealthCheckPort").is_none() => format!(
            "set `HealthCheckPort: traffic-port` on `{}` (the default, but cfn-lint E3049 wants it written when `HostPort` is 0), so each task is checked on the port it was given",
            tg.id
        ),
        _ => format!(
            "set `HealthCheckPort: traffic-port` on `{}`, so each task is checked on the port it was given",
            tg.id
        ),
    };
    out.add(
        tg,
        DYNAMIC_PORT_HEALTH_CHECK.finding(
            tg.path("HealthCheckPort"),
            format!(
                "target group `{}` {problem}, but service `{}` registers container `{container}` of `{}` on a dynamic host port ({how})",
                tg.id,
                svc.id,
                task.id()
            ),
            help,
        ),
    );
}

/// `ECS011` and `ECS012`: a service role is for registering with load balancers, and is
/// rejected with `awsvpc`, where ECS uses its service-linked role.
fn role(svc: Res<'_>, task: Option<&Task<'_>>, out: &mut Findings) {
    // A role chosen by `Fn::If` may be `AWS::NoValue`: only a role that is surely set is judged.
    if svc.prop("Role").is_none_or(maybe_absent) {
        return;
    }
    let no_load_balancers = match svc.prop("LoadBalancers") {
        None => true,
        Some(lbs) => lbs.as_list().is_some_and(<[Node]>::is_empty),
    };
    if no_load_balancers {
        out.add(
            svc,
            SERVICE_ROLE_WITHOUT_LOAD_BALANCER.finding(
                svc.path("Role"),
                format!("service `{}` sets `Role` but has no load balancers", svc.id),
                "remove `Role`: ECS only uses a service role to register tasks with a load balancer",
            ),
        );
    }
    if let Some(task) = task.filter(|t| t.network_mode() == Some("awsvpc")) {
        out.add(
            svc,
            SERVICE_ROLE_WITH_AWSVPC.finding(
                svc.path("Role"),
                format!("service `{}` sets `Role`, but its task definition `{}` uses the `awsvpc` network mode", svc.id, task.id()),
                "remove `Role`: with `awsvpc`, ECS uses its service-linked role `AWSServiceRoleForECS` and rejects a service role",
            ),
        );
    }
}
