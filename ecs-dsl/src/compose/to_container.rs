//! A compose service → `ContainerSpec`, with a diagnostic for every part ECS cannot express.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::env_file::read_env_file;
use super::error::ComposeError;
use super::model::{Condition, Healthcheck, Logging, NamedVolume, Port, Service};
use super::mounts::mounts;
use super::options::ImportOptions;
use super::spec::{
    ContainerSpec, DependencyCondition, DependencySpec, HealthCheckSpec, HostEntrySpec,
    LogConfigurationSpec, PortMappingSpec, SecretFrom, SecretSpec, UlimitSpec,
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
    c.system_controls.clone_from(&s.sysctls);
    c.shared_memory_size = s.shm_size.map(mebibytes);
    c.docker_security_options = security_options(s, &here, diags);
    c.pseudo_terminal = s.tty;
    c.interactive = s.stdin_open;
    c.cpu_architecture = s
        .platform
        .as_deref()
        .and_then(|p| cpu_architecture(p, &format!("{here}.platform"), diags));
    c.network_mode = s
        .network_mode
        .as_deref()
        .and_then(|m| network_mode(m, &format!("{here}.network_mode"), diags));
    Ok(c)
}

/// `platform` (`linux/arm64`, `linux/amd64`) → the runtime platform's CPU architecture.
fn cpu_architecture(platform: &str, here: &str, diags: &mut Diagnostics) -> Option<String> {
    let mut parts = platform.split('/');
    let (os, arch) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    match (os, arch) {
        ("linux", "arm64" | "aarch64") => Some("ARM64".to_string()),
        ("linux", "amd64" | "x86_64" | "") => Some("X86_64".to_string()),
        _ => {
            diags.push(
                Diagnostic::warning(
                    codes::UNSUPPORTED_VALUE,
                    here,
                    format!("platform `{platform}` is not imported: ECS runs `linux/amd64` and `linux/arm64`"),
                )
                .help("write `platform: linux/arm64` or `linux/amd64`, or drop it"),
            );
            None
        }
    }
}

/// `network_mode` → the task's network mode, for the modes a task definition has.
fn network_mode(mode: &str, here: &str, diags: &mut Diagnostics) -> Option<String> {
    match mode {
        "host" | "bridge" | "none" => {
            diags.push(
                Diagnostic::warning(
                    codes::EC2_ONLY,
                    here,
                    format!("network mode `{mode}` is set on the task definition; Fargate runs `awsvpc` only"),
                )
                .help("run this task on EC2 container instances, or drop `network_mode`"),
            );
            Some(mode.to_string())
        }
        _ => {
            diags.push(
                Diagnostic::warning(
                    codes::NETWORKING_IGNORED,
                    here,
                    format!("network mode `{mode}` is not imported: a task definition has `awsvpc`, `bridge`, `host` or `none`"),
                )
                .help("containers that share a network go into one task definition (`--service a --service b`)"),
            );
            None
        }
    }
}

/// `security_opt` → `DockerSecurityOptions`, which ECS accepts on EC2 only, in its own spelling
/// (`label:…`, `apparmor:…`, `no-new-privileges`).
fn security_options(s: &Service, here: &str, diags: &mut Diagnostics) -> Vec<String> {
    let mut out = Vec::new();
    for (i, option) in s.security_opt.iter().enumerate() {
        let at = format!("{here}.security_opt[{i}]");
        let normalized = option.replacen('=', ":", 1);
        let accepted = normalized == "no-new-privileges"
            || normalized == "no-new-privileges:true"
            || ["label:", "apparmor:", "credentialspec:"]
                .iter()
                .any(|p| normalized.starts_with(p));
        if accepted {
            out.push(if normalized == "no-new-privileges:true" {
                "no-new-privileges".to_string()
            } else {
                normalized
            });
        } else {
            diags.push(
                Diagnostic::warning(
                    codes::UNSUPPORTED_VALUE,
                    at,
                    format!("security option `{option}` is not imported: ECS accepts `no-new-privileges`, `label:`, `apparmor:` and `credentialspec:`"),
                )
                .help("drop it, or set `docker_security_options` in Rust"),
            );
        }
    }
    if !out.is_empty() {
        diags.push(
            Diagnostic::warning(
                codes::EC2_ONLY,
                format!("{here}.security_opt"),
                "security options are honoured on EC2 container instances only",
            )
            .help("run this task on EC2, or drop `security_opt` for Fargate"),
        );
    }
    out
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
        match read_env_file(&path, cx.vars)? {
            Some(vars) => env.extend(vars),
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
        let private = p.host_ip.as_deref().is_some_and(is_loopback);
        if private {
            diags.push(
                Diagnostic::warning(
                    codes::PORT_PRIVATE,
                    &at,
                    format!(
                        "port {} is bound to `{}`: it stays private (no host port, no load balancer), reachable by the app's own services only",
                        p.target.0,
                        p.host_ip.as_deref().unwrap_or_default()
                    ),
                )
                .help("drop the address to publish the port"),
            );
        } else if let Some(ip) = p
            .host_ip
            .as_deref()
            .filter(|ip| !matches!(*ip, "0.0.0.0" | "::"))
        {
            diags.push(
                Diagnostic::warning(
                    codes::PORT_DETAIL_IGNORED,
                    &at,
                    format!(
                        "host address `{ip}` is ignored: ECS publishes on the task's addresses"
                    ),
                )
                .help("bind to all addresses, or to 127.0.0.1 to keep the port private"),
            );
        }
        let app_protocol = p
            .app_protocol
            .as_deref()
            .and_then(|a| ecs_app_protocol(a, &at, diags));
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
                _ if cx.options.dynamic_host_ports || private => 0,
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
                app_protocol: app_protocol.clone(),
                published: (!private).then(|| {
                    p.published.map_or(p.target.0 + offset, |(a, b)| {
                        a.saturating_add(offset).min(b)
                    })
                }),
            };
            if !mappings.contains(&mapping) {
                mappings.push(mapping);
            }
        }
    }
    Ok(mappings)
}

/// Whether a port's host address keeps it on the machine.
fn is_loopback(ip: &str) -> bool {
    ip == "localhost" || ip == "::1" || ip.starts_with("127.")
}

/// A compose `app_protocol` ECS accepts (`http`, `http2`, `grpc`), or `None` with a warning.
fn ecs_app_protocol(text: &str, at: &str, diags: &mut Diagnostics) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if matches!(lower.as_str(), "http" | "http2" | "grpc") {
        return Some(lower);
    }
    diags.push(
        Diagnostic::warning(
            codes::UNSUPPORTED_VALUE,
            format!("{at}.app_protocol"),
            format!(
                "app protocol `{text}` is not imported: ECS accepts `http`, `http2` and `grpc`"
            ),
        )
        .help("write one of those, or drop `app_protocol`"),
    );
    None
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

/// Docker's health check interval when compose gives none, seconds.
const COMPOSE_INTERVAL: f64 = 30.0;
/// Docker's health check timeout when compose gives none, seconds.
const COMPOSE_TIMEOUT: f64 = 30.0;
/// Docker's health check retries when compose gives none.
const COMPOSE_RETRIES: u64 = 3;

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
    // Compose's (docker's) defaults where the file says nothing: 30 s interval and timeout,
    // 3 retries, no start period. ECS's own timeout default is 5 s, so it is always written.
    let interval = clamp("interval", h.interval.unwrap_or(COMPOSE_INTERVAL), 5, 300);
    Some(HealthCheckSpec {
        command,
        interval: Some(interval),
        // ECS refuses a timeout longer than the interval; compose's default 30 s becomes the
        // interval when that is shorter, a written one is clamped with a warning.
        timeout: Some(match h.timeout {
            None => clamp("timeout", COMPOSE_TIMEOUT.min(interval as f64), 2, 60),
            Some(t) => clamp("timeout", t, 2, 60.min(interval)),
        }),
        retries: Some(clamp(
            "retries",
            h.retries.unwrap_or(COMPOSE_RETRIES) as f64,
            1,
            10,
        )),
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

/// `secrets` → `Secrets`: from the ARN the options give, else (in a whole-app import) from the
/// secret the stack creates, else left out with a warning.
fn secrets(s: &Service, cx: &Context<'_>, here: &str, diags: &mut Diagnostics) -> Vec<SecretSpec> {
    let mut out = Vec::new();
    for (i, secret) in s.secrets.iter().enumerate() {
        let from = match cx.options.secrets.get(&secret.source) {
            Some(arn) => SecretFrom::Arn(arn.clone()),
            None if cx.options.stack_secrets => SecretFrom::Stack(secret.source.clone()),
            None => {
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
            }
        };
        let mut name = secret
            .target
            .clone()
            .unwrap_or_else(|| secret.source.clone());
        if let Some((_, file)) = name.rsplit_once('/') {
            diags.push(Diagnostic::warning(codes::UNSUPPORTED_VALUE, format!("{here}.secrets[{i}].target"), format!("secrets are files under `/run/secrets/` (or environment variables); `{name}` becomes `{file}`")));
            name = file.to_string();
        }
        out.push(SecretSpec { name, from });
    }
    out
}
