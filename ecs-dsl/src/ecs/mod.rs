//! ECS, high level: containers, task definitions, an EC2-capacity cluster and a service behind
//! an Application Load Balancer (on EC2 or Fargate). Each builder exposes the generated resource underneath.

mod container;
mod ec2_cluster;
mod load_balanced_service;
mod secret;
mod task_definition;

pub use container::Container;
pub use ec2_cluster::{Ec2Cluster, Ec2ClusterHandles};
pub use load_balanced_service::{LoadBalancedService, LoadBalancedServiceHandles};
pub use secret::SecretValue;
pub use task_definition::{TaskDefinition, Volume};
