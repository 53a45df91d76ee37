//! The argument of `Fn::GetStackOutput`: which output of which stack, read with which role in
//! which region.

use super::{IntoValue, Node};

/// An output of another stack, for [`super::Func::get_stack_output`]. Unlike
/// `Fn::ImportValue`, the other stack need not export it, and it may live in another region or
/// account.
#[derive(Clone, Debug, PartialEq)]
pub struct StackOutput {
    /// `StackName`.
    pub stack_name: Node,
    /// `OutputName`: the output's logical ID in that stack.
    pub output_name: Node,
    /// `Region`: where that stack is (default: this stack's region).
    pub region: Option<Node>,
    /// `RoleArn`: a role allowed `cloudformation:DescribeStacks` on that stack (default: this
    /// stack's execution role).
    pub role_arn: Option<Node>,
}

impl StackOutput {
    /// The output `output_name` of the stack `stack_name` (`StackName`, `OutputName`).
    pub fn new(stack_name: impl IntoValue<String>, output_name: impl IntoValue<String>) -> Self {
        StackOutput {
            stack_name: stack_name.into_node(),
            output_name: output_name.into_node(),
            region: None,
            role_arn: None,
        }
    }

    /// Sets `Region`: the region of the other stack.
    #[must_use]
    pub fn region(mut self, region: impl IntoValue<String>) -> Self {
        self.region = Some(region.into_node());
        self
    }

    /// Sets `RoleArn`: the role that reads the other stack (another account's, typically).
    #[must_use]
    pub fn role_arn(mut self, role_arn: impl IntoValue<String>) -> Self {
        self.role_arn = Some(role_arn.into_node());
        self
    }

    /// The fields in template order, by their CloudFormation names.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &Node)> {
        [
            ("StackName", Some(&self.stack_name)),
            ("OutputName", Some(&self.output_name)),
            ("Region", self.region.as_ref()),
            ("RoleArn", self.role_arn.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
    }

    /// The values of the fields that are set.
    pub fn arguments(&self) -> impl Iterator<Item = &Node> {
        self.fields().map(|(_, v)| v)
    }

    /// The fields, mutable (for rewriting the references inside them).
    pub fn arguments_mut(&mut self) -> impl Iterator<Item = &mut Node> {
        [
            Some(&mut self.stack_name),
            Some(&mut self.output_name),
            self.region.as_mut(),
            self.role_arn.as_mut(),
        ]
        .into_iter()
        .flatten()
    }
}
