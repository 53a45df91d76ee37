//! A compose service → `ContainerSpec`, with a diagnostic for every part ECS cannot express.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::env_file::read_env_file;
use super::error::ComposeError;
use super::interpolate::substitute;
use super::model::{Condition, Healthcheck, Logging, NamedVolume, Port, Service};
use super::mounts::mounts;
use super::options::ImportOptions;
use super::spec::{
    ContainerSpec, DependencyCondition, DependencySpec, HealthCheckSpec, HostEntrySpec,
    LogConfigurationSpec, PortMappingSpec, SecretSpec, UlimitSpec,
};
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The most ports one range may expand to.
const MAX_RANGE: usize = 100;

/// The ulimit names ECS accepts.
const ECS_ULIMITS: &[&str] = &[
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

/// The log drivers ECS accepts.
const ECS_LOG_DRIVERS: &[&str] = &[
    "awsfirelens",
    "awslogs",
    "fluentd",
    "gelf",
    "journald",
    "json-file",
    "logentries",
    "splunk",
    "syslog",
];

/// Everything a conversion needs besides the service.
pub(crate) struct Context<'a> {
    /// The compose file, for errors.
    pub file: &'a Path,
    /// Every service of the file.
    pub services: &'a BTreeMap<String, Service>,
    /// The top-level `volumes:`.
    pub named_volumes: &'a BTreeMap<String, NamedVolume>,
    /// The variables (`.env` and the caller's), for `environment: [KEY]`.
    pub vars: &'a BTreeMap<String, String>,
    /// The services that go into the same task definition.
    pub task: &'a BTreeSet<String>,
    /// The caller's choices.
    pub options: &'a ImportOptions,
}

/// Converts one service; `diags` gets what was left out or changed.
pub(crate) fn to_container(
    s: &Service,
    cx: &Context<'_>,
    diags: &mut Diagnostics,
) -> Result<ContainerSpec, ComposeError> {
    let here = format!("services.{}", s.name);
    let image = s.image.clone().ok_or_else(|| {
        ComposeError::invalid(
            cx.file,
            format!("{here}.image"),
            format!(
                "`{}` has no `image`; ECS runs images: build and push it, then set `image:`",
                s.name
            ),
        )
    })?;
    let mut c = ContainerSpec::new(&s.name, image);
    c.command.clone_from(&s.command);
    c.entry_point.clone_from(&s.entrypoint);
    c.environment = environment(s, cx, &here, diags)?;
    c.port_mappings = ports(&s.ports, cx, &format!("{here}.ports"), diags)?;
    let m = mounts(s, cx.named_volumes, &here, diags);
    (c.mount_points, c.volumes, c.tmpfs) = (m.mount_points, m.volumes, m.tmpfs);
    c.depends_on = depends_on(s, cx, &here, diags);
    c.health_check = s
        .healthcheck
        .as_ref()
        .and_then(|h| health_check(h, &format!("{here}.healthcheck"), diags));
    c.working_directory.clone_from(&s.working_dir);
    c.user.clone_from(&s.user);
    c.hostname.clone_from(&s.hostname);
    c.ulimits = ulimits(s, &here, diags);
    c.memory = s.mem_limit.map(mebibytes);
    c.memory_reservation = s.mem_reservation.map(mebibytes);
    c.cpu = cpu_units(s, &here, diags);
    c.docker_labels.clone_from(&s.labels);
    c.log_configuration = s
        .logging
        .as_ref()
        .and_then(|l| log_configuration(l, &format!("{here}.logging"), diags));
    c.stop_timeout = s
        .stop_grace_period
        .map(|p| stop_timeout(p, &format!("{here}.stop_grace_period"), diags));
    c.readonly_root_filesystem = s.read_only;
    c.privileged = s.privileged;
    c.init_process_enabled = s.init;
    c.capabilities_add = s.cap_add.iter().map(|cap| capability(cap)).collect();
    c.capabilities_drop = s.cap_drop.iter().map(|cap| capability(cap)).collect();
    c.extra_hosts = s
        .extra_hosts
        .iter()
        .map(|(h, ip)| HostEntrySpec {
            hostname: h.clone(),
            ip_address: ip.clone(),
        })
        .collect();
    c.secrets = secrets(s, cx, &here, diags);
    Ok(c)
}

/// `env_file` contents, then `environment` on top; `KEY` alone is looked up in the variables.
fn environment(
    s: &Service,
    cx: &Context<'_>,
    here: &str,
    diags: &mut Diagnostics,
) -> Result<BTreeMap<String, String>, ComposeError> {
    let mut env = BTreeMap::new();
    for (i, f) in s.env_files.iter().enumerate() {
        let path = s.dir.join(&f.path);
        let at = format!("{here}.env_file[{i}]");
        match read_env_file(&path)? {
            Some(vars) => {
                for (k, v) in vars {
                    let mut unset = BTreeSet::new();
                    let value = substitute(&v, cx.vars, &mut unset).map_err(|_| {
                        ComposeError::invalid(&path, &k, "the value has a malformed `$` expression; write `$$` for a literal `$`")
                    })?;
                    env.insert(k, value);
                }
            }
            None if f.required => {
                return Err(ComposeError::Io {
                    file: path,
                    message: "no such file (mark it `required: false` to make it optional)".into(),
                });
            }
            None => diags.push(Diagnostic::warning(
                codes::NO_COUNTERPART,
                at,
                format!("optional env file `{}` does not exist", f.path.display()),
            )),
        }
    }
    for (k, v) in &s.environment {
        match v.as_ref().or_else(|| cx.vars.get(k)) {
            Some(value) => {
                env.insert(k.clone(), value.clone());
            }
            None => diags.push(
                Diagnostic::warning(codes::ENV_FROM_HOST, format!("{here}.environment.{k}"), format!("`{k}` takes its value from the host, which the import was not given; it is left out"))
                    .help(format!("write `{k}=value`, or pass `{k}` in the import's variables")),
            ),
        }
    }
    Ok(env)
}

/// `ports` → port mappings: ranges expanded, unpublished ports on dynamic host port 0.
fn ports(
    ports: &[Port],
    cx: &Context<'_>,
    here: &str,
    diags: &mut Diagnostics,
) -> Result<Vec<PortMappingSpec>, ComposeError> {
    let mut mappings: Vec<PortMappingSpec> = Vec::new();
    for (i, p) in ports.iter().enumerate() {
        let at = format!("{here}[{i}]");
        if !matches!(p.protocol.as_str(), "tcp" | "udp") {
            diags.push(Diagnostic::warning(
                codes::UNSUPPORTED_VALUE,
                &at,
                format!(
                    "protocol `{}` is left out: ECS maps `tcp` and `udp` only",
                    p.protocol
                ),
            ));
            continue;
        }
        if let Some(ip) = &p.host_ip {
            diags.push(Diagnostic::warning(
                codes::PORT_DETAIL_IGNORED,
                &at,
                format!(
                    "host address `{ip}` is ignored: ECS publishes on every address of the instance"
                ),
            ));
        }
        let count = usize::from(p.target.1 - p.target.0) + 1;
        if count > MAX_RANGE {
            return Err(ComposeError::invalid(
                cx.file,
                at,
                format!(
                    "a range of {count} ports is more than the {MAX_RANGE} this import expands; map it in Rust"
                ),
            ));
        }
        let mut host = |offset: u16| -> Result<u16, ComposeError> {
            Ok(match p.published {
                _ if cx.options.dynamic_host_ports => 0,
                None => 0,
                Some((a, b)) if b - a == p.target.1 - p.target.0 => a + offset,
                Some((a, b)) if count == 1 => {
                    diags.push(Diagnostic::warning(codes::PORT_DETAIL_IGNORED, &at, format!("ECS cannot pick a host port from `{a}-{b}`; a dynamic host port is used")));
                    0
                }
                Some(_) => {
                    return Err(ComposeError::invalid(
                        cx.file,
                        &at,
                        "the host and container ranges differ in length",
                    ));
                }
            })
        };
        for offset in 0..=(p.target.1 - p.target.0) {
            let mapping = PortMappingSpec {
                container_port: p.target.0 + offset,
                host_port: host(offset)?,
                protocol: p.protocol.clone(),
                name: p.name.clone(),
                app_protocol: p.app_protocol.clone(),
            };
            if !mappings.contains(&mapping) {
                mappings.push(mapping);
            }
        }
    }
    Ok(mappings)
}

/// `depends_on` → container dependencies, for dependencies in the same task definition.
fn depends_on(
    s: &Service,
    cx: &Context<'_>,
    here: &str,
    diags: &mut Diagnostics,
) -> Vec<DependencySpec> {
    let mut deps = Vec::new();
    for (name, condition) in &s.depends_on {
        let at = format!("{here}.depends_on.{name}");
        if !cx.task.contains(name) {
            diags.push(
                Diagnostic::warning(codes::DEPENDENCY_OUTSIDE_TASK, at, format!("`{}` depends on `{name}`, which is not in this task definition; ECS orders containers of one task only", s.name))
                    .help(format!("import `{name}` into the same task definition, or let `{}` wait for it (a database would be RDS, reached with retries)", s.name)),
            );
            continue;
        }
        let condition = match condition {
            Condition::Started => DependencyCondition::Start,
            Condition::CompletedSuccessfully => DependencyCondition::Success,
            Condition::Healthy => {
                if cx
                    .services
                    .get(name)
                    .and_then(|d| d.healthcheck.as_ref())
                    .and_then(|h| h.test.as_ref())
                    .is_none()
                {
                    diags.push(
                        Diagnostic::warning(codes::HEALTHY_WITHOUT_HEALTHCHECK, &at, format!("`{name}` has no health check with a `test`, so it never becomes HEALTHY"))
                            .help(format!("give `{name}` a `healthcheck` with a `test`")),
                    );
                }
                DependencyCondition::Healthy
            }
        };
        deps.push(DependencySpec {
            container_name: name.clone(),
            condition,
        });
    }
    deps
}

/// `healthcheck` → `HealthCheck`, with values moved into the ranges ECS accepts.
fn health_check(h: &Healthcheck, here: &str, diags: &mut Diagnostics) -> Option<HealthCheckSpec> {
    let Some(command) = h.test.clone() else {
        diags.push(
            Diagnostic::warning(
                codes::UNSUPPORTED_VALUE,
                here,
                "a health check without `test` is left out: ECS needs the command",
            )
            .help("add `test:`"),
        );
        return None;
    };
    let mut clamp = |key: &str, value: f64, min: u64, max: u64| -> u64 {
        let seconds = value.ceil() as u64;
        let clamped = seconds.clamp(min, max);
        if clamped != seconds {
            diags.push(Diagnostic::warning(
                codes::CLAMPED,
                format!("{here}.{key}"),
                format!(
                    "`{key}` {seconds} is outside the {min}–{max} ECS accepts; {clamped} is used"
                ),
            ));
        }
        clamped
    };
    Some(HealthCheckSpec {
        command,
        interval: h.interval.map(|v| clamp("interval", v, 5, 300)),
        timeout: h.timeout.map(|v| clamp("timeout", v, 2, 120)),
        retries: h.retries.map(|v| clamp("retries", v as f64, 1, 10)),
        start_period: h.start_period.map(|v| clamp("start_period", v, 0, 300)),
    })
}

/// `ulimits` → `Ulimits`, leaving out the names ECS does not know.
fn ulimits(s: &Service, here: &str, diags: &mut Diagnostics) -> Vec<UlimitSpec> {
    let mut out = Vec::new();
    for (name, limit) in &s.ulimits {
        if ECS_ULIMITS.contains(&name.as_str()) {
            out.push(UlimitSpec {
                name: name.clone(),
                soft_limit: limit.soft,
                hard_limit: limit.hard,
            });
        } else {
            diags.push(Diagnostic::warning(
                codes::UNSUPPORTED_VALUE,
                format!("{here}.ulimits.{name}"),
                format!("ulimit `{name}` is left out: ECS does not support it"),
            ));
        }
    }
    out
}

/// `cpus` × 1024, or else `cpu_shares`, as CPU units.
fn cpu_units(s: &Service, here: &str, diags: &mut Diagnostics) -> Option<u64> {
    match (s.cpus, s.cpu_shares) {
        (Some(cpus), shares) => {
            if shares.is_some() {
                diags.push(Diagnostic::warning(
                    codes::NO_COUNTERPART,
                    format!("{here}.cpu_shares"),
                    "`cpu_shares` is ignored because `cpus` is set",
                ));
            }
            Some((cpus * 1024.0).round() as u64)
        }
        (None, shares) => shares,
    }
}

/// Bytes → MiB, rounded up.
fn mebibytes(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

/// `logging` → `LogConfiguration`, for the drivers ECS supports.
fn log_configuration(
    l: &Logging,
    here: &str,
    diags: &mut Diagnostics,
) -> Option<LogConfigurationSpec> {
    let Some(driver) = &l.driver else {
        if !l.options.is_empty() {
            diags.push(
                Diagnostic::warning(
                    codes::UNSUPPORTED_VALUE,
                    here,
                    "log options without a `driver` are left out",
                )
                .help("set `driver:`"),
            );
        }
        return None;
    };
    if !ECS_LOG_DRIVERS.contains(&driver.as_str()) {
        diags.push(
            Diagnostic::warning(
                codes::UNSUPPORTED_VALUE,
                format!("{here}.driver"),
                format!("log driver `{driver}` is left out: ECS does not support it"),
            )
            .help("use `awslogs` (CloudWatch Logs) or another driver ECS supports"),
        );
        return None;
    }
    Some(LogConfigurationSpec {
        log_driver: driver.clone(),
        options: l.options.clone(),
    })
}

/// `stop_grace_period` → `StopTimeout` seconds.
fn stop_timeout(seconds: f64, here: &str, diags: &mut Diagnostics) -> u64 {
    let seconds = seconds.ceil() as u64;
    if seconds > 120 {
        diags.push(
            Diagnostic::warning(
                codes::CLAMPED,
                here,
                format!("a stop timeout of {seconds}s is more than the 120s Fargate allows"),
            )
            .help("EC2 container instances accept it; Fargate tasks do not"),
        );
    }
    seconds
}

/// A capability as ECS names it: upper case, without `CAP_`.
fn capability(cap: &str) -> String {
    let upper = cap.to_ascii_uppercase();
    upper
        .strip_prefix("CAP_")
        .map_or(upper.clone(), str::to_string)
}

/// `secrets` → `Secrets`, through the mapping in the options.
fn secrets(s: &Service, cx: &Context<'_>, here: &str, diags: &mut Diagnostics) -> Vec<SecretSpec> {
    let mut out = Vec::new();
    for (i, secret) in s.secrets.iter().enumerate() {
        let Some(value_from) = cx.options.secrets.get(&secret.source) else {
            diags.push(
                Diagnostic::warning(
                    codes::SECRET_UNMAPPED,
                    format!("{here}.secrets[{i}]"),
                    format!(
                        "secret `{}` is left out: no ARN was given for it",
                        secret.source
                    ),
                )
                .help(format!(
                    "pass `ImportOptions::new().secret(\"{}\", \"arn:…\")`",
                    secret.source
                )),
            );
            continue;
        };
        let mut name = secret
            .target
            .clone()
            .unwrap_or_else(|| secret.source.clone());
        if let Some((_, file)) = name.rsplit_once('/') {
            diags.push(Diagnostic::warning(codes::UNSUPPORTED_VALUE, format!("{here}.secrets[{i}].target"), format!("ECS gives secrets as environment variables, not files; `{name}` becomes `{file}`")));
            name = file.to_string();
        }
        out.push(SecretSpec {
            name,
            value_from: value_from.clone(),
        });
    }
    out
}
