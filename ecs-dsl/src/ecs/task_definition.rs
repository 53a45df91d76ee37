//! A task definition: a family of containers with their volumes and roles, for one launch type.

use std::marker::PhantomData;
use std::ops::Deref;
use std::panic::Location;

use crate::cfn::ecs::CfnTaskDefinition;
use crate::cfn::ecs::task_definition::{
    self as cfn_td, ContainerDefinition, NetworkMode, RequiresCompatibilities,
};
use crate::cfn::iam::role::RoleArn;
use crate::customize::unless_customized;
use crate::diagnostics::Diagnostic;
use crate::intrinsic::{Handle, IntoValue, Resource};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::container::{Container, PublishedPort};
use super::launch::{Ec2, Fargate, LaunchType, PortsFit};
use super::target::TaskContainer;
use super::volume::VolumeFor;

/// A Fargate task size: CPU units, then memory. Fargate accepts only some pairs (validate
/// `ECS007` names them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FargateSize {
    cpu_units: u32,
    memory_mib: u32,
}

/// The CPU half of a [`FargateSize`]; [`FargateCpu::memory_mib`] completes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FargateCpu(u32);

impl FargateSize {
    /// Task CPU units (256, 512, 1024, 2048, 4096, …; 1024 = one vCPU).
    pub fn cpu_units(units: u32) -> FargateCpu {
        FargateCpu(units)
    }
}

impl FargateCpu {
    /// Task memory in MiB.
    pub fn memory_mib(self, mib: u32) -> FargateSize {
        FargateSize {
            cpu_units: self.0,
            memory_mib: mib,
        }
    }
}

/// What a task definition's handle remembers of one container, for typed wiring.
#[derive(Clone, Debug)]
pub(crate) struct ContainerInfo {
    pub(crate) name: String,
    pub(crate) ports: Vec<PublishedPort>,
}

/// A task definition under construction, for launch type `L` ([`Ec2`] or [`Fargate`]).
pub struct TaskDefinition<L: LaunchType = Ec2> {
    definition: CfnTaskDefinition,
    containers: Vec<ContainerDefinition>,
    infos: Vec<ContainerInfo>,
    volumes: Vec<cfn_td::Volume>,
    launch: PhantomData<L>,
}

impl TaskDefinition<Ec2> {
    /// An EC2 task definition (`bridge` network mode) of the family `family`, the name revisions
    /// are registered under. Sets `AWS::ECS::TaskDefinition.Family`.
    pub fn new(family: impl IntoValue<String>) -> Self {
        TaskDefinition::with(CfnTaskDefinition::new().family(family))
    }
}

impl TaskDefinition<Fargate> {
    /// A Fargate task definition of the family `family`: `awsvpc` networking and the task-level
    /// `size`. Sets `Family`, `RequiresCompatibilities`, `NetworkMode`, `Cpu` and `Memory`.
    pub fn fargate(family: impl IntoValue<String>, size: FargateSize) -> Self {
        let definition = CfnTaskDefinition::new()
            .family(family)
            .requires_compatibilities(vec![RequiresCompatibilities::Fargate])
            .network_mode(NetworkMode::Awsvpc)
            .cpu(size.cpu_units.to_string())
            .memory(size.memory_mib.to_string());
        TaskDefinition::with(definition)
    }
}

impl<L: LaunchType> TaskDefinition<L> {
    fn with(definition: CfnTaskDefinition) -> Self {
        TaskDefinition {
            definition,
            containers: Vec::new(),
            infos: Vec::new(),
            volumes: Vec::new(),
            launch: PhantomData,
        }
    }

    /// Adds a container. Sets `AWS::ECS::TaskDefinition.ContainerDefinitions`.
    #[must_use]
    pub fn container<P: PortsFit<L>>(mut self, container: Container<P>) -> Self {
        self.infos.push(ContainerInfo {
            name: container.name().to_owned(),
            ports: container.published_ports().to_vec(),
        });
        self.containers.push(container.into_definition(L::AWSVPC));
        self
    }

    /// Adds containers built elsewhere (for example imported from docker-compose).
    #[must_use]
    pub fn containers<P: PortsFit<L>>(
        self,
        containers: impl IntoIterator<Item = Container<P>>,
    ) -> Self {
        containers.into_iter().fold(self, Self::container)
    }

    /// Adds a volume the launch type can mount. Sets `AWS::ECS::TaskDefinition.Volumes`.
    #[must_use]
    pub fn volume(mut self, volume: impl VolumeFor<L>) -> Self {
        self.volumes.push(volume.into_cfn());
        self
    }

    /// The role ECS uses to pull images, write logs and read container secrets.
    /// Sets `AWS::ECS::TaskDefinition.ExecutionRoleArn`.
    #[must_use]
    pub fn execution_role(mut self, role: impl IntoValue<RoleArn>) -> Self {
        self.definition = self.definition.execution_role_arn(role);
        self
    }

    /// The role the containers' code runs as. Sets `AWS::ECS::TaskDefinition.TaskRoleArn`.
    #[must_use]
    pub fn task_role(
        mut self,
        role: impl IntoValue<crate::cfn::AnyOf<cfn_td::TaskDefinitionTaskRoleArnRef>>,
    ) -> Self {
        self.definition = self.definition.task_role_arn(role);
        self
    }

    /// Creates the task definition only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.definition = self.definition.depends_on(other);
        self
    }

    /// The generated resource underneath, for properties and resource attributes this builder
    /// does not cover. What it sets on volumes or containers replaces the builder's.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnTaskDefinition) -> CfnTaskDefinition) -> Self {
        self.definition = f(self.definition);
        self
    }

    /// What the builder collected is written only where the user's `customize` left the
    /// property unset, so what `customize` set is what the template holds.
    fn into_cfn(self) -> (CfnTaskDefinition, Vec<ContainerInfo>) {
        let mut d = self.definition;
        if !self.volumes.is_empty() {
            d = unless_customized(d, &["Volumes"], |d| d.volumes(self.volumes));
        }
        let d = unless_customized(d, &["ContainerDefinitions"], |d| {
            d.container_definitions(self.containers)
        });
        (d, self.infos)
    }

    /// Adds the task definition to `stack` under `logical_id`; the handle knows its containers.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> TaskDefinitionHandle<L> {
        let (definition, containers) = self.into_cfn();
        TaskDefinitionHandle {
            handle: stack.add(logical_id, definition),
            containers,
            location: Location::caller(),
            launch: PhantomData,
        }
    }
}

/// An added task definition: its [`Handle`] (through `Deref`), its launch type, and its
/// containers and their ports, from which load-balancer targets are taken.
#[derive(Clone, Debug)]
pub struct TaskDefinitionHandle<L: LaunchType> {
    handle: Handle<CfnTaskDefinition>,
    containers: Vec<ContainerInfo>,
    location: &'static Location<'static>,
    launch: PhantomData<L>,
}

impl<L: LaunchType> TaskDefinitionHandle<L> {
    /// The resource handle.
    pub fn handle(&self) -> &Handle<CfnTaskDefinition> {
        &self.handle
    }

    /// The container named `name`. A name the task definition lacks fails synth (`ECS001`)
    /// at this call.
    #[track_caller]
    pub fn container(&self, name: &str) -> TaskContainer<L> {
        let found = self.containers.iter().find(|c| c.name == name);
        let problem = match found {
            Some(_) => None,
            None => Some(self.missing_container(name, Location::caller())),
        };
        TaskContainer::new(self.handle.clone(), name, found.cloned(), problem)
    }

    fn missing_container(&self, name: &str, at: &'static Location<'static>) -> Diagnostic {
        let id = self.handle.logical_id();
        let names: Vec<String> = self
            .containers
            .iter()
            .map(|c| format!("`{}`", c.name))
            .collect();
        Diagnostic::error(
            "ECS001",
            format!("Resources.{id}.Properties.ContainerDefinitions"),
            format!("task definition `{id}` has no container `{name}`"),
        )
        .help(format!("name one of its containers: {}", names.join(", ")))
        .at(Some(at))
        .related(format!("`{id}` was added"), self.location)
    }
}

impl<L: LaunchType> Deref for TaskDefinitionHandle<L> {
    type Target = Handle<CfnTaskDefinition>;
    fn deref(&self) -> &Handle<CfnTaskDefinition> {
        &self.handle
    }
}
