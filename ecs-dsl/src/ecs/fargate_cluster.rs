//! An ECS cluster without instances, for Fargate services.

use crate::cfn::ecs::CfnCluster;
use crate::intrinsic::{Handle, IntoValue, Resource};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::cluster::{EcsCluster, Network};

/// A cluster for Fargate tasks in `network`. Logical ID: `{id}Cluster`.
pub struct FargateCluster {
    network: Network,
    cluster: CfnCluster,
}

/// The resources a [`FargateCluster`] added, and the network its services use by default.
#[derive(Clone, Debug)]
pub struct FargateClusterHandles {
    /// The ECS cluster.
    pub cluster: Handle<CfnCluster>,
    /// The network of its services.
    pub network: Network,
}

impl FargateCluster {
    /// A cluster whose services run in `network` by default.
    pub fn new(network: &Network) -> Self {
        FargateCluster {
            network: network.clone(),
            cluster: CfnCluster::new(),
        }
    }

    /// Names the cluster. Default: a name CloudFormation generates.
    /// Sets `AWS::ECS::Cluster.ClusterName`.
    #[must_use]
    pub fn cluster_name(mut self, name: impl IntoValue<String>) -> Self {
        self.cluster = self.cluster.cluster_name(name);
        self
    }

    /// Creates the cluster only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.cluster = self.cluster.depends_on(other);
        self
    }

    /// The generated cluster resource, for properties and resource attributes this builder
    /// does not cover.
    #[must_use]
    pub fn customize_cluster(mut self, f: impl FnOnce(CfnCluster) -> CfnCluster) -> Self {
        self.cluster = f(self.cluster);
        self
    }

    /// Adds the cluster to `stack` as `{id}Cluster`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, id: &str) -> FargateClusterHandles {
        FargateClusterHandles {
            cluster: stack.add(&format!("{id}Cluster"), self.cluster),
            network: self.network,
        }
    }
}

impl EcsCluster for FargateClusterHandles {
    fn cluster(&self) -> &Handle<CfnCluster> {
        &self.cluster
    }
    fn network(&self) -> &Network {
        &self.network
    }
}
