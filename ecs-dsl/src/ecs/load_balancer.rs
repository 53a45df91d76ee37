//! A load balancer with its security group and listeners: [`ApplicationLoadBalancer`] (HTTP and
//! HTTPS, shared by several services through listener rules) or [`NetworkLoadBalancer`] (TCP).

use std::marker::PhantomData;

use crate::cfn::Tag;
use crate::cfn::ec2::CfnSecurityGroup;
use crate::cfn::ec2::security_group::{CfnSecurityGroupRequired, Ingress, IngressRequired};
use crate::cfn::elasticloadbalancingv2::load_balancer::{
    LoadBalancerAttribute, Scheme, Type as LoadBalancerType,
};
use crate::cfn::elasticloadbalancingv2::{CfnListener, CfnListenerRule, CfnLoadBalancer};
use crate::intrinsic::{Handle, Pseudo, Sub};
use crate::stack::Stack;

use super::cluster::Network;
use super::listener::{Listener, ListenerSpec, Route, TcpListener};
use crate::customize::{Customize, apply};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Alb {}
    impl Sealed for super::Nlb {}
}

/// The kind of a [`LoadBalancer`]: [`Alb`] or [`Nlb`]; it fixes which listeners
/// it takes.
pub trait LoadBalancerKind: sealed::Sealed + 'static {
    /// The listener definition it takes.
    #[allow(private_bounds)]
    type Listener: ListenerSpec;
    /// `Type` of the load balancer.
    const TYPE: LoadBalancerType;
    /// Short name in the `Name` tags and the security group's description.
    const SHORT: &'static str;
    /// The security group's description.
    const DESCRIPTION: &'static str;
}

/// An Application Load Balancer (HTTP, HTTPS).
#[derive(Clone, Copy, Debug)]
pub struct Alb;

/// A Network Load Balancer (TCP).
#[derive(Clone, Copy, Debug)]
pub struct Nlb;

impl LoadBalancerKind for Alb {
    type Listener = Listener;
    const TYPE: LoadBalancerType = LoadBalancerType::Application;
    const SHORT: &'static str = "alb";
    const DESCRIPTION: &'static str = "Application Load Balancer Security Group";
}

impl LoadBalancerKind for Nlb {
    type Listener = TcpListener;
    const TYPE: LoadBalancerType = LoadBalancerType::Network;
    const SHORT: &'static str = "nlb";
    const DESCRIPTION: &'static str = "Network Load Balancer Security Group";
}

/// An internet-facing Application Load Balancer; its listeners are [`Listener`]s.
pub type ApplicationLoadBalancer = LoadBalancer<Alb>;

/// An internet-facing Network Load Balancer; its listeners are [`TcpListener`]s.
pub type NetworkLoadBalancer = LoadBalancer<Nlb>;

/// A load balancer in a network's subnets, its security group open on its listeners' ports, and
/// its listeners. Logical IDs derive from the id given to `add`: `{id}LoadBalancer`,
/// `{id}LoadBalancerSecurityGroup`, one `{id}LoadBalancer{Proto}Listener` per listener (`Http`
/// for HTTP on 80, `Https` for HTTPS on 443, else protocol and port such as `Http8080`), and one
/// `{id}LoadBalancer{Proto}Rule{priority}` per listener rule.
pub struct LoadBalancer<K: LoadBalancerKind> {
    network: Network,
    internal: bool,
    allowed_cidr: String,
    idle_timeout_seconds: Option<u32>,
    listeners: Vec<K::Listener>,
    customize_load_balancer: Customize<CfnLoadBalancer>,
    customize_security_group: Customize<CfnSecurityGroup>,
    kind: PhantomData<K>,
}

/// The resources a [`LoadBalancer`] added, and the traffic paths its listeners and rules open
/// to target groups, which services registering in those groups follow.
#[derive(Clone, Debug)]
pub struct LoadBalancerHandles {
    /// The load balancer.
    pub load_balancer: Handle<CfnLoadBalancer>,
    /// Its security group.
    pub security_group: Handle<CfnSecurityGroup>,
    /// The listeners, in the order given.
    pub listeners: Vec<Handle<CfnListener>>,
    /// The listener rules, in the order given.
    pub rules: Vec<Handle<CfnListenerRule>>,
    pub(crate) id: String,
    pub(crate) routes: Vec<Route>,
}

impl LoadBalancer<Alb> {
    /// Seconds the load balancer keeps idle connections. Default: 30. Sets the
    /// `idle_timeout.timeout_seconds` attribute.
    #[must_use]
    pub fn idle_timeout_seconds(mut self, seconds: u32) -> Self {
        self.idle_timeout_seconds = Some(seconds);
        self
    }
}

impl<K: LoadBalancerKind> LoadBalancer<K> {
    /// A load balancer in `network`'s subnets, open to the internet on its listeners' ports.
    /// Sets `Subnets` and `Scheme: internet-facing`.
    pub fn new(network: &Network) -> Self {
        LoadBalancer {
            network: network.clone(),
            internal: false,
            allowed_cidr: "0.0.0.0/0".to_owned(),
            idle_timeout_seconds: None,
            listeners: Vec::new(),
            customize_load_balancer: Vec::new(),
            customize_security_group: Vec::new(),
            kind: PhantomData,
        }
    }

    /// Reachable only from inside the VPC. Sets `Scheme: internal`.
    #[must_use]
    pub fn internal(mut self) -> Self {
        self.internal = true;
        self
    }

    /// The addresses let in on the listeners' ports. Default: `0.0.0.0/0`.
    /// Sets the security group's `SecurityGroupIngress[].CidrIp`.
    #[must_use]
    pub fn allow_from_cidr(mut self, cidr: &str) -> Self {
        self.allowed_cidr = cidr.to_owned();
        self
    }

    /// Adds a listener. Creates an `AWS::ElasticLoadBalancingV2::Listener` and opens its port in
    /// the security group.
    #[must_use]
    pub fn listener(mut self, listener: K::Listener) -> Self {
        self.listeners.push(listener);
        self
    }

    /// The generated load balancer, applied after the builder's settings.
    #[must_use]
    pub fn customize_load_balancer(
        mut self,
        f: impl FnOnce(CfnLoadBalancer) -> CfnLoadBalancer + 'static,
    ) -> Self {
        self.customize_load_balancer.push(Box::new(f));
        self
    }

    /// The generated security group of the load balancer, applied after the builder's settings.
    #[must_use]
    pub fn customize_security_group(
        mut self,
        f: impl FnOnce(CfnSecurityGroup) -> CfnSecurityGroup + 'static,
    ) -> Self {
        self.customize_security_group.push(Box::new(f));
        self
    }

    /// Adds the load balancer, its security group, listeners and rules, their logical IDs
    /// starting with `id`. Wiring mistakes of the rules (`ECS030`–`ECS032`) are reported at
    /// this line.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> LoadBalancerHandles {
        let security_group = self.security_group();
        let security_group = apply(&mut self.customize_security_group, security_group);
        let security_group = stack.add(&format!("{id}LoadBalancerSecurityGroup"), security_group);
        let load_balancer = self.load_balancer(&security_group);
        let load_balancer = apply(&mut self.customize_load_balancer, load_balancer);
        let load_balancer = stack.add(&format!("{id}LoadBalancer"), load_balancer);
        let mut handles = LoadBalancerHandles {
            load_balancer,
            security_group,
            listeners: Vec::new(),
            rules: Vec::new(),
            id: id.to_owned(),
            routes: Vec::new(),
        };
        for listener in std::mem::take(&mut self.listeners) {
            let listener_id = format!("{id}LoadBalancer{}Listener", listener.name());
            let (listener, routes) = listener.add_to(
                stack,
                &listener_id,
                &handles.load_balancer,
                &mut handles.rules,
            );
            handles.listeners.push(listener);
            handles.routes.extend(routes);
        }
        handles
    }

    fn security_group(&self) -> CfnSecurityGroup {
        let ingress: Vec<Ingress> = self
            .listeners
            .iter()
            .map(|l| {
                Ingress::new(IngressRequired { ip_protocol: "tcp" })
                    .from_port(i64::from(l.port()))
                    .to_port(i64::from(l.port()))
                    .cidr_ip(self.allowed_cidr.as_str())
            })
            .collect();
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: K::DESCRIPTION,
        })
        .vpc_id(self.network.vpc.clone())
        .security_group_ingress(ingress)
        .tags(vec![Tag::new(
            "Name",
            Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!("-{}-sg", K::SHORT))
                .build(),
        )])
    }

    fn load_balancer(&self, security_group: &Handle<CfnSecurityGroup>) -> CfnLoadBalancer {
        let scheme = if self.internal {
            Scheme::Internal
        } else {
            Scheme::InternetFacing
        };
        let mut load_balancer = CfnLoadBalancer::new();
        if !matches!(K::TYPE, LoadBalancerType::Application) {
            load_balancer = load_balancer.type_(K::TYPE);
        }
        let mut load_balancer = load_balancer
            .scheme(scheme)
            .subnets(self.network.subnets.clone())
            .security_groups(vec![security_group.ref_()]);
        if matches!(K::TYPE, LoadBalancerType::Application) {
            let idle = self.idle_timeout_seconds.unwrap_or(30);
            load_balancer = load_balancer.load_balancer_attributes(vec![
                LoadBalancerAttribute::new()
                    .key("idle_timeout.timeout_seconds")
                    .value(idle.to_string()),
            ]);
        }
        load_balancer.tags(vec![Tag::new(
            "Name",
            Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!("-{}", K::SHORT))
                .build(),
        )])
    }
}

impl LoadBalancerHandles {
    /// The traffic path to target group `target_group`, production first.
    pub(crate) fn routes_to(&self, target_group: &str) -> impl Iterator<Item = &Route> {
        self.routes
            .iter()
            .filter(move |r| r.target_group == target_group)
    }

    /// The id given to `add`.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }
}
