//! Reads the YAML tree of a service into `model::Service`, accepting every short and long form.
//!
//! Numbers and booleans are also accepted as strings, because after interpolation a
//! `retries: ${RETRIES}` is the string "10"; compose converts such values the same way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::ComposeError;
use super::model::{
    Condition, EnvFile, Healthcheck, Logging, Mount, MountKind, NamedVolume, Port, SecretRef,
    Service, Ulimit,
};
use super::scalars::{byte_size, duration_seconds, port_range, shell_words};
use super::unsupported::{self, codes};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Reads values of one file, collecting warnings.
pub(crate) struct Reader<'a> {
    /// The file, for errors.
    pub file: &'a Path,
    /// Warnings found while reading.
    pub diags: &'a mut Diagnostics,
}

type Result<T> = std::result::Result<T, ComposeError>;

impl Reader<'_> {
    /// An `Invalid` error at `path`.
    fn bad(&self, path: &str, message: impl Into<String>) -> ComposeError {
        ComposeError::invalid(self.file, path, message)
    }

    /// A scalar as text.
    fn text(&self, v: &Value, path: &str) -> Result<String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            _ => Err(self.bad(path, "expected a string")),
        }
    }

    /// A non-negative whole number, written as a number or a string.
    fn count(&self, v: &Value, path: &str) -> Result<u64> {
        match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| self.bad(path, "expected a whole number such as `3`"))
    }

    /// A whole number that may be negative (ulimits use -1 for "unlimited").
    fn integer(&self, v: &Value, path: &str) -> Result<i64> {
        match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| self.bad(path, "expected a whole number"))
    }

    /// A number such as `0.5`, written as a number or a string.
    fn decimal(&self, v: &Value, path: &str) -> Result<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
        .filter(|x: &f64| x.is_finite() && *x >= 0.0)
        .ok_or_else(|| self.bad(path, "expected a number such as `0.5`"))
    }

    /// `true` or `false`, written as a boolean or a string.
    fn flag(&self, v: &Value, path: &str) -> Result<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(self.bad(path, "expected `true` or `false`")),
        }
    }

    /// A duration such as `1m30s`, in seconds.
    fn duration(&self, v: &Value, path: &str) -> Result<f64> {
        let text = self.text(v, path)?;
        duration_seconds(&text).ok_or_else(|| {
            self.bad(
                path,
                format!("`{text}` is not a duration; write e.g. `30s` or `1m30s`"),
            )
        })
    }

    /// A size such as `512m`, in bytes.
    fn bytes(&self, v: &Value, path: &str) -> Result<u64> {
        let text = self.text(v, path)?;
        byte_size(&text).ok_or_else(|| {
            self.bad(
                path,
                format!("`{text}` is not a size; write e.g. `512m` or `1g`"),
            )
        })
    }

    /// A mapping.
    fn map<'v>(&self, v: &'v Value, path: &str) -> Result<&'v Map<String, Value>> {
        v.as_object()
            .ok_or_else(|| self.bad(path, "expected a mapping"))
    }

    /// A list, with a single scalar taken as a list of one.
    fn list<'v>(&self, v: &'v Value) -> Vec<&'v Value> {
        match v {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            other => vec![other],
        }
    }

    /// A list of strings (a single string is a list of one).
    fn strings(&self, v: &Value, path: &str) -> Result<Vec<String>> {
        self.list(v)
            .into_iter()
            .enumerate()
            .map(|(i, item)| self.text(item, &format!("{path}[{i}]")))
            .collect()
    }

    /// `command` / `entrypoint`: a list, or a string split like a shell would.
    fn command(&self, v: &Value, path: &str) -> Result<Option<Vec<String>>> {
        match v {
            Value::Null => Ok(None),
            Value::Array(_) => self.strings(v, path).map(Some),
            _ => shell_words(&self.text(v, path)?)
                .map(Some)
                .map_err(|e| self.bad(path, e)),
        }
    }

    /// A list of `KEY=value` (`KEY` alone has no value) or a mapping.
    fn key_values(&self, v: &Value, path: &str) -> Result<BTreeMap<String, Option<String>>> {
        match v {
            Value::Object(map) => map
                .iter()
                .map(|(k, val)| {
                    let value = if val.is_null() {
                        None
                    } else {
                        Some(self.text(val, &format!("{path}.{k}"))?)
                    };
                    Ok((k.clone(), value))
                })
                .collect(),
            Value::Array(_) => Ok(self
                .strings(v, path)?
                .into_iter()
                .map(|s| match s.split_once('=') {
                    Some((k, val)) => (k.to_string(), Some(val.to_string())),
                    None => (s, None),
                })
                .collect()),
            Value::Null => Ok(BTreeMap::new()),
            _ => Err(self.bad(path, "expected a list of `KEY=value` or a mapping")),
        }
    }

    /// Labels: like `key_values`, a label without a value is empty.
    fn labels(&self, v: &Value, path: &str) -> Result<BTreeMap<String, String>> {
        Ok(self
            .key_values(v, path)?
            .into_iter()
            .map(|(k, v)| (k, v.unwrap_or_default()))
            .collect())
    }

    /// Reads the service `name` from its merged mapping.
    pub fn service(&mut self, name: &str, dir: &Path, map: &Map<String, Value>) -> Result<Service> {
        let here = format!("services.{name}");
        let mut s = Service {
            name: name.to_string(),
            dir: dir.to_path_buf(),
            ..Service::default()
        };
        for (key, v) in map {
            let path = format!("{here}.{key}");
            match key.as_str() {
                "image" => s.image = Some(self.text(v, &path)?),
                "command" => s.command = self.command(v, &path)?,
                "entrypoint" => s.entrypoint = self.command(v, &path)?,
                "environment" => s.environment = self.key_values(v, &path)?,
                "env_file" => s.env_files = self.env_files(v, &path)?,
                "ports" => {
                    s.ports = self
                        .list(v)
                        .iter()
                        .enumerate()
                        .map(|(i, p)| self.port(p, &format!("{path}[{i}]")))
                        .collect::<Result<_>>()?
                }
                "volumes" => {
                    s.volumes = self
                        .list(v)
                        .iter()
                        .enumerate()
                        .map(|(i, m)| self.mount(m, &format!("{path}[{i}]")))
                        .collect::<Result<_>>()?
                }
                "depends_on" => s.depends_on = self.depends_on(v, &path)?,
                "healthcheck" => s.healthcheck = self.healthcheck(v, &path)?,
                "working_dir" => s.working_dir = Some(self.text(v, &path)?),
                "user" => s.user = Some(self.text(v, &path)?),
                "ulimits" => s.ulimits = self.ulimits(v, &path)?,
                "mem_limit" => s.mem_limit = Some(self.bytes(v, &path)?),
                "mem_reservation" => s.mem_reservation = Some(self.bytes(v, &path)?),
                "cpus" => s.cpus = Some(self.decimal(v, &path)?),
                "cpu_shares" => s.cpu_shares = Some(self.count(v, &path)?),
                "labels" => s.labels = self.labels(v, &path)?,
                "logging" => s.logging = Some(self.logging(v, &path)?),
                "log_driver" => {
                    s.logging.get_or_insert_with(Logging::default).driver =
                        Some(self.text(v, &path)?)
                }
                "log_opt" => {
                    s.logging.get_or_insert_with(Logging::default).options =
                        self.labels(v, &path)?
                }
                "stop_grace_period" => s.stop_grace_period = Some(self.duration(v, &path)?),
                "read_only" => s.read_only = Some(self.flag(v, &path)?),
                "privileged" => s.privileged = Some(self.flag(v, &path)?),
                "cap_add" => s.cap_add = self.strings(v, &path)?,
                "cap_drop" => s.cap_drop = self.strings(v, &path)?,
                "extra_hosts" => s.extra_hosts = self.extra_hosts(v, &path)?,
                "hostname" => s.hostname = Some(self.text(v, &path)?),
                "init" => s.init = Some(self.flag(v, &path)?),
                "tmpfs" => s.tmpfs = self.strings(v, &path)?,
                "secrets" => {
                    s.secrets = self
                        .list(v)
                        .iter()
                        .enumerate()
                        .map(|(i, x)| self.secret(x, &format!("{path}[{i}]")))
                        .collect::<Result<_>>()?
                }
                "scale" => {
                    s.replicas = Some(self.count(v, &path)?);
                    self.replicas_note(&path);
                }
                "deploy" => self.deploy(v, &path, &mut s)?,
                "sysctls" => s.sysctls = self.labels(v, &path)?,
                "shm_size" => s.shm_size = Some(self.bytes(v, &path)?),
                "security_opt" => s.security_opt = self.strings(v, &path)?,
                "tty" => s.tty = Some(self.flag(v, &path)?),
                "stdin_open" => s.stdin_open = Some(self.flag(v, &path)?),
                "platform" => s.platform = Some(self.text(v, &path)?),
                "network_mode" => s.network_mode = Some(self.text(v, &path)?),
                // Applied when the file was loaded: only services of active profiles get here.
                "profiles" => {}
                _ => unsupported::service_key(key, &path, self.diags),
            }
        }
        Ok(s)
    }

    /// Says where `scale` / `deploy.replicas` goes.
    fn replicas_note(&mut self, path: &str) {
        self.diags.push(
            Diagnostic::warning(codes::REPLICAS, path, "the number of copies is not a container property; it is the ECS service's desired count")
                .help("build an ECS service from this task definition; `ComposeFile::replicas` gives the count"),
        );
    }

    /// `env_file`: a path, a list of paths, or a list of `{path, required}`.
    fn env_files(&mut self, v: &Value, path: &str) -> Result<Vec<EnvFile>> {
        let mut files = Vec::new();
        for (i, item) in self.list(v).into_iter().enumerate() {
            let at = format!("{path}[{i}]");
            files.push(match item {
                Value::Object(m) => {
                    unsupported::nested_keys(
                        m.keys(),
                        &at,
                        &["path", "required", "format"],
                        self.diags,
                    );
                    let file = m
                        .get("path")
                        .ok_or_else(|| self.bad(&at, "an `env_file` entry needs `path`"))?;
                    let required = m
                        .get("required")
                        .map(|r| self.flag(r, &format!("{at}.required")))
                        .transpose()?;
                    EnvFile {
                        path: PathBuf::from(self.text(file, &at)?),
                        required: required.unwrap_or(true),
                    }
                }
                _ => EnvFile {
                    path: PathBuf::from(self.text(item, &at)?),
                    required: true,
                },
            });
        }
        Ok(files)
    }

    /// One `ports` entry, short (`"8000"`, `"80:8000/udp"`, `"127.0.0.1::80"`) or long.
    fn port(&mut self, v: &Value, path: &str) -> Result<Port> {
        if let Value::Object(m) = v {
            return self.long_port(m, path);
        }
        let text = self.text(v, path)?;
        let bad = || {
            self.bad(path, format!("`{text}` is not a port; write `8000`, `80:8000`, `8000-8010:8000-8010` or `80:8000/udp`"))
        };
        let (spec, protocol) = text.rsplit_once('/').unwrap_or((&text, "tcp"));
        let (host_ip, rest) = match spec.strip_prefix('[') {
            Some(v6) => {
                let (ip, rest) = v6.split_once("]:").ok_or_else(bad)?;
                (Some(ip.to_string()), rest)
            }
            None => (None, spec),
        };
        let parts: Vec<&str> = rest.split(':').collect();
        let (host_ip, published, target) = match (host_ip, parts.as_slice()) {
            (None, [target]) => (None, "", *target),
            (ip, [published, target]) => (ip, *published, *target),
            (None, [ip, published, target]) => (Some((*ip).to_string()), *published, *target),
            _ => return Err(bad()),
        };
        let target = port_range(target).ok_or_else(bad)?;
        let published = if published.is_empty() {
            None
        } else {
            Some(port_range(published).ok_or_else(bad)?)
        };
        Ok(Port {
            target,
            published,
            host_ip: host_ip.filter(|ip| !ip.is_empty()),
            protocol: protocol.to_string(),
            name: None,
            app_protocol: None,
            mode: None,
        })
    }

    /// The long `ports` syntax.
    fn long_port(&mut self, m: &Map<String, Value>, path: &str) -> Result<Port> {
        unsupported::nested_keys(
            m.keys(),
            path,
            &[
                "target",
                "published",
                "host_ip",
                "protocol",
                "mode",
                "name",
                "app_protocol",
            ],
            self.diags,
        );
        let range = |key: &str| -> Result<Option<(u16, u16)>> {
            let Some(v) = m.get(key).filter(|v| !v.is_null()) else {
                return Ok(None);
            };
            let text = self.text(v, &format!("{path}.{key}"))?;
            port_range(&text).map(Some).ok_or_else(|| {
                self.bad(
                    &format!("{path}.{key}"),
                    format!("`{text}` is not a port or a range"),
                )
            })
        };
        let target = range("target")?
            .ok_or_else(|| self.bad(path, "a long port needs `target`, the container port"))?;
        let published = range("published")?;
        let optional = |key: &str| {
            m.get(key)
                .filter(|v| !v.is_null())
                .map(|v| self.text(v, &format!("{path}.{key}")))
                .transpose()
        };
        Ok(Port {
            target,
            published,
            host_ip: optional("host_ip")?,
            protocol: optional("protocol")?.unwrap_or_else(|| "tcp".to_string()),
            name: optional("name")?,
            app_protocol: optional("app_protocol")?,
            mode: optional("mode")?,
        })
    }

    /// One `volumes` entry, short (`name:/path:ro`, `./dir:/path`, `/path`) or long.
    fn mount(&mut self, v: &Value, path: &str) -> Result<Mount> {
        if let Value::Object(m) = v {
            return self.long_mount(m, path);
        }
        let text = self.text(v, path)?;
        let parts: Vec<&str> = text.split(':').collect();
        let (source, target, options) = match parts.as_slice() {
            [target] => (None, *target, ""),
            [source, target] => (Some(*source), *target, ""),
            [source, target, options] => (Some(*source), *target, *options),
            _ => return Err(self.bad(path, format!("`{text}` is not a volume; write `name:/path`, `./dir:/path` or `/path`, with `:ro` to mount read-only"))),
        };
        if target.is_empty() || source.is_some_and(str::is_empty) {
            return Err(self.bad(
                path,
                format!("`{text}` has an empty part; write `source:/container/path`"),
            ));
        }
        let kind = match source {
            Some(s) if s.starts_with(['/', '.', '~']) => MountKind::Bind,
            _ => MountKind::Volume,
        };
        let read_only = options.split(',').any(|o| o == "ro");
        Ok(Mount {
            kind,
            source: source.map(str::to_string),
            target: target.to_string(),
            read_only,
            tmpfs_size: None,
        })
    }

    /// The long `volumes` syntax.
    fn long_mount(&mut self, m: &Map<String, Value>, path: &str) -> Result<Mount> {
        unsupported::nested_keys(
            m.keys(),
            path,
            &[
                "type",
                "source",
                "target",
                "read_only",
                "bind",
                "volume",
                "tmpfs",
                "consistency",
            ],
            self.diags,
        );
        let text = |r: &Self, key: &str| {
            m.get(key)
                .filter(|v| !v.is_null())
                .map(|v| r.text(v, &format!("{path}.{key}")))
                .transpose()
        };
        let kind =
            match text(self, "type")?.as_deref() {
                Some("volume") | None => MountKind::Volume,
                Some("bind") => MountKind::Bind,
                Some("tmpfs") => MountKind::Tmpfs,
                Some(other) => return Err(self.bad(
                    &format!("{path}.type"),
                    format!(
                        "volume type `{other}` is not supported; use `volume`, `bind` or `tmpfs`"
                    ),
                )),
            };
        let target = text(self, "target")?.ok_or_else(|| {
            self.bad(
                path,
                "a long volume needs `target`, the path in the container",
            )
        })?;
        let read_only = m
            .get("read_only")
            .map(|v| self.flag(v, &format!("{path}.read_only")))
            .transpose()?
            .unwrap_or(false);
        let tmpfs_size = match m.get("tmpfs") {
            Some(t) => {
                let t = self.map(t, &format!("{path}.tmpfs"))?;
                unsupported::nested_keys(
                    t.keys(),
                    &format!("{path}.tmpfs"),
                    &["size", "mode"],
                    self.diags,
                );
                t.get("size")
                    .map(|v| self.bytes(v, &format!("{path}.tmpfs.size")))
                    .transpose()?
            }
            None => None,
        };
        Ok(Mount {
            kind,
            source: text(self, "source")?,
            target,
            read_only,
            tmpfs_size,
        })
    }

    /// `depends_on`: a list of services, or a mapping of service to `{condition}`.
    fn depends_on(&mut self, v: &Value, path: &str) -> Result<BTreeMap<String, Condition>> {
        if let Value::Object(m) = v {
            let mut deps = BTreeMap::new();
            for (name, options) in m {
                let at = format!("{path}.{name}");
                let condition = match options {
                    Value::Null => Condition::Started,
                    _ => {
                        let o = self.map(options, &at)?;
                        unsupported::nested_keys(
                            o.keys(),
                            &at,
                            &["condition", "required", "restart"],
                            self.diags,
                        );
                        match o.get("condition").map(|c| self.text(c, &format!("{at}.condition"))).transpose()?.as_deref() {
                            None | Some("service_started") => Condition::Started,
                            Some("service_healthy") => Condition::Healthy,
                            Some("service_completed_successfully") => Condition::CompletedSuccessfully,
                            Some(other) => return Err(self.bad(&format!("{at}.condition"), format!(
                                "`{other}` is not a condition; use `service_started`, `service_healthy` or `service_completed_successfully`"
                            ))),
                        }
                    }
                };
                deps.insert(name.clone(), condition);
            }
            return Ok(deps);
        }
        Ok(self
            .strings(v, path)?
            .into_iter()
            .map(|name| (name, Condition::Started))
            .collect())
    }

    /// `healthcheck`; `None` when disabled.
    fn healthcheck(&mut self, v: &Value, path: &str) -> Result<Option<Healthcheck>> {
        let m = self.map(v, path)?;
        unsupported::nested_keys(
            m.keys(),
            path,
            &[
                "test",
                "interval",
                "timeout",
                "retries",
                "start_period",
                "start_interval",
                "disable",
            ],
            self.diags,
        );
        if m.get("disable")
            .map(|d| self.flag(d, &format!("{path}.disable")))
            .transpose()?
            == Some(true)
        {
            return Ok(None);
        }
        if m.contains_key("start_interval") {
            self.diags.push(Diagnostic::warning(
                codes::NO_COUNTERPART,
                format!("{path}.start_interval"),
                "`start_interval` is ignored: ECS checks at one interval",
            ));
        }
        let test = match m.get("test") {
            None | Some(Value::Null) => None,
            Some(Value::Array(_)) => Some(self.strings(&m["test"], &format!("{path}.test"))?),
            Some(t) => Some(vec![
                "CMD-SHELL".to_string(),
                self.text(t, &format!("{path}.test"))?,
            ]),
        };
        match test.as_ref().and_then(|t| t.first()).map(String::as_str) {
            Some("NONE") => return Ok(None),
            None | Some("CMD" | "CMD-SHELL") => {}
            Some(other) => {
                return Err(self.bad(
                    &format!("{path}.test"),
                    format!("a test list starts with `CMD`, `CMD-SHELL` or `NONE`, not `{other}`"),
                ));
            }
        }
        let seconds = |key: &str| {
            m.get(key)
                .map(|d| self.duration(d, &format!("{path}.{key}")))
                .transpose()
        };
        Ok(Some(Healthcheck {
            test,
            interval: seconds("interval")?,
            timeout: seconds("timeout")?,
            start_period: seconds("start_period")?,
            retries: m
                .get("retries")
                .map(|r| self.count(r, &format!("{path}.retries")))
                .transpose()?,
        }))
    }

    /// `ulimits`: `name: limit` or `name: {soft, hard}`.
    fn ulimits(&mut self, v: &Value, path: &str) -> Result<BTreeMap<String, Ulimit>> {
        let mut limits = BTreeMap::new();
        for (name, limit) in self.map(v, path)? {
            let at = format!("{path}.{name}");
            let ulimit = match limit {
                Value::Object(m) => {
                    unsupported::nested_keys(m.keys(), &at, &["soft", "hard"], self.diags);
                    let get = |k: &str| {
                        m.get(k)
                            .ok_or_else(|| self.bad(&at, "write both `soft` and `hard`"))
                            .and_then(|x| self.integer(x, &format!("{at}.{k}")))
                    };
                    Ulimit {
                        soft: get("soft")?,
                        hard: get("hard")?,
                    }
                }
                _ => {
                    let n = self.integer(limit, &at)?;
                    Ulimit { soft: n, hard: n }
                }
            };
            limits.insert(name.clone(), ulimit);
        }
        Ok(limits)
    }

    /// `logging: {driver, options}`.
    fn logging(&mut self, v: &Value, path: &str) -> Result<Logging> {
        let m = self.map(v, path)?;
        unsupported::nested_keys(m.keys(), path, &["driver", "options"], self.diags);
        Ok(Logging {
            driver: m
                .get("driver")
                .map(|d| self.text(d, &format!("{path}.driver")))
                .transpose()?,
            options: m
                .get("options")
                .map(|o| self.labels(o, &format!("{path}.options")))
                .transpose()?
                .unwrap_or_default(),
        })
    }

    /// `extra_hosts`: `host:ip` / `host=ip` strings, or a mapping.
    fn extra_hosts(&mut self, v: &Value, path: &str) -> Result<Vec<(String, String)>> {
        if let Value::Object(m) = v {
            return m
                .iter()
                .map(|(h, ip)| Ok((h.clone(), self.text(ip, &format!("{path}.{h}"))?)))
                .collect();
        }
        self.strings(v, path)?
            .into_iter()
            .enumerate()
            .map(|(i, entry)| {
                let split = entry.split_once('=').or_else(|| entry.split_once(':'));
                split
                    .filter(|(h, ip)| !h.is_empty() && !ip.is_empty())
                    .map(|(h, ip)| {
                        (
                            h.to_string(),
                            ip.trim_start_matches('[').trim_end_matches(']').to_string(),
                        )
                    })
                    .ok_or_else(|| {
                        self.bad(
                            &format!("{path}[{i}]"),
                            format!("`{entry}` is not `host=ip`"),
                        )
                    })
            })
            .collect()
    }

    /// One `secrets` entry: a name, or `{source, target, …}`.
    fn secret(&mut self, v: &Value, path: &str) -> Result<SecretRef> {
        match v {
            Value::Object(m) => {
                unsupported::nested_keys(
                    m.keys(),
                    path,
                    &["source", "target", "uid", "gid", "mode"],
                    self.diags,
                );
                let source = m
                    .get("source")
                    .ok_or_else(|| self.bad(path, "a long secret needs `source`"))?;
                Ok(SecretRef {
                    source: self.text(source, &format!("{path}.source"))?,
                    target: m
                        .get("target")
                        .map(|t| self.text(t, &format!("{path}.target")))
                        .transpose()?,
                })
            }
            _ => Ok(SecretRef {
                source: self.text(v, path)?,
                target: None,
            }),
        }
    }

    /// `deploy`: replicas and resources are read; the swarm settings are reported.
    fn deploy(&mut self, v: &Value, path: &str, s: &mut Service) -> Result<()> {
        for (key, value) in self.map(v, path)? {
            let at = format!("{path}.{key}");
            match key.as_str() {
                "replicas" => {
                    s.replicas = Some(self.count(value, &at)?);
                    self.replicas_note(&at);
                }
                "resources" => self.resources(value, &at, s)?,
                "mode" | "endpoint_mode" | "labels" | "placement" | "restart_policy"
                | "rollback_config" | "update_config" => {
                    self.diags.push(
                        Diagnostic::warning(
                            codes::NO_COUNTERPART,
                            &at,
                            format!("`deploy.{key}` is ignored: it is a swarm setting"),
                        )
                        .help(
                            "set the ECS service's deployment configuration or placement in Rust",
                        ),
                    );
                }
                _ => unsupported::unknown_key(
                    key,
                    &at,
                    [
                        "replicas",
                        "resources",
                        "mode",
                        "placement",
                        "restart_policy",
                        "update_config",
                    ]
                    .into_iter(),
                    self.diags,
                ),
            }
        }
        Ok(())
    }

    /// `deploy.resources`: limits become the hard limits, reservations the soft ones, unless the
    /// service sets `mem_limit` / `cpus` / `mem_reservation` itself.
    fn resources(&mut self, v: &Value, path: &str, s: &mut Service) -> Result<()> {
        let m = self.map(v, path)?;
        unsupported::nested_keys(m.keys(), path, &["limits", "reservations"], self.diags);
        if let Some(limits) = m.get("limits") {
            let at = format!("{path}.limits");
            let l = self.map(limits, &at)?;
            unsupported::nested_keys(l.keys(), &at, &["cpus", "memory", "pids"], self.diags);
            if let (None, Some(mem)) = (s.mem_limit, l.get("memory")) {
                s.mem_limit = Some(self.bytes(mem, &format!("{at}.memory"))?);
            }
            if let (None, Some(cpus)) = (s.cpus, l.get("cpus")) {
                s.cpus = Some(self.decimal(cpus, &format!("{at}.cpus"))?);
            }
            if l.contains_key("pids") {
                self.diags.push(Diagnostic::warning(
                    codes::NO_COUNTERPART,
                    format!("{at}.pids"),
                    "`pids` is ignored: ECS does not expose a PID limit",
                ));
            }
        }
        if let Some(reservations) = m.get("reservations") {
            let at = format!("{path}.reservations");
            let r = self.map(reservations, &at)?;
            for key in r.keys() {
                match key.as_str() {
                    "memory" if s.mem_reservation.is_none() => {
                        s.mem_reservation = Some(self.bytes(&r[key], &format!("{at}.memory"))?)
                    }
                    "memory" => {}
                    _ => self.diags.push(Diagnostic::warning(
                        codes::NO_COUNTERPART,
                        format!("{at}.{key}"),
                        format!("`{key}` reservations are ignored; only memory is imported"),
                    )),
                }
            }
        }
        Ok(())
    }

    /// The top-level `volumes:` declarations.
    pub fn named_volumes(&mut self, v: Option<&Value>) -> Result<BTreeMap<String, NamedVolume>> {
        let Some(v) = v.filter(|v| !v.is_null()) else {
            return Ok(BTreeMap::new());
        };
        let mut volumes = BTreeMap::new();
        for (name, decl) in self.map(v, "volumes")? {
            let at = format!("volumes.{name}");
            let volume = match decl {
                Value::Null => NamedVolume::default(),
                _ => {
                    let m = self.map(decl, &at)?;
                    unsupported::nested_keys(
                        m.keys(),
                        &at,
                        &["driver", "driver_opts", "external", "labels", "name"],
                        self.diags,
                    );
                    NamedVolume {
                        driver: m
                            .get("driver")
                            .map(|d| self.text(d, &format!("{at}.driver")))
                            .transpose()?,
                        driver_opts: m
                            .get("driver_opts")
                            .map(|o| self.labels(o, &format!("{at}.driver_opts")))
                            .transpose()?
                            .unwrap_or_default(),
                        labels: m
                            .get("labels")
                            .map(|o| self.labels(o, &format!("{at}.labels")))
                            .transpose()?
                            .unwrap_or_default(),
                        external: match m.get("external") {
                            None => false,
                            Some(Value::Object(_)) => true,
                            Some(e) => self.flag(e, &format!("{at}.external"))?,
                        },
                    }
                }
            };
            volumes.insert(name.clone(), volume);
        }
        Ok(volumes)
    }
}
