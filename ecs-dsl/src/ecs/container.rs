//! A container of a task definition.

use std::marker::PhantomData;

use crate::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDefinitionRequired, HealthCheck, KeyValuePair, LogConfiguration,
    LogConfigurationRequired, MountPoint, PortMapping, Secret, SecretRequired,
};
use crate::cfn::logs::CfnLogGroup;
use crate::customize::unless_customized;
use crate::intrinsic::{Handle, IntoValue, Pseudo, Typed};

use super::SecretValue;

/// Port state of a [`Container`] whose host ports the task's network mode chooses: dynamic in
/// `bridge` mode (EC2), the container port itself in `awsvpc` mode (Fargate).
#[derive(Clone, Copy, Debug)]
pub struct NetworkModePorts;

/// Port state of a [`Container`] with at least one fixed host port
/// ([`Container::port_on_host`]): only `bridge` mode (an EC2 task definition) can publish it.
#[derive(Clone, Copy, Debug)]
pub struct FixedHostPorts;

/// A fixed port on the container instance, for [`Container::port_on_host`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostPort(pub u16);

/// One published port: the container port, the host port when it is fixed, and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PublishedPort {
    pub(crate) container_port: u16,
    pub(crate) host_port: Option<u16>,
    /// The port mapping's name, which Service Connect refers to.
    pub(crate) name: Option<String>,
}

/// A container: image, resources, ports, mounts, environment, secrets, command, health check and
/// logging. Memory is in MiB and CPU in units of 1/1024 vCPU, as ECS counts them.
///
/// `P` records whether a host port was fixed, so that a container with one does not compile into
/// a Fargate task definition (in `awsvpc` mode the host port is always the container port).
#[derive(Clone, Debug)]
pub struct Container<P = NetworkModePorts> {
    name: String,
    definition: ContainerDefinition,
    environment: Vec<KeyValuePair>,
    secrets: Vec<Secret>,
    ports: Vec<PublishedPort>,
    mounts: Vec<MountPoint>,
    ports_state: PhantomData<P>,
}

impl Container {
    /// A container named `name` running `image`. Sets `ContainerDefinition.Name` and `.Image`.
    pub fn new(name: &str, image: impl IntoValue<String>) -> Self {
        let definition = ContainerDefinition::new(ContainerDefinitionRequired { image, name });
        Container {
            name: name.to_owned(),
            definition,
            environment: Vec::new(),
            secrets: Vec::new(),
            ports: Vec::new(),
            mounts: Vec::new(),
            ports_state: PhantomData,
        }
    }
}

impl<P> Container<P> {
    /// The container's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The container ports it publishes, in the order given.
    pub(crate) fn published_ports(&self) -> &[PublishedPort] {
        &self.ports
    }

    /// CPU units reserved for the container (1024 = one vCPU). Sets `ContainerDefinition.Cpu`.
    #[must_use]
    pub fn cpu_units(mut self, units: impl IntoValue<i64>) -> Self {
        self.definition = self.definition.cpu(units);
        self
    }

    /// Memory the container is guaranteed (soft limit), in MiB; at most the hard limit.
    /// Sets `ContainerDefinition.MemoryReservation`.
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

    /// Publishes a TCP container port. Its host port follows the task's network mode: dynamic
    /// (`HostPort: 0`, an ALB finds it) in `bridge` mode, the same port in `awsvpc` mode.
    /// Sets `ContainerDefinition.PortMappings`.
    #[must_use]
    pub fn port(mut self, container_port: u16) -> Self {
        self.ports.push(PublishedPort {
            container_port,
            host_port: None,
            name: None,
        });
        self
    }

    /// Publishes a TCP container port, as [`Container::port`] does, under `name`: Service
    /// Connect serves a port by its name. Sets `ContainerDefinition.PortMappings` (with `Name`).
    #[must_use]
    pub fn named_port(mut self, name: &str, container_port: u16) -> Self {
        self.ports.push(PublishedPort {
            container_port,
            host_port: None,
            name: Some(name.to_owned()),
        });
        self
    }

    /// Publishes a TCP container port on a fixed port of the instance (`bridge` mode only: a
    /// container with one does not fit a Fargate task definition).
    /// Sets `ContainerDefinition.PortMappings`.
    #[must_use]
    pub fn port_on_host(
        self,
        container_port: u16,
        host_port: HostPort,
    ) -> Container<FixedHostPorts> {
        let mut c = self.into_state::<FixedHostPorts>();
        c.ports.push(PublishedPort {
            container_port,
            host_port: Some(host_port.0),
            name: None,
        });
        c
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
    /// `ContainerDefinition.Secrets`; the task definition needs an execution role that may read
    /// it (validate `ECS021` otherwise).
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

    /// The Docker health check; its `Interval` must be at least its `Timeout` (validate `ECS016`).
    /// Sets `ContainerDefinition.HealthCheck`.
    #[must_use]
    pub fn health_check(mut self, check: HealthCheck) -> Self {
        self.definition = self.definition.health_check(check);
        self
    }

    /// Sends the container's output to a CloudWatch log group of the stack (`awslogs` driver;
    /// on Fargate the task then needs an execution role). Sets `ContainerDefinition.LogConfiguration`.
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

    /// The generated property type underneath, for settings this builder does not cover. What
    /// it sets on port mappings, mount points, environment or secrets replaces the builder's.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(ContainerDefinition) -> ContainerDefinition) -> Self {
        self.definition = f(self.definition);
        self
    }

    /// The finished container definition; `awsvpc` publishes each port on itself, `bridge` on a
    /// dynamic host port unless one was fixed.
    /// A list the builder collected is written only where the user's `customize` left that
    /// property unset, so what `customize` set is what the template holds.
    pub(crate) fn into_definition(self, awsvpc: bool) -> ContainerDefinition {
        let mut d = self.definition;
        if !self.ports.is_empty() {
            let mappings: Vec<PortMapping> = self
                .ports
                .iter()
                .map(|p| {
                    let host = match (awsvpc, p.host_port) {
                        (true, _) => p.container_port,
                        (false, fixed) => fixed.unwrap_or(0),
                    };
                    let mapping = PortMapping::new()
                        .container_port(i64::from(p.container_port))
                        .host_port(i64::from(host));
                    match &p.name {
                        Some(name) => mapping.name(name.as_str()),
                        None => mapping,
                    }
                })
                .collect();
            d = unless_customized(d, &["PortMappings"], |d| d.port_mappings(mappings));
        }
        if !self.mounts.is_empty() {
            d = unless_customized(d, &["MountPoints"], |d| d.mount_points(self.mounts));
        }
        if !self.environment.is_empty() {
            d = unless_customized(d, &["Environment"], |d| d.environment(self.environment));
        }
        if !self.secrets.is_empty() {
            d = unless_customized(d, &["Secrets"], |d| d.secrets(self.secrets));
        }
        d
    }

    fn into_state<Q>(self) -> Container<Q> {
        Container {
            name: self.name,
            definition: self.definition,
            environment: self.environment,
            secrets: self.secrets,
            ports: self.ports,
            mounts: self.mounts,
            ports_state: PhantomData,
        }
    }
}
