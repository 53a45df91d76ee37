//! IAM policy documents, built from typed statements instead of raw JSON.

use std::collections::BTreeMap;

use crate::intrinsic::{IntoValue, Json};
use crate::template::Node;

/// The policy language version every statement here is written in.
const POLICY_VERSION: &str = "2012-10-17";

/// An IAM policy document (`Version` + `Statement`), usable wherever a property takes JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PolicyDocument {
    statements: Vec<Statement>,
}

impl PolicyDocument {
    /// An empty document.
    pub fn new() -> Self {
        PolicyDocument::default()
    }

    /// The trust policy that lets an AWS service (`ecs-tasks.amazonaws.com`, …) assume a role.
    pub fn assume_role_by(service: &str) -> Self {
        let principal = Node::Map(BTreeMap::from([(
            "Service".to_owned(),
            Node::List(vec![service.into()]),
        )]));
        PolicyDocument::new().statement(Statement::allow(["sts:AssumeRole"]).principal(principal))
    }

    /// Adds a statement.
    #[must_use]
    pub fn statement(mut self, statement: Statement) -> Self {
        self.statements.push(statement);
        self
    }

    /// The document as a template node.
    pub fn into_node(self) -> Node {
        let statements = self
            .statements
            .into_iter()
            .map(Statement::into_node)
            .collect();
        Node::Map(BTreeMap::from([
            ("Version".to_owned(), Node::Str(POLICY_VERSION.into())),
            ("Statement".to_owned(), Node::List(statements)),
        ]))
    }
}

#[diagnostic::do_not_recommend]
impl IntoValue<Json> for PolicyDocument {
    fn into_node(self) -> Node {
        PolicyDocument::into_node(self)
    }
}

/// One statement of a policy document.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    fields: BTreeMap<String, Node>,
}

impl Statement {
    /// A statement that allows these actions (`ecs:RunTask`, `logs:*`, …).
    pub fn allow<'a>(actions: impl IntoIterator<Item = &'a str>) -> Self {
        Statement::with_effect("Allow", actions)
    }

    /// A statement that denies these actions.
    pub fn deny<'a>(actions: impl IntoIterator<Item = &'a str>) -> Self {
        Statement::with_effect("Deny", actions)
    }

    fn with_effect<'a>(effect: &str, actions: impl IntoIterator<Item = &'a str>) -> Self {
        let actions = actions.into_iter().map(Node::from).collect();
        let fields = BTreeMap::from([
            ("Effect".to_owned(), Node::from(effect)),
            ("Action".to_owned(), Node::List(actions)),
        ]);
        Statement { fields }
    }

    /// Sets `Sid`, the statement's name.
    #[must_use]
    pub fn sid(mut self, sid: &str) -> Self {
        self.fields.insert("Sid".into(), sid.into());
        self
    }

    /// Adds a resource (an ARN, `"*"`, or an attribute such as a log group's ARN).
    #[must_use]
    pub fn resource(mut self, arn: impl IntoValue<String>) -> Self {
        match self
            .fields
            .entry("Resource".into())
            .or_insert_with(|| Node::List(Vec::new()))
        {
            Node::List(items) => items.push(arn.into_node()),
            other => *other = Node::List(vec![arn.into_node()]),
        }
        self
    }

    /// Sets `Principal` (trust policies).
    #[must_use]
    pub fn principal(mut self, principal: Node) -> Self {
        self.fields.insert("Principal".into(), principal);
        self
    }

    /// Adds a condition: `operator` (`ArnEquals`, `StringEquals`, …) on `key` (`ecs:cluster`, …).
    #[must_use]
    pub fn condition(mut self, operator: &str, key: &str, value: impl IntoValue<String>) -> Self {
        let conditions = self
            .fields
            .entry("Condition".into())
            .or_insert_with(|| Node::Map(BTreeMap::new()));
        if let Node::Map(by_operator) = conditions
            && let Node::Map(by_key) = by_operator
                .entry(operator.to_owned())
                .or_insert_with(|| Node::Map(BTreeMap::new()))
        {
            by_key.insert(key.to_owned(), value.into_node());
        }
        self
    }

    /// A single resource is written as a string, several as a list, as IAM examples do.
    fn into_node(mut self) -> Node {
        if let Some(Node::List(items)) = self.fields.get_mut("Resource")
            && items.len() == 1
        {
            let only = items.remove(0);
            self.fields.insert("Resource".into(), only);
        }
        Node::Map(self.fields)
    }
}
