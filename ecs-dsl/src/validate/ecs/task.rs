//! `Task`: a task definition as the ECS rules read it.

use crate::template::Node;

use super::super::helpers::{items, list_contains};
use super::super::index::Res;

/// One container definition.
pub(super) struct Container<'t> {
    /// Template path of the container definition.
    pub(super) path: String,
    /// The container definition.
    pub(super) node: &'t Node,
    /// Its `Name`, when literal.
    pub(super) name: Option<&'t str>,
}

impl<'t> Container<'t> {
    /// A property of the container.
    pub(super) fn get(&self, key: &str) -> Option<&'t Node> {
        self.node.get(key)
    }

    /// The name for messages.
    pub(super) fn label(&self) -> &str {
        self.name.unwrap_or("(unnamed)")
    }
}

/// What a container lookup by name found.
pub(super) enum Lookup<'a, 't> {
    /// The container.
    Found(&'a Container<'t>),
    /// No container has the name (and every name is known).
    Missing,
    /// Some names are intrinsics or the list is one: no verdict.
    Unknown,
}

/// A task definition.
pub(super) struct Task<'t> {
    /// The resource.
    pub(super) res: Res<'t>,
    /// The container definitions that are literal maps.
    pub(super) containers: Vec<Container<'t>>,
    /// Whether every container and every container name is a literal.
    pub(super) names_known: bool,
    /// Whether `RequiresCompatibilities` includes `FARGATE`; `None` when it is an intrinsic.
    pub(super) fargate: Option<bool>,
}

impl<'t> Task<'t> {
    /// Reads a task definition resource.
    pub(super) fn read(res: Res<'t>) -> Self {
        let list = res.prop("ContainerDefinitions");
        let containers: Vec<Container<'t>> = list
            .map(|l| items(l, &res.path("ContainerDefinitions")))
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, n)| n.as_map().is_some())
            .map(|(path, node)| Container {
                path,
                node,
                name: node.get("Name").and_then(Node::as_str),
            })
            .collect();
        let all_literal = list.is_none_or(|l| {
            l.as_list()
                .is_some_and(|items| items.len() == containers.len())
        });
        let names_known = all_literal && containers.iter().all(|c| c.name.is_some());
        let fargate = match res.prop("RequiresCompatibilities") {
            None => Some(false),
            Some(n) => list_contains(n, "FARGATE"),
        };
        Task {
            res,
            containers,
            names_known,
            fargate,
        }
    }

    /// The logical ID.
    pub(super) fn id(&self) -> &'t str {
        self.res.id
    }

    /// The container with this name.
    pub(super) fn container(&self, name: &str) -> Lookup<'_, 't> {
        match self.containers.iter().find(|c| c.name == Some(name)) {
            Some(c) => Lookup::Found(c),
            None if self.names_known => Lookup::Missing,
            None => Lookup::Unknown,
        }
    }

    /// The container names, for messages.
    pub(super) fn container_names(&self) -> Vec<&'t str> {
        self.containers.iter().filter_map(|c| c.name).collect()
    }

    /// The network mode in effect: the literal `NetworkMode`, or `bridge` (the EC2 default) when
    /// it is absent from a task that is not for Fargate. `None` when unknown.
    pub(super) fn network_mode(&self) -> Option<&'t str> {
        match self.res.prop("NetworkMode") {
            None => (self.fargate == Some(false)).then_some("bridge"),
            Some(n) => n.as_str(),
        }
    }
}
