//! `ImportOptions`: the choices compose cannot make for ECS.

use std::collections::{BTreeMap, BTreeSet};

/// Where the imported app's tasks run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Launch {
    /// Fargate (the default): no instances to manage; each task gets a Fargate size.
    #[default]
    Fargate,
    /// The instances of an EC2 cluster (`bridge` network mode), for the settings Fargate
    /// refuses (host paths, privileged containers, `network_mode: host`, …).
    Ec2,
}

/// How to import compose services.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Map every port to a dynamic host port (host port 0), as a load balancer setup wants
    /// (EC2 only: on Fargate the host port is the container port).
    /// Default: a port published on a fixed host port keeps it; others get host port 0.
    pub dynamic_host_ports: bool,
    /// Compose secret name → the ARN (Secrets Manager or SSM Parameter Store) it comes from.
    /// Default: none; the whole-app import creates a Secrets Manager secret for the others.
    pub secrets: BTreeMap<String, String>,
    /// Fargate (default) or EC2.
    pub launch: Launch,
    /// Give secrets as environment variables named by their target, instead of files under
    /// `/run/secrets/` (the default, as compose does).
    pub secrets_as_env: bool,
    /// Serve HTTP ports over HTTPS with the certificate the stack parameter `CertificateArn`
    /// names; published port 80 becomes 443, and HTTP on 80 redirects to it. Default: HTTP.
    pub https: bool,
    /// Services that are tasks to run once (a migration), not kept running by an ECS service;
    /// services others wait on with `service_completed_successfully` are too.
    pub run_once: BTreeSet<String>,
    /// Whether a secret without an ARN comes from a secret the stack creates (the whole-app
    /// import) rather than being left out (a container imported alone).
    pub(crate) stack_secrets: bool,
}

impl ImportOptions {
    /// The defaults: Fargate, secrets as files, fixed host ports stay, no secret mapping.
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

    /// Runs the app on Fargate (the default) or EC2.
    #[must_use]
    pub fn launch(mut self, launch: Launch) -> Self {
        self.launch = launch;
        self
    }

    /// Makes the service `name` a task to run once rather than an ECS service.
    #[must_use]
    pub fn run_once(mut self, name: impl Into<String>) -> Self {
        self.run_once.insert(name.into());
        self
    }

    /// Serves HTTP ports over HTTPS, with a certificate parameter (see [`ImportOptions::https`]).
    #[must_use]
    pub fn https(mut self, https: bool) -> Self {
        self.https = https;
        self
    }

    /// Gives secrets as environment variables rather than files under `/run/secrets/`.
    #[must_use]
    pub fn secrets_as_env(mut self, as_env: bool) -> Self {
        self.secrets_as_env = as_env;
        self
    }
}
