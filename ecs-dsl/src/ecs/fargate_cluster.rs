//! An ECS cluster without instances, for Fargate services, optionally with the `FARGATE` and
//! `FARGATE_SPOT` capacity providers.

use crate::cfn::ecs::cluster::ServiceConnectDefaults;
use crate::cfn::ecs::cluster_capacity_provider_associations::CfnClusterCapacityProviderAssociationsRequired;
use crate::cfn::ecs::{CfnCluster, CfnClusterCapacityProviderAssociations};
use crate::intrinsic::{Handle, IntoValue, Resource};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::capacity_provider::{CapacityProviderStrategy, ClusterCapacityProviders};
use super::cluster::{EcsCluster, Network};
use crate::customize::{Customize, apply};

/// The capacity providers a Fargate cluster is given.
const FARGATE_PROVIDERS: [&str; 2] = ["FARGATE", "FARGATE_SPOT"];

/// A cluster for Fargate tasks in `network`. Logical IDs: `{id}Cluster`, and with a capacity
/// provider strategy `{id}ClusterCapacityProviders`.
pub struct FargateCluster {
    network: Network,
    cluster: CfnCluster,
    default_strategy: Vec<CapacityProviderStrategy>,
    customize_cluster: Customize<CfnCluster>,
    customize_capacity_providers: Customize<CfnClusterCapacityProviderAssociations>,
}

/// The resources a [`FargateCluster`] added, and the network its services use by default.
#[derive(Clone, Debug)]
pub struct FargateClusterHandles {
    /// The ECS cluster.
    pub cluster: Handle<CfnCluster>,
    /// The network of its services.
    pub network: Network,
    /// The `FARGATE` and `FARGATE_SPOT` capacity providers, when a default strategy was set.
    pub capacity_providers: Option<ClusterCapacityProviders>,
}

impl FargateCluster {
    /// A cluster whose services run in `network` by default.
    pub fn new(network: &Network) -> Self {
        FargateCluster {
            network: network.clone(),
            cluster: CfnCluster::new(),
            default_strategy: Vec::new(),
            customize_cluster: Vec::new(),
            customize_capacity_providers: Vec::new(),
        }
    }

    /// The Cloud Map namespace (its name or ARN) the cluster's services join with Service
    /// Connect unless they name another; ECS creates an HTTP namespace of that name when none
    /// exists (it outlives the stack). Sets `ServiceConnectDefaults.Namespace`.
    #[must_use]
    pub fn service_connect_namespace(mut self, namespace: impl IntoValue<String>) -> Self {
        self.cluster = self
            .cluster
            .service_connect_defaults(ServiceConnectDefaults::new().namespace(namespace));
        self
    }

    /// Associates the `FARGATE` and `FARGATE_SPOT` capacity providers with the cluster, and
    /// spreads the tasks of services that set no strategy of their own as `strategy` says,
    /// such as `[CapacityProviderStrategy::fargate().base(1), CapacityProviderStrategy::fargate_spot().weight(3)]`.
    /// Creates an `AWS::ECS::ClusterCapacityProviderAssociations` (`CapacityProviders`,
    /// `DefaultCapacityProviderStrategy`).
    #[must_use]
    pub fn default_capacity_provider_strategy(
        mut self,
        strategy: impl IntoIterator<Item = CapacityProviderStrategy>,
    ) -> Self {
        self.default_strategy = strategy.into_iter().collect();
        self
    }

    /// The generated capacity provider associations, applied after the builder's settings.
    #[must_use]
    pub fn customize_capacity_providers(
        mut self,
        f: impl FnOnce(CfnClusterCapacityProviderAssociations) -> CfnClusterCapacityProviderAssociations
        + 'static,
    ) -> Self {
        self.customize_capacity_providers.push(Box::new(f));
        self
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
    /// does not cover; applied after the builder's settings.
    #[must_use]
    pub fn customize_cluster(mut self, f: impl FnOnce(CfnCluster) -> CfnCluster + 'static) -> Self {
        self.customize_cluster.push(Box::new(f));
        self
    }

    /// Adds the cluster to `stack` as `{id}Cluster`, and its capacity providers as
    /// `{id}ClusterCapacityProviders`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> FargateClusterHandles {
        let cluster = apply(&mut self.customize_cluster, self.cluster.clone());
        let cluster = stack.add(&format!("{id}Cluster"), cluster);
        let capacity_providers = if self.default_strategy.is_empty() {
            None
        } else {
            let strategy = self
                .default_strategy
                .iter()
                .map(CapacityProviderStrategy::for_cluster)
                .collect::<Vec<_>>();
            let associations = CfnClusterCapacityProviderAssociations::new(
                CfnClusterCapacityProviderAssociationsRequired {
                    cluster: &cluster,
                    default_capacity_provider_strategy: strategy,
                },
            )
            .capacity_providers(FARGATE_PROVIDERS.to_vec());
            let associations = apply(&mut self.customize_capacity_providers, associations);
            Some(ClusterCapacityProviders {
                associations: stack.add(&format!("{id}ClusterCapacityProviders"), associations),
                names: FARGATE_PROVIDERS.iter().map(|p| (*p).to_owned()).collect(),
            })
        };
        FargateClusterHandles {
            cluster,
            network: self.network,
            capacity_providers,
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
    fn capacity_providers(&self) -> Option<&ClusterCapacityProviders> {
        self.capacity_providers.as_ref()
    }
}
