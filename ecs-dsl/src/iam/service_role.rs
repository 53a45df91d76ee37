//! A role assumed by an AWS service, with managed and inline policies.

use crate::cfn::iam::managed_policy::ManagedPolicyArn;
use crate::cfn::iam::{CfnRole, role};
use crate::intrinsic::{Handle, IntoValue, Typed};
use crate::stack::Stack;

use super::PolicyDocument;

/// An IAM role that an AWS service (ECS tasks, EC2 instances, Lambda) assumes.
#[derive(Clone, Debug)]
pub struct ServiceRole {
    role: CfnRole,
    policies: Vec<role::Policy>,
    managed: Vec<Typed<ManagedPolicyArn>>,
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

    /// The generated resource underneath, for properties this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnRole) -> CfnRole) -> Self {
        self.role = f(self.role);
        self
    }

    /// Adds the role to `stack` under `logical_id`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> Handle<CfnRole> {
        let mut role = self.role;
        if !self.policies.is_empty() {
            role = role.policies(self.policies);
        }
        if !self.managed.is_empty() {
            role = role.managed_policy_arns(self.managed);
        }
        stack.add(logical_id, role)
    }
}
