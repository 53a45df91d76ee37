//! Where a container secret comes from: Secrets Manager or SSM Parameter Store.

use crate::cfn::secretsmanager::CfnSecret;
use crate::intrinsic::{Handle, IntoValue, Sub};
use crate::template::Node;

/// The `ValueFrom` of a container secret: ECS reads it when the task starts, so the value never
/// appears in the template or the task definition.
#[derive(Clone, Debug, PartialEq)]
pub struct SecretValue(Node);

impl SecretValue {
    /// One JSON key of a Secrets Manager secret in this stack (`<secret ARN>:<key>::`).
    pub fn secrets_manager_key(secret: &Handle<CfnSecret>, json_key: &str) -> Self {
        SecretValue(
            Sub::new()
                .var(secret)
                .text(&format!(":{json_key}::"))
                .into(),
        )
    }

    /// A whole Secrets Manager secret, or an SSM parameter, by ARN.
    pub fn arn(arn: impl IntoValue<String>) -> Self {
        SecretValue(arn.into_node())
    }

    /// An SSM parameter of this account and region, by name (`/app/db-password`).
    pub fn ssm_parameter(name: &str) -> Self {
        let sub =
            Sub::arn_prefix("ssm").text(&format!("parameter/{}", name.trim_start_matches('/')));
        SecretValue(sub.into())
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<String> for SecretValue {
    fn into_node(self) -> Node {
        self.0
    }
}
