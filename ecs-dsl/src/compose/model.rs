//! The compose service as the import understands it: every short and long form already read
//! into one shape (see `read.rs`), `extends` already merged in, variables already interpolated.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// One compose service.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Service {
    /// The service name (the key under `services:`).
    pub name: String,
    /// The directory relative paths (`env_file`) start from.
    pub dir: PathBuf,
    /// `image`.
    pub image: Option<String>,
    /// `command`, split into words when written as a string.
    pub command: Option<Vec<String>>,
    /// `entrypoint`, split into words when written as a string.
    pub entrypoint: Option<Vec<String>>,
    /// `environment`; `None` values are to be taken from the variables given to the import.
    pub environment: BTreeMap<String, Option<String>>,
    /// `env_file`, in order.
    pub env_files: Vec<EnvFile>,
    /// `ports`.
    pub ports: Vec<Port>,
    /// `volumes` (and `tmpfs` mounts written there).
    pub volumes: Vec<Mount>,
    /// `depends_on`: service → condition.
    pub depends_on: BTreeMap<String, Condition>,
    /// `healthcheck` (`None` when absent or disabled).
    pub healthcheck: Option<Healthcheck>,
    /// `working_dir`.
    pub working_dir: Option<String>,
    /// `user`.
    pub user: Option<String>,
    /// `ulimits`: name → limits.
    pub ulimits: BTreeMap<String, Ulimit>,
    /// `mem_limit` or `deploy.resources.limits.memory`, in bytes.
    pub mem_limit: Option<u64>,
    /// `mem_reservation` or `deploy.resources.reservations.memory`, in bytes.
    pub mem_reservation: Option<u64>,
    /// `cpus` or `deploy.resources.limits.cpus`.
    pub cpus: Option<f64>,
    /// `cpu_shares`.
    pub cpu_shares: Option<u64>,
    /// `labels`.
    pub labels: BTreeMap<String, String>,
    /// `logging` (or the format-2 `log_driver` / `log_opt`).
    pub logging: Option<Logging>,
    /// `stop_grace_period`, in seconds.
    pub stop_grace_period: Option<f64>,
    /// `read_only`.
    pub read_only: Option<bool>,
    /// `privileged`.
    pub privileged: Option<bool>,
    /// `cap_add`.
    pub cap_add: Vec<String>,
    /// `cap_drop`.
    pub cap_drop: Vec<String>,
    /// `extra_hosts`: host name → IP address.
    pub extra_hosts: Vec<(String, String)>,
    /// `hostname`.
    pub hostname: Option<String>,
    /// `init`.
    pub init: Option<bool>,
    /// `tmpfs` mounts written under `tmpfs:` (`/path` or `/path:options`).
    pub tmpfs: Vec<String>,
    /// `secrets`.
    pub secrets: Vec<SecretRef>,
    /// `deploy.replicas` or `scale`.
    pub replicas: Option<u64>,
    /// `sysctls`: kernel parameter → value.
    pub sysctls: BTreeMap<String, String>,
    /// `shm_size`, in bytes.
    pub shm_size: Option<u64>,
    /// `security_opt`, as written (`label:…`, `apparmor:…`, `no-new-privileges`).
    pub security_opt: Vec<String>,
    /// `tty`.
    pub tty: Option<bool>,
    /// `stdin_open`.
    pub stdin_open: Option<bool>,
    /// `platform`, such as `linux/arm64`.
    pub platform: Option<String>,
    /// `network_mode`, such as `host`.
    pub network_mode: Option<String>,
}

/// One `env_file` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFile {
    /// The file, relative to the service's directory unless absolute.
    pub path: PathBuf,
    /// Whether a missing file is an error (compose's default) or skipped.
    pub required: bool,
}

/// One `ports` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    /// The container port or range (inclusive).
    pub target: (u16, u16),
    /// The published host port or range; `None` when docker picks one.
    pub published: Option<(u16, u16)>,
    /// The host address to bind, which ECS cannot express.
    pub host_ip: Option<String>,
    /// `tcp`, `udp`, …
    pub protocol: String,
    /// The long syntax `name`.
    pub name: Option<String>,
    /// The long syntax `app_protocol`.
    pub app_protocol: Option<String>,
    /// The long syntax `mode` (`host` / `ingress`).
    pub mode: Option<String>,
}

/// What a `volumes` entry mounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MountKind {
    /// A named (or anonymous, when there is no source) volume.
    Volume,
    /// A host path.
    Bind,
    /// A memory file system.
    Tmpfs,
}

/// One `volumes` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// Volume, bind or tmpfs.
    pub kind: MountKind,
    /// The volume name or host path; `None` for an anonymous volume or a tmpfs.
    pub source: Option<String>,
    /// The path in the container.
    pub target: String,
    /// Mounted read-only.
    pub read_only: bool,
    /// `tmpfs.size`, in bytes.
    pub tmpfs_size: Option<u64>,
}

/// When a `depends_on` dependency counts as ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// `service_started` (and the list form).
    Started,
    /// `service_healthy`.
    Healthy,
    /// `service_completed_successfully`.
    CompletedSuccessfully,
}

/// `healthcheck`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Healthcheck {
    /// `test` as a list starting with `CMD` or `CMD-SHELL`; `None` to inherit the image's.
    pub test: Option<Vec<String>>,
    /// `interval`, in seconds.
    pub interval: Option<f64>,
    /// `timeout`, in seconds.
    pub timeout: Option<f64>,
    /// `retries`.
    pub retries: Option<u64>,
    /// `start_period`, in seconds.
    pub start_period: Option<f64>,
}

/// One `ulimits` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ulimit {
    /// The soft limit.
    pub soft: i64,
    /// The hard limit.
    pub hard: i64,
}

/// `logging`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Logging {
    /// The log driver; `None` for docker's default.
    pub driver: Option<String>,
    /// The driver's options.
    pub options: BTreeMap<String, String>,
}

/// One `secrets` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretRef {
    /// The secret's name under the top-level `secrets:`.
    pub source: String,
    /// The long syntax `target`.
    pub target: Option<String>,
}

/// A named volume declared under the top-level `volumes:`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NamedVolume {
    /// `driver`; `None` or `local` means docker's own volumes.
    pub driver: Option<String>,
    /// `driver_opts`.
    pub driver_opts: BTreeMap<String, String>,
    /// `labels`.
    pub labels: BTreeMap<String, String>,
    /// `external: true`: the volume exists outside this file.
    pub external: bool,
}
