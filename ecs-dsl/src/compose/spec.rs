//! `ContainerSpec`: an imported container in ECS terms, plain data. `write_container.rs` turns
//! it into builder calls.

use std::collections::BTreeMap;

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
    /// Whether the output goes to the imported app's CloudWatch log group (`awslogs`), which
    /// is what a container without a `logging` of its own gets in a whole-app import.
    pub app_logs: bool,
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
    /// The port the app publishes it on (compose `published`, else the container port), which
    /// a load balancer of the whole-app import listens on; `None` for a port bound to a
    /// loopback address, which stays private.
    pub published: Option<u16>,
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
    /// `EFSVolumeConfiguration`: the EFS file system of a compose named volume, shared by every
    /// service that mounts it.
    Efs {
        /// The compose volume name.
        volume: String,
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
    /// `ValueFrom`: where the value is read.
    pub from: SecretFrom,
}

/// Where a secret's value is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretFrom {
    /// A Secrets Manager or SSM Parameter Store ARN given to the import.
    Arn(String),
    /// The Secrets Manager secret the imported stack creates for the compose secret of this name.
    Stack(String),
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
            app_logs: false,
        }
    }
}
