//! The import plan: the whole app as data. Which task definitions to build from which
//! services, under which logical IDs, with which sizes; which of them run as ECS services and
//! how many; the EFS file systems of the named volumes; the secrets the stack creates.
//! `write_app.rs` turns it into builder calls, applied (the direct import) and printed (the
//! eject) at once.

use std::collections::BTreeSet;
use std::path::Path;

use super::error::ComposeError;
use super::expose::{ExposedPort, expose};
use super::file::ComposeFile;
use super::fit::{fit_fargate, secrets_as_files};
use super::model::Condition;
use super::options::{ImportOptions, Launch};
use super::spec::{ContainerSpec, SecretFrom, VolumeSource};
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The memory a task reserves for a container that names none, MiB: enough for the small
/// services compose files usually describe, and the smallest Fargate size.
pub const DEFAULT_CONTAINER_MEMORY_MIB: u64 = 512;

/// The CPU units of a Fargate task whose containers name none: a quarter vCPU, the smallest.
pub const DEFAULT_FARGATE_CPU: u64 = 256;

/// The whole app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppPlan {
    /// Fargate or EC2.
    pub launch: Launch,
    /// Whether HTTP ports are served over HTTPS (the stack takes the certificate's ARN).
    pub https: bool,
    /// The task definitions, in service order.
    pub tasks: Vec<TaskPlan>,
    /// The compose named volumes that become EFS file systems, sorted.
    pub volumes: Vec<String>,
    /// The compose secrets the stack creates in Secrets Manager, sorted.
    pub secrets: Vec<String>,
}

/// One task definition, and the ECS service that runs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskPlan {
    /// The task definition family.
    pub family: String,
    /// The logical ID it is added under.
    pub logical_id: String,
    /// Its containers.
    pub containers: Vec<ContainerSpec>,
    /// EC2: the task-level `Memory`, MiB, set when a container names no memory of its own
    /// (ECS needs one or the other): the containers' own limits plus
    /// `DEFAULT_CONTAINER_MEMORY_MIB` for each of the others.
    pub memory_mib: Option<u64>,
    /// Fargate: the task size, CPU units and MiB.
    pub fargate_size: Option<(u64, u64)>,
    /// The ECS service that keeps it running; `None` for a task to run once.
    pub service: Option<ServicePlan>,
}

/// An ECS service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicePlan {
    /// The logical ID it is added under.
    pub logical_id: String,
    /// `DesiredCount`: compose's `deploy.replicas` (or `scale`), else 1.
    pub desired_count: u64,
    /// The ports other services reach by compose name through Service Connect.
    pub connect: Vec<ConnectPort>,
    /// The published ports a load balancer serves (see [`super::expose`]).
    pub exposed: Vec<ExposedPort>,
}

/// A port of a service that the app's other services reach as `dns_name:port` (Service
/// Connect), as compose's network resolves service names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectPort {
    /// The port mapping's `Name`.
    pub port_name: String,
    /// The Cloud Map service name: unique in the app.
    pub discovery_name: String,
    /// The name clients use: the compose service name.
    pub dns_name: String,
    /// The port clients use: the container port.
    pub port: u16,
}

impl TaskPlan {
    /// The `RuntimePlatform.CpuArchitecture` of the task: the first container's that sets one.
    pub fn cpu_architecture(&self) -> Option<&str> {
        self.containers
            .iter()
            .find_map(|c| c.cpu_architecture.as_deref())
    }

    /// The `NetworkMode` of the task: the first container's that sets one.
    pub fn network_mode(&self) -> Option<&str> {
        self.containers
            .iter()
            .find_map(|c| c.network_mode.as_deref())
    }
}

/// The plan for `services` of `compose` (all services with an image, each alone, when empty),
/// with every finding. Fails when nothing can be imported.
pub fn plan(
    compose: &ComposeFile,
    services: &[String],
    options: &ImportOptions,
    first_file: &Path,
) -> Result<(AppPlan, Diagnostics), ComposeError> {
    let mut diags = compose.diagnostics().clone();
    let groups = groups(compose, services, &mut diags)?;
    if groups.is_empty() {
        let why = if compose.service_names().is_empty() {
            "the files have no service (of an active profile)"
        } else {
            "no service has an `image`"
        };
        return Err(ComposeError::invalid(
            first_file,
            "services",
            format!(
                "nothing to import: {why}; ECS runs images, so build and push them, then set `image:`, or pass `--profile`"
            ),
        ));
    }
    let options = ImportOptions {
        stack_secrets: true,
        ..options.clone()
    };
    let mut run_once = waited_on_to_complete(compose)?;
    run_once.extend(options.run_once.iter().cloned());
    let mut ids = BTreeSet::new();
    let mut tasks = Vec::new();
    for names in groups {
        let (mut containers, found) = compose.containers(&names, &options)?;
        diags.extend(found);
        for c in &mut containers {
            c.app_logs = c.log_configuration.is_none();
        }
        if options.launch == Launch::Fargate {
            for c in &mut containers {
                fit_fargate(c, &mut diags);
            }
        }
        if !options.secrets_as_env {
            secrets_as_files(&mut containers, first_file)?;
        }
        let family = names[0].to_string();
        let base = unique_base(&family, &mut ids);
        let (memory_mib, fargate_size) = match options.launch {
            Launch::Ec2 => (task_memory(&containers, &mut diags), None),
            Launch::Fargate => (None, Some(fargate_size(&containers, &mut diags))),
        };
        let service = if names.iter().any(|n| run_once.contains(*n)) {
            diags.push(
                Diagnostic::warning(
                    codes::ONE_OFF_TASK,
                    format!("services.{family}"),
                    format!("`{family}` is a task to run once (named so, or waited on to complete): no ECS service keeps it running"),
                )
                .help(format!("run it with `aws ecs run-task --task-definition <the {base}TaskDefinition family>` before the services that wait on it start")),
            );
            None
        } else {
            let desired_count = names
                .iter()
                .map(|n| compose.replicas(n))
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(1);
            Some(ServicePlan {
                logical_id: format!("{base}Service"),
                desired_count,
                connect: connect_ports(&mut containers),
                exposed: Vec::new(),
            })
        };
        tasks.push(TaskPlan {
            logical_id: format!("{base}TaskDefinition"),
            family,
            containers,
            memory_mib,
            fargate_size,
            service,
        });
    }
    expose(&mut tasks, options.https, &mut diags);
    let volumes = used(&tasks, |c| {
        c.volumes
            .iter()
            .filter_map(|v| match &v.source {
                VolumeSource::Efs { volume } => Some(volume.clone()),
                _ => None,
            })
            .collect()
    });
    let secrets = used(&tasks, |c| {
        c.secrets
            .iter()
            .filter_map(|s| match &s.from {
                SecretFrom::Stack(name) => Some(name.clone()),
                SecretFrom::Arn(_) => None,
            })
            .collect()
    });
    for name in &secrets {
        diags.push(
            Diagnostic::warning(
                codes::SECRET_CREATED,
                format!("secrets.{name}"),
                format!("secret `{name}` is created in Secrets Manager with a generated value"),
            )
            .help(format!("put its real value there after the first deploy (`aws secretsmanager put-secret-value`), or pass `--secret {name}=ARN`")),
        );
    }
    Ok((
        AppPlan {
            launch: options.launch,
            https: options.https,
            tasks,
            volumes,
            secrets,
        },
        diags.sorted(),
    ))
}

/// The services of each task definition: `services` together, or each service with an image
/// alone (the others noted).
fn groups<'a>(
    compose: &'a ComposeFile,
    services: &'a [String],
    diags: &mut Diagnostics,
) -> Result<Vec<Vec<&'a str>>, ComposeError> {
    if !services.is_empty() {
        return Ok(vec![services.iter().map(String::as_str).collect()]);
    }
    let mut groups = Vec::new();
    for name in compose.service_names() {
        if compose.service(name)?.image.is_none() {
            diags.push(
                Diagnostic::warning(
                    codes::BUILD_IGNORED,
                    format!("services.{name}"),
                    format!("`{name}` has no `image`; it is not imported"),
                )
                .help("build and push the image, then set `image:`"),
            );
            continue;
        }
        groups.push(vec![name]);
    }
    Ok(groups)
}

/// Names every TCP port of `containers` (ECS needs a name for Service Connect) and lists them
/// under their container's name, which is the compose service name.
fn connect_ports(containers: &mut [ContainerSpec]) -> Vec<ConnectPort> {
    let mut out = Vec::new();
    for c in containers.iter_mut() {
        for p in c.port_mappings.iter_mut().filter(|p| p.protocol == "tcp") {
            if out.iter().any(|known: &ConnectPort| {
                known.dns_name == c.name && known.port == p.container_port
            }) {
                continue;
            }
            let name = p
                .name
                .get_or_insert_with(|| format!("{}-{}", plain_name(&c.name), p.container_port))
                .clone();
            let first = !out
                .iter()
                .any(|known: &ConnectPort| known.dns_name == c.name);
            out.push(ConnectPort {
                discovery_name: if first {
                    plain_name(&c.name)
                } else {
                    format!("{}-{}", plain_name(&c.name), p.container_port)
                },
                port_name: name,
                dns_name: c.name.clone(),
                port: p.container_port,
            });
        }
    }
    out
}

/// `name` with what ECS port and discovery names refuse (`.`) made `-`, at most 64 characters.
fn plain_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(56)
        .collect()
}

/// The services another service waits on with `service_completed_successfully`.
fn waited_on_to_complete(compose: &ComposeFile) -> Result<BTreeSet<String>, ComposeError> {
    let mut out = BTreeSet::new();
    for name in compose.service_names() {
        for (dep, condition) in &compose.service(name)?.depends_on {
            if *condition == Condition::CompletedSuccessfully {
                out.insert(dep.clone());
            }
        }
    }
    Ok(out)
}

/// The names `of` gives for each container of `tasks`, sorted, each once.
fn used(tasks: &[TaskPlan], of: impl Fn(&ContainerSpec) -> Vec<String>) -> Vec<String> {
    let set: BTreeSet<String> = tasks
        .iter()
        .flat_map(|t| t.containers.iter().flat_map(&of))
        .collect();
    set.into_iter().collect()
}

/// A container's own memory, MiB.
fn own_memory(c: &ContainerSpec) -> Option<u64> {
    c.memory.or(c.memory_reservation)
}

/// Notes each container that names no memory: its task reserves the default for it.
fn note_default_memory(containers: &[ContainerSpec], diags: &mut Diagnostics) {
    for c in containers.iter().filter(|c| own_memory(c).is_none()) {
        diags.push(
            Diagnostic::warning(
                codes::DEFAULT_SIZE,
                format!("services.{}", c.name),
                format!(
                    "`{}` names no memory; its task reserves {DEFAULT_CONTAINER_MEMORY_MIB} MiB for it",
                    c.name
                ),
            )
            .help("set `deploy.resources.limits.memory` (or `mem_limit`) to size it"),
        );
    }
}

/// The task memory when a container has none of its own, with a note for each such container.
fn task_memory(containers: &[ContainerSpec], diags: &mut Diagnostics) -> Option<u64> {
    if containers.iter().all(|c| own_memory(c).is_some()) {
        return None;
    }
    note_default_memory(containers, diags);
    Some(
        containers
            .iter()
            .map(|c| own_memory(c).unwrap_or(DEFAULT_CONTAINER_MEMORY_MIB))
            .sum(),
    )
}

/// The Fargate CPU sizes, with the memory range (MiB) and step each offers (256 CPU units
/// offer 512 MiB besides its range).
const FARGATE_SIZES: &[(u64, u64, u64, u64)] = &[
    (256, 1024, 2048, 1024),
    (512, 1024, 4096, 1024),
    (1024, 2048, 8192, 1024),
    (2048, 4096, 16384, 1024),
    (4096, 8192, 30720, 1024),
    (8192, 16384, 61440, 4096),
    (16384, 32768, 122_880, 8192),
];

/// The smallest Fargate size that holds the containers' CPU and memory (a container that
/// names no memory counts `DEFAULT_CONTAINER_MEMORY_MIB`, noted), capped at the largest.
fn fargate_size(containers: &[ContainerSpec], diags: &mut Diagnostics) -> (u64, u64) {
    note_default_memory(containers, diags);
    let memory: u64 = containers
        .iter()
        .map(|c| own_memory(c).unwrap_or(DEFAULT_CONTAINER_MEMORY_MIB))
        .sum();
    let cpu: u64 = containers
        .iter()
        .map(|c| c.cpu.unwrap_or(0))
        .sum::<u64>()
        .max(DEFAULT_FARGATE_CPU);
    for &(units, min, max, step) in FARGATE_SIZES {
        if units == 256 && cpu <= 256 && memory <= 512 {
            return (256, 512);
        }
        if units >= cpu && max >= memory {
            let steps = memory.saturating_sub(min).div_ceil(step);
            return (units, min + steps * step);
        }
    }
    (16384, 122_880)
}

/// `<Family>`, numbered when taken, for the logical IDs of one task.
fn unique_base(family: &str, ids: &mut BTreeSet<String>) -> String {
    let base = pascal_case(family);
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}{n}");
        n += 1;
    }
    id
}

/// `my-app_db` → `MyAppDb`, for logical IDs (letters and digits only).
pub(crate) fn pascal_case(text: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Service{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_pascal_case_and_unique() {
        let mut ids = BTreeSet::new();
        assert_eq!(unique_base("my-app_db", &mut ids), "MyAppDb");
        assert_eq!(unique_base("my.app.db", &mut ids), "MyAppDb2");
        assert_eq!(pascal_case("1st"), "Service1st");
    }

    #[test]
    fn fargate_sizes_are_the_smallest_that_fit() {
        let sized = |cpu: Option<u64>, memory: Option<u64>| {
            let mut c = ContainerSpec::new("a", "i");
            (c.cpu, c.memory) = (cpu, memory);
            fargate_size(&[c], &mut Diagnostics::new())
        };
        assert_eq!(sized(None, None), (256, 512));
        assert_eq!(sized(None, Some(600)), (256, 1024));
        assert_eq!(sized(None, Some(3000)), (512, 3072));
        assert_eq!(sized(Some(1024), Some(100)), (1024, 2048));
        assert_eq!(sized(Some(300), Some(9000)), (2048, 9216));
        assert_eq!(sized(Some(1 << 20), None), (16384, 122_880));
    }
}
