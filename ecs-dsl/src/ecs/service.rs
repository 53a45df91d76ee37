//! An ECS service: [`Ec2Service`] on a cluster's instances, [`FargateService`] on Fargate. The
//! launch type is in the types: each takes only a task definition of its own launch type, and an
//! EC2 service only a cluster with EC2 capacity.
//!
//! A service without a load balancer is a worker. [`Service::load_balancer`] registers it in a
//! target group that a listener or listener rule of a load balancer forwards to; one load
//! balancer serves several services this way.
//!
//! Deployment safety is on by default: a rolling deployment whose tasks keep failing stops and
//! rolls back (`DeploymentCircuitBreaker` with `Rollback`; [`Service::without_circuit_breaker`]
//! turns it off). [`Service::blue_green`] deploys with ECS's native blue/green instead, and
//! [`Service::rollback_on_alarm`] rolls back when a CloudWatch alarm fires.

use std::panic::Location;

use crate::cfn::ec2::security_group::CfnSecurityGroupRequired;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use crate::cfn::ecs::CfnService;
use crate::cfn::ecs::CfnTaskDefinition;
#[cfg(feature = "servicediscovery")]
use crate::cfn::ecs::service::ServiceRegistry;
use crate::cfn::ecs::service::{
    AdvancedConfiguration, AdvancedConfigurationRequired, AwsVpcConfiguration,
    AwsVpcConfigurationAssignPublicIp, DeploymentAlarms, DeploymentAlarmsRequired,
    DeploymentCircuitBreaker, DeploymentCircuitBreakerRequired, DeploymentConfiguration,
    DeploymentConfigurationStrategy, LaunchType as CfnLaunchType,
    LoadBalancer as CfnServiceLoadBalancer, NetworkConfiguration,
};
use crate::cfn::iam::CfnRole;
use crate::diagnostics::Diagnostic;
use crate::iam::ServiceRole;
use crate::intrinsic::{Handle, IntoValue, Pseudo, Resource, Sub, Symbol, Typed};
use crate::stack::Stack;

use super::capacity_provider::{CapacityProviderStrategy, ClusterCapacityProviders};
use super::cluster::{Ec2Capacity, EcsCluster, Network};
use super::launch::{Ec2, Fargate, LaunchType};
use super::listener::Route;
use super::load_balancer::LoadBalancerHandles;
use super::service_connect::ServiceConnect;
use super::target_group::{TargetGroupHandle, TargetProtocol};
use super::task_definition::TaskDefinitionHandle;
use crate::customize::{Customize, apply};
use crate::traffic::{CustomizeRules, TcpTraffic};

#[cfg(feature = "cloudwatch")]
use crate::cfn::cloudwatch::alarm::AlarmName;
/// The name of a CloudWatch alarm (a plain string without the `cloudwatch` feature).
#[cfg(not(feature = "cloudwatch"))]
type AlarmName = String;

/// The host ports ECS picks from for dynamic port mapping (the Linux ephemeral range ECS uses).
const DYNAMIC_PORTS: (i64, i64) = (32768, 60999);

/// The AWS managed policy that lets ECS shift traffic between target groups during a blue/green
/// deployment.
const BLUE_GREEN_POLICY: &str =
    ":iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers";

/// A service on the instances of an EC2 cluster (`bridge` networking).
pub type Ec2Service = Service<Ec2>;

/// A service on Fargate (`awsvpc` networking, its tasks in their own security group).
pub type FargateService = Service<Fargate>;

/// A service running a task definition's tasks in a cluster; use it as [`Ec2Service`] or
/// [`FargateService`]. Logical IDs derive from the id given to `add`: `{id}Service`; on Fargate
/// `{id}ServiceSecurityGroup` (the tasks' group); per load balancer `{lb}LoadBalancerTo{id}Ingress`
/// and `…Egress` (the rules letting it reach the tasks); with blue/green
/// `{id}ServiceBlueGreenRole`; with Cloud Map `{id}DiscoveryService`.
///
/// `DesiredCount` is written only when set with [`Service::desired_count`]: left out, ECS starts
/// one task and a deployment keeps the count an autoscaling policy chose.
pub struct Service<L: LaunchType> {
    service: CfnService,
    task: Handle<CfnTaskDefinition>,
    network: Network,
    capacity_providers: Option<ClusterCapacityProviders>,
    capacity_provider_strategy: Vec<CapacityProviderStrategy>,
    maximum_percent: Option<u32>,
    minimum_healthy_percent: Option<u32>,
    circuit_breaker: bool,
    alarms: Vec<Typed<AlarmName>>,
    blue_green_bake_minutes: Option<u32>,
    load_balancers: Vec<Attachment>,
    service_connect: Option<ServiceConnect>,
    #[cfg(feature = "servicediscovery")]
    discovery: Option<super::CloudMapDiscovery>,
    problems: Vec<Diagnostic>,
    depends_on: Vec<Symbol>,
    /// EC2 only: the instances' security group.
    instances: Option<Handle<CfnSecurityGroup>>,
    location: Option<&'static Location<'static>>,
    customize_service: Customize<CfnService>,
    customize_task_security_group: Customize<CfnSecurityGroup>,
    customize_rules: CustomizeRules,
    customize_blue_green_role: Customize<CfnRole>,
    launch: std::marker::PhantomData<L>,
}

/// A target group of a load balancer that the service registers its tasks in.
struct Attachment {
    load_balancer: String,
    load_balancer_security_group: Handle<CfnSecurityGroup>,
    target_group: Handle<crate::cfn::elasticloadbalancingv2::CfnTargetGroup>,
    container: String,
    container_port: u16,
    host_port: Option<u16>,
    production: Option<Route>,
    test: Option<Route>,
    location: &'static Location<'static>,
}

/// The resources a [`Service`] added.
#[derive(Clone, Debug)]
pub struct ServiceHandles {
    /// The ECS service.
    pub service: Handle<CfnService>,
    /// Fargate only: the tasks' security group.
    pub security_group: Option<Handle<CfnSecurityGroup>>,
    /// With [`Service::blue_green`]: the role ECS shifts traffic with.
    pub blue_green_role: Option<Handle<CfnRole>>,
}

impl Service<Ec2> {
    /// A service running `task_definition` on `cluster`'s instances.
    /// Sets `Cluster` and `TaskDefinition`.
    pub fn new(cluster: &impl Ec2Capacity, task_definition: &TaskDefinitionHandle<Ec2>) -> Self {
        let mut service = Service::with(cluster, task_definition);
        service.instances = Some(cluster.instance_security_group().clone());
        service
    }

    /// Adds the service and the security-group rules letting its load balancers reach the
    /// cluster's instances, their logical IDs starting with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> ServiceHandles {
        let instances = self
            .instances
            .clone()
            .expect("an EC2 service is made with its cluster's instances");
        for i in 0..self.load_balancers.len() {
            let a = &self.load_balancers[i];
            let ports = match a.host_port {
                Some(port) => (i64::from(port), i64::from(port)),
                None => DYNAMIC_PORTS,
            };
            self.add_traffic_rules(stack, id, i, &instances, ports);
        }
        let service = self.service.clone();
        self.add_service(stack, id, service, None)
    }
}

impl Service<Fargate> {
    /// A service running `task_definition` on Fargate in `cluster` (and by default in its
    /// network). Sets `Cluster`, `TaskDefinition` and, unless a capacity provider strategy is
    /// set, `LaunchType: FARGATE`.
    pub fn new(cluster: &impl EcsCluster, task_definition: &TaskDefinitionHandle<Fargate>) -> Self {
        Service::with(cluster, task_definition)
    }

    /// The VPC and subnets of the tasks. Default: the cluster's.
    /// Sets `NetworkConfiguration.AwsvpcConfiguration.Subnets`.
    #[must_use]
    pub fn network(mut self, network: &Network) -> Self {
        self.network = network.clone();
        self
    }

    /// Registers the tasks in Cloud Map (DNS `A` records), so that other services find them by
    /// name. Creates an `AWS::ServiceDiscovery::Service`; sets `ServiceRegistries`.
    #[cfg(feature = "servicediscovery")]
    #[must_use]
    pub fn cloud_map(mut self, discovery: super::CloudMapDiscovery) -> Self {
        self.discovery = Some(discovery);
        self
    }

    /// The generated security group of the tasks, applied after the builder's settings.
    #[must_use]
    pub fn customize_task_security_group(
        mut self,
        f: impl FnOnce(CfnSecurityGroup) -> CfnSecurityGroup + 'static,
    ) -> Self {
        self.customize_task_security_group.push(Box::new(f));
        self
    }

    /// Adds the service (awsvpc networking, a public IP so tasks can pull images without a NAT
    /// gateway), the tasks' security group and the rules letting its load balancers reach them,
    /// their logical IDs starting with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> ServiceHandles {
        let tasks = CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: format!("{id} service tasks"),
        })
        .vpc_id(self.network.vpc.clone());
        let tasks = apply(&mut self.customize_task_security_group, tasks);
        let tasks = stack.add(&format!("{id}ServiceSecurityGroup"), tasks);
        for i in 0..self.load_balancers.len() {
            let port = i64::from(self.load_balancers[i].container_port);
            self.add_traffic_rules(stack, id, i, &tasks, (port, port));
        }
        let network = AwsVpcConfiguration::new()
            .subnets(self.network.subnets.clone())
            .security_groups(vec![tasks.ref_()])
            .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Enabled);
        let mut service = self
            .service
            .clone()
            .network_configuration(NetworkConfiguration::new().awsvpc_configuration(network));
        if self.capacity_provider_strategy.is_empty() {
            service = service.launch_type(CfnLaunchType::Fargate);
        }
        #[cfg(feature = "servicediscovery")]
        if let Some(discovery) = self.discovery.take() {
            let registry = stack.add(&format!("{id}DiscoveryService"), discovery.into_cfn());
            service = service.service_registries(vec![
                ServiceRegistry::new().registry_arn(registry.attr_arn()),
            ]);
        }
        self.add_service(stack, id, service, Some(tasks))
    }
}

impl<L: LaunchType> Service<L> {
    fn with(cluster: &impl EcsCluster, task_definition: &TaskDefinitionHandle<L>) -> Self {
        Service {
            service: CfnService::new()
                .cluster(cluster.cluster())
                .task_definition(task_definition.handle()),
            task: task_definition.handle().clone(),
            network: cluster.network().clone(),
            capacity_providers: cluster.capacity_providers().cloned(),
            capacity_provider_strategy: Vec::new(),
            maximum_percent: None,
            minimum_healthy_percent: None,
            circuit_breaker: true,
            alarms: Vec::new(),
            blue_green_bake_minutes: None,
            load_balancers: Vec::new(),
            service_connect: None,
            #[cfg(feature = "servicediscovery")]
            discovery: None,
            problems: Vec::new(),
            depends_on: Vec::new(),
            instances: None,
            location: None,
            customize_service: Vec::new(),
            customize_task_security_group: Vec::new(),
            customize_rules: CustomizeRules::default(),
            customize_blue_green_role: Vec::new(),
            launch: std::marker::PhantomData,
        }
    }

    /// How many tasks to run. Left unset, `DesiredCount` is not written: ECS starts one task
    /// and deployments keep the count an autoscaling policy set.
    /// Sets `AWS::ECS::Service.DesiredCount`.
    #[must_use]
    pub fn desired_count(mut self, count: impl IntoValue<i64>) -> Self {
        self.service = self.service.desired_count(count);
        self
    }

    /// The most tasks a deployment may run, in percent of the desired count (ECS's default:
    /// 200). Sets `DeploymentConfiguration.MaximumPercent`.
    #[must_use]
    pub fn maximum_percent(mut self, percent: u32) -> Self {
        self.maximum_percent = Some(percent);
        self
    }

    /// The fewest healthy tasks a deployment keeps, in percent of the desired count (ECS's
    /// default: 100); at most the maximum (validate `ECS017`).
    /// Sets `DeploymentConfiguration.MinimumHealthyPercent`.
    #[must_use]
    pub fn minimum_healthy_percent(mut self, percent: u32) -> Self {
        self.minimum_healthy_percent = Some(percent);
        self
    }

    /// Turns off the deployment circuit breaker, which by default stops a rolling deployment
    /// whose tasks keep failing and rolls back to the last working one.
    /// Leaves out `DeploymentConfiguration.DeploymentCircuitBreaker`.
    #[must_use]
    pub fn without_circuit_breaker(mut self) -> Self {
        self.circuit_breaker = false;
        self
    }

    /// Rolls a deployment back when the CloudWatch alarm `alarm` (its name) goes into `ALARM`;
    /// repeat for more alarms. Sets `DeploymentConfiguration.Alarms` (`Enable`, `Rollback`).
    #[must_use]
    pub fn rollback_on_alarm(mut self, alarm: impl IntoValue<AlarmName>) -> Self {
        self.alarms.push(Typed::new(alarm));
        self
    }

    /// Deploys with ECS's native blue/green: the new revision starts beside the old one in the
    /// alternate target group of each load balancer's rule ([`super::ListenerRule::alternate`]),
    /// receives test traffic on the test listener's rule when there is one
    /// ([`super::Listener::for_test_traffic`]), then all production traffic; the old one is kept
    /// `bake_time_minutes` for an instant rollback. Sets `DeploymentConfiguration.Strategy:
    /// BLUE_GREEN` and `BakeTimeInMinutes`, and each load balancer's `AdvancedConfiguration`;
    /// creates the role ECS shifts traffic with (`{id}ServiceBlueGreenRole`). The circuit
    /// breaker stays off: the bake time and alarms are blue/green's rollback.
    #[must_use]
    pub fn blue_green(mut self, bake_time_minutes: u32) -> Self {
        self.blue_green_bake_minutes = Some(bake_time_minutes);
        self
    }

    /// Spreads the tasks over the cluster's capacity providers, such as
    /// `[CapacityProviderStrategy::fargate().base(1), CapacityProviderStrategy::fargate_spot().weight(3)]`;
    /// each must be one the cluster has (`ECS036`). Sets `CapacityProviderStrategy` (and leaves
    /// out `LaunchType`); the service starts after the cluster's capacity providers.
    #[must_use]
    pub fn capacity_provider_strategy(
        mut self,
        strategy: impl IntoIterator<Item = CapacityProviderStrategy>,
    ) -> Self {
        self.capacity_provider_strategy = strategy.into_iter().collect();
        self
    }

    /// Joins Service Connect. Sets `ServiceConnectConfiguration`.
    #[must_use]
    pub fn service_connect(mut self, config: ServiceConnect) -> Self {
        self.service_connect = Some(config);
        self
    }

    /// Registers the tasks in `target_group`, which a listener or rule of `load_balancer` must
    /// forward to (`ECS033`) and whose container is one of the service's task definition
    /// (`ECS034`). Sets `LoadBalancers`, lets the load balancer reach the tasks, and starts the
    /// service after that listener or rule.
    #[track_caller]
    #[must_use]
    pub fn load_balancer<P: TargetProtocol>(
        mut self,
        load_balancer: &LoadBalancerHandles,
        target_group: &TargetGroupHandle<L, P>,
    ) -> Self {
        let at = Location::caller();
        let group = target_group.id();
        if target_group.target.task.logical_id() != self.task.logical_id() {
            self.problems.push(self.foreign_target(target_group, at));
        }
        let production = load_balancer.routes_to(group).find(|r| !r.test).cloned();
        if production.is_none() {
            self.problems.push(unrouted(load_balancer, group, at));
        }
        self.load_balancers.push(Attachment {
            load_balancer: load_balancer.id().to_owned(),
            load_balancer_security_group: load_balancer.security_group.clone(),
            target_group: target_group.target_group.clone(),
            container: target_group.target.container.clone(),
            container_port: target_group.target.container_port,
            host_port: target_group.target.host_port,
            production,
            test: load_balancer.routes_to(group).find(|r| r.test).cloned(),
            location: at,
        });
        self
    }

    /// Creates the service only after `other` (capacity, a migration, …). Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.depends_on.push(other.symbol().clone());
        self
    }

    /// The generated service, applied after the builder's settings.
    #[must_use]
    pub fn customize_service(mut self, f: impl FnOnce(CfnService) -> CfnService + 'static) -> Self {
        self.customize_service.push(Box::new(f));
        self
    }

    /// The generated ingress rules from the load balancers to the tasks, applied after the
    /// builder's settings.
    #[must_use]
    pub fn customize_ingress(
        mut self,
        f: impl Fn(CfnSecurityGroupIngress) -> CfnSecurityGroupIngress + 'static,
    ) -> Self {
        self.customize_rules.ingress.push(Box::new(f));
        self
    }

    /// The generated egress rules from the load balancers to the tasks, applied after the
    /// builder's settings.
    #[must_use]
    pub fn customize_egress(
        mut self,
        f: impl Fn(CfnSecurityGroupEgress) -> CfnSecurityGroupEgress + 'static,
    ) -> Self {
        self.customize_rules.egress.push(Box::new(f));
        self
    }

    /// The generated blue/green role, applied after the builder's settings.
    #[must_use]
    pub fn customize_blue_green_role(
        mut self,
        f: impl FnOnce(CfnRole) -> CfnRole + 'static,
    ) -> Self {
        self.customize_blue_green_role.push(Box::new(f));
        self
    }

    fn foreign_target<P: TargetProtocol>(
        &self,
        target_group: &TargetGroupHandle<L, P>,
        at: &'static Location<'static>,
    ) -> Diagnostic {
        let task = self.task.logical_id();
        Diagnostic::error(
            "ECS034",
            format!("Resources.{}", target_group.id()),
            format!(
                "target group `{}` holds container `{}` of task definition `{}`, but the service runs `{task}`",
                target_group.id(),
                target_group.target.container,
                target_group.target.task.logical_id()
            ),
        )
        .help(format!(
            "register the service in a target group of its own task definition: `TargetGroup::http(&network, {task}.container(..).port(..))`"
        ))
        .at(Some(at))
        .related("the target group was added", target_group.location)
    }

    /// The rules letting the load balancer of attachment `index` reach the tasks on `ports` (an
    /// inclusive range), one pair per load balancer.
    #[track_caller]
    fn add_traffic_rules(
        &mut self,
        stack: &mut Stack,
        id: &str,
        index: usize,
        tasks: &Handle<CfnSecurityGroup>,
        ports: (i64, i64),
    ) {
        let a = &self.load_balancers[index];
        let earlier = self.load_balancers[..index]
            .iter()
            .filter(|b| b.load_balancer == a.load_balancer)
            .count();
        if earlier > 0
            && self.load_balancers[..index]
                .iter()
                .any(|b| b.load_balancer == a.load_balancer && b.container_port == a.container_port)
        {
            return;
        }
        let suffix = if earlier == 0 {
            String::new()
        } else {
            a.container_port.to_string()
        };
        let name = format!("{}LoadBalancerTo{id}{suffix}", a.load_balancer);
        TcpTraffic {
            from: &a.load_balancer_security_group,
            to: tasks,
            ports,
        }
        .allow(stack, &name, &self.customize_rules);
    }

    /// Adds the service itself, after its listeners or rules: a target group must be attached
    /// to a load balancer before a service can register in it.
    #[track_caller]
    fn add_service(
        mut self,
        stack: &mut Stack,
        id: &str,
        mut service: CfnService,
        security_group: Option<Handle<CfnSecurityGroup>>,
    ) -> ServiceHandles {
        self.location = Some(Location::caller());
        self.check_capacity_providers();
        if let Some(connect) = &self.service_connect {
            let found = connect.problems(&format!("{id}Service"), self.task.logical_id());
            self.problems.extend(found);
        }
        let blue_green_role = self.add_blue_green_role(stack, id);
        self.check_blue_green(id);
        for problem in self.problems.drain(..) {
            stack.problems.push(problem);
        }
        if !self.load_balancers.is_empty() {
            let role = blue_green_role
                .as_ref()
                .map(|r: &Handle<CfnRole>| r.attr_arn());
            let targets: Vec<CfnServiceLoadBalancer> = self
                .load_balancers
                .iter()
                .map(|a| a.cfn(role.clone()))
                .collect();
            service = service.load_balancers(targets);
        }
        // A blue/green load balancer names its rules in `AdvancedConfiguration`, which orders
        // the service after them already.
        let blue_green = blue_green_role.is_some();
        let mut depends_on: Vec<Symbol> = Vec::new();
        for a in &self.load_balancers {
            for route in a.production.iter().chain(&a.test) {
                let referenced = blue_green && a.advanced_route(route);
                if !referenced && !depends_on.contains(&route.via) {
                    depends_on.push(route.via.clone());
                }
            }
        }
        if !self.capacity_provider_strategy.is_empty() {
            let strategy: Vec<_> = self
                .capacity_provider_strategy
                .iter()
                .map(CapacityProviderStrategy::for_service)
                .collect();
            service = service.capacity_provider_strategy(strategy);
            if let Some(providers) = &self.capacity_providers {
                depends_on.push(providers.associations.symbol().clone());
            }
        }
        if let Some(connect) = self.service_connect.take() {
            service = service.service_connect_configuration(connect.into_cfn());
        }
        service = service.deployment_configuration_opt(self.deployment_configuration());
        service.body_mut().attributes.depends_on.extend(
            depends_on
                .into_iter()
                .chain(self.depends_on.iter().cloned()),
        );
        let service = apply(&mut self.customize_service, service);
        ServiceHandles {
            service: stack.add(&format!("{id}Service"), service),
            security_group,
            blue_green_role,
        }
    }

    /// `ECS036`: a strategy item names a capacity provider the cluster does not have.
    fn check_capacity_providers(&mut self) {
        let names: Vec<String> = match &self.capacity_providers {
            Some(p) => p.names.clone(),
            None => Vec::new(),
        };
        for item in &self.capacity_provider_strategy {
            if names.contains(&item.provider) {
                continue;
            }
            let help = if names.is_empty() {
                "give the cluster capacity providers first, such as `FargateCluster::new(..).default_capacity_provider_strategy([..])`".to_owned()
            } else {
                format!(
                    "use one of the cluster's capacity providers: {}",
                    names.join(", ")
                )
            };
            self.problems.push(
                Diagnostic::error(
                    "ECS036",
                    "Resources",
                    format!(
                        "the service's capacity provider strategy names `{}`, which its cluster does not have",
                        item.provider
                    ),
                )
                .help(help)
                .at(self.location),
            );
        }
    }

    /// `ECS035`: blue/green needs, on every load balancer, a production listener rule (a
    /// listener's default action on a Network Load Balancer) that forwards to an alternate
    /// target group too.
    fn check_blue_green(&mut self, id: &str) {
        if self.blue_green_bake_minutes.is_none() {
            return;
        }
        if self.load_balancers.is_empty() {
            self.problems.push(
                Diagnostic::error(
                    "ECS035",
                    format!("Resources.{id}Service.Properties.DeploymentConfiguration"),
                    format!("service `{id}Service` deploys blue/green but has no load balancer to shift traffic on"),
                )
                .help("register it in a target group with `.load_balancer(&lb, &blue)`, whose listener rule has `.alternate(&green)`; or deploy rolling (remove `.blue_green(..)`)")
                .at(self.location),
            );
        }
        for a in &self.load_balancers {
            let Some(route) = &a.production else { continue };
            if route.alternate.is_some() {
                continue;
            }
            self.problems.push(
                Diagnostic::error(
                    "ECS035",
                    format!("Resources.{}", route.via.name),
                    format!(
                        "service `{id}Service` deploys blue/green, but the rule sending traffic to `{}` has no alternate target group",
                        a.target_group.logical_id()
                    ),
                )
                .help("forward through a listener rule with the green group as its alternate: `ListenerRule::new(priority, &blue).path_pattern(..).alternate(&green)`")
                .at(Some(a.location)),
            );
        }
    }

    #[track_caller]
    fn add_blue_green_role(&mut self, stack: &mut Stack, id: &str) -> Option<Handle<CfnRole>> {
        self.blue_green_bake_minutes?;
        let arn = Sub::new()
            .text("arn:")
            .var(&Pseudo::Partition)
            .text(BLUE_GREEN_POLICY)
            .build();
        let role = ServiceRole::new("ecs.amazonaws.com")
            .managed_policy(arn)
            .into_cfn();
        let role = apply(&mut self.customize_blue_green_role, role);
        Some(stack.add(&format!("{id}ServiceBlueGreenRole"), role))
    }

    fn deployment_configuration(&self) -> Option<DeploymentConfiguration> {
        let circuit_breaker = self.circuit_breaker && self.blue_green_bake_minutes.is_none();
        if self.maximum_percent.is_none()
            && self.minimum_healthy_percent.is_none()
            && !circuit_breaker
            && self.alarms.is_empty()
            && self.blue_green_bake_minutes.is_none()
        {
            return None;
        }
        let mut config = DeploymentConfiguration::new();
        if let Some(max) = self.maximum_percent {
            config = config.maximum_percent(i64::from(max));
        }
        if let Some(min) = self.minimum_healthy_percent {
            config = config.minimum_healthy_percent(i64::from(min));
        }
        if circuit_breaker {
            config = config.deployment_circuit_breaker(DeploymentCircuitBreaker::new(
                DeploymentCircuitBreakerRequired {
                    enable: true,
                    rollback: true,
                },
            ));
        }
        if !self.alarms.is_empty() {
            config = config.alarms(DeploymentAlarms::new(DeploymentAlarmsRequired {
                alarm_names: self.alarms.clone(),
                enable: true,
                rollback: true,
            }));
        }
        if let Some(minutes) = self.blue_green_bake_minutes {
            config = config
                .strategy(DeploymentConfigurationStrategy::BlueGreen)
                .bake_time_in_minutes(i64::from(minutes));
        }
        Some(config)
    }
}

impl Attachment {
    /// Whether the blue/green `AdvancedConfiguration` names `route`'s listener or rule.
    fn advanced_route(&self, route: &Route) -> bool {
        let alternate = self
            .production
            .as_ref()
            .is_some_and(|p| p.alternate.is_some());
        alternate && (!route.test || route.rule.is_some())
    }

    /// The service's `LoadBalancers` item; with a blue/green `role`, its advanced configuration.
    fn cfn(&self, role: Option<crate::cfn::iam::role::RoleArn>) -> CfnServiceLoadBalancer {
        let target = CfnServiceLoadBalancer::new()
            .container_name(self.container.as_str())
            .container_port(i64::from(self.container_port))
            .target_group_arn(&self.target_group);
        let (Some(role), Some(route)) = (role, &self.production) else {
            return target;
        };
        let Some(alternate) = &route.alternate else {
            return target;
        };
        let production = match &route.rule {
            Some(rule) => Typed::<String>::new(rule.ref_()),
            None => Typed::new(&route.listener),
        };
        let mut advanced = AdvancedConfiguration::new(AdvancedConfigurationRequired {
            alternate_target_group_arn: Typed::<String>::new(alternate),
        })
        .production_listener_rule(production)
        .role_arn(role);
        if let Some(rule) = self.test.as_ref().and_then(|t| t.rule.as_ref()) {
            advanced = advanced.test_listener_rule(rule.ref_());
        }
        target.advanced_configuration(advanced)
    }
}

/// `ECS033`: no listener or rule of `load_balancer` forwards to `target_group`.
fn unrouted(
    load_balancer: &LoadBalancerHandles,
    target_group: &str,
    at: &'static Location<'static>,
) -> Diagnostic {
    Diagnostic::error(
        "ECS033",
        format!("Resources.{target_group}"),
        format!(
            "no listener or rule of load balancer `{}LoadBalancer` forwards to target group `{target_group}`",
            load_balancer.id()
        ),
    )
    .help(format!(
        "forward to it from that load balancer: `Listener::http(80).forward(&{target_group})` or `.rule(ListenerRule::new(priority, &{target_group}).path_pattern(..))`"
    ))
    .at(Some(at))
}

/// `Option`-taking setter for the deployment configuration.
trait DeploymentConfigurationOpt {
    fn deployment_configuration_opt(self, config: Option<DeploymentConfiguration>) -> Self;
}

impl DeploymentConfigurationOpt for CfnService {
    fn deployment_configuration_opt(self, config: Option<DeploymentConfiguration>) -> Self {
        match config {
            Some(config) => self.deployment_configuration(config),
            None => self,
        }
    }
}
