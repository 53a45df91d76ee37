//! An ECS service behind an internet-facing Application Load Balancer: [`Ec2Service`] on a
//! cluster's instances, [`FargateService`] on Fargate. The launch type is in the types: each
//! takes only a target of its own launch type's task definition, and an EC2 service only a
//! cluster with EC2 capacity.

use crate::cfn::Tag;
use crate::cfn::ec2::security_group::{CfnSecurityGroupRequired, Ingress, IngressRequired};
use crate::cfn::ec2::security_group_egress::CfnSecurityGroupEgressRequired;
use crate::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use crate::cfn::ecs::CfnService;
use crate::cfn::ecs::service::{
    AssignPublicIp, AwsVpcConfiguration, DeploymentConfiguration, LaunchType as CfnLaunchType,
    LoadBalancer, NetworkConfiguration,
};
use crate::cfn::elasticloadbalancingv2::listener::{
    self, Action, ActionRequired, CfnListenerRequired,
};
use crate::cfn::elasticloadbalancingv2::load_balancer::{LoadBalancerAttribute, Scheme};
use crate::cfn::elasticloadbalancingv2::target_group::{self, TargetGroupAttribute};
use crate::cfn::elasticloadbalancingv2::{CfnListener, CfnLoadBalancer, CfnTargetGroup};
use crate::intrinsic::{Handle, IntoValue, Pseudo, Resource, Sub, Symbol};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::cluster::{Ec2Capacity, EcsCluster, Network};
use super::launch::{Ec2, Fargate, LaunchType};
use super::target::ContainerTarget;

/// The host ports ECS picks from for dynamic port mapping (the Linux ephemeral range ECS uses).
const DYNAMIC_PORTS: (i64, i64) = (32768, 60999);

/// A change to one generated resource, applied after the builder's own settings.
type Customize<T> = Vec<Box<dyn FnOnce(T) -> T>>;

/// A service on the instances of an EC2 cluster, behind an ALB.
pub type Ec2Service = LoadBalancedService<Ec2>;

/// A service on Fargate, behind an ALB.
pub type FargateService = LoadBalancedService<Fargate>;

/// A service whose tasks receive HTTP traffic from an ALB on port 80; use it as [`Ec2Service`]
/// or [`FargateService`]. Logical IDs derive from the id given to `add`: `{id}Service`,
/// `{id}ServiceTargetGroup`, `{id}LoadBalancer`, `{id}LoadBalancerSecurityGroup`,
/// `{id}LoadBalancerHttpListener`, and the rules `{id}LoadBalancerTo{id}Ingress` / `…Egress`
/// between the ALB and the tasks (on Fargate also `{id}ServiceSecurityGroup`, the tasks' own
/// group).
pub struct LoadBalancedService<L: LaunchType> {
    service: CfnService,
    network: Network,
    target: ContainerTarget<L>,
    maximum_percent: Option<u32>,
    minimum_healthy_percent: Option<u32>,
    idle_timeout_seconds: u32,
    deregistration_delay_seconds: u32,
    depends_on: Vec<Symbol>,
    /// EC2 only: the instances' security group.
    instances: Option<Handle<CfnSecurityGroup>>,
    customize_service: Customize<CfnService>,
    customize_target_group: Customize<CfnTargetGroup>,
    customize_load_balancer: Customize<CfnLoadBalancer>,
    customize_load_balancer_security_group: Customize<CfnSecurityGroup>,
    customize_listener: Customize<CfnListener>,
    customize_ingress: Customize<CfnSecurityGroupIngress>,
    customize_egress: Customize<CfnSecurityGroupEgress>,
    customize_task_security_group: Customize<CfnSecurityGroup>,
}

/// The resources a [`LoadBalancedService`] added.
#[derive(Clone, Debug)]
pub struct LoadBalancedServiceHandles {
    /// The ECS service.
    pub service: Handle<CfnService>,
    /// The target group the service registers its tasks in.
    pub target_group: Handle<CfnTargetGroup>,
    /// The load balancer.
    pub load_balancer: Handle<CfnLoadBalancer>,
    /// The load balancer's security group.
    pub load_balancer_security_group: Handle<CfnSecurityGroup>,
    /// The HTTP listener.
    pub listener: Handle<CfnListener>,
}

impl LoadBalancedService<Ec2> {
    /// A service on `cluster`'s instances (bridge networking), its load balancer in the
    /// cluster's network sending traffic to `target`, such as `app.container("web").port(8000)`.
    pub fn new(cluster: &impl Ec2Capacity, target: ContainerTarget<Ec2>) -> Self {
        let mut service = LoadBalancedService::with(cluster, target);
        service.instances = Some(cluster.instance_security_group().clone());
        service
    }

    /// Adds the service, its load balancer and the security-group rules between the load
    /// balancer and the cluster's instances, their logical IDs starting with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> LoadBalancedServiceHandles {
        let front = self.add_load_balancer(stack, id, target_group::TargetType::Instance);
        let ports = match self.target.host_port {
            Some(port) => (i64::from(port), i64::from(port)),
            None => DYNAMIC_PORTS,
        };
        let instances = self
            .instances
            .clone()
            .expect("an EC2 service is made with its cluster's instances");
        self.add_traffic_rules(stack, id, &front.security_group, &instances, ports);
        let service = self.service.clone();
        self.add_service(stack, id, service, front)
    }
}

impl LoadBalancedService<Fargate> {
    /// A service on Fargate in `cluster` (and by default its network), its load balancer
    /// sending traffic to `target`, such as `web.container("web").port(80)`.
    pub fn new(cluster: &impl EcsCluster, target: ContainerTarget<Fargate>) -> Self {
        LoadBalancedService::with(cluster, target)
    }

    /// The VPC and subnets of the tasks and the load balancer. Default: the cluster's.
    /// Sets `NetworkConfiguration.AwsvpcConfiguration.Subnets`.
    #[must_use]
    pub fn network(mut self, network: &Network) -> Self {
        self.network = network.clone();
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
    /// gateway), its load balancer, the tasks' security group and the rules between them, their
    /// logical IDs starting with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> LoadBalancedServiceHandles {
        let front = self.add_load_balancer(stack, id, target_group::TargetType::Ip);
        let tasks = CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: format!("{id} service tasks"),
        })
        .vpc_id(self.network.vpc.clone());
        let tasks = apply(&mut self.customize_task_security_group, tasks);
        let tasks = stack.add(&format!("{id}ServiceSecurityGroup"), tasks);
        let port = i64::from(self.target.container_port);
        self.add_traffic_rules(stack, id, &front.security_group, &tasks, (port, port));
        let network = AwsVpcConfiguration::new()
            .subnets(self.network.subnets.clone())
            .security_groups(vec![tasks.ref_()])
            .assign_public_ip(AssignPublicIp::Enabled);
        let service = self
            .service
            .clone()
            .launch_type(CfnLaunchType::Fargate)
            .network_configuration(NetworkConfiguration::new().awsvpc_configuration(network));
        self.add_service(stack, id, service, front)
    }
}

impl<L: LaunchType> LoadBalancedService<L> {
    fn with(cluster: &impl EcsCluster, target: ContainerTarget<L>) -> Self {
        LoadBalancedService {
            service: CfnService::new()
                .cluster(cluster.cluster())
                .task_definition(&target.task),
            network: cluster.network().clone(),
            target,
            maximum_percent: None,
            minimum_healthy_percent: None,
            idle_timeout_seconds: 30,
            deregistration_delay_seconds: 30,
            depends_on: Vec::new(),
            instances: None,
            customize_service: Vec::new(),
            customize_target_group: Vec::new(),
            customize_load_balancer: Vec::new(),
            customize_load_balancer_security_group: Vec::new(),
            customize_listener: Vec::new(),
            customize_ingress: Vec::new(),
            customize_egress: Vec::new(),
            customize_task_security_group: Vec::new(),
        }
    }

    /// How many tasks to run. Sets `AWS::ECS::Service.DesiredCount`.
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

    /// Seconds the ALB keeps idle connections. Default: 30. Sets the `idle_timeout.timeout_seconds` attribute.
    #[must_use]
    pub fn idle_timeout_seconds(mut self, seconds: u32) -> Self {
        self.idle_timeout_seconds = seconds;
        self
    }

    /// Seconds the ALB drains a deregistered task. Default: 30. Sets the
    /// `deregistration_delay.timeout_seconds` target group attribute.
    #[must_use]
    pub fn deregistration_delay_seconds(mut self, seconds: u32) -> Self {
        self.deregistration_delay_seconds = seconds;
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

    /// The generated target group (health checks, say), applied after the builder's settings.
    #[must_use]
    pub fn customize_target_group(
        mut self,
        f: impl FnOnce(CfnTargetGroup) -> CfnTargetGroup + 'static,
    ) -> Self {
        self.customize_target_group.push(Box::new(f));
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
    pub fn customize_load_balancer_security_group(
        mut self,
        f: impl FnOnce(CfnSecurityGroup) -> CfnSecurityGroup + 'static,
    ) -> Self {
        self.customize_load_balancer_security_group
            .push(Box::new(f));
        self
    }

    /// The generated HTTP listener, applied after the builder's settings.
    #[must_use]
    pub fn customize_listener(
        mut self,
        f: impl FnOnce(CfnListener) -> CfnListener + 'static,
    ) -> Self {
        self.customize_listener.push(Box::new(f));
        self
    }

    /// The generated ingress rule from the load balancer to the tasks, applied after the
    /// builder's settings.
    #[must_use]
    pub fn customize_ingress(
        mut self,
        f: impl FnOnce(CfnSecurityGroupIngress) -> CfnSecurityGroupIngress + 'static,
    ) -> Self {
        self.customize_ingress.push(Box::new(f));
        self
    }

    /// The generated egress rule from the load balancer to the tasks, applied after the
    /// builder's settings.
    #[must_use]
    pub fn customize_egress(
        mut self,
        f: impl FnOnce(CfnSecurityGroupEgress) -> CfnSecurityGroupEgress + 'static,
    ) -> Self {
        self.customize_egress.push(Box::new(f));
        self
    }

    #[track_caller]
    fn add_load_balancer(
        &mut self,
        stack: &mut Stack,
        p: &str,
        target_type: target_group::TargetType,
    ) -> Front {
        let target_group = self.target_group().target_type(target_type);
        let target_group = apply(&mut self.customize_target_group, target_group);
        let target_group = stack.add(&format!("{p}ServiceTargetGroup"), target_group);
        let security_group = self.load_balancer_security_group();
        let security_group = apply(
            &mut self.customize_load_balancer_security_group,
            security_group,
        );
        let security_group = stack.add(&format!("{p}LoadBalancerSecurityGroup"), security_group);
        let load_balancer = self.load_balancer(&security_group);
        let load_balancer = apply(&mut self.customize_load_balancer, load_balancer);
        let load_balancer = stack.add(&format!("{p}LoadBalancer"), load_balancer);
        let forward = Action::new(ActionRequired {
            type_: listener::Type::Forward,
        })
        .target_group_arn(&target_group);
        let listener = CfnListener::new(CfnListenerRequired {
            default_actions: vec![forward],
            load_balancer_arn: &load_balancer,
        })
        .protocol(listener::Protocol::Http)
        .port(80);
        let listener = apply(&mut self.customize_listener, listener);
        let listener = stack.add(&format!("{p}LoadBalancerHttpListener"), listener);
        Front {
            target_group,
            security_group,
            load_balancer,
            listener,
        }
    }

    /// The service starts after the listener: a target group must be attached to a load
    /// balancer before a service can register in it. A wiring mistake of the target is
    /// reported here.
    #[track_caller]
    fn add_service(
        mut self,
        stack: &mut Stack,
        id: &str,
        service: CfnService,
        front: Front,
    ) -> LoadBalancedServiceHandles {
        if let Some(problem) = self.target.problem.take() {
            stack.problems.push(problem);
        }
        let target = LoadBalancer::new()
            .container_name(self.target.container.as_str())
            .container_port(i64::from(self.target.container_port))
            .target_group_arn(&front.target_group);
        let mut service = service
            .load_balancers(vec![target])
            .depends_on(&front.listener);
        if let Some(config) = self.deployment_configuration() {
            service = service.deployment_configuration(config);
        }
        service
            .body_mut()
            .attributes
            .depends_on
            .extend(self.depends_on.iter().cloned());
        let service = apply(&mut self.customize_service, service);
        let service = stack.add(&format!("{id}Service"), service);
        LoadBalancedServiceHandles {
            service,
            target_group: front.target_group,
            load_balancer: front.load_balancer,
            load_balancer_security_group: front.security_group,
            listener: front.listener,
        }
    }

    fn deployment_configuration(&self) -> Option<DeploymentConfiguration> {
        if self.maximum_percent.is_none() && self.minimum_healthy_percent.is_none() {
            return None;
        }
        let mut config = DeploymentConfiguration::new();
        if let Some(max) = self.maximum_percent {
            config = config.maximum_percent(max);
        }
        if let Some(min) = self.minimum_healthy_percent {
            config = config.minimum_healthy_percent(min);
        }
        Some(config)
    }

    /// With dynamic host ports the health check must follow the task's port (`traffic-port`).
    fn target_group(&self) -> CfnTargetGroup {
        CfnTargetGroup::new()
            .protocol(target_group::Protocol::Http)
            .port(i64::from(self.target.container_port))
            .vpc_id(self.network.vpc.clone())
            .health_check_port("traffic-port")
            .target_group_attributes(vec![
                TargetGroupAttribute::new()
                    .key("deregistration_delay.timeout_seconds")
                    .value(self.deregistration_delay_seconds.to_string()),
            ])
    }

    fn load_balancer_security_group(&self) -> CfnSecurityGroup {
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: "Application Load Balancer Security Group",
        })
        .vpc_id(self.network.vpc.clone())
        .security_group_ingress(vec![
            Ingress::new(IngressRequired { ip_protocol: "tcp" })
                .from_port(80)
                .to_port(80)
                .cidr_ip("0.0.0.0/0"),
        ])
        .tags(vec![Tag::new(
            "Name",
            Sub::new().var(&Pseudo::StackName).text("-alb-sg").build(),
        )])
    }

    fn load_balancer(&self, security_group: &Handle<CfnSecurityGroup>) -> CfnLoadBalancer {
        CfnLoadBalancer::new()
            .scheme(Scheme::InternetFacing)
            .subnets(self.network.subnets.clone())
            .security_groups(vec![security_group.ref_()])
            .load_balancer_attributes(vec![
                LoadBalancerAttribute::new()
                    .key("idle_timeout.timeout_seconds")
                    .value(self.idle_timeout_seconds.to_string()),
            ])
            .tags(vec![Tag::new(
                "Name",
                Sub::new().var(&Pseudo::StackName).text("-alb").build(),
            )])
    }

    /// The ALB reaches the tasks on `ports` (an inclusive range).
    #[track_caller]
    fn add_traffic_rules(
        &mut self,
        stack: &mut Stack,
        p: &str,
        load_balancer: &Handle<CfnSecurityGroup>,
        tasks: &Handle<CfnSecurityGroup>,
        ports: (i64, i64),
    ) {
        let (from, to) = ports;
        let ingress =
            CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" })
                .from_port(from)
                .to_port(to)
                .group_id(tasks)
                .source_security_group_id(load_balancer);
        let ingress = apply(&mut self.customize_ingress, ingress);
        stack.add(&format!("{p}LoadBalancerTo{p}Ingress"), ingress);
        let egress = CfnSecurityGroupEgress::new(CfnSecurityGroupEgressRequired {
            group_id: load_balancer,
            ip_protocol: "tcp",
        })
        .from_port(from)
        .to_port(to)
        .destination_security_group_id(tasks);
        let egress = apply(&mut self.customize_egress, egress);
        stack.add(&format!("{p}LoadBalancerTo{p}Egress"), egress);
    }
}

/// Applies the user's changes to a generated resource, in the order given.
fn apply<T>(changes: &mut Customize<T>, resource: T) -> T {
    changes.drain(..).fold(resource, |r, f| f(r))
}

/// The load-balancing resources, before the service exists.
struct Front {
    target_group: Handle<CfnTargetGroup>,
    security_group: Handle<CfnSecurityGroup>,
    load_balancer: Handle<CfnLoadBalancer>,
    listener: Handle<CfnListener>,
}
