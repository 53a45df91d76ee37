//! A container of a task definition.

use crate::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, KeyValuePair, LogConfiguration,
    LogConfigurationRequired, MountPoint, PortMapping, Secret, SecretRequired,
};
use crate::cfn::logs::CfnLogGroup;
use crate::intrinsic::{Handle, IntoValue, Pseudo, Typed};

use super::SecretValue;

/// A container: image, resources, ports, mounts, environment, secrets, command and logging.
///
/// Memory is in MiB and CPU in units of 1/1024 vCPU, as ECS counts them.
#[derive(Clone, Debug)]
pub struct Container {
    name: String,
    definition: ContainerDefinition,
    environment: Vec<KeyValuePair>,
    secrets: Vec<Secret>,
    ports: Vec<PortMapping>,
    mounts: Vec<MountPoint>,
}

impl Container {
    /// A container named `name` running `image`.
    pub fn new(name: &str, image: impl IntoValue<String>) -> Self {
        let definition = ContainerDefinition::new(ContainerDefinitionRequired { image, name });
        Container {
            name: name.to_owned(),
            definition,
            environment: Vec::new(),
            secrets: Vec::new(),
            ports: Vec::new(),
            mounts: Vec::new(),
        }
    }

    /// The container's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// CPU units reserved for the container (1024 = one vCPU). Sets `ContainerDefinition.Cpu`.
    #[must_use]
    pub fn cpu_units(mut self, units: impl IntoValue<i64>) -> Self {
        self.definition = self.definition.cpu(units);
        self
    }

    /// Memory the container is guaranteed (soft limit), in MiB. Sets `ContainerDefinition.MemoryReservation`.
    #[must_use]
    pub fn memory_reservation_mib(mut self, mib: impl IntoValue<i64>) -> Self {
        self.definition = self.definition.memory_reservation(mib);
        self
    }

    /// Memory the container may not exceed (hard limit), in MiB. Sets `ContainerDefinition.Memory`.
    #[must_use]
    pub fn memory_limit_mib(mut self, mib: impl IntoValue<i64>) -> Self {
        self.definition = self.definition.memory(mib);
        self
    }

    /// Marks the container non-essential: the task keeps running when it exits (a one-off step
    /// such as `collectstatic`). Default: essential. Sets `ContainerDefinition.Essential`.
    #[must_use]
    pub fn not_essential(mut self) -> Self {
        self.definition = self.definition.essential(false);
        self
    }

    /// Publishes a TCP container port on a dynamic host port (bridge mode; an ALB finds it).
    /// Sets `ContainerDefinition.PortMappings`.
    #[must_use]
    pub fn port(self, container_port: u16) -> Self {
        self.port_mapping(container_port, 0)
    }

    /// Publishes a TCP container port on a fixed host port (0 = dynamic; awsvpc: same as the
    /// container port). Sets `ContainerDefinition.PortMappings`.
    #[must_use]
    pub fn port_mapping(mut self, container_port: u16, host_port: u16) -> Self {
        self.ports.push(
            PortMapping::new()
                .container_port(i64::from(container_port))
                .host_port(i64::from(host_port)),
        );
        self
    }

    /// Mounts a task volume at `container_path`. Sets `ContainerDefinition.MountPoints`.
    #[must_use]
    pub fn mount(mut self, volume: &str, container_path: &str) -> Self {
        self.mounts.push(
            MountPoint::new()
                .source_volume(volume)
                .container_path(container_path),
        );
        self
    }

    /// Sets an environment variable. Sets `ContainerDefinition.Environment`.
    #[must_use]
    pub fn env(mut self, name: &str, value: impl IntoValue<String>) -> Self {
        self.environment
            .push(KeyValuePair::new().name(name).value(value));
        self
    }

    /// Passes a secret as an environment variable, read by ECS at start-up. Sets
    /// `ContainerDefinition.Secrets`; the task definition needs an execution role that may read it.
    #[must_use]
    pub fn secret(mut self, name: &str, value_from: SecretValue) -> Self {
        self.secrets
            .push(Secret::new(SecretRequired { name, value_from }));
        self
    }

    /// The command, as a list of arguments. Sets `ContainerDefinition.Command`.
    #[must_use]
    pub fn command<'a>(mut self, args: impl IntoIterator<Item = &'a str>) -> Self {
        self.definition = self.definition.command(
            args.into_iter()
                .map(Typed::<String>::new)
                .collect::<Vec<_>>(),
        );
        self
    }

    /// Sends the container's output to a CloudWatch log group of the stack (`awslogs` driver).
    /// Sets `ContainerDefinition.LogConfiguration`.
    #[must_use]
    pub fn log_to(mut self, group: &Handle<CfnLogGroup>, stream_prefix: &str) -> Self {
        let options = [
            ("awslogs-group", Typed::<String>::new(group)),
            ("awslogs-region", Typed::new(Pseudo::Region.value())),
            ("awslogs-stream-prefix", Typed::new(stream_prefix)),
        ];
        let config = LogConfiguration::new(LogConfigurationRequired {
            log_driver: "awslogs",
        })
        .options(options);
        self.definition = self.definition.log_configuration(config);
        self
    }

    /// The generated property type underneath, for settings this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(ContainerDefinition) -> ContainerDefinition) -> Self {
        self.definition = f(self.definition);
        self
    }

    /// The finished container definition.
    pub fn into_definition(self) -> ContainerDefinition {
        let mut d = self.definition;
        if !self.ports.is_empty() {
            d = d.port_mappings(self.ports);
        }
        if !self.mounts.is_empty() {
            d = d.mount_points(self.mounts);
        }
        if !self.environment.is_empty() {
            d = d.environment(self.environment);
        }
        if !self.secrets.is_empty() {
            d = d.secrets(self.secrets);
        }
        d
    }
}
