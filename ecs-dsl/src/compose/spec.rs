//! `ContainerSpec`: an imported container in ECS terms, plain data, with the CloudFormation
//! `ContainerDefinition` JSON it stands for.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

/// One ECS container definition imported from a compose service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerSpec {
    /// `Name`: the compose service name.
    pub name: String,
    /// `Image`.
    pub image: String,
    /// `Essential`: false only for a container others wait on to complete.
    pub essential: bool,
    /// `Command`.
    pub command: Option<Vec<String>>,
    /// `EntryPoint`.
    pub entry_point: Option<Vec<String>>,
    /// `Environment`, by name.
    pub environment: BTreeMap<String, String>,
    /// `PortMappings`.
    pub port_mappings: Vec<PortMappingSpec>,
    /// `MountPoints`.
    pub mount_points: Vec<MountPointSpec>,
    /// The task definition `Volumes` the mount points need.
    pub volumes: Vec<VolumeSpec>,
    /// `DependsOn`.
    pub depends_on: Vec<DependencySpec>,
    /// `HealthCheck`.
    pub health_check: Option<HealthCheckSpec>,
    /// `WorkingDirectory`.
    pub working_directory: Option<String>,
    /// `User`.
    pub user: Option<String>,
    /// `Ulimits`.
    pub ulimits: Vec<UlimitSpec>,
    /// `Memory` (hard limit), MiB.
    pub memory: Option<u64>,
    /// `MemoryReservation` (soft limit), MiB.
    pub memory_reservation: Option<u64>,
    /// `Cpu`, in CPU units (1024 per vCPU).
    pub cpu: Option<u64>,
    /// `DockerLabels`.
    pub docker_labels: BTreeMap<String, String>,
    /// `LogConfiguration`.
    pub log_configuration: Option<LogConfigurationSpec>,
    /// `StopTimeout`, seconds.
    pub stop_timeout: Option<u64>,
    /// `ReadonlyRootFilesystem`.
    pub readonly_root_filesystem: Option<bool>,
    /// `Privileged`.
    pub privileged: Option<bool>,
    /// `LinuxParameters.Capabilities.Add`.
    pub capabilities_add: Vec<String>,
    /// `LinuxParameters.Capabilities.Drop`.
    pub capabilities_drop: Vec<String>,
    /// `ExtraHosts`.
    pub extra_hosts: Vec<HostEntrySpec>,
    /// `Hostname`.
    pub hostname: Option<String>,
    /// `LinuxParameters.InitProcessEnabled`.
    pub init_process_enabled: Option<bool>,
    /// `LinuxParameters.Tmpfs`.
    pub tmpfs: Vec<TmpfsSpec>,
    /// `Secrets`.
    pub secrets: Vec<SecretSpec>,
    /// `SystemControls`: namespace → value.
    pub system_controls: BTreeMap<String, String>,
    /// `LinuxParameters.SharedMemorySize`, MiB.
    pub shared_memory_size: Option<u64>,
    /// `DockerSecurityOptions`.
    pub docker_security_options: Vec<String>,
    /// `PseudoTerminal`.
    pub pseudo_terminal: Option<bool>,
    /// `Interactive`.
    pub interactive: Option<bool>,
    /// The task definition's `RuntimePlatform.CpuArchitecture` (`ARM64`, `X86_64`), from
    /// `platform`.
    pub cpu_architecture: Option<String>,
    /// The task definition's `NetworkMode` (`host`, `bridge`, `none`), from `network_mode`.
    pub network_mode: Option<String>,
}

/// One `PortMappings` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortMappingSpec {
    /// `ContainerPort`.
    pub container_port: u16,
    /// `HostPort`; 0 asks ECS for a dynamic host port.
    pub host_port: u16,
    /// `Protocol`: `tcp` or `udp`.
    pub protocol: String,
    /// `Name`.
    pub name: Option<String>,
    /// `AppProtocol`.
    pub app_protocol: Option<String>,
}

/// One `MountPoints` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountPointSpec {
    /// `SourceVolume`: a task definition volume name.
    pub source_volume: String,
    /// `ContainerPath`.
    pub container_path: String,
    /// `ReadOnly`.
    pub read_only: bool,
}

/// A task definition `Volumes` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeSpec {
    /// `Name`.
    pub name: String,
    /// Where the data lives.
    pub source: VolumeSource,
}

/// Where a task volume's data lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VolumeSource {
    /// A volume docker creates for the task (no `Host`, no `DockerVolumeConfiguration`).
    Task,
    /// `Host.SourcePath`: a path on the container instance.
    Host {
        /// `SourcePath`.
        source_path: String,
    },
    /// `DockerVolumeConfiguration`: a named docker volume shared by the tasks on an instance.
    Docker {
        /// `Driver`.
        driver: Option<String>,
        /// `DriverOpts`.
        driver_opts: BTreeMap<String, String>,
        /// `Labels`.
        labels: BTreeMap<String, String>,
        /// `Autoprovision`: false for an `external` volume.
        autoprovision: bool,
    },
}

/// One `DependsOn` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DependencySpec {
    /// `ContainerName`.
    pub container_name: String,
    /// `Condition`.
    pub condition: DependencyCondition,
}

/// The `Condition` of a container dependency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DependencyCondition {
    /// `START`.
    Start,
    /// `COMPLETE`.
    Complete,
    /// `SUCCESS`: completed with exit code 0.
    Success,
    /// `HEALTHY`.
    Healthy,
}

impl DependencyCondition {
    /// The CloudFormation value.
    pub fn as_str(self) -> &'static str {
        match self {
            DependencyCondition::Start => "START",
            DependencyCondition::Complete => "COMPLETE",
            DependencyCondition::Success => "SUCCESS",
            DependencyCondition::Healthy => "HEALTHY",
        }
    }
}

/// `HealthCheck`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HealthCheckSpec {
    /// `Command`: `CMD` or `CMD-SHELL` first.
    pub command: Vec<String>,
    /// `Interval`, seconds.
    pub interval: Option<u64>,
    /// `Timeout`, seconds.
    pub timeout: Option<u64>,
    /// `Retries`.
    pub retries: Option<u64>,
    /// `StartPeriod`, seconds.
    pub start_period: Option<u64>,
}

/// One `Ulimits` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UlimitSpec {
    /// `Name`, such as `nofile`.
    pub name: String,
    /// `SoftLimit`.
    pub soft_limit: i64,
    /// `HardLimit`.
    pub hard_limit: i64,
}

/// `LogConfiguration`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogConfigurationSpec {
    /// `LogDriver`.
    pub log_driver: String,
    /// `Options`.
    pub options: BTreeMap<String, String>,
}

/// One `ExtraHosts` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostEntrySpec {
    /// `Hostname`.
    pub hostname: String,
    /// `IpAddress`.
    pub ip_address: String,
}

/// One `LinuxParameters.Tmpfs` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TmpfsSpec {
    /// `ContainerPath`.
    pub container_path: String,
    /// `Size`, MiB.
    pub size: u64,
    /// `MountOptions`.
    pub mount_options: Vec<String>,
}

/// One `Secrets` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretSpec {
    /// `Name`: the environment variable the secret is put in.
    pub name: String,
    /// `ValueFrom`: the Secrets Manager or SSM Parameter Store ARN.
    pub value_from: String,
}

impl ContainerSpec {
    /// A container with only a name and an image (essential, everything else unset).
    pub fn new(name: impl Into<String>, image: impl Into<String>) -> Self {
        ContainerSpec {
            name: name.into(),
            image: image.into(),
            essential: true,
            command: None,
            entry_point: None,
            environment: BTreeMap::new(),
            port_mappings: Vec::new(),
            mount_points: Vec::new(),
            volumes: Vec::new(),
            depends_on: Vec::new(),
            health_check: None,
            working_directory: None,
            user: None,
            ulimits: Vec::new(),
            memory: None,
            memory_reservation: None,
            cpu: None,
            docker_labels: BTreeMap::new(),
            log_configuration: None,
            stop_timeout: None,
            readonly_root_filesystem: None,
            privileged: None,
            capabilities_add: Vec::new(),
            capabilities_drop: Vec::new(),
            extra_hosts: Vec::new(),
            hostname: None,
            init_process_enabled: None,
            tmpfs: Vec::new(),
            secrets: Vec::new(),
            system_controls: BTreeMap::new(),
            shared_memory_size: None,
            docker_security_options: Vec::new(),
            pseudo_terminal: None,
            interactive: None,
            cpu_architecture: None,
            network_mode: None,
        }
    }

    /// The CloudFormation `ContainerDefinition` JSON; unset and empty properties are left out.
    pub fn to_cfn_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "Name", Some(json!(self.name)));
        put(&mut m, "Image", Some(json!(self.image)));
        put(
            &mut m,
            "Essential",
            (!self.essential).then_some(json!(false)),
        );
        put(&mut m, "Command", self.command.as_ref().map(|c| json!(c)));
        put(
            &mut m,
            "EntryPoint",
            self.entry_point.as_ref().map(|c| json!(c)),
        );
        let env: Vec<Value> = self
            .environment
            .iter()
            .map(|(k, v)| json!({"Name": k, "Value": v}))
            .collect();
        put_list(&mut m, "Environment", env);
        put_list(
            &mut m,
            "PortMappings",
            self.port_mappings
                .iter()
                .map(PortMappingSpec::to_cfn_json)
                .collect(),
        );
        put_list(
            &mut m,
            "MountPoints",
            self.mount_points
                .iter()
                .map(|p| {
                    let mut o =
                        json!({"SourceVolume": p.source_volume, "ContainerPath": p.container_path});
                    if p.read_only {
                        o["ReadOnly"] = json!(true);
                    }
                    o
                })
                .collect(),
        );
        put_list(
            &mut m,
            "DependsOn",
            self.depends_on.iter().map(|d| json!({"ContainerName": d.container_name, "Condition": d.condition.as_str()})).collect(),
        );
        put(
            &mut m,
            "HealthCheck",
            self.health_check.as_ref().map(HealthCheckSpec::to_cfn_json),
        );
        put(
            &mut m,
            "WorkingDirectory",
            self.working_directory.as_ref().map(|s| json!(s)),
        );
        put(&mut m, "User", self.user.as_ref().map(|s| json!(s)));
        put_list(
            &mut m,
            "Ulimits",
            self.ulimits.iter().map(|u| json!({"Name": u.name, "SoftLimit": u.soft_limit, "HardLimit": u.hard_limit})).collect(),
        );
        put(&mut m, "Memory", self.memory.map(|v| json!(v)));
        put(
            &mut m,
            "MemoryReservation",
            self.memory_reservation.map(|v| json!(v)),
        );
        put(&mut m, "Cpu", self.cpu.map(|v| json!(v)));
        put(
            &mut m,
            "DockerLabels",
            (!self.docker_labels.is_empty()).then(|| json!(self.docker_labels)),
        );
        put(
            &mut m,
            "LogConfiguration",
            self.log_configuration.as_ref().map(|l| {
                let mut o = json!({"LogDriver": l.log_driver});
                if !l.options.is_empty() {
                    o["Options"] = json!(l.options);
                }
                o
            }),
        );
        put(&mut m, "StopTimeout", self.stop_timeout.map(|v| json!(v)));
        put(
            &mut m,
            "ReadonlyRootFilesystem",
            self.readonly_root_filesystem.map(|v| json!(v)),
        );
        put(&mut m, "Privileged", self.privileged.map(|v| json!(v)));
        put_list(
            &mut m,
            "ExtraHosts",
            self.extra_hosts
                .iter()
                .map(|h| json!({"Hostname": h.hostname, "IpAddress": h.ip_address}))
                .collect(),
        );
        put(&mut m, "Hostname", self.hostname.as_ref().map(|s| json!(s)));
        put(&mut m, "LinuxParameters", self.linux_parameters());
        put_list(
            &mut m,
            "SystemControls",
            self.system_controls
                .iter()
                .map(|(k, v)| json!({"Namespace": k, "Value": v}))
                .collect(),
        );
        put_list(
            &mut m,
            "DockerSecurityOptions",
            self.docker_security_options
                .iter()
                .map(|o| json!(o))
                .collect(),
        );
        put(
            &mut m,
            "PseudoTerminal",
            self.pseudo_terminal.map(|v| json!(v)),
        );
        put(&mut m, "Interactive", self.interactive.map(|v| json!(v)));
        put_list(
            &mut m,
            "Secrets",
            self.secrets
                .iter()
                .map(|s| json!({"Name": s.name, "ValueFrom": s.value_from}))
                .collect(),
        );
        Value::Object(m)
    }

    /// `LinuxParameters`, when any of its parts is set.
    fn linux_parameters(&self) -> Option<Value> {
        let mut m = Map::new();
        let mut caps = Map::new();
        put_list(
            &mut caps,
            "Add",
            self.capabilities_add.iter().map(|c| json!(c)).collect(),
        );
        put_list(
            &mut caps,
            "Drop",
            self.capabilities_drop.iter().map(|c| json!(c)).collect(),
        );
        put(
            &mut m,
            "Capabilities",
            (!caps.is_empty()).then_some(Value::Object(caps)),
        );
        put(
            &mut m,
            "InitProcessEnabled",
            self.init_process_enabled.map(|v| json!(v)),
        );
        put(
            &mut m,
            "SharedMemorySize",
            self.shared_memory_size.map(|v| json!(v)),
        );
        put_list(
            &mut m,
            "Tmpfs",
            self.tmpfs
                .iter()
                .map(|t| {
                    let mut o = json!({"ContainerPath": t.container_path, "Size": t.size});
                    if !t.mount_options.is_empty() {
                        o["MountOptions"] = json!(t.mount_options);
                    }
                    o
                })
                .collect(),
        );
        (!m.is_empty()).then_some(Value::Object(m))
    }
}

impl PortMappingSpec {
    /// The CloudFormation `PortMapping` JSON (`Protocol` only when it is not `tcp`).
    pub fn to_cfn_json(&self) -> Value {
        let mut o = json!({"ContainerPort": self.container_port, "HostPort": self.host_port});
        if self.protocol != "tcp" {
            o["Protocol"] = json!(self.protocol);
        }
        if let Some(name) = &self.name {
            o["Name"] = json!(name);
        }
        if let Some(app) = &self.app_protocol {
            o["AppProtocol"] = json!(app);
        }
        o
    }
}

impl HealthCheckSpec {
    /// The CloudFormation `HealthCheck` JSON.
    pub fn to_cfn_json(&self) -> Value {
        let mut m = Map::new();
        put(&mut m, "Command", Some(json!(self.command)));
        put(&mut m, "Interval", self.interval.map(|v| json!(v)));
        put(&mut m, "Timeout", self.timeout.map(|v| json!(v)));
        put(&mut m, "Retries", self.retries.map(|v| json!(v)));
        put(&mut m, "StartPeriod", self.start_period.map(|v| json!(v)));
        Value::Object(m)
    }
}

impl VolumeSpec {
    /// The CloudFormation task definition `Volume` JSON.
    pub fn to_cfn_json(&self) -> Value {
        let mut o = json!({"Name": self.name});
        match &self.source {
            VolumeSource::Task => {}
            VolumeSource::Host { source_path } => o["Host"] = json!({"SourcePath": source_path}),
            VolumeSource::Docker {
                driver,
                driver_opts,
                labels,
                autoprovision,
            } => {
                let mut c = Map::new();
                put(&mut c, "Scope", Some(json!("shared")));
                put(&mut c, "Autoprovision", Some(json!(autoprovision)));
                put(&mut c, "Driver", driver.as_ref().map(|d| json!(d)));
                put(
                    &mut c,
                    "DriverOpts",
                    (!driver_opts.is_empty()).then(|| json!(driver_opts)),
                );
                put(
                    &mut c,
                    "Labels",
                    (!labels.is_empty()).then(|| json!(labels)),
                );
                o["DockerVolumeConfiguration"] = Value::Object(c);
            }
        }
        o
    }
}

/// Sets `key` when there is a value.
fn put(m: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        m.insert(key.to_string(), v);
    }
}

/// Sets `key` when the list is not empty.
fn put_list(m: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    if !items.is_empty() {
        m.insert(key.to_string(), Value::Array(items));
    }
}
