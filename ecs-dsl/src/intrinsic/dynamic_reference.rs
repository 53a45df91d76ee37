//! Dynamic references: `{{resolve:…}}` strings CloudFormation replaces at deploy time.

use super::Value;

/// Builds `{{resolve:…}}` dynamic references, which keep secrets out of the template.
#[derive(Clone, Copy, Debug)]
pub struct DynamicReference;

impl DynamicReference {
    /// `{{resolve:ssm:NAME}}`, optionally pinned to a version.
    pub fn ssm(name: &str, version: Option<u32>) -> Value<String> {
        Value::Literal(match version {
            Some(v) => format!("{{{{resolve:ssm:{name}:{v}}}}}"),
            None => format!("{{{{resolve:ssm:{name}}}}}"),
        })
    }

    /// `{{resolve:ssm-secure:NAME}}` for a SecureString parameter.
    pub fn ssm_secure(name: &str, version: Option<u32>) -> Value<String> {
        Value::Literal(match version {
            Some(v) => format!("{{{{resolve:ssm-secure:{name}:{v}}}}}"),
            None => format!("{{{{resolve:ssm-secure:{name}}}}}"),
        })
    }

    /// `{{resolve:secretsmanager:SECRET:SecretString:KEY}}`; `json_key` `None` takes the whole string.
    pub fn secrets_manager(secret_id: &str, json_key: Option<&str>) -> Value<String> {
        Value::Literal(match json_key {
            Some(k) => format!("{{{{resolve:secretsmanager:{secret_id}:SecretString:{k}}}}}"),
            None => format!("{{{{resolve:secretsmanager:{secret_id}}}}}"),
        })
    }
}
