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

use anyhow::{Context, Result, bail};

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

/// `ecs-dsl/Cargo.toml`, whose service-feature block the generator writes.
pub fn manifest_path() -> PathBuf {
    workspace_root().join("ecs-dsl/Cargo.toml")
}

/// What one generation produces.
pub struct Generated {
    /// The files of `ecs-dsl/src/cfn`.
    pub files: emit::Files,
    /// The service-feature block of `ecs-dsl/Cargo.toml` ([`emit::features`]).
    pub features: String,
}

/// Reads the vendored spec and renders every file and the feature block.
pub fn generate() -> Result<Generated> {
    let spec = model::Spec::load(&spec_dir())?;
    let plan = plan::build(&spec)?;
    Ok(Generated {
        files: emit::files(&plan),
        features: emit::features::block(&plan),
    })
}

/// Writes the feature block into the manifest at `path`.
pub fn write_features(path: &Path, block: &str) -> Result<()> {
    let manifest = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let Some(updated) = emit::features::splice(&manifest, block) else {
        bail!(
            "`{}` lacks the lines `{}` and `{}` around its service features",
            path.display(),
            emit::features::BEGIN,
            emit::features::END
        );
    };
    if updated != manifest {
        std::fs::write(path, updated)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}
