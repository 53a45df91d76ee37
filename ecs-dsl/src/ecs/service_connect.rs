//! Service Connect: services of one Cloud Map namespace reach each other by short names
//! (`http://api:8080`) through a proxy ECS adds to each task.

use std::panic::Location;

use crate::cfn::ecs::service::{
    ServiceConnectClientAlias, ServiceConnectClientAliasRequired, ServiceConnectConfiguration,
    ServiceConnectConfigurationRequired, ServiceConnectService as CfnServiceConnectService,
    ServiceConnectServiceRequired,
};
use crate::diagnostics::Diagnostic;
use crate::intrinsic::{IntoValue, Typed};

use super::launch::LaunchType;
use super::target::ContainerTarget;

/// A service's Service Connect settings: its namespace, and the ports it serves to the other
/// services of the namespace. Without [`ServiceConnect::serve`] the service is a client only:
/// it reaches the others but serves nothing.
pub struct ServiceConnect {
    namespace: Typed<String>,
    services: Vec<ServiceConnectPort>,
}

/// One port a service serves through Service Connect: a named container port
/// ([`super::Container::named_port`]) and the names and ports clients use for it.
pub struct ServiceConnectPort {
    task: String,
    container: String,
    container_port: u16,
    port_name: Option<String>,
    discovery_name: Option<String>,
    client_aliases: Vec<(String, u16)>,
    location: &'static Location<'static>,
}

impl ServiceConnect {
    /// Service Connect in `namespace`, a Cloud Map namespace's ARN or name (an
    /// `AWS::ServiceDiscovery::HttpNamespace` or `PrivateDnsNamespace`). Sets
    /// `ServiceConnectConfiguration.Enabled` and `.Namespace`.
    pub fn new(namespace: impl IntoValue<String>) -> Self {
        ServiceConnect {
            namespace: Typed::new(namespace),
            services: Vec::new(),
        }
    }

    /// Serves `port` to the namespace's other services. Sets `ServiceConnectConfiguration.Services`.
    #[must_use]
    pub fn serve(mut self, port: ServiceConnectPort) -> Self {
        self.services.push(port);
        self
    }

    /// `ECS037` (a served port without a name) and `ECS038` (a port of another task
    /// definition), each at the line of [`ServiceConnectPort::new`].
    pub(crate) fn problems(&self, service_id: &str, task: &str) -> Vec<Diagnostic> {
        let path = format!("Resources.{service_id}.Properties.ServiceConnectConfiguration");
        let mut found = Vec::new();
        for port in &self.services {
            if port.task != task {
                found.push(
                    Diagnostic::error(
                        "ECS038",
                        path.clone(),
                        format!(
                            "service `{service_id}` runs task definition `{task}` but serves container `{}` of `{}` through Service Connect",
                            port.container, port.task
                        ),
                    )
                    .help(format!("serve a port of the service's own task definition: `{task}.container(..).port(..)`"))
                    .at(Some(port.location)),
                );
            } else if port.port_name.is_none() {
                found.push(
                    Diagnostic::error(
                        "ECS037",
                        path.clone(),
                        format!(
                            "Service Connect serves port {} of container `{}`, but that port has no name",
                            port.container_port, port.container
                        ),
                    )
                    .help(format!(
                        "publish it with a name: `.named_port(\"{}\", {})` instead of `.port({})` on container `{}`",
                        port.container, port.container_port, port.container_port, port.container
                    ))
                    .at(Some(port.location)),
                );
            }
        }
        found
    }

    pub(crate) fn into_cfn(self) -> ServiceConnectConfiguration {
        let config =
            ServiceConnectConfiguration::new(ServiceConnectConfigurationRequired { enabled: true })
                .namespace(self.namespace);
        if self.services.is_empty() {
            return config;
        }
        config.services(
            self.services
                .into_iter()
                .map(ServiceConnectPort::into_cfn)
                .collect::<Vec<_>>(),
        )
    }
}

impl ServiceConnectPort {
    /// Serves the container port `target`, such as `api.container("api").port(8080)`; the port
    /// must have a name (`ECS037`). Sets `ServiceConnectService.PortName`.
    #[track_caller]
    pub fn new<L: LaunchType>(target: ContainerTarget<L>) -> Self {
        ServiceConnectPort {
            task: target.task.logical_id().to_owned(),
            container: target.container.clone(),
            container_port: target.container_port,
            port_name: target.port_name.clone(),
            discovery_name: None,
            client_aliases: Vec::new(),
            location: Location::caller(),
        }
    }

    /// The name clients use, `dns_name:port` (such as `api`, 80). Default: the port's name and
    /// the container port. Sets `ServiceConnectService.ClientAliases`.
    #[must_use]
    pub fn client_alias(mut self, dns_name: &str, port: u16) -> Self {
        self.client_aliases.push((dns_name.to_owned(), port));
        self
    }

    /// The name of the port in Cloud Map. Default: the port's name.
    /// Sets `ServiceConnectService.DiscoveryName`.
    #[must_use]
    pub fn discovery_name(mut self, name: &str) -> Self {
        self.discovery_name = Some(name.to_owned());
        self
    }

    fn into_cfn(self) -> CfnServiceConnectService {
        let mut service = CfnServiceConnectService::new(ServiceConnectServiceRequired {
            port_name: self.port_name.unwrap_or_default(),
        });
        if let Some(name) = self.discovery_name {
            service = service.discovery_name(name);
        }
        if !self.client_aliases.is_empty() {
            let aliases: Vec<ServiceConnectClientAlias> = self
                .client_aliases
                .into_iter()
                .map(|(dns_name, port)| {
                    ServiceConnectClientAlias::new(ServiceConnectClientAliasRequired {
                        port: i64::from(port),
                    })
                    .dns_name(dns_name)
                })
                .collect();
            service = service.client_aliases(aliases);
        }
        service
    }
}
