//! Handles of another stack: a reference, `DependsOn` or `Condition` naming an entity of a stack
//! other than the one it is added to (`CFN003`). Names written as text ([`StackId::TEXT`]) belong
//! to the template that holds them and are judged by the structural checks instead.

use super::Stack;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::intrinsic::{StackId, Symbol};
use crate::template::Node;
use crate::validate::walk_intrinsics;

pub(super) fn check(stack: &Stack, sibling: &dyn Fn(StackId) -> bool) -> Diagnostics {
    let mut out = Diagnostics::new();
    let foreign = |s: &Symbol| s.stack != stack.id() && s.stack != StackId::TEXT;
    // A value of a sibling stack of an app is imported, not an error.
    let foreign_value = |s: &&Symbol| foreign(s) && !sibling(s.stack);
    for r in &stack.resources {
        let mut report = |path: String, s: &Symbol| {
            out.push(
                Diagnostic::error(
                    "CFN003",
                    format!("Resources.{}.{path}", r.id),
                    format!("`{}` belongs to another stack", s.name),
                )
                .help("add both stacks to one `ecs_dsl::app::App`, which exports the value from its stack and imports it here")
                .at(Some(r.location)),
            );
        };
        let attributes = &r.body.attributes;
        for s in attributes.depends_on.iter().filter(|s| foreign(s)) {
            report("DependsOn".into(), s);
        }
        if let Some(s) = attributes.condition.as_ref().filter(|s| foreign(s)) {
            report("Condition".into(), s);
        }
        let props = r.body.props.clone().into_node();
        let mut nodes = vec![("Properties", &props)];
        nodes.extend(
            attributes
                .creation_policy
                .as_ref()
                .map(|n| ("CreationPolicy", n)),
        );
        nodes.extend(
            attributes
                .update_policy
                .as_ref()
                .map(|n| ("UpdatePolicy", n)),
        );
        let metadata = Node::Map(attributes.metadata.clone());
        nodes.push(("Metadata", &metadata));
        nodes.extend(attributes.as_written.iter().map(|(k, v)| (k.as_str(), v)));
        let overrides: Vec<(String, Node)> = r.body.overrides.clone();
        for (path, node) in &overrides {
            let root = format!("Properties.{path}");
            walk_intrinsics(node, &root, &mut |p, f| {
                f.symbols()
                    .into_iter()
                    .filter(foreign_value)
                    .for_each(|s| report(p.to_owned(), s))
            });
        }
        for (root, node) in nodes {
            walk_intrinsics(node, root, &mut |p, f| {
                f.symbols()
                    .into_iter()
                    .filter(foreign_value)
                    .for_each(|s| report(p.to_owned(), s))
            });
        }
    }
    for (dependent, dependency, location) in &stack.explicit_dependencies {
        for s in [dependent, dependency].into_iter().filter(|s| foreign(s)) {
            out.push(
                Diagnostic::error(
                    "CFN003",
                    format!("Resources.{}.DependsOn", dependent.name),
                    format!("`{}` belongs to another stack", s.name),
                )
                .help("a dependency joins two resources of one stack; across stacks, deploy them in order")
                .at(Some(location)),
            );
        }
    }
    out
}
