//! Named conditions of the `Conditions` section.

use super::Symbol;

/// A condition declared with [`crate::Stack::condition`]; usable in `Fn::If` and as a resource's
/// or output's `Condition`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionName(pub(crate) Symbol);

impl ConditionName {
    /// The stack symbol of the condition.
    pub fn symbol(&self) -> &Symbol {
        &self.0
    }
}
