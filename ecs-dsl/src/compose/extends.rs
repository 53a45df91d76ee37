//! `extends`: a service built on another, in the same file or another one, merged the way the
//! Compose Specification says (mappings merge, a few lists append or merge by target, the rest
//! is replaced by the extending service).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::{Map, Value};

use super::error::ComposeError;
use super::source::Source;
use crate::diagnostics::Diagnostics;

/// How many services one `extends` chain may go through; longer is refused rather than risking
/// the stack.
const MAX_DEPTH: usize = 32;

/// Keys whose lists are appended (without duplicates) rather than replaced.
const APPENDED: &[&str] = &[
    "cap_add",
    "cap_drop",
    "dns",
    "dns_search",
    "env_file",
    "expose",
    "external_links",
    "extra_hosts",
    "group_add",
    "links",
    "ports",
    "security_opt",
    "tmpfs",
];

/// Keys that may be a list of `KEY=value` or a mapping, merged as mappings.
const KEY_VALUE: &[&str] = &["environment", "labels", "sysctls", "annotations"];

/// Resolves `extends` for the services of one compose file.
pub(crate) struct Resolver<'a> {
    main: &'a Source,
    /// The services of `main`, read once (a copy per service would make loading quadratic).
    main_services: Map<String, Value>,
    vars: &'a BTreeMap<String, String>,
    diags: &'a mut Diagnostics,
    /// The services of other files met through `extends.file`, by path.
    others: BTreeMap<PathBuf, Rc<Map<String, Value>>>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `main`; other files are read with `vars`, their warnings go to `diags`.
    /// Fails when `main` has no valid `services` mapping.
    pub fn new(
        main: &'a Source,
        vars: &'a BTreeMap<String, String>,
        diags: &'a mut Diagnostics,
    ) -> Result<Self, ComposeError> {
        Ok(Resolver {
            main_services: main.services()?,
            main,
            vars,
            diags,
            others: BTreeMap::new(),
        })
    }

    /// The service `name` of the main file with everything it extends merged in.
    pub fn resolve(&mut self, name: &str) -> Result<Map<String, Value>, ComposeError> {
        let services = std::mem::take(&mut self.main_services);
        let path = self.main.path.clone();
        let resolved = self.resolve_in(&path, &services, name, &mut Vec::new());
        self.main_services = services;
        resolved
    }

    /// Resolves `name` among `services` of `file`; `chain` holds the services being resolved.
    fn resolve_in(
        &mut self,
        file: &Path,
        services: &Map<String, Value>,
        name: &str,
        chain: &mut Vec<(PathBuf, String)>,
    ) -> Result<Map<String, Value>, ComposeError> {
        let here = format!("services.{name}");
        let key = (file.to_path_buf(), name.to_string());
        if chain.len() >= MAX_DEPTH {
            return Err(ComposeError::invalid(
                file,
                format!("{here}.extends"),
                format!("`extends` chains more than {MAX_DEPTH} services"),
            ));
        }
        if chain.contains(&key) {
            let cycle = chain
                .iter()
                .map(|(_, n)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" → ");
            return Err(ComposeError::invalid(
                file,
                format!("{here}.extends"),
                format!("`extends` loops: {cycle} → `{name}`"),
            ));
        }
        let mut service = match services.get(name) {
            Some(Value::Object(map)) => map.clone(),
            Some(Value::Null) => Map::new(),
            Some(_) => {
                return Err(ComposeError::invalid(
                    file,
                    here,
                    "a service must be a mapping",
                ));
            }
            None => {
                let available = services
                    .keys()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(ComposeError::invalid(
                    file,
                    "services",
                    format!("no service `{name}` to extend; the services are {available}"),
                ));
            }
        };
        let Some(extends) = service.remove("extends") else {
            return Ok(service);
        };
        let (base_name, base_file) = parse_extends(&extends, file, &here)?;
        chain.push(key);
        let base = match base_file {
            None => self.resolve_in(file, services, &base_name, chain)?,
            Some(relative) => {
                let dir = file.parent().unwrap_or(Path::new(""));
                let other_path = dir.join(&relative);
                let other_services = self.other(&other_path)?;
                let base = self.resolve_in(&other_path, &other_services, &base_name, chain)?;
                rebase_paths(base, relative.parent().unwrap_or(Path::new("")))
            }
        };
        chain.pop();
        Ok(merge_service(base, service))
    }

    /// The services of another compose file, read once and shared.
    fn other(&mut self, path: &Path) -> Result<Rc<Map<String, Value>>, ComposeError> {
        if let Some(found) = self.others.get(path) {
            return Ok(Rc::clone(found));
        }
        let services = Rc::new(Source::load(path, self.vars, self.diags)?.services()?);
        self.others.insert(path.to_path_buf(), Rc::clone(&services));
        Ok(services)
    }
}

fn parse_extends(
    value: &Value,
    file: &Path,
    here: &str,
) -> Result<(String, Option<PathBuf>), ComposeError> {
    let bad = || {
        ComposeError::invalid(
            file,
            format!("{here}.extends"),
            "write `extends: {service: NAME}` or `extends: {service: NAME, file: PATH}`",
        )
    };
    match value {
        Value::String(name) => Ok((name.clone(), None)),
        Value::Object(map) => {
            if map.keys().any(|k| k != "service" && k != "file") {
                return Err(bad());
            }
            let name = map.get("service").and_then(Value::as_str).ok_or_else(bad)?;
            let other = match map.get("file") {
                None => None,
                Some(Value::String(f)) => Some(PathBuf::from(f)),
                Some(_) => return Err(bad()),
            };
            Ok((name.to_string(), other))
        }
        _ => Err(bad()),
    }
}

/// Makes the relative paths of a service from a file in directory `prefix` (relative to the
/// extending file) relative to the extending file instead.
fn rebase_paths(mut service: Map<String, Value>, prefix: &Path) -> Map<String, Value> {
    if prefix.as_os_str().is_empty() {
        return service;
    }
    let rebase = |p: &str| {
        if Path::new(p).is_absolute() {
            p.to_string()
        } else {
            prefix.join(p).to_string_lossy().into_owned()
        }
    };
    if let Some(env_file) = service.get_mut("env_file") {
        match env_file {
            Value::String(p) => *p = rebase(p),
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::String(p) => *p = rebase(p),
                        Value::Object(m) => {
                            if let Some(Value::String(p)) = m.get_mut("path") {
                                *p = rebase(p);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(Value::Array(volumes)) = service.get_mut("volumes") {
        for volume in volumes {
            match volume {
                Value::String(short) => {
                    if let Some((source, rest)) = short.split_once(':')
                        && is_dot_path(source)
                    {
                        *short = format!("{}:{rest}", rebase(source));
                    }
                }
                Value::Object(m) => {
                    if let Some(Value::String(p)) = m.get_mut("source")
                        && is_dot_path(p)
                    {
                        *p = rebase(p);
                    }
                }
                _ => {}
            }
        }
    }
    service
}

/// Whether a volume source is a host path relative to the compose file (`.` or `..` first).
pub(crate) fn is_dot_path(p: &str) -> bool {
    p == "." || p == ".." || p.starts_with("./") || p.starts_with("../")
}

/// `base` with `over` merged on top.
pub(crate) fn merge_service(
    mut base: Map<String, Value>,
    over: Map<String, Value>,
) -> Map<String, Value> {
    for (key, value) in over {
        let merged = match base.remove(&key) {
            None => value,
            Some(old) => merge_key(&key, old, value),
        };
        base.insert(key, merged);
    }
    base
}

/// The merged value of one service key.
fn merge_key(key: &str, old: Value, new: Value) -> Value {
    match key {
        _ if KEY_VALUE.contains(&key) => {
            Value::Object(merge_maps(key_value_map(old), key_value_map(new)))
        }
        "depends_on" => Value::Object(merge_maps(depends_on_map(old), depends_on_map(new))),
        "volumes" => merge_by(old, new, volume_target),
        "secrets" | "configs" => merge_by(old, new, secret_target),
        "command" | "entrypoint" => new,
        _ if APPENDED.contains(&key) => append_unique(old, new),
        _ => deep_merge(old, new),
    }
}

/// Mappings merged recursively; anything else is replaced.
fn deep_merge(old: Value, new: Value) -> Value {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => Value::Object(merge_maps(a, b)),
        (_, new) => new,
    }
}

/// `b` over `a`, recursively for nested mappings.
fn merge_maps(mut a: Map<String, Value>, b: Map<String, Value>) -> Map<String, Value> {
    for (k, v) in b {
        let merged = match a.remove(&k) {
            Some(old) => deep_merge(old, v),
            None => v,
        };
        a.insert(k, merged);
    }
    a
}

/// A list of `KEY=value` (or `KEY`) as a mapping; a mapping as it is.
fn key_value_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(match s.split_once('=') {
                    Some((k, v)) => (k.to_string(), Value::String(v.to_string())),
                    None => (s, Value::Null),
                }),
                _ => None,
            })
            .collect(),
        _ => Map::new(),
    }
}

/// `depends_on` as a mapping of service to options.
fn depends_on_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| {
                item.as_str().map(|name| {
                    (
                        name.to_string(),
                        serde_json::json!({"condition": "service_started"}),
                    )
                })
            })
            .collect(),
        _ => Map::new(),
    }
}

/// Both lists (a single string counts as a list of one), without repeating an item.
fn append_unique(old: Value, new: Value) -> Value {
    let mut items = as_list(old);
    for item in as_list(new) {
        if !items.contains(&item) {
            items.push(item);
        }
    }
    Value::Array(items)
}

/// A list, with a scalar taken as a list of one.
fn as_list(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// Both lists, an item of `new` replacing the item of `old` with the same key.
fn merge_by(old: Value, new: Value, key: fn(&Value) -> Option<String>) -> Value {
    let new = as_list(new);
    let replaced: Vec<Option<String>> = new.iter().map(key).collect();
    let mut items: Vec<Value> = as_list(old)
        .into_iter()
        .filter(|item| key(item).is_none_or(|k| !replaced.contains(&Some(k))))
        .collect();
    items.extend(new);
    Value::Array(items)
}

/// The container path of a volume entry.
fn volume_target(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => {
            let parts: Vec<&str> = s.split(':').collect();
            Some(if parts.len() == 1 { parts[0] } else { parts[1] }.to_string())
        }
        Value::Object(m) => m.get("target").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// The target of a secret or config entry.
fn secret_target(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => m
            .get("target")
            .or_else(|| m.get("source"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn merge_rules() {
        let base = obj(json!({
            "image": "a", "command": ["x", "y"], "environment": ["A=1", "B=2"], "ports": ["80"],
            "volumes": ["data:/data", "/logs"], "healthcheck": {"test": ["CMD", "a"], "retries": 3},
            "depends_on": ["db"]
        }));
        let over = obj(json!({
            "command": ["z"], "environment": {"B": "3", "C": "4"}, "ports": ["80", "81"],
            "volumes": ["other:/data"], "healthcheck": {"test": ["CMD", "b"]},
            "depends_on": {"cache": {"condition": "service_healthy"}}
        }));
        let merged = Value::Object(merge_service(base, over));
        assert_eq!(
            merged,
            json!({
                "image": "a", "command": ["z"], "environment": {"A": "1", "B": "3", "C": "4"}, "ports": ["80", "81"],
                "volumes": ["/logs", "other:/data"], "healthcheck": {"test": ["CMD", "b"], "retries": 3},
                "depends_on": {"db": {"condition": "service_started"}, "cache": {"condition": "service_healthy"}}
            })
        );
    }

    #[test]
    fn rebases_relative_paths_of_another_file() {
        let service = obj(
            json!({"env_file": ["./a.env", {"path": "b.env"}], "volumes": ["./src:/src", "named:/x", "/abs:/y"]}),
        );
        let rebased = Value::Object(rebase_paths(service, Path::new("common")));
        assert_eq!(
            rebased,
            json!({"env_file": ["common/./a.env", {"path": "common/b.env"}], "volumes": ["common/./src:/src", "named:/x", "/abs:/y"]})
        );
    }
}
