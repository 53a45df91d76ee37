//! Whole-app adjustments of imported containers: what Fargate refuses is left out (each with a
//! warning), and secrets become files under `/run/secrets/`, written by an init container.

use std::path::Path;

use super::error::ComposeError;
use super::spec::{
    ContainerSpec, DependencyCondition, DependencySpec, MountPointSpec, SecretSpec, VolumeSource,
    VolumeSpec,
};
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The log drivers Fargate accepts.
const FARGATE_LOG_DRIVERS: &[&str] = &["awslogs", "splunk", "awsfirelens"];

/// The image of the init container that writes secrets to files: a shell with `printf`.
pub const SECRETS_INIT_IMAGE: &str = "public.ecr.aws/docker/library/busybox:stable";

/// The task volume the secret files are written to.
const SECRETS_VOLUME: &str = "compose-secrets";

/// Where compose puts secret files.
const SECRETS_DIR: &str = "/run/secrets";

/// Leaves out of `c` what a Fargate task refuses, with a warning for each, and publishes each
/// port on itself (`awsvpc`).
pub(crate) fn fit_fargate(c: &mut ContainerSpec, diags: &mut Diagnostics) {
    let here = format!("services.{}", c.name);
    let mut dropped = |key: &str, what: &str| {
        diags.push(
            Diagnostic::warning(
                codes::EC2_ONLY,
                format!("{here}.{key}"),
                format!("{what} is left out: Fargate does not support it"),
            )
            .help("import with the EC2 launch type (`--ec2`) to keep it"),
        );
    };
    for p in &mut c.port_mappings {
        p.host_port = p.container_port;
    }
    let mut seen = Vec::new();
    c.port_mappings.retain(|p| {
        !seen.contains(&(p.container_port, p.protocol.clone())) && {
            seen.push((p.container_port, p.protocol.clone()));
            true
        }
    });
    let hosts: Vec<String> = c
        .volumes
        .iter()
        .filter(|v| matches!(v.source, VolumeSource::Host { .. }))
        .map(|v| v.name.clone())
        .collect();
    if !hosts.is_empty() {
        dropped("volumes", "a bind mount of a host path");
        c.volumes.retain(|v| !hosts.contains(&v.name));
        c.mount_points.retain(|m| !hosts.contains(&m.source_volume));
    }
    if c.privileged.take() == Some(true) {
        dropped("privileged", "`privileged`");
    }
    if !std::mem::take(&mut c.docker_security_options).is_empty() {
        dropped("security_opt", "`security_opt`");
    }
    if !std::mem::take(&mut c.extra_hosts).is_empty() {
        dropped("extra_hosts", "`extra_hosts`");
    }
    if c.hostname.take().is_some() {
        dropped("hostname", "`hostname`");
    }
    if c.shared_memory_size.take().is_some() {
        dropped("shm_size", "`shm_size`");
    }
    if !std::mem::take(&mut c.tmpfs).is_empty() {
        dropped("tmpfs", "a tmpfs mount");
    }
    if c.network_mode.take().is_some() {
        dropped("network_mode", "`network_mode`");
    }
    let before = c.system_controls.len();
    c.system_controls.retain(|k, _| k.starts_with("net."));
    if c.system_controls.len() != before {
        dropped("sysctls", "a sysctl outside `net.*`");
    }
    let before = c.capabilities_add.len();
    c.capabilities_add.retain(|cap| cap == "SYS_PTRACE");
    if c.capabilities_add.len() != before {
        dropped("cap_add", "an added capability other than `SYS_PTRACE`");
    }
    if c.log_configuration
        .as_ref()
        .is_some_and(|l| !FARGATE_LOG_DRIVERS.contains(&l.log_driver.as_str()))
    {
        dropped(
            "logging",
            "the log driver (the app's CloudWatch log group is used)",
        );
        c.log_configuration = None;
        c.app_logs = true;
    }
}

/// Moves the secrets of `containers` into files under `/run/secrets/`: an init container gets
/// them as environment variables and writes them to a task volume, which the containers mount
/// read-only and wait for. Fails on a target that is not a plain file name.
pub(crate) fn secrets_as_files(
    containers: &mut Vec<ContainerSpec>,
    file: &Path,
) -> Result<(), ComposeError> {
    let mut all: Vec<SecretSpec> = Vec::new();
    for c in containers.iter() {
        for s in &c.secrets {
            check_file_name(&s.name, &c.name, file)?;
            if !all.iter().any(|known| known.name == s.name) {
                all.push(s.clone());
            }
        }
    }
    if all.is_empty() {
        return Ok(());
    }
    let init_name = unique_name("secrets-init", containers);
    for c in containers.iter_mut().filter(|c| !c.secrets.is_empty()) {
        c.secrets.clear();
        c.mount_points.push(MountPointSpec {
            source_volume: SECRETS_VOLUME.to_string(),
            container_path: SECRETS_DIR.to_string(),
            read_only: true,
        });
        c.depends_on.push(DependencySpec {
            container_name: init_name.clone(),
            condition: DependencyCondition::Success,
        });
    }
    let mut init = ContainerSpec::new(init_name, SECRETS_INIT_IMAGE);
    init.essential = false;
    init.memory = Some(32);
    init.app_logs = true;
    let mut script = String::from("umask 077");
    for (i, s) in all.iter().enumerate() {
        script.push_str(&format!(
            " && printf '%s' \"$SECRET_{i}\" > {SECRETS_DIR}/{}",
            s.name
        ));
    }
    init.command = Some(vec!["sh".into(), "-c".into(), script]);
    init.secrets = all
        .into_iter()
        .enumerate()
        .map(|(i, s)| SecretSpec {
            name: format!("SECRET_{i}"),
            from: s.from,
        })
        .collect();
    init.mount_points.push(MountPointSpec {
        source_volume: SECRETS_VOLUME.to_string(),
        container_path: SECRETS_DIR.to_string(),
        read_only: false,
    });
    init.volumes.push(VolumeSpec {
        name: SECRETS_VOLUME.to_string(),
        source: VolumeSource::Task,
    });
    containers.insert(0, init);
    Ok(())
}

/// Refuses a secret file name that is not `[A-Za-z0-9._-]+` (or is `.` / `..`): it goes into a
/// shell command and a path.
fn check_file_name(name: &str, service: &str, file: &Path) -> Result<(), ComposeError> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && name.chars().any(|c| c != '.');
    if plain {
        Ok(())
    } else {
        Err(ComposeError::invalid(
            file,
            format!("services.{service}.secrets"),
            format!(
                "secret target `{name}` is not a plain file name (letters, digits, `.`, `_`, `-`)"
            ),
        ))
    }
}

/// `base`, or `base-2`, … when a container has that name.
fn unique_name(base: &str, containers: &[ContainerSpec]) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while containers.iter().any(|c| c.name == name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}
