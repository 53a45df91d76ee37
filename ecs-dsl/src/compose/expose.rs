//! Which published ports a load balancer serves, and how: compose publishes a port on every
//! address of the host; the whole-app import publishes it on a load balancer in front of the
//! service's tasks.
//!
//! - A port bound to a loopback address (`127.0.0.1:5432:5432`) stays private: no load
//!   balancer (`CMP018`).
//! - HTTP goes through the app's Application Load Balancer, one HTTP listener per published
//!   port: a port with `app_protocol: http`, or without an `app_protocol` a well-known HTTP port
//!   ([`HTTP_PORTS`]) as container or published port.
//! - Every other TCP port goes through the app's Network Load Balancer, one TCP listener per
//!   published port: databases, TLS the container terminates itself (443), `http2` and `grpc`
//!   (passed through unchanged; an ALB speaks them only behind HTTPS).
//! - With HTTPS ([`super::ImportOptions::https`]) the ALB's listeners are HTTPS, published
//!   port 80 becoming 443 (and HTTP on 80 redirecting there).
//! - UDP is not load balanced (`CMP033`); a published port taken by an earlier service is not
//!   either (`CMP034`), nor are ports past a load balancer's [`MAX_LISTENERS`] (`CMP035`).

use std::collections::BTreeMap;

use super::plan::TaskPlan;
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The ports taken for HTTP when a port names no `app_protocol`: the web ports of the images
/// compose files run (web servers, app frameworks, dashboards). 443 and 8443 are not: a
/// container listening there terminates TLS itself, so its traffic passes through an NLB.
pub const HTTP_PORTS: &[u16] = &[80, 3000, 5000, 8000, 8008, 8080, 8081, 8088, 8888, 9090];

/// The most listeners a load balancer may have (an Elastic Load Balancing quota).
pub const MAX_LISTENERS: usize = 50;

/// How a load balancer serves a published port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exposure {
    /// An HTTP listener of the Application Load Balancer.
    Http,
    /// A TCP listener of the Network Load Balancer.
    Tcp,
}

/// A published port of a service that a load balancer serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExposedPort {
    /// The container (its compose service name).
    pub container: String,
    /// The container port the load balancer sends traffic to.
    pub container_port: u16,
    /// The port on the tasks' host: the container port on Fargate, a fixed or dynamic (0) port
    /// of the instance on EC2.
    pub host_port: u16,
    /// The port the load balancer listens on: the compose `published` port (HTTPS: 443 for
    /// published port 80).
    pub listen_port: u16,
    /// ALB (HTTP) or NLB (TCP).
    pub exposure: Exposure,
}

/// How a TCP port with `app_protocol` (ECS's value, or none) is served.
pub fn exposure(container_port: u16, published: u16, app_protocol: Option<&str>) -> Exposure {
    match app_protocol {
        Some("http") => Exposure::Http,
        Some(_) => Exposure::Tcp,
        None if HTTP_PORTS.contains(&container_port) || HTTP_PORTS.contains(&published) => {
            Exposure::Http
        }
        None => Exposure::Tcp,
    }
}

/// The exposed ports of each task's service, in order, each listener port once per load
/// balancer; what cannot be served is noted.
pub(crate) fn expose(tasks: &mut [TaskPlan], https: bool, diags: &mut Diagnostics) {
    let mut taken: BTreeMap<(Exposure, u16), String> = BTreeMap::new();
    for task in tasks.iter_mut() {
        let Some(service) = task.service.as_mut() else {
            continue;
        };
        for c in &task.containers {
            for p in &c.port_mappings {
                let Some(listen) = p.published else { continue };
                let at = format!("services.{}.ports", c.name);
                if p.protocol != "tcp" {
                    diags.push(
                        Diagnostic::warning(
                            codes::UDP_NOT_BALANCED,
                            &at,
                            format!(
                                "UDP port {listen} of `{}` gets no load balancer: it is reachable by the app's own services only",
                                c.name
                            ),
                        )
                        .help("put a Network Load Balancer with a UDP listener in front of it in the ejected Rust, or run the service on EC2 with `--ec2` and reach the instances"),
                    );
                    continue;
                }
                let kind = exposure(p.container_port, listen, p.app_protocol.as_deref());
                let listen = match (https, kind, listen) {
                    (true, Exposure::Http, 80) => 443,
                    _ => listen,
                };
                if let Some(first) = taken.get(&(kind, listen)) {
                    diags.push(
                        Diagnostic::warning(
                            codes::PORT_TAKEN,
                            &at,
                            format!(
                                "port {listen} of `{}` gets no load balancer: `{first}` publishes port {listen} already",
                                c.name
                            ),
                        )
                        .help("publish it on another port (`\"8081:80\"`)"),
                    );
                    continue;
                }
                if taken.keys().filter(|(k, _)| *k == kind).count() >= MAX_LISTENERS {
                    diags.push(
                        Diagnostic::warning(
                            codes::TOO_MANY_LISTENERS,
                            &at,
                            format!(
                                "port {listen} of `{}` gets no load balancer: the app's {} has {MAX_LISTENERS} listeners, the most a load balancer may have",
                                c.name,
                                match kind {
                                    Exposure::Http => "Application Load Balancer",
                                    Exposure::Tcp => "Network Load Balancer",
                                }
                            ),
                        )
                        .help("serve it through a load balancer of its own in the ejected Rust, or route by host or path on one listener (`ListenerRule`)"),
                    );
                    continue;
                }
                taken.insert((kind, listen), c.name.clone());
                service.exposed.push(ExposedPort {
                    container: c.name.clone(),
                    container_port: p.container_port,
                    host_port: p.host_port,
                    listen_port: listen,
                    exposure: kind,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_by_app_protocol_or_well_known_port() {
        assert_eq!(exposure(80, 8080, None), Exposure::Http);
        assert_eq!(exposure(3001, 80, None), Exposure::Http);
        assert_eq!(exposure(5432, 5432, None), Exposure::Tcp);
        assert_eq!(exposure(443, 443, None), Exposure::Tcp);
        assert_eq!(exposure(7000, 7000, Some("http")), Exposure::Http);
        assert_eq!(exposure(8080, 8080, Some("grpc")), Exposure::Tcp);
    }
}
