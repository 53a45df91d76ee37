//! `ComposeFile`: a loaded compose file and the import of its services.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::env_file::read_env_file;
use super::error::ComposeError;
use super::extends::{Resolver, merge_service};
use super::load_options::LoadOptions;
use super::model::{Condition, NamedVolume, Service};
use super::options::ImportOptions;
use super::read::Reader;
use super::safe_read::{MAX_COMPOSE_BYTES, read_required};
use super::source::Source;
use super::spec::ContainerSpec;
use super::to_container::{Context, to_container};
use super::unsupported::{self, codes};
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde_json::{Map, Value};

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
        ComposeFile::load_files(&[path], &LoadOptions::new().vars(vars.clone()))
    }

    /// Loads `files` the way `docker compose -f a -f b` does: each file is interpolated and its
    /// `extends` resolved, then later files are merged onto earlier ones service by service.
    /// Relative paths start from the first file's directory; variables come from
    /// `options.vars`, then from the env files; services of inactive profiles are left out.
    pub fn load_files(
        files: &[impl AsRef<Path>],
        options: &LoadOptions,
    ) -> Result<ComposeFile, ComposeError> {
        let Some(first) = files.first() else {
            return Err(ComposeError::invalid(
                Path::new("(no file)"),
                "(top level)",
                "no compose file was given; name at least one",
            ));
        };
        let dir = first
            .as_ref()
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let mut texts = Vec::new();
        for file in files {
            let path = file.as_ref();
            texts.push((read_required(path, MAX_COMPOSE_BYTES)?, path.to_path_buf()));
        }
        ComposeFile::assemble(&texts, &dir, options)
    }

    /// Loads compose `text` as if it were a file in `base_dir` (for `extends.file`, `env_file`
    /// and `.env`). Variables come from `vars`, then from `base_dir/.env`.
    pub fn from_str(
        text: &str,
        base_dir: impl AsRef<Path>,
        vars: &BTreeMap<String, String>,
    ) -> Result<ComposeFile, ComposeError> {
        let dir = base_dir.as_ref();
        ComposeFile::assemble(
            &[(text.to_string(), dir.join("<inline compose file>"))],
            dir,
            &LoadOptions::new().vars(vars.clone()),
        )
    }

    /// Does the loading for `load_files` and `from_str`: `texts` are the files' contents and
    /// paths, in `-f` order.
    fn assemble(
        texts: &[(String, PathBuf)],
        dir: &Path,
        options: &LoadOptions,
    ) -> Result<ComposeFile, ComposeError> {
        let vars = variables(dir, options)?;
        let mut diagnostics = Diagnostics::new();
        let mut merged = Map::new();
        let mut top = Map::new();
        for (text, path) in texts {
            let source = Source::parse(text, path, &vars, &mut diagnostics)?;
            for key in source.root.keys() {
                unsupported::top_level_key(key, &mut diagnostics);
            }
            for (key, names) in ["services", "volumes", "secrets"].iter().filter_map(|k| {
                source
                    .root
                    .get(*k)
                    .and_then(Value::as_object)
                    .map(|m| (*k, m))
            }) {
                for name in names.keys() {
                    check_name(key, name, path)?;
                }
            }
            for key in ["volumes", "secrets"] {
                if let Some(Value::Object(decls)) = source.root.get(key) {
                    let entry = top.entry(key).or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(known) = entry {
                        known.extend(decls.iter().map(|(k, v)| (k.clone(), v.clone())));
                    }
                }
            }
            let names: Vec<String> = source.services()?.keys().cloned().collect();
            let mut resolver = Resolver::new(&source, &vars, &mut diagnostics)?;
            for name in names {
                let resolved = resolver.resolve(&name)?;
                let service = match merged.remove(&name) {
                    Some(Value::Object(base)) => merge_service(base, resolved),
                    _ => resolved,
                };
                merged.insert(name, Value::Object(service));
            }
        }
        let path = texts[0].1.clone();
        let disabled = drop_inactive_profiles(
            &mut merged,
            &options.active_profiles(&vars),
            &mut diagnostics,
        );
        let named_volumes = Reader {
            file: &path,
            diags: &mut diagnostics,
        }
        .named_volumes(top.get("volumes"))?;
        let mut services = BTreeMap::new();
        let mut service_diagnostics = BTreeMap::new();
        for (name, service) in &merged {
            let mut diags = Diagnostics::new();
            let empty = Map::new();
            let service = Reader {
                file: &path,
                diags: &mut diags,
            }
            .service(name, dir, service.as_object().unwrap_or(&empty))?;
            services.insert(name.clone(), service);
            service_diagnostics.insert(name.clone(), diags);
        }
        check_dependencies(&services, &disabled, &path)?;
        Ok(ComposeFile {
            path,
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

/// The variables of the files: the env files (by default `.env` in `dir`), each interpolated
/// with what came before, then `options.vars` on top.
fn variables(dir: &Path, options: &LoadOptions) -> Result<BTreeMap<String, String>, ComposeError> {
    let mut vars = BTreeMap::new();
    if options.env_files.is_empty() {
        vars = read_env_file(&dir.join(".env"), &options.vars)?.unwrap_or_default();
    }
    for file in &options.env_files {
        let mut lookup = vars.clone();
        lookup.extend(options.vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        let found = read_env_file(file, &lookup)?.ok_or_else(|| ComposeError::Io {
            file: file.clone(),
            message: "no such env file".to_string(),
        })?;
        vars.extend(found);
    }
    vars.extend(options.vars.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(vars)
}

/// Refuses a service, volume or secret name compose would refuse (it must match
/// `[a-zA-Z0-9._-]+`), so that no name can carry a newline or a quote into the eject.
fn check_name(section: &str, name: &str, file: &Path) -> Result<(), ComposeError> {
    let valid = !name.is_empty()
        && name.len() <= 255
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if valid {
        return Ok(());
    }
    Err(ComposeError::invalid(
        file,
        section,
        format!(
            "{name:?} is not a valid name: compose names are letters, digits, `.`, `_` and `-` (at most 255)"
        ),
    ))
}

/// Removes the services none of whose `profiles` is active; returns them with their profiles.
fn drop_inactive_profiles(
    services: &mut Map<String, Value>,
    active: &[String],
    diags: &mut Diagnostics,
) -> BTreeMap<String, Vec<String>> {
    let mut disabled = BTreeMap::new();
    services.retain(|name, service| {
        let profiles: Vec<String> = service
            .get("profiles")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        if profiles.is_empty() || profiles.iter().any(|p| active.contains(p)) {
            return true;
        }
        diags.push(
            Diagnostic::warning(
                codes::PROFILE_INACTIVE,
                format!("services.{name}"),
                format!(
                    "`{name}` is not imported: none of its profiles ({}) is active",
                    quoted_list(&profiles)
                ),
            )
            .help(format!("pass `--profile {}` to import it", profiles[0])),
        );
        disabled.insert(name.clone(), profiles);
        false
    });
    disabled
}

/// `` `a`, `b` ``.
fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses a `depends_on` naming a service the file does not have, as compose does, or one of an
/// inactive profile.
fn check_dependencies(
    services: &BTreeMap<String, Service>,
    disabled: &BTreeMap<String, Vec<String>>,
    path: &Path,
) -> Result<(), ComposeError> {
    for service in services.values() {
        let Some(missing) = service
            .depends_on
            .keys()
            .find(|d| !services.contains_key(*d))
        else {
            continue;
        };
        let at = format!("services.{}.depends_on.{missing}", service.name);
        if let Some(profiles) = disabled.get(missing) {
            return Err(ComposeError::invalid(
                path,
                at,
                format!(
                    "`{missing}` is in profiles {} none of which is active; pass `--profile {}`",
                    quoted_list(profiles),
                    profiles[0]
                ),
            ));
        }
        let available = quoted_list(&services.keys().cloned().collect::<Vec<_>>());
        return Err(ComposeError::invalid(
            path,
            at,
            format!("there is no service `{missing}`; the services are {available}"),
        ));
    }
    Ok(())
}
