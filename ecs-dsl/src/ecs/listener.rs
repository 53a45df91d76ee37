//! Listeners of a load balancer: [`Listener`] (HTTP or HTTPS, on an Application Load Balancer)
//! and [`TcpListener`] (on a Network Load Balancer). A load balancer creates the listeners given
//! to it, with their rules.

use std::collections::BTreeMap;

use crate::cfn::AnyOf;
use crate::cfn::elasticloadbalancingv2::listener::{
    self, Action, ActionRequired, CertificateArnRef, CfnListenerRequired, FixedResponseConfig,
    FixedResponseConfigRequired, RedirectConfig, RedirectConfigRequired,
};
use crate::cfn::elasticloadbalancingv2::{CfnListener, CfnListenerRule, CfnLoadBalancer};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::intrinsic::{Handle, IntoValue, Typed};
use crate::stack::Stack;

use super::launch::LaunchType;
use super::listener_rule::{ListenerRule, TargetRef};
use super::target_group::{Http, TargetGroupHandle, Tcp};
use crate::customize::{Customize, apply};

/// The security policy an HTTPS listener gets unless told otherwise: TLS 1.3 and 1.2 only.
const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/// What a listener does with a request no rule takes.
enum DefaultAction {
    Forward(TargetRef),
    RedirectToHttps { port: u16 },
    FixedResponse { status: u16 },
}

/// An HTTP or HTTPS listener of an Application Load Balancer. Default action: a fixed `404`
/// response, so that only the rules' paths and hosts reach a service; [`Listener::forward`]
/// sends everything to one target group instead, [`Listener::redirect_to_https`] redirects.
pub struct Listener {
    port: u16,
    certificates: Vec<Typed<AnyOf<CertificateArnRef>>>,
    ssl_policy: Option<String>,
    default_action: DefaultAction,
    rules: Vec<ListenerRule>,
    test_traffic: bool,
    customize: Customize<CfnListener>,
}

/// A TCP listener of a Network Load Balancer, forwarding to a TCP target group.
pub struct TcpListener {
    port: u16,
    target: Handle<crate::cfn::elasticloadbalancingv2::CfnTargetGroup>,
    customize: Customize<CfnListener>,
}

impl Listener {
    /// An HTTP listener on `port`. Sets `Protocol: HTTP` and `Port`.
    pub fn http(port: u16) -> Self {
        Listener::with(port, Vec::new())
    }

    /// An HTTPS listener on `port` presenting `certificate` (an ACM certificate's ARN, such as
    /// [`super::DnsValidatedCertificate`]'s), with the TLS 1.3/1.2 security policy
    /// `ELBSecurityPolicy-TLS13-1-2-2021-06`. Sets `Protocol: HTTPS`, `Port`, `Certificates` and
    /// `SslPolicy`.
    pub fn https(port: u16, certificate: impl IntoValue<AnyOf<CertificateArnRef>>) -> Self {
        Listener::with(port, vec![Typed::new(certificate)])
    }

    fn with(port: u16, certificates: Vec<Typed<AnyOf<CertificateArnRef>>>) -> Self {
        Listener {
            port,
            certificates,
            ssl_policy: None,
            default_action: DefaultAction::FixedResponse { status: 404 },
            rules: Vec::new(),
            test_traffic: false,
            customize: Vec::new(),
        }
    }

    /// Sends every request no rule takes to `target`. Sets `DefaultActions` to a `forward`.
    #[must_use]
    pub fn forward<L: LaunchType>(mut self, target: &TargetGroupHandle<L, Http>) -> Self {
        self.default_action = DefaultAction::Forward(TargetRef::of(target));
        self
    }

    /// Redirects every request to HTTPS on port 443 (`HTTP_301`, host, path and query kept).
    /// Sets `DefaultActions` to a `redirect`.
    #[must_use]
    pub fn redirect_to_https(mut self) -> Self {
        self.default_action = DefaultAction::RedirectToHttps { port: 443 };
        self
    }

    /// Answers requests no rule takes with `status` and no body. Default: `404`.
    /// Sets `DefaultActions` to a `fixed-response`.
    #[must_use]
    pub fn fixed_response(mut self, status: u16) -> Self {
        self.default_action = DefaultAction::FixedResponse { status };
        self
    }

    /// The TLS security policy of an HTTPS listener. Sets `SslPolicy`.
    #[must_use]
    pub fn ssl_policy(mut self, policy: &str) -> Self {
        self.ssl_policy = Some(policy.to_owned());
        self
    }

    /// Adds a rule (path or host conditions, a priority, a target group).
    /// Creates an `AWS::ElasticLoadBalancingV2::ListenerRule`.
    #[must_use]
    pub fn rule(mut self, rule: ListenerRule) -> Self {
        self.rules.push(rule);
        self
    }

    /// Marks the listener as the test listener of blue/green deployments: its rules are the
    /// `TestListenerRule` of the services they forward to, not their production rule.
    #[must_use]
    pub fn for_test_traffic(mut self) -> Self {
        self.test_traffic = true;
        self
    }

    /// The generated listener, applied after the builder's settings.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnListener) -> CfnListener + 'static) -> Self {
        self.customize.push(Box::new(f));
        self
    }

    fn is_https(&self) -> bool {
        !self.certificates.is_empty()
    }

    fn default_action(&self) -> Action {
        match &self.default_action {
            DefaultAction::Forward(target) => Action::new(ActionRequired {
                type_: listener::ActionType::Forward,
            })
            .target_group_arn(&target.group),
            DefaultAction::RedirectToHttps { port } => Action::new(ActionRequired {
                type_: listener::ActionType::Redirect,
            })
            .redirect_config(
                RedirectConfig::new(RedirectConfigRequired {
                    status_code: listener::RedirectConfigStatusCode::Http301,
                })
                .protocol("HTTPS")
                .port(port.to_string()),
            ),
            DefaultAction::FixedResponse { status } => Action::new(ActionRequired {
                type_: listener::ActionType::FixedResponse,
            })
            .fixed_response_config(FixedResponseConfig::new(FixedResponseConfigRequired {
                status_code: status.to_string(),
            })),
        }
    }

    /// `ECS030`: two rules of this listener share a priority; plus each rule's own problems.
    fn problems(&self, listener_id: &str) -> Diagnostics {
        let mut found = Diagnostics::new();
        let mut seen: BTreeMap<u32, &ListenerRule> = BTreeMap::new();
        for rule in &self.rules {
            for d in rule.problems(listener_id) {
                found.push(d);
            }
            match seen.get(&rule.priority) {
                None => {
                    seen.insert(rule.priority, rule);
                }
                Some(first) => found.push(
                    Diagnostic::error(
                        "ECS030",
                        format!("Resources.{listener_id}"),
                        format!(
                            "two rules of listener `{listener_id}` have priority {}",
                            rule.priority
                        ),
                        )
                    .help("give each rule of a listener its own priority; the lower one is evaluated first")
                    .at(Some(rule.location))
                    .related("the other rule of that priority", first.location),
                ),
            }
        }
        found
    }
}

impl TcpListener {
    /// A TCP listener on `port` forwarding to `target`. Sets `Protocol: TCP`, `Port` and a
    /// `forward` default action.
    pub fn new<L: LaunchType>(port: u16, target: &TargetGroupHandle<L, Tcp>) -> Self {
        TcpListener {
            port,
            target: target.target_group.clone(),
            customize: Vec::new(),
        }
    }

    /// The generated listener, applied after the builder's settings.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnListener) -> CfnListener + 'static) -> Self {
        self.customize.push(Box::new(f));
        self
    }
}

/// A traffic path from a load balancer to a target group, recorded for the services that
/// register in it.
#[derive(Clone, Debug)]
pub(crate) struct Route {
    /// The logical ID of the target group traffic goes to.
    pub(crate) target_group: String,
    /// The green target group of a blue/green rule.
    pub(crate) alternate: Option<Handle<crate::cfn::elasticloadbalancingv2::CfnTargetGroup>>,
    /// The listener or rule that sends it there: the service starts after it.
    pub(crate) via: crate::intrinsic::Symbol,
    /// The rule, when a rule (not a listener's default action) sends it.
    pub(crate) rule: Option<Handle<CfnListenerRule>>,
    /// The listener, for a Network Load Balancer's blue/green production listener.
    pub(crate) listener: Handle<CfnListener>,
    /// Whether it is test traffic of blue/green deployments.
    pub(crate) test: bool,
}

/// What a load balancer needs of a listener definition: its port and how to add it.
pub(crate) trait ListenerSpec {
    /// The port it listens on.
    fn port(&self) -> u16;
    /// The part of its logical ID naming protocol and port: `Http` (80), `Https` (443), or
    /// protocol and port such as `Http8080`, `Tcp6379`.
    fn name(&self) -> String;
    /// Adds the listener and its rules; returns the traffic paths it opens.
    fn add_to(
        self,
        stack: &mut Stack,
        listener_id: &str,
        load_balancer: &Handle<CfnLoadBalancer>,
        handles: &mut Vec<Handle<CfnListenerRule>>,
    ) -> (Handle<CfnListener>, Vec<Route>);
}

impl ListenerSpec for Listener {
    fn port(&self) -> u16 {
        self.port
    }

    fn name(&self) -> String {
        match (self.is_https(), self.port) {
            (false, 80) => "Http".to_owned(),
            (true, 443) => "Https".to_owned(),
            (false, port) => format!("Http{port}"),
            (true, port) => format!("Https{port}"),
        }
    }

    #[track_caller]
    fn add_to(
        mut self,
        stack: &mut Stack,
        listener_id: &str,
        load_balancer: &Handle<CfnLoadBalancer>,
        handles: &mut Vec<Handle<CfnListenerRule>>,
    ) -> (Handle<CfnListener>, Vec<Route>) {
        stack.problems.extend(self.problems(listener_id));
        let protocol = if self.is_https() {
            listener::Protocol::Https
        } else {
            listener::Protocol::Http
        };
        let mut cfn = CfnListener::new(CfnListenerRequired {
            default_actions: vec![self.default_action()],
            load_balancer_arn: load_balancer,
        })
        .protocol(protocol)
        .port(i64::from(self.port));
        if self.is_https() {
            let certificates: Vec<listener::Certificate> = self
                .certificates
                .drain(..)
                .map(|c| listener::Certificate::new().certificate_arn(c))
                .collect();
            let policy = self.ssl_policy.clone();
            cfn = cfn
                .certificates(certificates)
                .ssl_policy(policy.unwrap_or_else(|| DEFAULT_SSL_POLICY.to_owned()));
        }
        let cfn = apply(&mut self.customize, cfn);
        let handle = stack.add(listener_id, cfn);
        let mut routes = Vec::new();
        if let DefaultAction::Forward(target) = &self.default_action {
            routes.push(Route {
                target_group: target.id().to_owned(),
                alternate: None,
                via: handle.symbol().clone(),
                rule: None,
                listener: handle.clone(),
                test: self.test_traffic,
            });
        }
        let prefix = listener_id.strip_suffix("Listener").unwrap_or(listener_id);
        for rule in self.rules {
            let rule_id = format!("{prefix}Rule{}", rule.priority);
            let target_group = rule.forward.id().to_owned();
            let alternate = rule.alternate.as_ref().map(|g| g.group.clone());
            let rule = rule.add(stack, &rule_id, handle.ref_());
            routes.push(Route {
                target_group,
                alternate,
                via: rule.symbol().clone(),
                rule: Some(rule.clone()),
                listener: handle.clone(),
                test: self.test_traffic,
            });
            handles.push(rule);
        }
        (handle, routes)
    }
}

impl ListenerSpec for TcpListener {
    fn port(&self) -> u16 {
        self.port
    }

    fn name(&self) -> String {
        format!("Tcp{}", self.port)
    }

    #[track_caller]
    fn add_to(
        mut self,
        stack: &mut Stack,
        listener_id: &str,
        load_balancer: &Handle<CfnLoadBalancer>,
        _: &mut Vec<Handle<CfnListenerRule>>,
    ) -> (Handle<CfnListener>, Vec<Route>) {
        let forward = Action::new(ActionRequired {
            type_: listener::ActionType::Forward,
        })
        .target_group_arn(&self.target);
        let cfn = CfnListener::new(CfnListenerRequired {
            default_actions: vec![forward],
            load_balancer_arn: load_balancer,
        })
        .protocol(listener::Protocol::Tcp)
        .port(i64::from(self.port));
        let cfn = apply(&mut self.customize, cfn);
        let handle = stack.add(listener_id, cfn);
        let route = Route {
            target_group: self.target.logical_id().to_owned(),
            alternate: None,
            via: handle.symbol().clone(),
            rule: None,
            listener: handle.clone(),
            test: false,
        };
        (handle, vec![route])
    }
}
