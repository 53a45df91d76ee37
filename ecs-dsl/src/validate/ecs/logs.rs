//! The log groups of a stack, indexed by name, for the `awslogs` rule.

use std::collections::BTreeSet;

use crate::intrinsic::Intrinsic;
use crate::template::Node;

use super::super::helpers::{ref_name, sub_key};
use super::super::index::Index;

const LOG_GROUP: &str = "AWS::Logs::LogGroup";

/// What the rule can tell about the log group a container names.
pub(super) enum Verdict {
    /// A log group of this stack, or a name imported from another stack.
    Known,
    /// Neither; the text is the name as written.
    Undeclared(String),
    /// A deploy-time value that cannot be compared (a parameter, `Fn::Join`, …).
    Unknown,
}

/// The `LogGroupName`s of the stack's log groups.
pub(super) struct LogGroups<'t> {
    ids: BTreeSet<&'t str>,
    /// Names that are literals or plain `Fn::Sub`s, as `Fn::Sub` template strings.
    keys: BTreeSet<String>,
    /// Names that are other intrinsics, compared as they are.
    others: Vec<&'t Node>,
}

impl<'t> LogGroups<'t> {
    /// Indexes the log groups of a template.
    pub(super) fn new(ix: &Index<'t>) -> Self {
        let mut groups = LogGroups {
            ids: BTreeSet::new(),
            keys: BTreeSet::new(),
            others: Vec::new(),
        };
        for lg in ix.of_type(LOG_GROUP) {
            groups.ids.insert(lg.id);
            let Some(name) = lg.prop("LogGroupName") else {
                continue;
            };
            match sub_key(name) {
                Some(key) => {
                    groups.keys.insert(key);
                }
                None => groups.others.push(name),
            }
        }
        groups
    }

    /// Whether `group` names a log group of the stack or an imported one.
    pub(super) fn verdict(&self, group: &Node) -> Verdict {
        if let Some(key) = sub_key(group) {
            // A name computed some other way (`Fn::Join`, …) might equal this one.
            let opaque_names = self.others.iter().any(|n| ref_name(n).is_none());
            return if self.keys.contains(&key) {
                Verdict::Known
            } else if opaque_names {
                Verdict::Unknown
            } else {
                Verdict::Undeclared(group.as_str().map_or(key, str::to_owned))
            };
        }
        if ref_name(group).is_some_and(|id| self.ids.contains(id)) || self.others.contains(&group) {
            return Verdict::Known;
        }
        match group.as_intrinsic() {
            Some(Intrinsic::ImportValue(_)) => Verdict::Known,
            _ => Verdict::Unknown,
        }
    }
}
