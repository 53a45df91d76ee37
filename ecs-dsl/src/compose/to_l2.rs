//! Imported containers onto the high-level builders: `ContainerSpec::into_container` and
//! `TaskDefinition::containers_from_compose`. `eject.rs` writes the same calls as Rust source;
//! both follow the same rule: a builder method where one exists, `customize` with the generated
//! property types for the rest.

use crate::Stack;
use crate::cfn::ecs::task_definition::{
    AppProtocol, Condition, ContainerDependency, CpuArchitecture, DockerVolumeConfiguration,
    HealthCheck, HostEntry, HostVolumeProperties, KernelCapabilities, LinuxParameters,
    LogConfiguration, LogConfigurationRequired, MountPoint, Name, NetworkMode,
    OperatingSystemFamily, PortMapping, Protocol, RuntimePlatform, Scope, SystemControl, Tmpfs,
    TmpfsRequired, Ulimit, UlimitRequired, Volume as CfnVolume,
};
use crate::ecs::{Container, SecretValue, TaskDefinition, Volume};

use super::plan::TaskPlan;

use super::spec::{
    ContainerSpec, DependencyCondition, HealthCheckSpec, PortMappingSpec, TmpfsSpec, UlimitSpec,
    VolumeSource, VolumeSpec,
};

impl ContainerSpec {
    /// Whether every port mapping is plain TCP on a dynamic host port, which `Container::port`
    /// writes.
    pub(crate) fn ports_fit_builder(&self) -> bool {
        self.port_mappings.iter().all(|p| {
            p.protocol == "tcp" && p.host_port == 0 && p.name.is_none() && p.app_protocol.is_none()
        })
    }

    /// Whether every mount is read-write, which `Container::mount` writes.
    pub(crate) fn mounts_fit_builder(&self) -> bool {
        self.mount_points.iter().all(|m| !m.read_only)
    }

    /// The high-level container, to adjust further or add to a `TaskDefinition`.
    pub fn into_container(self) -> Container {
        let mut c = Container::new(&self.name, self.image.as_str());
        if let Some(command) = &self.command {
            c = c.command(command.iter().map(String::as_str));
        }
        if let Some(cpu) = self.cpu {
            c = c.cpu_units(saturate(cpu));
        }
        if let Some(mib) = self.memory {
            c = c.memory_limit_mib(saturate(mib));
        }
        if let Some(mib) = self.memory_reservation {
            c = c.memory_reservation_mib(saturate(mib));
        }
        if !self.essential {
            c = c.not_essential();
        }
        for (name, value) in &self.environment {
            c = c.env(name, value.as_str());
        }
        for secret in &self.secrets {
            c = c.secret(&secret.name, SecretValue::arn(secret.value_from.as_str()));
        }
        if self.ports_fit_builder() {
            for p in &self.port_mappings {
                c = c.port(p.container_port);
            }
        }
        if self.mounts_fit_builder() {
            for m in &self.mount_points {
                c = c.mount(&m.source_volume, &m.container_path);
            }
        }
        c.customize(|d| self.customize_definition(d))
    }

    /// Sets on the generated definition everything the builder has no method for.
    fn customize_definition(
        &self,
        mut d: crate::cfn::ecs::task_definition::ContainerDefinition,
    ) -> crate::cfn::ecs::task_definition::ContainerDefinition {
        if !self.ports_fit_builder() {
            d = d.port_mappings(
                self.port_mappings
                    .iter()
                    .map(port_mapping)
                    .collect::<Vec<_>>(),
            );
        }
        if !self.mounts_fit_builder() {
            let mounts: Vec<MountPoint> = self
                .mount_points
                .iter()
                .map(|m| {
                    let p = MountPoint::new()
                        .source_volume(m.source_volume.as_str())
                        .container_path(m.container_path.as_str());
                    if m.read_only { p.read_only(true) } else { p }
                })
                .collect();
            d = d.mount_points(mounts);
        }
        if let Some(entry_point) = &self.entry_point {
            d = d.entry_point(entry_point.clone());
        }
        if !self.depends_on.is_empty() {
            let deps: Vec<ContainerDependency> = self
                .depends_on
                .iter()
                .map(|dep| {
                    ContainerDependency::new()
                        .container_name(dep.container_name.as_str())
                        .condition(condition(dep.condition))
                })
                .collect();
            d = d.depends_on(deps);
        }
        if let Some(check) = &self.health_check {
            d = d.health_check(health_check(check));
        }
        if let Some(dir) = &self.working_directory {
            d = d.working_directory(dir.as_str());
        }
        if let Some(user) = &self.user {
            d = d.user(user.as_str());
        }
        if !self.ulimits.is_empty() {
            d = d.ulimits(self.ulimits.iter().map(ulimit).collect::<Vec<_>>());
        }
        if !self.docker_labels.is_empty() {
            d = d.docker_labels(self.docker_labels.clone());
        }
        if let Some(log) = &self.log_configuration {
            let mut config = LogConfiguration::new(LogConfigurationRequired {
                log_driver: log.log_driver.as_str(),
            });
            if !log.options.is_empty() {
                config = config.options(log.options.clone());
            }
            d = d.log_configuration(config);
        }
        if let Some(seconds) = self.stop_timeout {
            d = d.stop_timeout(saturate(seconds));
        }
        if let Some(flag) = self.readonly_root_filesystem {
            d = d.readonly_root_filesystem(flag);
        }
        if let Some(flag) = self.privileged {
            d = d.privileged(flag);
        }
        if !self.extra_hosts.is_empty() {
            let hosts: Vec<HostEntry> = self
                .extra_hosts
                .iter()
                .map(|h| {
                    HostEntry::new()
                        .hostname(h.hostname.as_str())
                        .ip_address(h.ip_address.as_str())
                })
                .collect();
            d = d.extra_hosts(hosts);
        }
        if let Some(hostname) = &self.hostname {
            d = d.hostname(hostname.as_str());
        }
        if let Some(linux) = self.linux_parameters_l1() {
            d = d.linux_parameters(linux);
        }
        if !self.system_controls.is_empty() {
            d = d.system_controls(
                self.system_controls
                    .iter()
                    .map(|(k, v)| SystemControl::new().namespace(k.as_str()).value(v.as_str()))
                    .collect::<Vec<_>>(),
            );
        }
        if !self.docker_security_options.is_empty() {
            d = d.docker_security_options(self.docker_security_options.clone());
        }
        if let Some(flag) = self.pseudo_terminal {
            d = d.pseudo_terminal(flag);
        }
        if let Some(flag) = self.interactive {
            d = d.interactive(flag);
        }
        d
    }

    /// `LinuxParameters`, when any of its parts is set.
    fn linux_parameters_l1(&self) -> Option<LinuxParameters> {
        if self.capabilities_add.is_empty()
            && self.capabilities_drop.is_empty()
            && self.init_process_enabled.is_none()
            && self.tmpfs.is_empty()
            && self.shared_memory_size.is_none()
        {
            return None;
        }
        let mut linux = LinuxParameters::new();
        if !(self.capabilities_add.is_empty() && self.capabilities_drop.is_empty()) {
            let mut caps = KernelCapabilities::new();
            if !self.capabilities_add.is_empty() {
                caps = caps.add(self.capabilities_add.clone());
            }
            if !self.capabilities_drop.is_empty() {
                caps = caps.drop(self.capabilities_drop.clone());
            }
            linux = linux.capabilities(caps);
        }
        if let Some(flag) = self.init_process_enabled {
            linux = linux.init_process_enabled(flag);
        }
        if !self.tmpfs.is_empty() {
            linux = linux.tmpfs(self.tmpfs.iter().map(tmpfs).collect::<Vec<_>>());
        }
        if let Some(mib) = self.shared_memory_size {
            linux = linux.shared_memory_size(saturate(mib));
        }
        Some(linux)
    }
}

impl VolumeSpec {
    /// Whether the high-level `Volume` can express this volume.
    pub(crate) fn fits_builder(&self) -> bool {
        !matches!(self.source, VolumeSource::Docker { .. })
    }

    /// The generated task definition volume.
    pub fn into_cfn(self) -> CfnVolume {
        let v = CfnVolume::new().name(self.name.as_str());
        match self.source {
            VolumeSource::Task => v,
            VolumeSource::Host { source_path } => {
                v.host(HostVolumeProperties::new().source_path(source_path))
            }
            VolumeSource::Docker {
                driver,
                driver_opts,
                labels,
                autoprovision,
            } => {
                let mut c = DockerVolumeConfiguration::new()
                    .scope(Scope::Shared)
                    .autoprovision(autoprovision);
                if let Some(driver) = driver {
                    c = c.driver(driver);
                }
                if !driver_opts.is_empty() {
                    c = c.driver_opts(driver_opts);
                }
                if !labels.is_empty() {
                    c = c.labels(labels);
                }
                v.docker_volume_configuration(c)
            }
        }
    }
}

/// Adds imported containers, and the volumes they mount, to a task definition.
pub trait TaskDefinitionExt {
    /// Adds the containers and their task volumes (each volume once).
    ///
    /// When a volume needs a `DockerVolumeConfiguration`, which `Volume` cannot express yet, all
    /// volumes are set through `customize`; add further volumes the same way then.
    #[must_use]
    fn containers_from_compose(self, containers: impl IntoIterator<Item = ContainerSpec>) -> Self;
}

impl TaskDefinitionExt for TaskDefinition {
    fn containers_from_compose(self, containers: impl IntoIterator<Item = ContainerSpec>) -> Self {
        let containers: Vec<ContainerSpec> = containers.into_iter().collect();
        let volumes = task_volumes(&containers);
        let mut td = self;
        if volumes.iter().all(VolumeSpec::fits_builder) {
            for v in volumes {
                td = match v.source {
                    VolumeSource::Host { source_path } => {
                        td.volume(Volume::host(&v.name, &source_path))
                    }
                    _ => td.volume(Volume::task_scoped(&v.name)),
                };
            }
        } else {
            td = td.customize(|d| {
                d.volumes(
                    volumes
                        .into_iter()
                        .map(VolumeSpec::into_cfn)
                        .collect::<Vec<_>>(),
                )
            });
        }
        td.containers(containers.into_iter().map(ContainerSpec::into_container))
    }
}

/// Adds the task definitions of `plans` to `stack`: the calls the eject prints.
pub fn add_plans(plans: &[TaskPlan], stack: &mut Stack) {
    for plan in plans {
        let architecture = plan.cpu_architecture().map(cpu_architecture);
        let network = plan.network_mode().map(network_mode);
        let memory = plan.memory_mib;
        let mut td = TaskDefinition::new(plan.family.as_str());
        if architecture.is_some() || network.is_some() || memory.is_some() {
            td = td.customize(|mut d| {
                if let Some(mib) = memory {
                    d = d.memory(mib.to_string());
                }
                if let Some(arch) = architecture {
                    d = d.runtime_platform(
                        RuntimePlatform::new()
                            .cpu_architecture(arch)
                            .operating_system_family(OperatingSystemFamily::Linux),
                    );
                }
                if let Some(mode) = network {
                    d = d.network_mode(mode);
                }
                d
            });
        }
        td.containers_from_compose(plan.containers.clone())
            .add(stack, &plan.logical_id);
    }
}

/// The generated `CpuArchitecture` (`ARM64` or `X86_64`).
fn cpu_architecture(arch: &str) -> CpuArchitecture {
    match arch {
        "ARM64" => CpuArchitecture::Arm64,
        _ => CpuArchitecture::X86_64,
    }
}

/// The generated `NetworkMode` (the import keeps `host`, `bridge` and `none`).
fn network_mode(mode: &str) -> NetworkMode {
    match mode {
        "host" => NetworkMode::Host,
        "bridge" => NetworkMode::Bridge,
        _ => NetworkMode::None,
    }
}

/// The volumes of all `containers`, each name once, in order of first use.
pub(crate) fn task_volumes(containers: &[ContainerSpec]) -> Vec<VolumeSpec> {
    let mut volumes: Vec<VolumeSpec> = Vec::new();
    for v in containers.iter().flat_map(|c| &c.volumes) {
        if !volumes.iter().any(|known| known.name == v.name) {
            volumes.push(v.clone());
        }
    }
    volumes
}

/// A count as the `i64` CloudFormation integers are (counts past `i64::MAX` do not occur).
fn saturate(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The generated `PortMapping`.
fn port_mapping(p: &PortMappingSpec) -> PortMapping {
    let mut m = PortMapping::new()
        .container_port(p.container_port)
        .host_port(p.host_port);
    if p.protocol != "tcp" {
        m = m.protocol(if p.protocol == "udp" {
            Protocol::Udp
        } else {
            Protocol::Other(p.protocol.clone())
        });
    }
    if let Some(name) = &p.name {
        m = m.name(name.as_str());
    }
    if let Some(app) = &p.app_protocol {
        m = m.app_protocol(app_protocol(app));
    }
    m
}

/// The generated `AppProtocol` of a compose `app_protocol`.
pub(crate) fn app_protocol(text: &str) -> AppProtocol {
    match text {
        "http" => AppProtocol::Http,
        "http2" => AppProtocol::Http2,
        "grpc" => AppProtocol::Grpc,
        other => AppProtocol::Other(other.to_string()),
    }
}

/// The generated `Condition`.
fn condition(c: DependencyCondition) -> Condition {
    match c {
        DependencyCondition::Start => Condition::Start,
        DependencyCondition::Complete => Condition::Complete,
        DependencyCondition::Success => Condition::Success,
        DependencyCondition::Healthy => Condition::Healthy,
    }
}

/// The generated `HealthCheck`.
fn health_check(h: &HealthCheckSpec) -> HealthCheck {
    let mut check = HealthCheck::new().command(h.command.clone());
    if let Some(v) = h.interval {
        check = check.interval(saturate(v));
    }
    if let Some(v) = h.timeout {
        check = check.timeout(saturate(v));
    }
    if let Some(v) = h.retries {
        check = check.retries(saturate(v));
    }
    if let Some(v) = h.start_period {
        check = check.start_period(saturate(v));
    }
    check
}

/// The generated `Ulimit` (the import keeps only names ECS knows).
fn ulimit(u: &UlimitSpec) -> Ulimit {
    Ulimit::new(UlimitRequired {
        hard_limit: u.hard_limit,
        name: ulimit_name(&u.name),
        soft_limit: u.soft_limit,
    })
}

/// The generated ulimit `Name`.
fn ulimit_name(name: &str) -> Name {
    match name {
        "core" => Name::Core,
        "cpu" => Name::Cpu,
        "data" => Name::Data,
        "fsize" => Name::Fsize,
        "locks" => Name::Locks,
        "memlock" => Name::Memlock,
        "msgqueue" => Name::Msgqueue,
        "nice" => Name::Nice,
        "nofile" => Name::Nofile,
        "nproc" => Name::Nproc,
        "rss" => Name::Rss,
        "rtprio" => Name::Rtprio,
        "rttime" => Name::Rttime,
        "sigpending" => Name::Sigpending,
        "stack" => Name::Stack,
        other => Name::Other(other.to_string()),
    }
}

/// The generated `Tmpfs`.
fn tmpfs(t: &TmpfsSpec) -> Tmpfs {
    let mount = Tmpfs::new(TmpfsRequired {
        size: saturate(t.size),
    })
    .container_path(t.container_path.as_str());
    if t.mount_options.is_empty() {
        mount
    } else {
        mount.mount_options(t.mount_options.clone())
    }
}
