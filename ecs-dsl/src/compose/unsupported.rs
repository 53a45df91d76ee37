//! What the import leaves out, and why: every compose key without an ECS container counterpart
//! gets a coded diagnostic, and keys that are not compose at all get a "did you mean".

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The stable diagnostic codes of the compose import.
pub mod codes {
    /// A key that is not part of the compose format (a typo, most likely).
    pub const UNKNOWN_KEY: &str = "CMP001";
    /// `build`: ECS runs images, it does not build them.
    pub const BUILD_IGNORED: &str = "CMP002";
    /// Networking keys: ECS sets networking for the whole task, not per container.
    pub const NETWORKING_IGNORED: &str = "CMP003";
    /// `scale` / `deploy.replicas`: the count belongs to the ECS service, not the container.
    pub const REPLICAS: &str = "CMP004";
    /// `depends_on` a service that is not in the same task definition.
    pub const DEPENDENCY_OUTSIDE_TASK: &str = "CMP005";
    /// A variable is not set and has no default; it became the empty string.
    pub const UNSET_VARIABLE: &str = "CMP006";
    /// A value outside what ECS accepts was moved into range.
    pub const CLAMPED: &str = "CMP007";
    /// A part of a port mapping ECS cannot express (host IP, mode).
    pub const PORT_DETAIL_IGNORED: &str = "CMP008";
    /// A bind mount of a path relative to the compose file, which no container instance has.
    pub const RELATIVE_BIND: &str = "CMP009";
    /// A secret with no entry in the mapping given to the import.
    pub const SECRET_UNMAPPED: &str = "CMP010";
    /// An environment variable taken from the host, which the import was not given.
    pub const ENV_FROM_HOST: &str = "CMP011";
    /// A compose key with no ECS container counterpart.
    pub const NO_COUNTERPART: &str = "CMP012";
    /// A value ECS does not support (a protocol, a ulimit, a log driver, …).
    pub const UNSUPPORTED_VALUE: &str = "CMP013";
    /// A `service_healthy` dependency on a container without a health check.
    pub const HEALTHY_WITHOUT_HEALTHCHECK: &str = "CMP014";
    /// A top-level key the import does not use.
    pub const TOP_LEVEL_IGNORED: &str = "CMP015";
    /// A named volume not declared under the top-level `volumes:`.
    pub const UNDECLARED_VOLUME: &str = "CMP016";
    /// A service of a profile that is not active is left out.
    pub const PROFILE_INACTIVE: &str = "CMP017";
    /// A port bound to a loopback address stays private: reachable by the app's services only.
    pub const PORT_PRIVATE: &str = "CMP018";
    /// No `deploy.resources` (or `mem_limit` / `cpus`): the task got the default Fargate size.
    pub const DEFAULT_SIZE: &str = "CMP019";
    /// A setting that ECS supports on EC2 container instances only.
    pub const EC2_ONLY: &str = "CMP020";
    /// A named volume's `driver`, `driver_opts`, `labels` or `external` are not imported: the
    /// volume becomes an EFS file system.
    pub const VOLUME_OPTIONS_IGNORED: &str = "CMP030";
    /// A compose secret became a Secrets Manager secret with a generated value.
    pub const SECRET_CREATED: &str = "CMP031";
    /// A service others wait on to complete is a task to run once, not an ECS service.
    pub const ONE_OFF_TASK: &str = "CMP032";
    /// A published UDP port gets no load balancer.
    pub const UDP_NOT_BALANCED: &str = "CMP033";
    /// A published port another service publishes already gets no load balancer.
    pub const PORT_TAKEN: &str = "CMP034";
    /// A published port past the most listeners a load balancer may have gets none.
    pub const TOO_MANY_LISTENERS: &str = "CMP035";
}

/// Service keys the import maps onto the container.
pub(crate) const MAPPED_SERVICE_KEYS: &[&str] = &[
    "cap_add",
    "cap_drop",
    "command",
    "cpu_shares",
    "cpus",
    "depends_on",
    "deploy",
    "entrypoint",
    "env_file",
    "environment",
    "extends",
    "extra_hosts",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "labels",
    "log_driver",
    "network_mode",
    "platform",
    "profiles",
    "security_opt",
    "shm_size",
    "stdin_open",
    "sysctls",
    "tty",
    "log_opt",
    "logging",
    "mem_limit",
    "mem_reservation",
    "ports",
    "privileged",
    "read_only",
    "scale",
    "secrets",
    "stop_grace_period",
    "tmpfs",
    "ulimits",
    "user",
    "volumes",
    "working_dir",
];

/// Compose service keys the import leaves out: key, code, why.
const IGNORED_SERVICE_KEYS: &[(&str, &str, &str)] = &[
    (
        "build",
        codes::BUILD_IGNORED,
        "ECS runs images, it does not build them; build and push the image, then set `image:`",
    ),
    (
        "networks",
        codes::NETWORKING_IGNORED,
        "networking is set per task (network mode, security groups, service discovery)",
    ),
    (
        "links",
        codes::NETWORKING_IGNORED,
        "containers reach each other through the task's network mode or service discovery",
    ),
    (
        "external_links",
        codes::NETWORKING_IGNORED,
        "containers reach each other through service discovery",
    ),
    (
        "expose",
        codes::NETWORKING_IGNORED,
        "containers in a task reach each other without exposing ports",
    ),
    (
        "dns",
        codes::NETWORKING_IGNORED,
        "DNS is set by the task's VPC",
    ),
    (
        "dns_opt",
        codes::NETWORKING_IGNORED,
        "DNS is set by the task's VPC",
    ),
    (
        "dns_search",
        codes::NETWORKING_IGNORED,
        "DNS is set by the task's VPC",
    ),
    (
        "domainname",
        codes::NETWORKING_IGNORED,
        "DNS is set by the task's VPC",
    ),
    (
        "mac_address",
        codes::NETWORKING_IGNORED,
        "ECS assigns network interfaces",
    ),
    (
        "container_name",
        codes::NO_COUNTERPART,
        "the container is named after the compose service",
    ),
    (
        "restart",
        codes::NO_COUNTERPART,
        "the ECS service replaces stopped tasks",
    ),
    (
        "attach",
        codes::NO_COUNTERPART,
        "ECS tasks run without an attached terminal",
    ),
    (
        "pull_policy",
        codes::NO_COUNTERPART,
        "ECS pulls the image when a task starts",
    ),
    (
        "runtime",
        codes::NO_COUNTERPART,
        "ECS chooses the container runtime",
    ),
    (
        "isolation",
        codes::NO_COUNTERPART,
        "ECS chooses the container runtime",
    ),
    (
        "ipc",
        codes::NO_COUNTERPART,
        "the IPC mode is a property of the task definition",
    ),
    (
        "pid",
        codes::NO_COUNTERPART,
        "the PID mode is a property of the task definition",
    ),
    (
        "configs",
        codes::NO_COUNTERPART,
        "ECS has no configs; use environment variables, secrets or a volume",
    ),
    (
        "volumes_from",
        codes::NO_COUNTERPART,
        "mount the same task volume in both containers instead",
    ),
    (
        "develop",
        codes::NO_COUNTERPART,
        "file watching is a local development feature",
    ),
    (
        "post_start",
        codes::NO_COUNTERPART,
        "ECS has no lifecycle hooks",
    ),
    (
        "pre_stop",
        codes::NO_COUNTERPART,
        "ECS has no lifecycle hooks",
    ),
    (
        "stop_signal",
        codes::NO_COUNTERPART,
        "ECS always sends SIGTERM, then SIGKILL after the stop timeout",
    ),
    (
        "devices",
        codes::NO_COUNTERPART,
        "host devices are not imported; add Linux parameters in Rust if needed",
    ),
    (
        "device_cgroup_rules",
        codes::NO_COUNTERPART,
        "ECS has no device cgroup rules",
    ),
    (
        "gpus",
        codes::NO_COUNTERPART,
        "GPUs are a resource requirement; add it in Rust",
    ),
    (
        "group_add",
        codes::NO_COUNTERPART,
        "ECS has no supplementary groups; use `user: uid:gid`",
    ),
    (
        "mem_swappiness",
        codes::NO_COUNTERPART,
        "swap settings are not imported; add Linux parameters in Rust",
    ),
    (
        "memswap_limit",
        codes::NO_COUNTERPART,
        "swap settings are not imported; add Linux parameters in Rust",
    ),
    (
        "oom_kill_disable",
        codes::NO_COUNTERPART,
        "ECS does not expose the OOM killer settings",
    ),
    (
        "oom_score_adj",
        codes::NO_COUNTERPART,
        "ECS does not expose the OOM killer settings",
    ),
    (
        "pids_limit",
        codes::NO_COUNTERPART,
        "ECS does not expose a PID limit",
    ),
    (
        "blkio_config",
        codes::NO_COUNTERPART,
        "ECS does not expose block I/O weights",
    ),
    (
        "cpu_count",
        codes::NO_COUNTERPART,
        "use `cpus` or `cpu_shares`",
    ),
    (
        "cpu_percent",
        codes::NO_COUNTERPART,
        "use `cpus` or `cpu_shares`",
    ),
    (
        "cpu_period",
        codes::NO_COUNTERPART,
        "use `cpus` or `cpu_shares`",
    ),
    (
        "cpu_quota",
        codes::NO_COUNTERPART,
        "use `cpus` or `cpu_shares`",
    ),
    (
        "cpu_rt_period",
        codes::NO_COUNTERPART,
        "ECS has no real-time scheduling",
    ),
    (
        "cpu_rt_runtime",
        codes::NO_COUNTERPART,
        "ECS has no real-time scheduling",
    ),
    ("cpuset", codes::NO_COUNTERPART, "ECS does not pin CPUs"),
    ("cgroup", codes::NO_COUNTERPART, "ECS manages cgroups"),
    (
        "cgroup_parent",
        codes::NO_COUNTERPART,
        "ECS manages cgroups",
    ),
    (
        "userns_mode",
        codes::NO_COUNTERPART,
        "ECS does not remap user namespaces",
    ),
    (
        "uts",
        codes::NO_COUNTERPART,
        "ECS does not share the host UTS namespace",
    ),
    (
        "storage_opt",
        codes::NO_COUNTERPART,
        "ECS does not expose storage driver options",
    ),
    (
        "credential_spec",
        codes::NO_COUNTERPART,
        "credential specs are for Windows containers",
    ),
    (
        "label_file",
        codes::NO_COUNTERPART,
        "write the labels under `labels:`",
    ),
    (
        "annotations",
        codes::NO_COUNTERPART,
        "ECS has no annotations; use `labels:`",
    ),
    ("models", codes::NO_COUNTERPART, "ECS has no model runner"),
    (
        "provider",
        codes::NO_COUNTERPART,
        "provider services run outside containers",
    ),
    (
        "use_api_socket",
        codes::NO_COUNTERPART,
        "ECS does not share the Docker API socket",
    ),
];

/// Top-level keys the import reads.
const MAPPED_TOP_LEVEL_KEYS: &[&str] = &["version", "services", "volumes", "secrets", "name"];

/// Top-level keys the import leaves out: key, why.
const IGNORED_TOP_LEVEL_KEYS: &[(&str, &str)] = &[
    (
        "networks",
        "networking is set per task (network mode, security groups, service discovery)",
    ),
    (
        "configs",
        "ECS has no configs; use environment variables, secrets or a volume",
    ),
    ("include", "import each included file on its own"),
    ("models", "ECS has no model runner"),
];

/// Reports a service key the reader did not use: ignored with a reason, or unknown.
pub(crate) fn service_key(key: &str, path: &str, diags: &mut Diagnostics) {
    if key.starts_with("x-") {
        return;
    }
    if let Some((_, code, why)) = IGNORED_SERVICE_KEYS.iter().find(|(k, _, _)| *k == key) {
        diags.push(
            Diagnostic::warning(code, path, format!("`{key}` is not imported"))
                .help(format!("{why}; the rest of the service is imported")),
        );
        return;
    }
    let known = MAPPED_SERVICE_KEYS
        .iter()
        .chain(IGNORED_SERVICE_KEYS.iter().map(|(k, _, _)| k))
        .copied();
    unknown_key(key, path, known, diags);
}

/// Reports a top-level key the import does not use.
pub(crate) fn top_level_key(key: &str, diags: &mut Diagnostics) {
    if key.starts_with("x-") || MAPPED_TOP_LEVEL_KEYS.contains(&key) {
        return;
    }
    if let Some((_, why)) = IGNORED_TOP_LEVEL_KEYS.iter().find(|(k, _)| *k == key) {
        diags.push(
            Diagnostic::warning(
                codes::TOP_LEVEL_IGNORED,
                key,
                format!("top-level `{key}` is not imported"),
            )
            .help(why.to_string()),
        );
        return;
    }
    let known = MAPPED_TOP_LEVEL_KEYS
        .iter()
        .chain(IGNORED_TOP_LEVEL_KEYS.iter().map(|(k, _)| k))
        .copied();
    unknown_key(key, key, known, diags);
}

/// Reports the keys of a nested mapping (a health check, a long port, …) that are not `known`.
pub(crate) fn nested_keys<'a>(
    keys: impl IntoIterator<Item = &'a String>,
    path: &str,
    known: &[&str],
    diags: &mut Diagnostics,
) {
    for key in keys {
        if !key.starts_with("x-") && !known.contains(&key.as_str()) {
            unknown_key(key, &format!("{path}.{key}"), known.iter().copied(), diags);
        }
    }
}

/// Reports `key` at `path` as unknown, suggesting the closest of `known`.
pub(crate) fn unknown_key<'a>(
    key: &str,
    path: &str,
    known: impl Iterator<Item = &'a str>,
    diags: &mut Diagnostics,
) {
    let help = match ecs_dsl_names::closest(key, known) {
        Some(k) => format!("did you mean `{k}`?"),
        None => "remove it, or prefix it with `x-` to mark an extension".to_string(),
    };
    diags.push(
        Diagnostic::warning(
            codes::UNKNOWN_KEY,
            path,
            format!("`{key}` is not a compose key; it is ignored"),
        )
        .help(help),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_gets_a_suggestion() {
        let mut diags = Diagnostics::new();
        service_key("enviroment", "services.app.enviroment", &mut diags);
        let d = diags.iter().next().unwrap();
        assert_eq!(
            (d.code, d.help.as_deref()),
            (codes::UNKNOWN_KEY, Some("did you mean `environment`?"))
        );
    }

    #[test]
    fn ignored_and_extension_keys() {
        let mut diags = Diagnostics::new();
        service_key("build", "services.app.build", &mut diags);
        service_key("x-anything", "services.app.x-anything", &mut diags);
        top_level_key("networks", &mut diags);
        top_level_key("version", &mut diags);
        assert_eq!(
            diags.codes(),
            [codes::BUILD_IGNORED, codes::TOP_LEVEL_IGNORED]
        );
    }
}
