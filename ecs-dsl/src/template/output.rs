//! Entries of the `Outputs` section.

use std::collections::BTreeMap;

use super::{ConditionName, Node};
use crate::intrinsic::IntoValue;

/// An output: a value the stack reports, optionally exported for other stacks.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    pub(crate) value: Node,
    pub(crate) description: Option<String>,
    pub(crate) export_name: Option<Node>,
    pub(crate) condition: Option<ConditionName>,
}

impl Output {
    /// An output of `value` (`Value`).
    pub fn new(value: impl IntoValue<String>) -> Self {
        Output {
            value: value.into_node(),
            description: None,
            export_name: None,
            condition: None,
        }
    }

    /// Sets `Description`.
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    /// Sets `Export.Name`, so other stacks can `Fn::ImportValue` it.
    #[must_use]
    pub fn export_name(mut self, name: impl IntoValue<String>) -> Self {
        self.export_name = Some(name.into_node());
        self
    }

    /// Sets `Condition`: the output exists only when the condition holds.
    #[must_use]
    pub fn condition(mut self, condition: &ConditionName) -> Self {
        self.condition = Some(condition.clone());
        self
    }

    pub(crate) fn to_node(&self) -> Node {
        let mut m = BTreeMap::new();
        m.insert("Value".to_owned(), self.value.clone());
        if let Some(d) = &self.description {
            m.insert("Description".to_owned(), Node::Str(d.clone()));
        }
        if let Some(e) = &self.export_name {
            m.insert(
                "Export".to_owned(),
                Node::Map(BTreeMap::from([("Name".to_owned(), e.clone())])),
            );
        }
        if let Some(c) = &self.condition {
            m.insert(
                "Condition".to_owned(),
                Node::Str(c.symbol().name.to_string()),
            );
        }
        Node::Map(m)
    }
}
