//! ECS, high level: containers, task definitions, clusters (EC2 capacity or Fargate), services,
//! and the load balancers, listeners, rules and target groups in front of them.
//!
//! # One builder shape
//!
//! Every builder here (and in [`crate::rds`], [`crate::iam`], [`crate::custom_resource`]) reads
//! the same way:
//!
//! 1. `X::new(<what defines it>)`: the few values without which it means nothing, each of its
//!    own type, so two of them cannot be swapped;
//! 2. named setters, one per setting, each naming the CloudFormation property it sets
//!    (`.maximum_percent(200).minimum_healthy_percent(100)`, `.min_size(0).max_size(4)`);
//! 3. `.depends_on(&handle)` for ordering;
//! 4. `customize_<part>(|l1| …)` for each resource it creates (a single-resource builder has
//!    one `customize`), applied after the builder's own settings: every property and resource
//!    attribute (`UpdatePolicy`, `CreationPolicy`, `DeletionPolicy`, `Metadata`) of the generated
//!    type is reachable there;
//! 5. `.add(&mut stack, "Id")` last, returning a [`crate::Handle`] or an `XHandles` of every
//!    resource made. It is `#[track_caller]`: every finding about those resources names the
//!    line of that call.
//!
//! # Wiring that is checked
//!
//! The launch type is part of the types: [`TaskDefinition::new`] is an EC2 (`bridge`) task
//! definition, [`TaskDefinition::fargate`] a Fargate (`awsvpc`) one. A Fargate task definition
//! does not accept a host volume or a container with a fixed host port; an [`Ec2Service`] takes
//! only an EC2 task definition and a cluster with EC2 capacity; a [`FargateService`] only a
//! Fargate task definition. A target group's target comes from the task definition's handle,
//! `app.container("web").port(8000)`: a container or port it lacks fails synth at that line.
//! A service registers in a target group only if a listener or rule of the load balancer
//! forwards to it (`ECS033`) and it holds the service's own task definition (`ECS034`). What the types cannot see (memory, CPU, health checks, roles, sizes) the
//! `ECS0xx` rules of [`crate::validate`] check on the template, before it is written.
//!
//! ```
//! use ecs_dsl::ecs::{
//!     ApplicationLoadBalancer, Container, Ec2Cluster, Ec2Service, Listener, ListenerRule,
//!     Network, TargetGroup, TaskDefinition,
//! };
//! use ecs_dsl::prelude::*;
//!
//! let mut stack = Stack::new();
//! let network = Network::new("vpc-1", vec!["subnet-1", "subnet-2"]);
//! let cluster = Ec2Cluster::new(&network, "ami-123")
//!     .min_size(1)
//!     .max_size(2)
//!     .add(&mut stack, "App");
//! let app = TaskDefinition::new("app")
//!     .container(Container::new("web", "nginx").memory_reservation_mib(256).port(80))
//!     .add(&mut stack, "AppTaskDefinition");
//! let web = TargetGroup::http(&network, app.container("web").port(80))
//!     .health_check_path("/health")
//!     .add(&mut stack, "AppTargetGroup");
//! let alb = ApplicationLoadBalancer::new(&network)
//!     .listener(Listener::http(80).rule(ListenerRule::new(10, &web).path_pattern("/app/*")))
//!     .add(&mut stack, "Public");
//! Ec2Service::new(&cluster, &app)
//!     .load_balancer(&alb, &web)
//!     .maximum_percent(200)
//!     .minimum_healthy_percent(100)
//!     .add(&mut stack, "App");
//! assert!(ecs_dsl::cli::check(&stack).1.is_empty());
//! ```

#[cfg(all(feature = "applicationautoscaling", feature = "cloudwatch"))]
mod autoscaling;
mod capacity_provider;
#[cfg(feature = "certificatemanager")]
mod certificate;
mod cluster;
mod container;
mod ec2_cluster;
mod fargate_cluster;
#[cfg(feature = "sns")]
mod instance_draining;
mod launch;
mod listener;
mod listener_rule;
mod load_balancer;
#[cfg(feature = "events")]
mod scheduled_task;
mod secret;
mod service;
mod service_connect;
#[cfg(feature = "servicediscovery")]
mod service_discovery;
mod target;
mod target_group;
mod task_definition;
mod volume;

pub use crate::cfn::ecs::task_definition::HealthCheck;
#[cfg(all(feature = "applicationautoscaling", feature = "cloudwatch"))]
pub use autoscaling::{
    ServiceAutoscaling, ServiceAutoscalingHandles, ServiceMetric, StepScaling, TargetTracking,
};
pub use capacity_provider::{CapacityProviderStrategy, ClusterCapacityProviders};
#[cfg(feature = "certificatemanager")]
pub use certificate::DnsValidatedCertificate;
pub use cluster::{Ec2Capacity, EcsCluster, Network};
pub use container::{Container, FixedHostPorts, HostPort, NetworkModePorts};
pub use ec2_cluster::{Ec2Cluster, Ec2ClusterHandles, HostDirectory};
pub use fargate_cluster::{FargateCluster, FargateClusterHandles};
#[cfg(feature = "sns")]
pub use instance_draining::{InstanceDraining, InstanceDrainingHandles};
pub use launch::{Ec2, Fargate, LaunchType, PortsFit};
pub use listener::{Listener, TcpListener};
pub use listener_rule::ListenerRule;
pub use load_balancer::{
    Alb, ApplicationLoadBalancer, LoadBalancer, LoadBalancerHandles, LoadBalancerKind,
    NetworkLoadBalancer, Nlb,
};
#[cfg(feature = "events")]
pub use scheduled_task::{Schedule, ScheduledTask, ScheduledTaskHandles};
pub use secret::SecretValue;
pub use service::{Ec2Service, FargateService, Service, ServiceHandles};
pub use service_connect::{ServiceConnect, ServiceConnectPort};
#[cfg(feature = "servicediscovery")]
pub use service_discovery::CloudMapDiscovery;
pub use target::{ContainerTarget, TaskContainer};
pub use target_group::{Http, TargetGroup, TargetGroupHandle, TargetProtocol, Tcp};
pub use task_definition::{FargateCpu, FargateSize, TaskDefinition, TaskDefinitionHandle};
pub use volume::{DockerVolume, HostVolume, Volume, VolumeFor};
