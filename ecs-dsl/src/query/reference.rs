//! `Reference`: what a `Ref` or `Fn::GetAtt` in a template points at, and finding every place
//! that refers to a resource.

use crate::intrinsic::{Handle, Intrinsic, RefTarget, Resource};
use crate::template::{Node, Template};

/// A captured reference to a resource or parameter: `Ref` (no attribute) or `Fn::GetAtt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The logical ID (or parameter name) referred to.
    pub target: String,
    /// The attribute of `Fn::GetAtt`; `None` for `Ref`.
    pub attribute: Option<String>,
}

impl Reference {
    /// The reference a node is, if it is a `Ref` to a resource or parameter or an `Fn::GetAtt`.
    pub fn of(node: &Node) -> Option<Reference> {
        match node.as_intrinsic()? {
            Intrinsic::Ref(RefTarget::Symbol(s)) => Some(Reference {
                target: s.name.to_string(),
                attribute: None,
            }),
            Intrinsic::GetAtt(s, attribute) => Some(Reference {
                target: s.name.to_string(),
                attribute: Some(attribute.to_string()),
            }),
            _ => None,
        }
    }

    /// Whether this refers to the resource behind `handle`.
    pub fn refers_to<R: Resource>(&self, handle: &Handle<R>) -> bool {
        self.target == handle.logical_id()
    }
}

/// The template paths of every place that names `target` (in `Ref`, `Fn::GetAtt`, `Fn::Sub` or
/// `DependsOn`), in template order.
pub(crate) fn references_to(template: &Template, target: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (id, resource) in &template.resources {
        visit(
            &resource.properties,
            &format!("Resources.{id}.Properties"),
            target,
            &mut found,
        );
        for (i, dependency) in resource.depends_on.iter().enumerate() {
            if dependency == target {
                found.push(format!("Resources.{id}.DependsOn[{i}]"));
            }
        }
    }
    for (name, output) in &template.outputs {
        visit(output, &format!("Outputs.{name}"), target, &mut found);
    }
    found
}

fn visit(node: &Node, path: &str, target: &str, found: &mut Vec<String>) {
    match node {
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                visit(item, &format!("{path}[{i}]"), target, found);
            }
        }
        Node::Map(map) => {
            for (key, value) in map {
                visit(value, &format!("{path}.{key}"), target, found);
            }
        }
        Node::Fn(f) => {
            if f.symbols().iter().any(|s| *s.name == *target) {
                found.push(path.to_owned());
            }
            for child in f.children() {
                visit(child, path, target, found);
            }
        }
        _ => {}
    }
}
