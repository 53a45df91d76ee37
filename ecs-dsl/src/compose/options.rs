//! `ImportOptions`: the choices compose cannot make for ECS.

use std::collections::BTreeMap;

/// How to import compose services.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Map every port to a dynamic host port (host port 0), as a load balancer setup wants.
    /// Default: a port published on a fixed host port keeps it; others get host port 0.
    pub dynamic_host_ports: bool,
    /// Compose secret name → the ARN (Secrets Manager or SSM Parameter Store) it comes from.
    /// Default: none; a secret without an entry is left out with a diagnostic.
    pub secrets: BTreeMap<String, String>,
}

impl ImportOptions {
    /// The defaults: fixed host ports stay, no secret mapping.
    pub fn new() -> Self {
        ImportOptions::default()
    }

    /// Maps every port to a dynamic host port.
    #[must_use]
    pub fn dynamic_host_ports(mut self, dynamic: bool) -> Self {
        self.dynamic_host_ports = dynamic;
        self
    }

    /// Takes the compose secret `name` from `value_from` (an ARN).
    #[must_use]
    pub fn secret(mut self, name: impl Into<String>, value_from: impl Into<String>) -> Self {
        self.secrets.insert(name.into(), value_from.into());
        self
    }
}
