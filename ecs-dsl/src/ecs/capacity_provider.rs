//! Capacity provider strategies: how a service's tasks (or a cluster's by default) spread over
//! the cluster's capacity providers, such as `FARGATE` and `FARGATE_SPOT`.

use crate::cfn::ecs::cluster_capacity_provider_associations as associations;
use crate::cfn::ecs::service;

/// One item of a capacity provider strategy: a provider, the tasks it runs at least (`base`) and
/// its share of the rest (`weight`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapacityProviderStrategy {
    pub(crate) provider: String,
    base: Option<u32>,
    weight: u32,
}

impl CapacityProviderStrategy {
    /// On-demand Fargate (`FARGATE`), weight 1.
    pub fn fargate() -> Self {
        CapacityProviderStrategy::named("FARGATE")
    }

    /// Fargate Spot (`FARGATE_SPOT`): spare capacity at a discount, which AWS may reclaim with
    /// two minutes' notice. Weight 1.
    pub fn fargate_spot() -> Self {
        CapacityProviderStrategy::named("FARGATE_SPOT")
    }

    /// The capacity provider named `name` (such as an EC2 capacity provider's name), weight 1.
    pub fn named(name: &str) -> Self {
        CapacityProviderStrategy {
            provider: name.to_owned(),
            base: None,
            weight: 1,
        }
    }

    /// How many tasks, at least, run on this provider (only one item of a strategy may have
    /// one). Sets `CapacityProviderStrategy[].Base`.
    #[must_use]
    pub fn base(mut self, tasks: u32) -> Self {
        self.base = Some(tasks);
        self
    }

    /// This provider's share of the tasks beyond the bases, relative to the other items'.
    /// Default: 1. Sets `CapacityProviderStrategy[].Weight`.
    #[must_use]
    pub fn weight(mut self, weight: u32) -> Self {
        self.weight = weight;
        self
    }

    /// The item of a service's `CapacityProviderStrategy`.
    pub(crate) fn for_service(&self) -> service::CapacityProviderStrategyItem {
        let item =
            service::CapacityProviderStrategyItem::new().capacity_provider(self.provider.as_str());
        let item = match self.base {
            Some(base) => item.base(i64::from(base)),
            None => item,
        };
        item.weight(i64::from(self.weight))
    }

    /// The item of a cluster's `DefaultCapacityProviderStrategy`.
    pub(crate) fn for_cluster(&self) -> associations::CapacityProviderStrategy {
        let item = associations::CapacityProviderStrategy::new(
            associations::CapacityProviderStrategyRequired {
                capacity_provider: self.provider.as_str(),
            },
        );
        let item = match self.base {
            Some(base) => item.base(i64::from(base)),
            None => item,
        };
        item.weight(i64::from(self.weight))
    }
}

/// The capacity providers a cluster has, for the services placed on it: the association
/// resource (a service starts after it) and the providers' names.
#[derive(Clone, Debug)]
pub struct ClusterCapacityProviders {
    /// The `AWS::ECS::ClusterCapacityProviderAssociations` resource.
    pub associations:
        crate::intrinsic::Handle<crate::cfn::ecs::CfnClusterCapacityProviderAssociations>,
    /// The names of the providers associated.
    pub names: Vec<String>,
}
