//! A task definition: a family of containers with their volumes and roles.

use crate::cfn::ecs::CfnTaskDefinition;
use crate::cfn::ecs::task_definition::{
    self as cfn_td, HostVolumeProperties, NetworkMode, RequiresCompatibilities,
};
use crate::cfn::iam::role::RoleArn;
use crate::intrinsic::{Handle, IntoValue};
use crate::stack::Stack;

use super::Container;

/// A task volume.
#[derive(Clone, Debug)]
pub struct Volume(cfn_td::Volume);

impl Volume {
    /// A bind mount of a directory of the container instance (EC2 launch type).
    pub fn host(name: &str, source_path: &str) -> Self {
        Volume(
            cfn_td::Volume::new()
                .name(name)
                .host(HostVolumeProperties::new().source_path(source_path)),
        )
    }

    /// A volume managed by Docker on the instance, removed with the task.
    pub fn task_scoped(name: &str) -> Self {
        Volume(cfn_td::Volume::new().name(name))
    }

    /// A Docker volume with a driver and its options (`DockerVolumeConfiguration`).
    pub fn docker(name: &str, configuration: cfn_td::DockerVolumeConfiguration) -> Self {
        Volume(
            cfn_td::Volume::new()
                .name(name)
                .docker_volume_configuration(configuration),
        )
    }
}

/// Any volume the generated type can describe (EFS, FSx, …).
impl From<cfn_td::Volume> for Volume {
    fn from(volume: cfn_td::Volume) -> Self {
        Volume(volume)
    }
}

/// A task definition under construction.
#[derive(Clone, Debug)]
pub struct TaskDefinition {
    definition: CfnTaskDefinition,
    containers: Vec<Container>,
    volumes: Vec<Volume>,
}

impl TaskDefinition {
    /// A task definition of the family `family` (the name revisions are registered under).
    /// Sets `AWS::ECS::TaskDefinition.Family`.
    pub fn new(family: impl IntoValue<String>) -> Self {
        TaskDefinition {
            definition: CfnTaskDefinition::new().family(family),
            containers: Vec::new(),
            volumes: Vec::new(),
        }
    }

    /// Adds a container. Sets `AWS::ECS::TaskDefinition.ContainerDefinitions`.
    #[must_use]
    pub fn container(mut self, container: Container) -> Self {
        self.containers.push(container);
        self
    }

    /// Adds containers built elsewhere (for example imported from docker-compose).
    #[must_use]
    pub fn containers(mut self, containers: impl IntoIterator<Item = Container>) -> Self {
        self.containers.extend(containers);
        self
    }

    /// Adds a volume. Sets `AWS::ECS::TaskDefinition.Volumes`.
    #[must_use]
    pub fn volume(mut self, volume: Volume) -> Self {
        self.volumes.push(volume);
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

    /// Runs on Fargate: `awsvpc` networking and task-level CPU (units) and memory (MiB); see
    /// the Fargate table for valid pairs. Sets `RequiresCompatibilities`, `NetworkMode`, `Cpu`, `Memory`.
    #[must_use]
    pub fn fargate(mut self, cpu_units: u32, memory_mib: u32) -> Self {
        self.definition = self
            .definition
            .requires_compatibilities(vec![RequiresCompatibilities::Fargate])
            .network_mode(NetworkMode::Awsvpc)
            .cpu(cpu_units.to_string())
            .memory(memory_mib.to_string());
        self
    }

    /// The generated resource underneath, for properties this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnTaskDefinition) -> CfnTaskDefinition) -> Self {
        self.definition = f(self.definition);
        self
    }

    /// The finished resource.
    pub fn into_cfn(self) -> CfnTaskDefinition {
        let mut d = self.definition;
        if !self.volumes.is_empty() {
            d = d.volumes(self.volumes.into_iter().map(|v| v.0).collect::<Vec<_>>());
        }
        d.container_definitions(
            self.containers
                .into_iter()
                .map(Container::into_definition)
                .collect::<Vec<_>>(),
        )
    }

    /// Adds the task definition to `stack` under `logical_id`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> Handle<CfnTaskDefinition> {
        stack.add(logical_id, self.into_cfn())
    }
}
