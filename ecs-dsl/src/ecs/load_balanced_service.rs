//! An ECS service behind an internet-facing Application Load Balancer, on EC2 capacity or Fargate.

use crate::cfn::Tag;
use crate::cfn::ec2::security_group::{CfnSecurityGroupRequired, Ingress, IngressRequired};
use crate::cfn::ec2::security_group_egress::CfnSecurityGroupEgressRequired;
use crate::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use crate::cfn::ec2::subnet::SubnetId;
use crate::cfn::ec2::vpc::VpcId;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use crate::cfn::ecs::service::{
    AssignPublicIp, AwsVpcConfiguration, DeploymentConfiguration, LaunchType, LoadBalancer,
    NetworkConfiguration,
};
use crate::cfn::ecs::{CfnCluster, CfnService, CfnTaskDefinition};
use crate::cfn::elasticloadbalancingv2::listener::{
    self, Action, ActionRequired, CfnListenerRequired,
};
use crate::cfn::elasticloadbalancingv2::load_balancer::{LoadBalancerAttribute, Scheme};
use crate::cfn::elasticloadbalancingv2::target_group::{self, TargetGroupAttribute};
use crate::cfn::elasticloadbalancingv2::{CfnListener, CfnLoadBalancer, CfnTargetGroup};
use crate::intrinsic::{Handle, IntoValue, Pseudo, Resource, Sub, Symbol, Typed};
use crate::stack::Stack;
use crate::template::ResourceOptions;

/// The host ports ECS picks from for dynamic port mapping (the Linux ephemeral range ECS uses).
const DYNAMIC_PORTS: (i64, i64) = (32768, 60999);

/// A service whose tasks receive HTTP traffic from an ALB on port 80. Logical IDs derive from
/// the prefix: `{prefix}Service`, `{prefix}ServiceTargetGroup`, `{prefix}LoadBalancer`,
/// `{prefix}LoadBalancerSecurityGroup`, `{prefix}LoadBalancerHttpListener`, and the rules
/// `{prefix}LoadBalancerTo{prefix}Ingress` / `…Egress` between the ALB and the tasks (on Fargate
/// also `{prefix}ServiceSecurityGroup`, the tasks' own group).
#[derive(Clone, Debug)]
pub struct LoadBalancedService {
    prefix: String,
    service: CfnService,
    vpc: Typed<VpcId>,
    subnets: Typed<Vec<SubnetId>>,
    container: (String, u16),
    host_ports: (i64, i64),
    idle_timeout_seconds: u32,
    deregistration_delay_seconds: u32,
    depends_on: Vec<Symbol>,
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

impl LoadBalancedService {
    /// A service of `task_definition` on `cluster`, whose container `container_name` listens on
    /// `container_port`; the load balancer is in `vpc` and `subnets`.
    pub fn new(
        prefix: &str,
        cluster: &Handle<CfnCluster>,
        task_definition: &Handle<CfnTaskDefinition>,
        container_name: &str,
        container_port: u16,
        vpc: impl IntoValue<VpcId>,
        subnets: impl IntoValue<Vec<SubnetId>>,
    ) -> Self {
        LoadBalancedService {
            prefix: prefix.to_owned(),
            service: CfnService::new()
                .cluster(cluster)
                .task_definition(task_definition),
            vpc: Typed::new(vpc),
            subnets: Typed::new(subnets),
            container: (container_name.to_owned(), container_port),
            host_ports: DYNAMIC_PORTS,
            idle_timeout_seconds: 30,
            deregistration_delay_seconds: 30,
            depends_on: Vec::new(),
        }
    }

    /// How many tasks to run. Sets `AWS::ECS::Service.DesiredCount`.
    #[must_use]
    pub fn desired_count(mut self, count: impl IntoValue<i64>) -> Self {
        self.service = self.service.desired_count(count);
        self
    }

    /// Rolling deployment bounds, in percent of the desired count. Default: ECS's (200/100).
    /// Sets `AWS::ECS::Service.DeploymentConfiguration`.
    #[must_use]
    pub fn deployment(mut self, maximum_percent: u32, minimum_healthy_percent: u32) -> Self {
        let config = DeploymentConfiguration::new()
            .maximum_percent(maximum_percent)
            .minimum_healthy_percent(minimum_healthy_percent);
        self.service = self.service.deployment_configuration(config);
        self
    }

    /// The instance ports the load balancer may reach on EC2. Default: the dynamic range
    /// 32768–60999, which containers published with [`super::Container::port`] get their host
    /// port from. (On Fargate the tasks' own port is used.)
    #[must_use]
    pub fn host_ports(mut self, from: u16, to: u16) -> Self {
        self.host_ports = (i64::from(from), i64::from(to));
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

    /// The generated service resource underneath, for properties this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnService) -> CfnService) -> Self {
        self.service = f(self.service);
        self
    }

    /// Adds the service on EC2 capacity (bridge networking), its load balancer and the
    /// security-group rules between the load balancer and `instances` (the container instances'
    /// security group).
    #[track_caller]
    pub fn add_on_ec2(
        self,
        stack: &mut Stack,
        instances: &Handle<CfnSecurityGroup>,
    ) -> LoadBalancedServiceHandles {
        let front = self.add_load_balancer(stack, target_group::TargetType::Instance);
        self.add_traffic_rules(stack, &front.security_group, instances, self.host_ports);
        let service = self.service.clone();
        self.add_service(stack, service, front)
    }

    /// Adds the service on Fargate (awsvpc networking, a public IP so tasks can pull images
    /// without a NAT gateway), its load balancer, the tasks' security group and the rules
    /// between them.
    #[track_caller]
    pub fn add_on_fargate(self, stack: &mut Stack) -> LoadBalancedServiceHandles {
        let p = self.prefix.clone();
        let front = self.add_load_balancer(stack, target_group::TargetType::Ip);
        let tasks = stack.add(
            &format!("{p}ServiceSecurityGroup"),
            CfnSecurityGroup::new(CfnSecurityGroupRequired {
                group_description: format!("{p} service tasks"),
            })
            .vpc_id(self.vpc.clone()),
        );
        let port = i64::from(self.container.1);
        self.add_traffic_rules(stack, &front.security_group, &tasks, (port, port));
        let network = AwsVpcConfiguration::new()
            .subnets(self.subnets.clone())
            .security_groups(vec![tasks.ref_()])
            .assign_public_ip(AssignPublicIp::Enabled);
        let service = self
            .service
            .clone()
            .launch_type(LaunchType::Fargate)
            .network_configuration(NetworkConfiguration::new().awsvpc_configuration(network));
        self.add_service(stack, service, front)
    }

    fn add_load_balancer(&self, stack: &mut Stack, target_type: target_group::TargetType) -> Front {
        let p = &self.prefix;
        let target_group = stack.add(
            &format!("{p}ServiceTargetGroup"),
            self.target_group().target_type(target_type),
        );
        let security_group = stack.add(
            &format!("{p}LoadBalancerSecurityGroup"),
            self.load_balancer_security_group(),
        );
        let load_balancer = stack.add(
            &format!("{p}LoadBalancer"),
            self.load_balancer(&security_group),
        );
        let forward = Action::new(ActionRequired {
            type_: listener::Type::Forward,
        })
        .target_group_arn(&target_group);
        let listener = stack.add(
            &format!("{p}LoadBalancerHttpListener"),
            CfnListener::new(CfnListenerRequired {
                default_actions: vec![forward],
                load_balancer_arn: &load_balancer,
            })
            .protocol(listener::Protocol::Http)
            .port(80),
        );
        Front {
            target_group,
            security_group,
            load_balancer,
            listener,
        }
    }

    /// The service starts after the listener: a target group must be attached to a load
    /// balancer before a service can register in it.
    fn add_service(
        &self,
        stack: &mut Stack,
        service: CfnService,
        front: Front,
    ) -> LoadBalancedServiceHandles {
        let target = LoadBalancer::new()
            .container_name(self.container.0.as_str())
            .container_port(i64::from(self.container.1))
            .target_group_arn(&front.target_group);
        let mut service = service
            .load_balancers(vec![target])
            .depends_on(&front.listener);
        service
            .body_mut()
            .attributes
            .depends_on
            .extend(self.depends_on.iter().cloned());
        let service = stack.add(&format!("{}Service", self.prefix), service);
        LoadBalancedServiceHandles {
            service,
            target_group: front.target_group,
            load_balancer: front.load_balancer,
            load_balancer_security_group: front.security_group,
            listener: front.listener,
        }
    }

    /// With dynamic host ports the health check must follow the task's port (`traffic-port`).
    fn target_group(&self) -> CfnTargetGroup {
        CfnTargetGroup::new()
            .protocol(target_group::Protocol::Http)
            .port(i64::from(self.container.1))
            .vpc_id(self.vpc.clone())
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
        .vpc_id(self.vpc.clone())
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
            .subnets(self.subnets.clone())
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
    fn add_traffic_rules(
        &self,
        stack: &mut Stack,
        load_balancer: &Handle<CfnSecurityGroup>,
        instances: &Handle<CfnSecurityGroup>,
        ports: (i64, i64),
    ) {
        let p = &self.prefix;
        let (from, to) = ports;
        stack.add(
            &format!("{p}LoadBalancerTo{p}Ingress"),
            CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" })
                .from_port(from)
                .to_port(to)
                .group_id(instances)
                .source_security_group_id(load_balancer),
        );
        stack.add(
            &format!("{p}LoadBalancerTo{p}Egress"),
            CfnSecurityGroupEgress::new(CfnSecurityGroupEgressRequired {
                group_id: load_balancer,
                ip_protocol: "tcp",
            })
            .from_port(from)
            .to_port(to)
            .destination_security_group_id(instances),
        );
    }
}

/// The load-balancing resources, before the service exists.
struct Front {
    target_group: Handle<CfnTargetGroup>,
    security_group: Handle<CfnSecurityGroup>,
    load_balancer: Handle<CfnLoadBalancer>,
    listener: Handle<CfnListener>,
}
