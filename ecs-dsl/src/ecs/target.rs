//! Typed wiring from a task definition to a load balancer: `app.container("web").port(8000)`.

use std::marker::PhantomData;
use std::panic::Location;

use crate::cfn::ecs::CfnTaskDefinition;
use crate::diagnostics::Diagnostic;
use crate::intrinsic::Handle;

use super::launch::LaunchType;
use super::task_definition::ContainerInfo;

/// A container of an added task definition, from [`super::TaskDefinitionHandle::container`].
#[derive(Clone, Debug)]
pub struct TaskContainer<L: LaunchType> {
    task: Handle<CfnTaskDefinition>,
    name: String,
    info: Option<ContainerInfo>,
    problem: Option<Diagnostic>,
    launch: PhantomData<L>,
}

impl<L: LaunchType> TaskContainer<L> {
    pub(crate) fn new(
        task: Handle<CfnTaskDefinition>,
        name: &str,
        info: Option<ContainerInfo>,
        problem: Option<Diagnostic>,
    ) -> Self {
        TaskContainer {
            task,
            name: name.to_owned(),
            info,
            problem,
            launch: PhantomData,
        }
    }

    /// The container port a load balancer sends traffic to. A port the container does not
    /// publish fails synth (`ECS002`) at this call.
    #[track_caller]
    pub fn port(self, container_port: u16) -> ContainerTarget<L> {
        let published = self
            .info
            .as_ref()
            .and_then(|c| c.ports.iter().find(|p| p.container_port == container_port));
        let problem = match (&self.problem, &self.info, published) {
            (Some(p), _, _) => Some(p.clone()),
            (None, Some(info), None) => Some(self.unpublished(info, container_port)),
            _ => None,
        };
        ContainerTarget {
            task: self.task,
            container: self.name,
            container_port,
            host_port: published.and_then(|p| p.host_port),
            port_name: published.and_then(|p| p.name.clone()),
            problem,
            launch: PhantomData,
        }
    }

    #[track_caller]
    fn unpublished(&self, info: &ContainerInfo, port: u16) -> Diagnostic {
        let id = self.task.logical_id();
        let ports: Vec<String> = info
            .ports
            .iter()
            .map(|p| format!("`{}`", p.container_port))
            .collect();
        let help = if ports.is_empty() {
            format!(
                "publish it with `.port({port})` on container `{}` (it publishes no ports)",
                self.name
            )
        } else {
            format!(
                "use one of its ports ({}), or publish `.port({port})` on container `{}`",
                ports.join(", "),
                self.name
            )
        };
        Diagnostic::error(
            "ECS002",
            format!("Resources.{id}.Properties.ContainerDefinitions"),
            format!(
                "container `{}` of task definition `{id}` does not publish port {port}",
                self.name
            ),
        )
        .help(help)
        .at(Some(Location::caller()))
    }
}

/// Where a load balancer sends traffic: a published port of a container of a task definition of
/// launch type `L`.
#[derive(Clone, Debug)]
pub struct ContainerTarget<L: LaunchType> {
    pub(crate) task: Handle<CfnTaskDefinition>,
    pub(crate) container: String,
    pub(crate) container_port: u16,
    /// The fixed host port in `bridge` mode, when the container fixed one.
    pub(crate) host_port: Option<u16>,
    /// The port mapping's name ([`super::Container::named_port`]), which Service Connect needs.
    pub(crate) port_name: Option<String>,
    /// The wiring mistake found, reported when the target is used.
    pub(crate) problem: Option<Diagnostic>,
    launch: PhantomData<L>,
}
