//! The generator of ecs-dsl's L1 resource types (`ecs-dsl/src/cfn/**`), as a library so the
//! regeneration and cross-check tests can drive it. The binary is `main.rs`.

pub mod cfnlint;
pub mod docs;
pub mod emit;
pub mod fixups;
pub mod model;
pub mod naming;
pub mod plan;
pub mod vendor;

use std::path::{Path, PathBuf};

use anyhow::Result;

/// The workspace root (parent of `codegen/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `codegen/spec`.
pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")
}

/// `ecs-dsl/src/cfn`.
pub fn default_out_dir() -> PathBuf {
    workspace_root().join("ecs-dsl/src/cfn")
}

/// Reads the vendored spec and renders every file.
pub fn generate() -> Result<emit::Files> {
    let spec = model::Spec::load(&spec_dir())?;
    let plan = plan::build(&spec)?;
    Ok(emit::files(&plan))
}
