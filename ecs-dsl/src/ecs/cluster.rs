//! What services need of a cluster: the cluster, its network, and for EC2 services its capacity.

use crate::cfn::ec2::CfnSecurityGroup;
use crate::cfn::ec2::subnet::SubnetId;
use crate::cfn::ec2::vpc::VpcId;
use crate::cfn::ecs::CfnCluster;
use crate::intrinsic::{Handle, IntoValue, Typed};

/// A VPC and the subnets in it that a cluster's instances, tasks and load balancers use.
#[derive(Clone, Debug)]
pub struct Network {
    pub(crate) vpc: Typed<VpcId>,
    pub(crate) subnets: Typed<Vec<SubnetId>>,
}

impl Network {
    /// The subnets `subnets` of `vpc`.
    pub fn new(vpc: impl IntoValue<VpcId>, subnets: impl IntoValue<Vec<SubnetId>>) -> Self {
        Network {
            vpc: Typed::new(vpc),
            subnets: Typed::new(subnets),
        }
    }
}

/// An added ECS cluster: [`super::Ec2ClusterHandles`] or [`super::FargateClusterHandles`].
pub trait EcsCluster {
    /// The cluster resource.
    fn cluster(&self) -> &Handle<CfnCluster>;
    /// The network its tasks and load balancers use by default.
    fn network(&self) -> &Network;
    /// Its capacity providers, when it has any: a service with a capacity provider strategy
    /// may name only these.
    fn capacity_providers(&self) -> Option<&super::ClusterCapacityProviders> {
        None
    }
}

/// A cluster with EC2 instances to place tasks on: only [`super::Ec2ClusterHandles`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no EC2 capacity for an EC2 service",
    label = "an `Ec2Service` needs a cluster with EC2 instances",
    note = "pass the handles `Ec2Cluster::new(..).add(..)` returns, or run the task on Fargate with `TaskDefinition::fargate` and `FargateService`"
)]
pub trait Ec2Capacity: EcsCluster {
    /// The instances' EC2 instance type, such as `t3.micro`.
    fn instance_type(&self) -> &str;
    /// The instances' security group, which load balancers are let into.
    fn instance_security_group(&self) -> &Handle<CfnSecurityGroup>;
}
