//! Logical IDs: the names resources and parameters have in a template.

use std::fmt;

/// A validated logical ID: 1 to 255 ASCII letters and digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LogicalId(String);

impl LogicalId {
    /// CloudFormation's limit on the length of a logical ID.
    pub const MAX_LEN: usize = 255;

    /// Validates a logical ID, saying what is wrong with it if anything.
    pub fn new(id: &str) -> Result<LogicalId, String> {
        if id.is_empty() {
            return Err("a logical ID may not be empty".into());
        }
        let length = id.chars().count();
        if length > Self::MAX_LEN {
            let start: String = id.chars().take(20).collect();
            return Err(format!(
                "logical ID `{start}…` is {length} characters long; the limit is {}",
                Self::MAX_LEN
            ));
        }
        if let Some(bad) = id.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(format!(
                "logical ID `{id}` contains `{bad}`; only ASCII letters and digits are allowed"
            ));
        }
        Ok(LogicalId(id.to_owned()))
    }

    /// The ID as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LogicalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
