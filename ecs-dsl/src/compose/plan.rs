//! The import plan: which task definitions to build from which services, under which logical
//! IDs, with which task-level settings. Both ends read it: `apply` builds the stack with the
//! builders, `eject` prints the same calls as Rust.

use std::collections::BTreeSet;
use std::path::Path;

use super::error::ComposeError;
use super::file::ComposeFile;
use super::options::ImportOptions;
use super::spec::ContainerSpec;
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The memory a task reserves for a container that names none, MiB: enough for the small
/// services compose files usually describe, and the smallest Fargate size.
pub const DEFAULT_CONTAINER_MEMORY_MIB: u64 = 512;

/// The containers of one task definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskPlan {
    /// The task definition family.
    pub family: String,
    /// The logical ID it is added under.
    pub logical_id: String,
    /// Its containers.
    pub containers: Vec<ContainerSpec>,
    /// The task-level `Memory`, MiB, set when a container names no memory of its own (ECS
    /// needs one or the other on EC2): the containers' own limits plus
    /// `DEFAULT_CONTAINER_MEMORY_MIB` for each of the others.
    pub memory_mib: Option<u64>,
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
) -> Result<(Vec<TaskPlan>, Diagnostics), ComposeError> {
    let mut diags = compose.diagnostics().clone();
    let mut groups: Vec<Vec<&str>> = Vec::new();
    if services.is_empty() {
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
    } else {
        groups.push(services.iter().map(String::as_str).collect());
    }
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
    let mut ids = BTreeSet::new();
    let mut plans = Vec::new();
    for names in groups {
        let (containers, found) = compose.containers(&names, options)?;
        diags.extend(found);
        let family = names[0].to_string();
        let memory_mib = task_memory(&containers, &mut diags);
        plans.push(TaskPlan {
            logical_id: unique_id(&family, &mut ids),
            family,
            containers,
            memory_mib,
        });
    }
    Ok((plans, diags.sorted()))
}

/// The task memory when a container has none of its own, with a note for each such container.
fn task_memory(containers: &[ContainerSpec], diags: &mut Diagnostics) -> Option<u64> {
    let own = |c: &ContainerSpec| c.memory.or(c.memory_reservation);
    if containers.iter().all(|c| own(c).is_some()) {
        return None;
    }
    for c in containers.iter().filter(|c| own(c).is_none()) {
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
    Some(
        containers
            .iter()
            .map(|c| own(c).unwrap_or(DEFAULT_CONTAINER_MEMORY_MIB))
            .sum(),
    )
}

/// `<Family>TaskDefinition`, numbered when taken.
fn unique_id(family: &str, ids: &mut BTreeSet<String>) -> String {
    let base = pascal_case(family);
    let mut id = format!("{base}TaskDefinition");
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}{n}TaskDefinition");
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
        assert_eq!(unique_id("my-app_db", &mut ids), "MyAppDbTaskDefinition");
        assert_eq!(unique_id("my.app.db", &mut ids), "MyAppDb2TaskDefinition");
        assert_eq!(pascal_case("1st"), "Service1st");
    }
}
