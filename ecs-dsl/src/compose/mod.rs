//! Import of docker-compose files (feature `compose`): compose services become ECS container
//! definitions, with a coded diagnostic for everything ECS cannot express.
//!
//! ```no_run
//! use std::collections::BTreeMap;
//! use ecs_dsl::compose::{ComposeFile, ImportOptions};
//!
//! let file = ComposeFile::load("docker-compose.yml", &BTreeMap::new())?;
//! let (app, diagnostics) = file.container("app", &ImportOptions::new().dynamic_host_ports(true))?;
//! println!("{}", app.to_cfn_json());
//! for d in diagnostics {
//!     eprintln!("{d}");
//! }
//! # Ok::<(), ecs_dsl::compose::ComposeError>(())
//! ```

pub mod eject;
mod env_file;
mod error;
mod extends;
mod file;
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
mod to_l2;
mod unsupported;

pub use error::ComposeError;
pub use file::ComposeFile;
pub use load_options::LoadOptions;
pub use options::ImportOptions;
pub use spec::{
    ContainerSpec, DependencyCondition, DependencySpec, HealthCheckSpec, HostEntrySpec,
    LogConfigurationSpec, MountPointSpec, PortMappingSpec, SecretSpec, TmpfsSpec, UlimitSpec,
    VolumeSource, VolumeSpec,
};
pub use to_l2::{TaskDefinitionExt, add_plans};
pub use unsupported::codes;
