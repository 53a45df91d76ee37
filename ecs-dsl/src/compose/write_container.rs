//! `ContainerSpec` → `Container`, written once: each field becomes one builder call (a method of
//! `Container` where there is one, `customize` with the generated property types for the rest),
//! both applied and printed (see `written.rs`).

use crate::cfn::ecs::task_definition::{
    ContainerDefinition, ContainerDependency, ContainerDependencyCondition, HealthCheck, HostEntry,
    KernelCapabilities, LinuxParameters, LogConfiguration, LogConfigurationRequired, MountPoint,
    PortMapping, PortMappingAppProtocol, PortMappingProtocol, SystemControl, Tmpfs, TmpfsRequired,
    Ulimit, UlimitName, UlimitRequired,
};
use crate::ecs::{Container, SecretValue};

use super::plan::pascal_case;
use super::spec::{
    ContainerSpec, DependencyCondition, HealthCheckSpec, PortMappingSpec, SecretFrom, TmpfsSpec,
    UlimitSpec,
};
use super::written::{Written, int, lit, pairs, saturate, signed, strings};

/// The module of the generated task definition property types.
pub(crate) const TD: &str = "ecs_dsl::cfn::ecs::task_definition";

impl ContainerSpec {
    /// Whether every port mapping is what `Container::port` (or `named_port`) writes: plain
    /// TCP, on the host port the network mode gives (dynamic in `bridge` mode, the container
    /// port in `awsvpc` mode). The builder then knows the ports, which a load balancer's target
    /// group is checked against.
    pub(crate) fn ports_fit_builder(&self, awsvpc: bool) -> bool {
        self.port_mappings.iter().all(|p| {
            let host = if awsvpc { p.container_port } else { 0 };
            p.protocol == "tcp" && p.host_port == host && p.app_protocol.is_none()
        })
    }

    /// Whether every mount is read-write, which `Container::mount` writes.
    fn mounts_fit_builder(&self) -> bool {
        self.mount_points.iter().all(|m| !m.read_only)
    }

    /// The high-level container of a task definition in `bridge` mode (EC2), to adjust further
    /// or add to a `TaskDefinition`.
    pub fn into_container(self) -> Container {
        self.written(false).into_value()
    }

    /// The container and the Rust that builds it, for a task in `awsvpc` mode (Fargate) or not.
    pub fn written(&self, awsvpc: bool) -> Written<Container> {
        let mut c = Written::new(
            Container::new(&self.name, self.image.as_str()),
            format!("Container::new({}, {})", lit(&self.name), lit(&self.image)),
        )
        .uses("ecs_dsl::ecs::Container");
        if let Some(command) = &self.command {
            c = c.call(format!(".command({})", strings(command)), |c| {
                c.command(command.iter().map(String::as_str))
            });
        }
        if let Some(cpu) = self.cpu {
            c = c.call(format!(".cpu_units({})", int(cpu)), |c| {
                c.cpu_units(saturate(cpu))
            });
        }
        if let Some(mib) = self.memory {
            c = c.call(format!(".memory_limit_mib({})", int(mib)), |c| {
                c.memory_limit_mib(saturate(mib))
            });
        }
        if let Some(mib) = self.memory_reservation {
            c = c.call(format!(".memory_reservation_mib({})", int(mib)), |c| {
                c.memory_reservation_mib(saturate(mib))
            });
        }
        if !self.essential {
            c = c.call(".not_essential()", Container::not_essential);
        }
        for (name, value) in &self.environment {
            c = c.call(format!(".env({}, {})", lit(name), lit(value)), |c| {
                c.env(name, value.as_str())
            });
        }
        for s in &self.secrets {
            // A secret of the stack is wired by the app (`write_app.rs`), which holds its handle.
            if let SecretFrom::Arn(arn) = &s.from {
                c = c.uses("ecs_dsl::ecs::SecretValue").call(
                    format!(".secret({}, SecretValue::arn({}))", lit(&s.name), lit(arn)),
                    |c| c.secret(&s.name, SecretValue::arn(arn.as_str())),
                );
            }
        }
        if self.ports_fit_builder(awsvpc) {
            for p in &self.port_mappings {
                c = match &p.name {
                    None => c.call(format!(".port({})", p.container_port), |c| {
                        c.port(p.container_port)
                    }),
                    Some(name) => c.call(
                        format!(".named_port({}, {})", lit(name), p.container_port),
                        |c| c.named_port(name, p.container_port),
                    ),
                };
            }
        }
        if self.mounts_fit_builder() {
            for m in &self.mount_points {
                c = c.call(
                    format!(
                        ".mount({}, {})",
                        lit(&m.source_volume),
                        lit(&m.container_path)
                    ),
                    |c| c.mount(&m.source_volume, &m.container_path),
                );
            }
        }
        if let Some(check) = &self.health_check {
            c = c.call_with("health_check", health_check(check), Container::health_check);
        }
        let definition = self.customized(awsvpc);
        if !definition.calls().is_empty() {
            let pad = " ".repeat(24);
            let rust = format!(
                ".customize(|d| {{\n{pad}d{}\n                }})",
                definition.calls().join(&format!("\n{pad}"))
            );
            let (changes, _, uses) = definition.into_parts();
            c = c.call(rust, |c| c.customize(|d| changes.apply(d)));
            for u in uses {
                c = c.uses(u);
            }
        }
        c
    }

    /// The changes to the generated definition for what `Container` has no method for: a
    /// function from the definition to itself, written as the calls on `d`.
    fn customized(&self, awsvpc: bool) -> Written<Customize<'_>> {
        let mut d = Written::new(Customize::default(), "d");
        if !self.ports_fit_builder(awsvpc) {
            let ports = Written::list(self.port_mappings.iter().map(port_mapping));
            d = d.call_with("port_mappings", ports, |f, v| {
                f.then(|d| d.port_mappings(v))
            });
        }
        if !self.mounts_fit_builder() {
            let mounts = Written::list(self.mount_points.iter().map(|m| {
                let p = Written::new(MountPoint::new(), "MountPoint::new()")
                    .uses(format!("{TD}::MountPoint"))
                    .call(format!(".source_volume({})", lit(&m.source_volume)), |p| {
                        p.source_volume(m.source_volume.as_str())
                    })
                    .call(
                        format!(".container_path({})", lit(&m.container_path)),
                        |p| p.container_path(m.container_path.as_str()),
                    );
                if m.read_only {
                    p.call(".read_only(true)", |p| p.read_only(true))
                } else {
                    p
                }
            }));
            d = d.call_with("mount_points", mounts, |f, v| f.then(|d| d.mount_points(v)));
        }
        if let Some(entry_point) = &self.entry_point {
            let v = entry_point.clone();
            d = d.call(format!(".entry_point({})", strings(entry_point)), |f| {
                f.then(|d| d.entry_point(v))
            });
        }
        if !self.depends_on.is_empty() {
            let deps = Written::list(self.depends_on.iter().map(|dep| {
                let variant = condition_variant(dep.condition);
                Written::new(ContainerDependency::new(), "ContainerDependency::new()")
                    .uses(format!("{TD}::ContainerDependency"))
                    .uses(format!("{TD}::ContainerDependencyCondition"))
                    .call(
                        format!(".container_name({})", lit(&dep.container_name)),
                        |x| x.container_name(dep.container_name.as_str()),
                    )
                    .call(
                        format!(".condition(ContainerDependencyCondition::{variant})"),
                        |x| x.condition(condition(dep.condition)),
                    )
            }));
            d = d.call_with("depends_on", deps, |f, v| f.then(|d| d.depends_on(v)));
        }
        if let Some(v) = &self.working_directory {
            d = d.call(format!(".working_directory({})", lit(v)), |f| {
                f.then(move |d| d.working_directory(v.as_str()))
            });
        }
        if let Some(v) = &self.user {
            d = d.call(format!(".user({})", lit(v)), |f| {
                f.then(move |d| d.user(v.as_str()))
            });
        }
        if let Some(v) = &self.hostname {
            d = d.call(format!(".hostname({})", lit(v)), |f| {
                f.then(move |d| d.hostname(v.as_str()))
            });
        }
        if !self.ulimits.is_empty() {
            let limits = Written::list(self.ulimits.iter().map(ulimit));
            d = d.call_with("ulimits", limits, |f, v| f.then(|d| d.ulimits(v)));
        }
        if !self.docker_labels.is_empty() {
            let v = self.docker_labels.clone();
            d = d.call(
                format!(".docker_labels({})", pairs(&self.docker_labels)),
                |f| f.then(|d| d.docker_labels(v)),
            );
        }
        if let Some(log) = &self.log_configuration {
            let mut config = Written::new(
                LogConfiguration::new(LogConfigurationRequired {
                    log_driver: log.log_driver.as_str(),
                }),
                format!(
                    "LogConfiguration::new(LogConfigurationRequired {{ log_driver: {} }})",
                    lit(&log.log_driver)
                ),
            )
            .uses(format!("{TD}::LogConfiguration"))
            .uses(format!("{TD}::LogConfigurationRequired"));
            if !log.options.is_empty() {
                let v = log.options.clone();
                config = config.call(format!(".options({})", pairs(&log.options)), |l| {
                    l.options(v)
                });
            }
            d = d.call_with("log_configuration", config, |f, v| {
                f.then(|d| d.log_configuration(v))
            });
        }
        if let Some(seconds) = self.stop_timeout {
            d = d.call(format!(".stop_timeout({})", int(seconds)), |f| {
                f.then(move |d| d.stop_timeout(saturate(seconds)))
            });
        }
        if let Some(flag) = self.readonly_root_filesystem {
            d = d.call(format!(".readonly_root_filesystem({flag})"), |f| {
                f.then(move |d| d.readonly_root_filesystem(flag))
            });
        }
        if let Some(flag) = self.privileged {
            d = d.call(format!(".privileged({flag})"), |f| {
                f.then(move |d| d.privileged(flag))
            });
        }
        if !self.extra_hosts.is_empty() {
            let hosts = Written::list(self.extra_hosts.iter().map(|h| {
                Written::new(HostEntry::new(), "HostEntry::new()")
                    .uses(format!("{TD}::HostEntry"))
                    .call(format!(".hostname({})", lit(&h.hostname)), |e| {
                        e.hostname(h.hostname.as_str())
                    })
                    .call(format!(".ip_address({})", lit(&h.ip_address)), |e| {
                        e.ip_address(h.ip_address.as_str())
                    })
            }));
            d = d.call_with("extra_hosts", hosts, |f, v| f.then(|d| d.extra_hosts(v)));
        }
        if let Some(linux) = self.linux_parameters() {
            d = d.call_with("linux_parameters", linux, |f, v| {
                f.then(|d| d.linux_parameters(v))
            });
        }
        if !self.system_controls.is_empty() {
            let controls = Written::list(self.system_controls.iter().map(|(k, v)| {
                Written::new(SystemControl::new(), "SystemControl::new()")
                    .uses(format!("{TD}::SystemControl"))
                    .call(format!(".namespace({})", lit(k)), |s| {
                        s.namespace(k.as_str())
                    })
                    .call(format!(".value({})", lit(v)), |s| s.value(v.as_str()))
            }));
            d = d.call_with("system_controls", controls, |f, v| {
                f.then(|d| d.system_controls(v))
            });
        }
        if !self.docker_security_options.is_empty() {
            let v = self.docker_security_options.clone();
            d = d.call(
                format!(
                    ".docker_security_options({})",
                    strings(&self.docker_security_options)
                ),
                |f| f.then(|d| d.docker_security_options(v)),
            );
        }
        if let Some(flag) = self.pseudo_terminal {
            d = d.call(format!(".pseudo_terminal({flag})"), |f| {
                f.then(move |d| d.pseudo_terminal(flag))
            });
        }
        if let Some(flag) = self.interactive {
            d = d.call(format!(".interactive({flag})"), |f| {
                f.then(move |d| d.interactive(flag))
            });
        }
        d
    }

    /// `LinuxParameters`, when any of its parts is set.
    fn linux_parameters(&self) -> Option<Written<LinuxParameters>> {
        let caps = !(self.capabilities_add.is_empty() && self.capabilities_drop.is_empty());
        if !caps
            && self.init_process_enabled.is_none()
            && self.tmpfs.is_empty()
            && self.shared_memory_size.is_none()
        {
            return None;
        }
        let mut linux = Written::new(LinuxParameters::new(), "LinuxParameters::new()")
            .uses(format!("{TD}::LinuxParameters"));
        if caps {
            let mut k = Written::new(KernelCapabilities::new(), "KernelCapabilities::new()")
                .uses(format!("{TD}::KernelCapabilities"));
            if !self.capabilities_add.is_empty() {
                let v = self.capabilities_add.clone();
                k = k.call(format!(".add({})", strings(&v)), |k| k.add(v.clone()));
            }
            if !self.capabilities_drop.is_empty() {
                let v = self.capabilities_drop.clone();
                k = k.call(format!(".drop({})", strings(&v)), |k| k.drop(v.clone()));
            }
            linux = linux.call_with("capabilities", k, LinuxParameters::capabilities);
        }
        if let Some(flag) = self.init_process_enabled {
            linux = linux.call(format!(".init_process_enabled({flag})"), |l| {
                l.init_process_enabled(flag)
            });
        }
        if !self.tmpfs.is_empty() {
            let mounts = Written::list(self.tmpfs.iter().map(tmpfs));
            linux = linux.call_with("tmpfs", mounts, LinuxParameters::tmpfs);
        }
        if let Some(mib) = self.shared_memory_size {
            linux = linux.call(format!(".shared_memory_size({})", int(mib)), |l| {
                l.shared_memory_size(saturate(mib))
            });
        }
        Some(linux)
    }
}

/// The changes `customize` makes to a container definition, in order.
#[derive(Default)]
pub(crate) struct Customize<'a>(
    Vec<Box<dyn FnOnce(ContainerDefinition) -> ContainerDefinition + 'a>>,
);

impl<'a> Customize<'a> {
    /// These changes, then `f`.
    fn then(mut self, f: impl FnOnce(ContainerDefinition) -> ContainerDefinition + 'a) -> Self {
        self.0.push(Box::new(f));
        self
    }

    /// Makes the changes to `d`.
    fn apply(self, d: ContainerDefinition) -> ContainerDefinition {
        self.0.into_iter().fold(d, |d, f| f(d))
    }
}

/// The generated `HealthCheck`.
fn health_check(h: &HealthCheckSpec) -> Written<HealthCheck> {
    let command = h.command.clone();
    let mut check = Written::new(HealthCheck::new(), "HealthCheck::new()")
        .uses("ecs_dsl::ecs::HealthCheck")
        .call(format!(".command({})", strings(&h.command)), |c| {
            c.command(command)
        });
    if let Some(v) = h.interval {
        check = check.call(format!(".interval({})", int(v)), |c| {
            c.interval(saturate(v))
        });
    }
    if let Some(v) = h.timeout {
        check = check.call(format!(".timeout({})", int(v)), |c| c.timeout(saturate(v)));
    }
    if let Some(v) = h.retries {
        check = check.call(format!(".retries({})", int(v)), |c| c.retries(saturate(v)));
    }
    if let Some(v) = h.start_period {
        check = check.call(format!(".start_period({})", int(v)), |c| {
            c.start_period(saturate(v))
        });
    }
    check
}

/// The generated `PortMapping`.
fn port_mapping(p: &PortMappingSpec) -> Written<PortMapping> {
    let mut m = Written::new(PortMapping::new(), "PortMapping::new()")
        .uses(format!("{TD}::PortMapping"))
        .call(format!(".container_port({})", p.container_port), |m| {
            m.container_port(p.container_port)
        })
        .call(format!(".host_port({})", p.host_port), |m| {
            m.host_port(p.host_port)
        });
    if p.protocol == "udp" {
        m = m
            .uses(format!("{TD}::PortMappingProtocol"))
            .call(".protocol(PortMappingProtocol::Udp)", |m| {
                m.protocol(PortMappingProtocol::Udp)
            });
    }
    if let Some(name) = &p.name {
        m = m.call(format!(".name({})", lit(name)), |m| m.name(name.as_str()));
    }
    if let Some(app) = &p.app_protocol {
        let (variant, value) = match app.as_str() {
            "http2" => ("Http2", PortMappingAppProtocol::Http2),
            "grpc" => ("Grpc", PortMappingAppProtocol::Grpc),
            _ => ("Http", PortMappingAppProtocol::Http),
        };
        m = m.uses(format!("{TD}::PortMappingAppProtocol")).call(
            format!(".app_protocol(PortMappingAppProtocol::{variant})"),
            |m| m.app_protocol(value),
        );
    }
    m
}

/// The generated `Ulimit`.
fn ulimit(u: &UlimitSpec) -> Written<Ulimit> {
    let (name, variant) = ulimit_name(&u.name);
    Written::new(
        Ulimit::new(UlimitRequired {
            hard_limit: u.hard_limit,
            name,
            soft_limit: u.soft_limit,
        }),
        format!(
            "Ulimit::new(UlimitRequired {{ hard_limit: {}, name: {variant}, soft_limit: {} }})",
            signed(u.hard_limit),
            signed(u.soft_limit)
        ),
    )
    .uses(format!("{TD}::Ulimit"))
    .uses(format!("{TD}::UlimitRequired"))
    .uses(format!("{TD}::UlimitName"))
}

/// The generated ulimit name, and how it is written.
fn ulimit_name(name: &str) -> (UlimitName, String) {
    let known = match name {
        "core" => Some(UlimitName::Core),
        "cpu" => Some(UlimitName::Cpu),
        "data" => Some(UlimitName::Data),
        "fsize" => Some(UlimitName::Fsize),
        "locks" => Some(UlimitName::Locks),
        "memlock" => Some(UlimitName::Memlock),
        "msgqueue" => Some(UlimitName::Msgqueue),
        "nice" => Some(UlimitName::Nice),
        "nofile" => Some(UlimitName::Nofile),
        "nproc" => Some(UlimitName::Nproc),
        "rss" => Some(UlimitName::Rss),
        "rtprio" => Some(UlimitName::Rtprio),
        "rttime" => Some(UlimitName::Rttime),
        "sigpending" => Some(UlimitName::Sigpending),
        "stack" => Some(UlimitName::Stack),
        _ => None,
    };
    match known {
        Some(n) => (n, format!("UlimitName::{}", pascal_case(name))),
        None => (
            UlimitName::Other(name.to_string()),
            format!("UlimitName::Other({}.into())", lit(name)),
        ),
    }
}

/// The generated `Tmpfs`.
fn tmpfs(t: &TmpfsSpec) -> Written<Tmpfs> {
    let mount = Written::new(
        Tmpfs::new(TmpfsRequired {
            size: saturate(t.size),
        }),
        format!("Tmpfs::new(TmpfsRequired {{ size: {} }})", int(t.size)),
    )
    .uses(format!("{TD}::Tmpfs"))
    .uses(format!("{TD}::TmpfsRequired"))
    .call(
        format!(".container_path({})", lit(&t.container_path)),
        |m| m.container_path(t.container_path.as_str()),
    );
    if t.mount_options.is_empty() {
        mount
    } else {
        let options = t.mount_options.clone();
        mount.call(
            format!(".mount_options({})", strings(&t.mount_options)),
            |m| m.mount_options(options),
        )
    }
}

/// The generated `ContainerDependencyCondition`.
fn condition(c: DependencyCondition) -> ContainerDependencyCondition {
    match c {
        DependencyCondition::Start => ContainerDependencyCondition::Start,
        DependencyCondition::Complete => ContainerDependencyCondition::Complete,
        DependencyCondition::Success => ContainerDependencyCondition::Success,
        DependencyCondition::Healthy => ContainerDependencyCondition::Healthy,
    }
}

/// The generated `ContainerDependencyCondition` variant's name.
fn condition_variant(c: DependencyCondition) -> &'static str {
    match c {
        DependencyCondition::Start => "Start",
        DependencyCondition::Complete => "Complete",
        DependencyCondition::Success => "Success",
        DependencyCondition::Healthy => "Healthy",
    }
}
