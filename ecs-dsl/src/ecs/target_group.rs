//! A target group: the tasks of one container port that a load balancer sends traffic to, and
//! how it health-checks them.

use std::marker::PhantomData;
use std::panic::Location;

use crate::cfn::elasticloadbalancingv2::CfnTargetGroup;
use crate::cfn::elasticloadbalancingv2::target_group::{
    Matcher, Protocol, TargetGroupAttribute, TargetType,
};
use crate::intrinsic::Handle;
use crate::stack::Stack;

use super::cluster::Network;
use super::launch::LaunchType;
use super::target::ContainerTarget;
use crate::customize::{Customize, apply};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Http {}
    impl Sealed for super::Tcp {}
}

/// How a target group talks to its tasks: [`Http`] behind an Application Load Balancer's
/// listeners, [`Tcp`] behind a Network Load Balancer's. A listener takes only target groups of
/// its own protocol.
pub trait TargetProtocol: sealed::Sealed + Copy + std::fmt::Debug + 'static {
    /// The `Protocol` of the target group.
    const PROTOCOL: Protocol;
}

/// HTTP targets, for an Application Load Balancer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Http;

/// TCP targets, for a Network Load Balancer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tcp;

impl TargetProtocol for Http {
    const PROTOCOL: Protocol = Protocol::Http;
}

impl TargetProtocol for Tcp {
    const PROTOCOL: Protocol = Protocol::Tcp;
}

/// A target group of the tasks behind `target` (a container port of a task definition), `L`
/// their launch type and `P` the protocol. Defaults: the health check on the tasks' own port
/// (`traffic-port`, required with dynamic host ports), a deregistration delay of 30 seconds,
/// targets registered by instance (EC2) or by IP (Fargate, `awsvpc`).
pub struct TargetGroup<L: LaunchType, P: TargetProtocol> {
    network: Network,
    target: ContainerTarget<L>,
    deregistration_delay_seconds: u32,
    health_check_path: Option<String>,
    health_check_codes: Option<String>,
    health_check_interval_seconds: Option<u32>,
    health_check_timeout_seconds: Option<u32>,
    healthy_threshold_count: Option<u32>,
    unhealthy_threshold_count: Option<u32>,
    customize: Customize<CfnTargetGroup>,
    protocol: PhantomData<P>,
}

/// An added target group: its [`Handle`] and the container port behind it, which a service of
/// the same task definition registers.
#[derive(Clone, Debug)]
pub struct TargetGroupHandle<L: LaunchType, P: TargetProtocol> {
    /// The target group resource.
    pub target_group: Handle<CfnTargetGroup>,
    pub(crate) target: ContainerTarget<L>,
    pub(crate) location: &'static Location<'static>,
    protocol: PhantomData<P>,
}

impl<L: LaunchType> TargetGroup<L, Http> {
    /// HTTP target group in `network`'s VPC for `target`, such as `app.container("web").port(80)`.
    /// Sets `Protocol: HTTP`, `Port`, `VpcId` and `TargetType`.
    pub fn http(network: &Network, target: ContainerTarget<L>) -> Self {
        TargetGroup::with(network, target)
    }

    /// The path the load balancer health-checks. Default: `/`.
    /// Sets `AWS::ElasticLoadBalancingV2::TargetGroup.HealthCheckPath`.
    #[must_use]
    pub fn health_check_path(mut self, path: &str) -> Self {
        self.health_check_path = Some(path.to_owned());
        self
    }

    /// The HTTP codes a healthy task answers, such as `"200"` or `"200-399"`. Default: `200`.
    /// Sets `AWS::ElasticLoadBalancingV2::TargetGroup.Matcher.HttpCode`.
    #[must_use]
    pub fn health_check_codes(mut self, codes: &str) -> Self {
        self.health_check_codes = Some(codes.to_owned());
        self
    }
}

impl<L: LaunchType> TargetGroup<L, Tcp> {
    /// TCP target group in `network`'s VPC for `target`, for a Network Load Balancer.
    /// Sets `Protocol: TCP`, `Port`, `VpcId` and `TargetType`.
    pub fn tcp(network: &Network, target: ContainerTarget<L>) -> Self {
        TargetGroup::with(network, target)
    }
}

impl<L: LaunchType, P: TargetProtocol> TargetGroup<L, P> {
    fn with(network: &Network, target: ContainerTarget<L>) -> Self {
        TargetGroup {
            network: network.clone(),
            target,
            deregistration_delay_seconds: 30,
            health_check_path: None,
            health_check_codes: None,
            health_check_interval_seconds: None,
            health_check_timeout_seconds: None,
            healthy_threshold_count: None,
            unhealthy_threshold_count: None,
            customize: Vec::new(),
            protocol: PhantomData,
        }
    }

    /// Seconds between health checks. Sets `HealthCheckIntervalSeconds`.
    #[must_use]
    pub fn health_check_interval_seconds(mut self, seconds: u32) -> Self {
        self.health_check_interval_seconds = Some(seconds);
        self
    }

    /// Seconds a health check may take. Sets `HealthCheckTimeoutSeconds`.
    #[must_use]
    pub fn health_check_timeout_seconds(mut self, seconds: u32) -> Self {
        self.health_check_timeout_seconds = Some(seconds);
        self
    }

    /// Consecutive passed checks that make a task healthy. Sets `HealthyThresholdCount`.
    #[must_use]
    pub fn healthy_threshold_count(mut self, count: u32) -> Self {
        self.healthy_threshold_count = Some(count);
        self
    }

    /// Consecutive failed checks that make a task unhealthy. Sets `UnhealthyThresholdCount`.
    #[must_use]
    pub fn unhealthy_threshold_count(mut self, count: u32) -> Self {
        self.unhealthy_threshold_count = Some(count);
        self
    }

    /// Seconds the load balancer drains a deregistered task. Default: 30. Sets the
    /// `deregistration_delay.timeout_seconds` target group attribute.
    #[must_use]
    pub fn deregistration_delay_seconds(mut self, seconds: u32) -> Self {
        self.deregistration_delay_seconds = seconds;
        self
    }

    /// The generated target group, applied after the builder's settings.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnTargetGroup) -> CfnTargetGroup + 'static) -> Self {
        self.customize.push(Box::new(f));
        self
    }

    /// Adds the target group as `logical_id`. A wiring mistake of its target (a container or
    /// port the task definition lacks) is reported here.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, logical_id: &str) -> TargetGroupHandle<L, P> {
        if let Some(problem) = self.target.problem.take() {
            stack.problems.push(problem);
        }
        let group = self.target_group();
        let group = apply(&mut self.customize, group);
        TargetGroupHandle {
            target_group: stack.add(logical_id, group),
            target: self.target,
            location: Location::caller(),
            protocol: PhantomData,
        }
    }

    fn target_group(&self) -> CfnTargetGroup {
        let target_type = if L::AWSVPC {
            TargetType::Ip
        } else {
            TargetType::Instance
        };
        let mut group = CfnTargetGroup::new()
            .protocol(P::PROTOCOL)
            .port(i64::from(self.target.container_port))
            .vpc_id(self.network.vpc.clone())
            .health_check_port("traffic-port")
            .target_group_attributes(vec![
                TargetGroupAttribute::new()
                    .key("deregistration_delay.timeout_seconds")
                    .value(self.deregistration_delay_seconds.to_string()),
            ]);
        if let Some(path) = &self.health_check_path {
            group = group.health_check_path(path.as_str());
        }
        if let Some(codes) = &self.health_check_codes {
            group = group.matcher(Matcher::new().http_code(codes.as_str()));
        }
        if let Some(s) = self.health_check_interval_seconds {
            group = group.health_check_interval_seconds(i64::from(s));
        }
        if let Some(s) = self.health_check_timeout_seconds {
            group = group.health_check_timeout_seconds(i64::from(s));
        }
        if let Some(n) = self.healthy_threshold_count {
            group = group.healthy_threshold_count(i64::from(n));
        }
        if let Some(n) = self.unhealthy_threshold_count {
            group = group.unhealthy_threshold_count(i64::from(n));
        }
        group.target_type(target_type)
    }
}

impl<L: LaunchType, P: TargetProtocol> TargetGroupHandle<L, P> {
    /// The logical ID of the target group.
    pub(crate) fn id(&self) -> &str {
        self.target_group.logical_id()
    }
}
