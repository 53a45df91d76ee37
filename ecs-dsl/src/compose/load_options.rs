//! `LoadOptions`: what `docker compose` takes from its command line and environment when it
//! loads files: variables, `--env-file` and `--profile`.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// How to load compose files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Variables for interpolation (the tool passes its process environment); they win over
    /// env files. Default: none.
    pub vars: BTreeMap<String, String>,
    /// `--env-file`s, read in order (later ones win). Default: `.env` next to the first compose
    /// file, when it exists.
    pub env_files: Vec<PathBuf>,
    /// Active profiles (`--profile`); `COMPOSE_PROFILES` among `vars` adds more. A service with
    /// `profiles:` is loaded only when one of them is active. Default: none.
    pub profiles: Vec<String>,
}

impl LoadOptions {
    /// No variables, the default `.env`, no profiles.
    pub fn new() -> Self {
        LoadOptions::default()
    }

    /// Uses `vars` for interpolation.
    #[must_use]
    pub fn vars(mut self, vars: BTreeMap<String, String>) -> Self {
        self.vars = vars;
        self
    }

    /// Reads `path` instead of the default `.env` (call again for several).
    #[must_use]
    pub fn env_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.env_files.push(path.into());
        self
    }

    /// Activates the profile `name`.
    #[must_use]
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profiles.push(name.into());
        self
    }

    /// The active profiles: the ones given, then those of `COMPOSE_PROFILES`.
    pub(crate) fn active_profiles(&self, vars: &BTreeMap<String, String>) -> Vec<String> {
        let from_env = vars.get("COMPOSE_PROFILES").into_iter().flat_map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
        });
        self.profiles.iter().cloned().chain(from_env).collect()
    }
}
