//! Import of docker-compose files (feature `compose`): a compose app becomes a whole ECS app,
//! with a coded diagnostic for everything ECS cannot express.
//!
//! The import reads the files (merged in `-f` order, with `.env` interpolation and profiles),
//! decides each compose key once into a plan ([`plan::AppPlan`]: task definitions, services,
//! file systems, secrets), and writes the plan as builder calls that are both applied to a
//! [`crate::Stack`] and printed as the Rust program `ecs-dsl import-compose` ejects:
//!
//! - a cluster: Fargate by default ([`Launch::Fargate`]; each task gets the smallest Fargate
//!   size that holds its containers' `deploy.resources`, 0.25 vCPU / 512 MiB per container that
//!   names none, noted `CMP019`), or EC2 instances ([`Launch::Ec2`]);
//! - one task definition per service, and an ECS service with `deploy.replicas` tasks (a
//!   service others wait on to complete is a task to run once, noted `CMP032`);
//! - the tasks share a security group that lets them reach each other, and Service Connect (a
//!   namespace named after the stack) resolves compose service names to their ports, as
//!   compose's default network does;
//! - published ports are served by load balancers ([`expose`]): HTTP through an Application
//!   Load Balancer, other TCP through a Network Load Balancer, a listener per published port;
//!   ports bound to `127.0.0.1` stay private;
//! - each named volume is an EFS file system (encrypted, an access point at `/<volume>`, a mount
//!   target per subnet), shared by every service that mounts it;
//! - each secret is a Secrets Manager secret (created with a generated value, `CMP031`, unless
//!   an ARN is given), mounted as a file at `/run/secrets/<name>` by an init container, or given
//!   as an environment variable with [`ImportOptions::secrets_as_env`];
//! - output goes to one CloudWatch log group (`awslogs`), unless the service sets a log driver.
//!
//! ```no_run
//! use ecs_dsl::Stack;
//! use ecs_dsl::compose::eject::plan_files;
//! use ecs_dsl::compose::{ImportOptions, LoadOptions, add_plans};
//!
//! let (app, diagnostics) = plan_files(
//!     &["docker-compose.yml"],
//!     &[],
//!     &LoadOptions::new(),
//!     &ImportOptions::new(),
//! )?;
//! for d in diagnostics.iter() {
//!     eprintln!("{d}");
//! }
//! let mut stack = Stack::new();
//! add_plans(&app, &mut stack);
//! # Ok::<(), ecs_dsl::compose::ComposeError>(())
//! ```

pub mod eject;
mod env_file;
mod error;
pub mod expose;
mod extends;
mod file;
mod fit;
mod interpolate;
mod load_options;
pub mod model;
mod mounts;
mod options;
pub mod plan;
mod read;
mod safe_read;
mod scalars;
mod source;
mod spec;
mod to_container;
mod unsupported;
mod write_app;
mod write_balancing;
mod write_container;
mod written;

pub use eject::add_plans;
pub use error::ComposeError;
pub use file::ComposeFile;
pub use fit::SECRETS_INIT_IMAGE;
pub use load_options::LoadOptions;
pub use options::{ImportOptions, Launch};
pub use spec::{
    ContainerSpec, DependencyCondition, DependencySpec, HealthCheckSpec, HostEntrySpec,
    LogConfigurationSpec, MountPointSpec, PortMappingSpec, SecretFrom, SecretSpec, TmpfsSpec,
    UlimitSpec, VolumeSource, VolumeSpec,
};
pub use unsupported::codes;
pub use write_app::LOG_RETENTION_DAYS;
pub use written::Written;
