//! `ComposeFile`: a loaded compose file and the import of its services.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::env_file::read_env_file;
use super::error::ComposeError;
use super::extends::Resolver;
use super::model::{Condition, NamedVolume, Service};
use super::options::ImportOptions;
use super::read::Reader;
use super::source::Source;
use super::spec::ContainerSpec;
use super::to_container::{Context, to_container};
use super::unsupported;
use crate::diagnostics::Diagnostics;

/// A compose file, loaded: variables interpolated, `extends` merged, every service read.
#[derive(Clone, Debug)]
pub struct ComposeFile {
    path: PathBuf,
    services: BTreeMap<String, Service>,
    service_diagnostics: BTreeMap<String, Diagnostics>,
    named_volumes: BTreeMap<String, NamedVolume>,
    vars: BTreeMap<String, String>,
    diagnostics: Diagnostics,
}

impl ComposeFile {
    /// Loads the file at `path`. Variables come from `vars`, then from `.env` next to the file.
    pub fn load(
        path: impl AsRef<Path>,
        vars: &BTreeMap<String, String>,
    ) -> Result<ComposeFile, ComposeError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| ComposeError::Io {
            file: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        ComposeFile::parse(&text, path, &dir, vars)
    }

    /// Loads compose `text` as if it were a file in `base_dir` (for `extends.file`, `env_file`
    /// and `.env`). Variables come from `vars`, then from `base_dir/.env`.
    pub fn from_str(
        text: &str,
        base_dir: impl AsRef<Path>,
        vars: &BTreeMap<String, String>,
    ) -> Result<ComposeFile, ComposeError> {
        let dir = base_dir.as_ref();
        ComposeFile::parse(text, &dir.join("<inline compose file>"), dir, vars)
    }

    /// Does the loading for `load` and `from_str`.
    fn parse(
        text: &str,
        path: &Path,
        dir: &Path,
        caller_vars: &BTreeMap<String, String>,
    ) -> Result<ComposeFile, ComposeError> {
        let mut vars = read_env_file(&dir.join(".env"))?.unwrap_or_default();
        vars.extend(caller_vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        let mut diagnostics = Diagnostics::new();
        let source = Source::parse(text, path, &vars, &mut diagnostics)?;
        for key in source.root.keys() {
            unsupported::top_level_key(key, &mut diagnostics);
        }
        let named_volumes = Reader {
            file: path,
            diags: &mut diagnostics,
        }
        .named_volumes(source.root.get("volumes"))?;
        let mut services = BTreeMap::new();
        let mut service_diagnostics = BTreeMap::new();
        let mut merged_services = Vec::new();
        let mut resolver = Resolver::new(&source, &vars, &mut diagnostics);
        for name in source.services()?.keys() {
            merged_services.push((name.clone(), resolver.resolve(name)?));
        }
        for (name, merged) in merged_services {
            let mut diags = Diagnostics::new();
            let service = Reader {
                file: path,
                diags: &mut diags,
            }
            .service(&name, dir, &merged)?;
            services.insert(name.clone(), service);
            service_diagnostics.insert(name.clone(), diags);
        }
        check_dependencies(&services, path)?;
        Ok(ComposeFile {
            path: path.to_path_buf(),
            services,
            service_diagnostics,
            named_volumes,
            vars,
            diagnostics,
        })
    }

    /// The names of the services, sorted.
    pub fn service_names(&self) -> Vec<&str> {
        self.services.keys().map(String::as_str).collect()
    }

    /// The service `name`, as read.
    pub fn service(&self, name: &str) -> Result<&Service, ComposeError> {
        self.services
            .get(name)
            .ok_or_else(|| ComposeError::UnknownService {
                name: name.to_string(),
                available: self.services.keys().cloned().collect(),
            })
    }

    /// Findings about the file as a whole (top-level keys, unset variables).
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// `deploy.replicas` (or `scale`) of a service: the desired count of an ECS service built
    /// from it.
    pub fn replicas(&self, name: &str) -> Result<Option<u64>, ComposeError> {
        Ok(self.service(name)?.replicas)
    }

    /// The container of service `name`, alone in its task definition.
    pub fn container(
        &self,
        name: &str,
        options: &ImportOptions,
    ) -> Result<(ContainerSpec, Diagnostics), ComposeError> {
        let (mut containers, diags) = self.containers(&[name], options)?;
        Ok((containers.remove(0), diags))
    }

    /// The containers of the services `names`, which go into one task definition: their
    /// `depends_on` among each other become container dependencies, and a service others wait
    /// on to complete is made non-essential.
    pub fn containers(
        &self,
        names: &[&str],
        options: &ImportOptions,
    ) -> Result<(Vec<ContainerSpec>, Diagnostics), ComposeError> {
        let task: BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
        let cx = Context {
            file: &self.path,
            services: &self.services,
            named_volumes: &self.named_volumes,
            vars: &self.vars,
            task: &task,
            options,
        };
        let mut diags = Diagnostics::new();
        let mut containers = Vec::new();
        for name in names {
            let service = self.service(name)?;
            diags.extend(
                self.service_diagnostics
                    .get(*name)
                    .cloned()
                    .unwrap_or_default(),
            );
            containers.push(to_container(service, &cx, &mut diags)?);
        }
        for c in &mut containers {
            c.essential = !names.iter().any(|n| {
                self.services[*n].depends_on.get(&c.name) == Some(&Condition::CompletedSuccessfully)
            });
        }
        Ok((containers, diags.sorted()))
    }
}

/// Refuses a `depends_on` naming a service the file does not have, as compose does.
fn check_dependencies(
    services: &BTreeMap<String, Service>,
    path: &Path,
) -> Result<(), ComposeError> {
    for service in services.values() {
        if let Some(missing) = service
            .depends_on
            .keys()
            .find(|d| !services.contains_key(*d))
        {
            let available = services
                .keys()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(ComposeError::invalid(
                path,
                format!("services.{}.depends_on.{missing}", service.name),
                format!("there is no service `{missing}`; the services are {available}"),
            ));
        }
    }
    Ok(())
}
