//! A role assumed by an AWS service, with managed and inline policies.

use crate::cfn::iam::managed_policy::ManagedPolicyArn;
use crate::cfn::iam::{CfnRole, role};
use crate::customize::{Customize, apply};
use crate::intrinsic::{Handle, IntoValue, Resource, Typed};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::PolicyDocument;

/// An IAM role that an AWS service (ECS tasks, EC2 instances, Lambda) assumes.
///
/// ```
/// use ecs_dsl::iam::{PolicyDocument, ServiceRole, Statement};
/// use ecs_dsl::prelude::*;
///
/// let mut stack = Stack::new();
/// let role = ServiceRole::new("ecs-tasks.amazonaws.com")
///     .inline_policy(
///         "PublishMetrics",
///         PolicyDocument::new().statement(Statement::allow(["cloudwatch:PutMetricData"]).resource("*")),
///     )
///     .add(&mut stack, "TaskRole");
/// assert_eq!(role.logical_id(), "TaskRole");
/// ```
pub struct ServiceRole {
    role: CfnRole,
    policies: Vec<role::Policy>,
    managed: Vec<Typed<ManagedPolicyArn>>,
    /// The user's changes, applied after the builder's policies so that none is overwritten.
    customize: Customize<CfnRole>,
}

impl std::fmt::Debug for ServiceRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceRole")
            .field("role", &self.role)
            .field("policies", &self.policies)
            .field("managed", &self.managed)
            .field("customize", &self.customize.len())
            .finish()
    }
}

impl ServiceRole {
    /// A role `service` (such as `ecs-tasks.amazonaws.com`) may assume.
    pub fn new(service: &str) -> Self {
        let trust = PolicyDocument::assume_role_by(service);
        ServiceRole {
            role: CfnRole::new(role::CfnRoleRequired {
                assume_role_policy_document: trust,
            }),
            policies: Vec::new(),
            managed: Vec::new(),
            customize: Vec::new(),
        }
    }

    /// Adds an inline policy. Sets `AWS::IAM::Role.Policies`.
    #[must_use]
    pub fn inline_policy(mut self, name: &str, document: PolicyDocument) -> Self {
        self.policies.push(role::Policy::new(role::PolicyRequired {
            policy_document: document,
            policy_name: name,
        }));
        self
    }

    /// Attaches an AWS managed policy by ARN. Sets `AWS::IAM::Role.ManagedPolicyArns`.
    #[must_use]
    pub fn managed_policy(mut self, arn: impl IntoValue<ManagedPolicyArn>) -> Self {
        self.managed.push(Typed::new(arn));
        self
    }

    /// Creates the role only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.role = self.role.depends_on(other);
        self
    }

    /// The generated resource underneath, for properties and resource attributes this builder
    /// does not cover. Applied when the role is added, after the builder's policies, so what the
    /// closure sets (even `Policies` or `ManagedPolicyArns`) is what the template holds.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize.push(Box::new(f));
        self
    }

    /// The finished resource.
    pub(crate) fn into_cfn(mut self) -> CfnRole {
        let mut role = self.role;
        if !self.policies.is_empty() {
            role = role.policies(self.policies);
        }
        if !self.managed.is_empty() {
            role = role.managed_policy_arns(self.managed);
        }
        apply(&mut self.customize, role)
    }

    /// Adds the role to `stack` under `logical_id`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> Handle<CfnRole> {
        stack.add(logical_id, self.into_cfn())
    }
}
