//! Resource policies built from typed values: `CreationPolicy`, `UpdatePolicy` (`DeletionPolicy`
//! is plain data, in [`crate::intrinsic`]).

use std::collections::BTreeMap;

use super::Node;
use crate::intrinsic::IntoValue;

/// `CreationPolicy`: wait for signals (cfn-signal) before the resource counts as created.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CreationPolicy {
    fields: BTreeMap<String, Node>,
}

impl CreationPolicy {
    /// An empty creation policy.
    pub fn new() -> Self {
        CreationPolicy::default()
    }

    /// Sets `ResourceSignal`: `count` signals within `timeout` (ISO 8601, such as `PT15M`).
    #[must_use]
    pub fn resource_signal(mut self, count: impl IntoValue<i64>, timeout: &str) -> Self {
        let signal = BTreeMap::from([
            ("Count".to_owned(), count.into_node()),
            ("Timeout".to_owned(), timeout.into()),
        ]);
        self.fields
            .insert("ResourceSignal".into(), Node::Map(signal));
        self
    }

    /// Sets `AutoScalingCreationPolicy.MinSuccessfulInstancesPercent`.
    #[must_use]
    pub fn min_successful_instances_percent(mut self, percent: u8) -> Self {
        let inner = BTreeMap::from([(
            "MinSuccessfulInstancesPercent".to_owned(),
            Node::Int(percent.into()),
        )]);
        self.fields
            .insert("AutoScalingCreationPolicy".into(), Node::Map(inner));
        self
    }

    /// The policy as a template node.
    pub fn into_node(self) -> Node {
        Node::Map(self.fields)
    }
}

/// `UpdatePolicy`: how CloudFormation updates an Auto Scaling group and a few other types.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpdatePolicy {
    fields: BTreeMap<String, Node>,
}

impl UpdatePolicy {
    /// An empty update policy.
    pub fn new() -> Self {
        UpdatePolicy::default()
    }

    /// Sets `AutoScalingRollingUpdate` with the given fields (`MinInstancesInService`, `MaxBatchSize`,
    /// `PauseTime`, `WaitOnResourceSignals`, …).
    #[must_use]
    pub fn auto_scaling_rolling_update(
        mut self,
        fields: impl IntoIterator<Item = (&'static str, Node)>,
    ) -> Self {
        let inner = fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        self.fields
            .insert("AutoScalingRollingUpdate".into(), Node::Map(inner));
        self
    }

    /// Sets `AutoScalingReplacingUpdate.WillReplace`.
    #[must_use]
    pub fn auto_scaling_replacing_update(mut self, will_replace: bool) -> Self {
        let inner = BTreeMap::from([("WillReplace".to_owned(), Node::Bool(will_replace))]);
        self.fields
            .insert("AutoScalingReplacingUpdate".into(), Node::Map(inner));
        self
    }

    /// Sets `AutoScalingScheduledAction.IgnoreUnmodifiedGroupSizeProperties`.
    #[must_use]
    pub fn ignore_unmodified_group_size_properties(mut self, ignore: bool) -> Self {
        let inner = BTreeMap::from([(
            "IgnoreUnmodifiedGroupSizeProperties".to_owned(),
            Node::Bool(ignore),
        )]);
        self.fields
            .insert("AutoScalingScheduledAction".into(), Node::Map(inner));
        self
    }

    /// Sets any other update policy key (`CodeDeployLambdaAliasUpdate`, `EnableVersionUpgrade`, …).
    #[must_use]
    pub fn raw(mut self, key: &str, value: Node) -> Self {
        self.fields.insert(key.to_owned(), value);
        self
    }

    /// The policy as a template node.
    pub fn into_node(self) -> Node {
        Node::Map(self.fields)
    }
}
