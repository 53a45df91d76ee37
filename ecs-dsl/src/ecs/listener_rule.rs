//! A rule of an Application Load Balancer's listener: requests matching its path or host
//! conditions go to one service's target group. Several services share one load balancer this
//! way.

use std::panic::Location;

use crate::cfn::elasticloadbalancingv2::CfnListenerRule;
use crate::cfn::elasticloadbalancingv2::listener::ListenerArn;
use crate::cfn::elasticloadbalancingv2::listener_rule::{
    Action, ActionRequired, ActionType, CfnListenerRuleRequired, ForwardConfig, HostHeaderConfig,
    PathPatternConfig, RuleCondition, TargetGroupTuple,
};
use crate::diagnostics::Diagnostic;
use crate::intrinsic::Handle;
use crate::stack::Stack;

use super::launch::LaunchType;
use super::target_group::{Http, TargetGroupHandle};
use crate::customize::{Customize, apply};

/// The priorities Elastic Load Balancing accepts for a listener rule.
pub(crate) const PRIORITIES: std::ops::RangeInclusive<i64> = 1..=50_000;

/// A listener rule sending the requests that match all its conditions to a target group: at
/// least one of [`ListenerRule::path_pattern`] and [`ListenerRule::host_header`]. Rules of one
/// listener are evaluated by priority, lowest first; two rules of one listener cannot share one
/// (`ECS030`). Give it to [`super::Listener::rule`].
pub struct ListenerRule {
    pub(crate) priority: u32,
    path_patterns: Vec<String>,
    host_headers: Vec<String>,
    pub(crate) forward: TargetRef,
    pub(crate) alternate: Option<TargetRef>,
    customize: Customize<CfnListenerRule>,
    pub(crate) location: &'static Location<'static>,
}

/// A target group a listener or rule forwards to, whatever its launch type.
#[derive(Clone, Debug)]
pub(crate) struct TargetRef {
    pub(crate) group: Handle<crate::cfn::elasticloadbalancingv2::CfnTargetGroup>,
}

impl TargetRef {
    pub(crate) fn of<L: LaunchType>(group: &TargetGroupHandle<L, Http>) -> Self {
        TargetRef {
            group: group.target_group.clone(),
        }
    }

    pub(crate) fn id(&self) -> &str {
        self.group.logical_id()
    }
}

impl ListenerRule {
    /// A rule of priority `priority` (1–50000, lowest first; `ECS031` otherwise) forwarding to
    /// `target`. Sets `Priority` and a `forward` action in `Actions`.
    #[track_caller]
    pub fn new<L: LaunchType>(priority: u32, target: &TargetGroupHandle<L, Http>) -> Self {
        ListenerRule {
            priority,
            path_patterns: Vec::new(),
            host_headers: Vec::new(),
            forward: TargetRef::of(target),
            alternate: None,
            customize: Vec::new(),
            location: Location::caller(),
        }
    }

    /// Matches requests whose path matches `pattern` (`*` and `?` wildcards, such as `/api/*`);
    /// repeat for more patterns (any of them matches).
    /// Sets a `path-pattern` condition in `Conditions`.
    #[must_use]
    pub fn path_pattern(mut self, pattern: &str) -> Self {
        self.path_patterns.push(pattern.to_owned());
        self
    }

    /// Matches requests for host `host` (such as `api.example.com`); repeat for more hosts.
    /// Sets a `host-header` condition in `Conditions`.
    #[must_use]
    pub fn host_header(mut self, host: &str) -> Self {
        self.host_headers.push(host.to_owned());
        self
    }

    /// The green target group of a blue/green deployment: the rule forwards to both, all
    /// traffic to the first (weight 100, the alternate 0), and ECS shifts the weights during a
    /// deployment. Sets `Actions[0].ForwardConfig.TargetGroups`.
    #[must_use]
    pub fn alternate<L: LaunchType>(mut self, green: &TargetGroupHandle<L, Http>) -> Self {
        self.alternate = Some(TargetRef::of(green));
        self
    }

    /// The generated listener rule, applied after the builder's settings.
    #[must_use]
    pub fn customize(
        mut self,
        f: impl FnOnce(CfnListenerRule) -> CfnListenerRule + 'static,
    ) -> Self {
        self.customize.push(Box::new(f));
        self
    }

    /// `ECS031` (priority out of range) and `ECS032` (no condition), at the rule's line.
    pub(crate) fn problems(&self, listener_id: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let path = format!("Resources.{listener_id}");
        if !PRIORITIES.contains(&i64::from(self.priority)) {
            found.push(
                Diagnostic::error(
                    "ECS031",
                    path.clone(),
                    format!(
                        "listener rule of priority {} on `{listener_id}`: priorities run from 1 to 50000",
                        self.priority
                    ),
                )
                .help("give the rule a priority from 1 (evaluated first) to 50000")
                .at(Some(self.location)),
            );
        }
        if self.path_patterns.is_empty() && self.host_headers.is_empty() {
            found.push(
                Diagnostic::error(
                    "ECS032",
                    path,
                    format!(
                        "listener rule of priority {} on `{listener_id}` has no condition",
                        self.priority
                    ),
                )
                .help("add `.path_pattern(\"/api/*\")` or `.host_header(\"api.example.com\")`; to send all other requests to a target, forward to it in the listener's default action")
                .at(Some(self.location)),
            );
        }
        found
    }

    /// Adds the rule to `listener` as `logical_id`.
    #[track_caller]
    pub(crate) fn add(
        mut self,
        stack: &mut Stack,
        logical_id: &str,
        listener: ListenerArn,
    ) -> Handle<CfnListenerRule> {
        let rule = CfnListenerRule::new(CfnListenerRuleRequired {
            actions: vec![self.action()],
            conditions: self.conditions(),
            priority: i64::from(self.priority),
        })
        .listener_arn(listener);
        let rule = apply(&mut self.customize, rule);
        stack.add(logical_id, rule)
    }

    fn action(&self) -> Action {
        let forward = Action::new(ActionRequired {
            type_: ActionType::Forward,
        });
        match &self.alternate {
            None => forward.target_group_arn(&self.forward.group),
            Some(green) => forward.forward_config(ForwardConfig::new().target_groups(vec![
                TargetGroupTuple::new()
                    .target_group_arn(&self.forward.group)
                    .weight(100),
                TargetGroupTuple::new()
                    .target_group_arn(&green.group)
                    .weight(0),
            ])),
        }
    }

    fn conditions(&self) -> Vec<RuleCondition> {
        let mut conditions = Vec::new();
        if !self.path_patterns.is_empty() {
            conditions.push(
                RuleCondition::new()
                    .field("path-pattern")
                    .path_pattern_config(
                        PathPatternConfig::new().values(self.path_patterns.clone()),
                    ),
            );
        }
        if !self.host_headers.is_empty() {
            conditions.push(
                RuleCondition::new()
                    .field("host-header")
                    .host_header_config(HostHeaderConfig::new().values(self.host_headers.clone())),
            );
        }
        conditions
    }
}
