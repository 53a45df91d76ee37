//! The load balancing of published ports, written once (applied and printed, as
//! `write_app.rs`): a target group per exposed port; the app's Application Load Balancer with an
//! HTTP listener per HTTP port and its Network Load Balancer with a TCP listener per other port;
//! security-group rules letting each load balancer reach the tasks on their port; the load
//! balancers' DNS names as stack outputs. The services register in the target groups
//! (`LoadBalancers`) and start after their listeners (see `write_app::service`).

use std::fmt::Write as _;

use crate::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupIngress};
use crate::cfn::elasticloadbalancingv2::{CfnListener, CfnTargetGroup};
use crate::ecs::{
    ApplicationLoadBalancer, LaunchType, Listener, LoadBalancer, LoadBalancerHandles,
    LoadBalancerKind, Network, NetworkLoadBalancer, TargetGroup, TaskDefinitionHandle, TcpListener,
};
use crate::intrinsic::Handle;
use crate::template::Output;
use crate::template::Parameter;

use super::expose::{ExposedPort, Exposure};
use super::plan::TaskPlan;
use super::write_app::{Bound, Program, snake_case};
use super::written::{Written, lit};

/// The status codes an HTTP target group takes as healthy: any answer of the app (a redirect to
/// a login page, a 404 at `/`), as compose has no HTTP health check; a task that does not
/// answer at all is replaced.
pub const HEALTHY_HTTP_CODES: &str = "200-499";

/// The host ports ECS picks from for dynamic port mapping on EC2.
const DYNAMIC_PORTS: (u16, u16) = (32768, 60999);

/// An exposed port's target group, and the listener that forwards to it until it is added to
/// its load balancer.
pub(crate) struct Target {
    /// The port.
    pub port: ExposedPort,
    /// `WebPort80`: the start of its logical IDs.
    base: String,
    /// The target group.
    pub group: Bound<CfnTargetGroup>,
    listener: Option<Listen>,
    /// After the load balancers: the listener, and the eject's expression for it.
    pub via: Option<(Handle<CfnListener>, String)>,
}

/// An added load balancer and the eject's variable holding its handles.
struct Balancer {
    handles: LoadBalancerHandles,
    var: String,
}

/// A listener not yet added.
enum Listen {
    Http(Written<Listener>),
    Tcp(Written<TcpListener>),
}

/// The target groups of the ports `task`'s service exposes, on the task definition `td`
/// (variable `td_var`), each with the listener that will forward to it.
pub(crate) fn target_groups<L: LaunchType>(
    task: &TaskPlan,
    td: &TaskDefinitionHandle<L>,
    td_var: &str,
    network: &Network,
    certificate: Option<&Parameter<String>>,
    p: &mut Program<'_>,
) -> Vec<Target> {
    let Some(service) = &task.service else {
        return Vec::new();
    };
    let task_base = task
        .logical_id
        .strip_suffix("TaskDefinition")
        .unwrap_or(&task.logical_id);
    let mut targets = Vec::new();
    for port in &service.exposed {
        let base = format!("{task_base}Port{}", port.listen_port);
        let id = format!("{base}TargetGroup");
        let var = snake_case(&id);
        let target = td.container(&port.container).port(port.container_port);
        let on = format!(
            "&network, {td_var}.container({}).port({})",
            lit(&port.container),
            port.container_port
        );
        let listen = port.listen_port;
        let (handle, listener) = match port.exposure {
            Exposure::Http => {
                let group = Written::new(
                    TargetGroup::http(network, target),
                    format!("TargetGroup::http({on})"),
                )
                .uses("ecs_dsl::ecs::TargetGroup")
                .call(
                    format!(".health_check_codes({})", lit(HEALTHY_HTTP_CODES)),
                    |g| g.health_check_codes(HEALTHY_HTTP_CODES),
                );
                let handle = p.add_builder(Some(&var), group, &id, |g, stack, id| g.add(stack, id));
                let listener = match certificate {
                    None => Written::new(
                        Listener::http(listen).forward(&handle),
                        format!("Listener::http({listen}).forward(&{var})"),
                    ),
                    Some(arn) => Written::new(
                        Listener::https(listen, arn).forward(&handle),
                        format!("Listener::https({listen}, &certificate_arn).forward(&{var})"),
                    ),
                }
                .uses("ecs_dsl::ecs::Listener");
                (handle.target_group, Listen::Http(listener))
            }
            Exposure::Tcp => {
                let group = Written::new(
                    TargetGroup::tcp(network, target),
                    format!("TargetGroup::tcp({on})"),
                )
                .uses("ecs_dsl::ecs::TargetGroup");
                let handle = p.add_builder(Some(&var), group, &id, |g, stack, id| g.add(stack, id));
                let listener = Written::new(
                    TcpListener::new(listen, &handle),
                    format!("TcpListener::new({listen}, &{var})"),
                )
                .uses("ecs_dsl::ecs::TcpListener");
                (handle.target_group, Listen::Tcp(listener))
            }
        };
        targets.push(Target {
            port: port.clone(),
            base,
            group: Bound {
                handle,
                var: format!("{var}.target_group"),
            },
            listener: Some(listener),
            via: None,
        });
    }
    targets
}

/// The load balancers of `targets`, the rules letting them reach the tasks (in `tasks`, their
/// security group: the tasks' own on Fargate, the instances' on EC2) and their DNS names as
/// outputs; records each target's listener.
pub(crate) fn load_balancers(
    targets: &mut [Target],
    network: &Network,
    tasks: &Bound<CfnSecurityGroup>,
    (awsvpc, https): (bool, bool),
    p: &mut Program<'_>,
) {
    let http = Written::new(
        ApplicationLoadBalancer::new(network),
        "ApplicationLoadBalancer::new(&network)",
    )
    .uses("ecs_dsl::ecs::ApplicationLoadBalancer");
    // Compose's port 80 is served over HTTPS on 443: HTTP on 80 is redirected there.
    let redirect = https
        && targets
            .iter()
            .any(|t| t.port.exposure == Exposure::Http && t.port.listen_port == 443);
    let alb = add_load_balancer(
        targets,
        Exposure::Http,
        http,
        redirect,
        "load_balancer",
        "App",
        p,
    );
    let tcp = Written::new(
        NetworkLoadBalancer::new(network),
        "NetworkLoadBalancer::new(&network)",
    )
    .uses("ecs_dsl::ecs::NetworkLoadBalancer");
    let nlb = add_load_balancer(
        targets,
        Exposure::Tcp,
        tcp,
        false,
        "network_load_balancer",
        "AppNetwork",
        p,
    );
    let mut opened: Vec<(Exposure, (u16, u16))> = Vec::new();
    for t in targets.iter() {
        let Some(lb) = (match t.port.exposure {
            Exposure::Http => alb.as_ref(),
            Exposure::Tcp => nlb.as_ref(),
        }) else {
            continue;
        };
        let ports = match (awsvpc, t.port.host_port) {
            (true, _) => (t.port.container_port, t.port.container_port),
            (false, 0) => DYNAMIC_PORTS,
            (false, fixed) => (fixed, fixed),
        };
        if opened.contains(&(t.port.exposure, ports)) {
            continue;
        }
        opened.push((t.port.exposure, ports));
        ingress(&t.base, lb, ports, tasks, p);
    }
    for (lb, name, what) in [
        (
            &alb,
            "LoadBalancerDnsName",
            "Application Load Balancer (HTTP)",
        ),
        (
            &nlb,
            "NetworkLoadBalancerDnsName",
            "Network Load Balancer (TCP)",
        ),
    ] {
        if let Some(lb) = lb {
            output(lb, name, what, p);
        }
    }
}

/// Adds the load balancer `w` with the listeners of the targets served by `exposure`, when
/// there are any (and one redirecting HTTP on 80 to HTTPS on 443), as `var`.
fn add_load_balancer<K: LoadBalancerKind>(
    targets: &mut [Target],
    exposure: Exposure,
    mut w: Written<LoadBalancer<K>>,
    redirect_to_https: bool,
    var: &str,
    id: &str,
    p: &mut Program<'_>,
) -> Option<Balancer>
where
    LoadBalancer<K>: AddListener,
{
    let mut served = Vec::new();
    for (i, t) in targets.iter_mut().enumerate() {
        if t.port.exposure != exposure {
            continue;
        }
        if let Some(listener) = t.listener.take() {
            w = <LoadBalancer<K> as AddListener>::add_listener(w, listener);
            served.push(i);
        }
    }
    if served.is_empty() {
        return None;
    }
    if redirect_to_https {
        let redirect = Written::new(
            Listener::http(80).redirect_to_https(),
            "Listener::http(80).redirect_to_https()",
        );
        w = <LoadBalancer<K> as AddListener>::add_listener(w, Listen::Http(redirect));
    }
    let handles = p.add_builder(Some(var), w, id, |lb, stack, id| lb.add(stack, id));
    for (n, i) in served.into_iter().enumerate() {
        targets[i].via = Some((
            handles.listeners[n].clone(),
            format!("{var}.listeners[{n}]"),
        ));
    }
    Some(Balancer {
        handles,
        var: var.to_string(),
    })
}

/// The listeners each kind of load balancer takes.
trait AddListener: Sized {
    /// `.listener(…)` with `listener`.
    fn add_listener(w: Written<Self>, listener: Listen) -> Written<Self>;
}

impl AddListener for ApplicationLoadBalancer {
    fn add_listener(w: Written<Self>, listener: Listen) -> Written<Self> {
        match listener {
            Listen::Http(l) => w.call_with("listener", l, ApplicationLoadBalancer::listener),
            Listen::Tcp(_) => w,
        }
    }
}

impl AddListener for NetworkLoadBalancer {
    fn add_listener(w: Written<Self>, listener: Listen) -> Written<Self> {
        match listener {
            Listen::Tcp(l) => w.call_with("listener", l, NetworkLoadBalancer::listener),
            Listen::Http(_) => w,
        }
    }
}

/// `{base}Ingress`: the load balancer `lb` reaches the tasks on `ports`.
fn ingress(
    base: &str,
    lb: &Balancer,
    (from, to): (u16, u16),
    tasks: &Bound<CfnSecurityGroup>,
    p: &mut Program<'_>,
) {
    let description = if from == to {
        format!("Port {from} of the tasks from the load balancer")
    } else {
        format!("Dynamic host ports {from}-{to} of the tasks from the load balancer")
    };
    let rule = Written::new(
        CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" }),
        "CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: \"tcp\" })",
    )
    .uses("ecs_dsl::cfn::ec2::CfnSecurityGroupIngress")
    .uses("ecs_dsl::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired")
    .call(format!(".group_id(&{})", tasks.var), |i| {
        i.group_id(&tasks.handle)
    })
    .call(
        format!(".source_security_group_id(&{}.security_group)", lb.var),
        |i| i.source_security_group_id(&lb.handles.security_group),
    )
    .call(format!(".from_port({from})"), |i| {
        i.from_port(i64::from(from))
    })
    .call(format!(".to_port({to})"), |i| i.to_port(i64::from(to)))
    .call(format!(".description({})", lit(&description)), |i| {
        i.description(description.as_str())
    });
    p.add_resource(None, &format!("{base}Ingress"), rule);
}

/// The stack output `name`: the DNS name of `lb`.
fn output(lb: &Balancer, name: &str, what: &str, p: &mut Program<'_>) {
    let description = format!("The DNS name of the app's {what}");
    p.stack.output(
        name,
        Output::new(lb.handles.load_balancer.attr_dns_name()).description(&description),
    );
    p.uses.insert("ecs_dsl::prelude::Output".into());
    let _ = writeln!(
        p.body,
        "    stack.output(\n        {},\n        Output::new({}.load_balancer.attr_dns_name()).description({}),\n    );",
        lit(name),
        lb.var,
        lit(&description)
    );
}
