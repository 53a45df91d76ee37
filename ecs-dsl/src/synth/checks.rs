//! Checks synth makes on every template: references, dependency cycles, CloudFormation limits.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::intrinsic::{Intrinsic, RefTarget, Symbol};
use crate::stack::{EntityKind, Stack};
use crate::template::{Node, Template};

/// CloudFormation's per-template limits: (section, how many, limit).
const LIMITS: [(&str, usize); 4] = [
    ("Resources", 500),
    ("Parameters", 200),
    ("Outputs", 200),
    ("Mappings", 200),
];

pub(super) fn check(stack: &Stack, template: &Template) -> Diagnostics {
    let mut out = Diagnostics::new();
    check_references(stack, template, &mut out);
    check_custom_type_names(template, &mut out);
    check_cycles(stack, template, &mut out);
    check_limits(template, &mut out);
    out
}

fn check_limits(template: &Template, out: &mut Diagnostics) {
    let counts = [
        template.resources.len(),
        template.parameters.len(),
        template.outputs.len(),
        template.mappings.len(),
    ];
    for ((section, limit), count) in LIMITS.iter().zip(counts) {
        if count > *limit {
            out.push(
                Diagnostic::error("CFN009", *section, format!("the template has {count} entries in {section}; CloudFormation allows at most {limit}"))
                    .help("split the stack (nested stacks or several stacks with exports)"),
            );
        }
    }
}

/// CloudFormation's rule for custom resource type names: `Custom::` and 1 to 60 of `A-Za-z0-9_@-`.
fn check_custom_type_names(template: &Template, out: &mut Diagnostics) {
    for (id, resource) in &template.resources {
        let Some(name) = resource.type_name.strip_prefix("Custom::") else {
            continue;
        };
        let valid = (1..=60).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_@-".contains(c));
        if !valid {
            out.push(
                Diagnostic::error(
                    "CFN006",
                    format!("Resources.{id}.Type"),
                    format!(
                        "`{}` is not a valid custom resource type",
                        resource.type_name
                    ),
                )
                .help("name it `Custom::` followed by 1 to 60 letters, digits, `_`, `@` or `-`")
                .at(resource.location),
            );
        }
    }
}

/// What a symbol in the template must name, by the intrinsic that uses it.
fn expected_kind(f: &Intrinsic) -> &'static str {
    match f {
        Intrinsic::Ref(_) => "a resource or parameter",
        Intrinsic::GetAtt(..) => "a resource",
        Intrinsic::If(..) | Intrinsic::Condition(_) => "a condition",
        Intrinsic::FindInMap(..) => "a mapping",
        Intrinsic::Sub(_) => "a resource or parameter",
        _ => "",
    }
}

fn check_references(stack: &Stack, template: &Template, out: &mut Diagnostics) {
    let conditions: BTreeSet<&str> = template.conditions.keys().map(String::as_str).collect();
    let mappings: BTreeSet<&str> = template.mappings.keys().map(String::as_str).collect();
    for (id, resource) in &template.resources {
        let mut visit = |path: &str, f: &Intrinsic| {
            for symbol in f.symbols() {
                let place = format!("Resources.{id}.{path}");
                if symbol.stack != stack.id() {
                    out.push(
                        Diagnostic::error("CFN003", place, format!("`{}` belongs to another stack", symbol.name))
                            .help("add both stacks to one `ecs_dsl::app::App`, which exports the value from its stack and imports it here")
                            .at(resource.location),
                    );
                    continue;
                }
                let known = match f {
                    Intrinsic::If(..) | Intrinsic::Condition(_) => {
                        conditions.contains(&*symbol.name)
                    }
                    Intrinsic::FindInMap(..) => mappings.contains(&*symbol.name),
                    Intrinsic::GetAtt(..) => stack
                        .names
                        .get(&*symbol.name)
                        .is_some_and(|(k, _)| *k == EntityKind::Resource),
                    _ => stack.names.contains_key(&*symbol.name),
                };
                if !known {
                    out.push(
                        Diagnostic::error(
                            "CFN004",
                            place,
                            format!(
                                "`{}` is not {} of this stack",
                                symbol.name,
                                expected_kind(f)
                            ),
                        )
                        .at(resource.location),
                    );
                }
            }
        };
        walk_intrinsics(&resource.properties, "Properties", &mut visit);
        if let Some(m) = &resource.metadata {
            walk_intrinsics(m, "Metadata", &mut visit);
        }
        if let Some(c) = &resource.creation_policy {
            walk_intrinsics(c, "CreationPolicy", &mut visit);
        }
    }
}

/// Calls `visit` with the path of every intrinsic below `node`; `root` starts the path.
pub(crate) fn walk_intrinsics(node: &Node, root: &str, visit: &mut dyn FnMut(&str, &Intrinsic)) {
    let mut path = String::from(root);
    walk_with_path(node, &mut path, visit);
}

/// One path buffer, extended and truncated in place: a 500-resource stack has tens of thousands
/// of nodes, and a `format!` per node was most of synth's time.
fn walk_with_path(node: &Node, path: &mut String, visit: &mut dyn FnMut(&str, &Intrinsic)) {
    use std::fmt::Write as _;
    let len = path.len();
    match node {
        Node::List(items) => {
            for (i, n) in items.iter().enumerate() {
                let _ = write!(path, "[{i}]");
                walk_with_path(n, path, visit);
                path.truncate(len);
            }
        }
        Node::Map(m) => {
            for (k, n) in m {
                path.push('.');
                path.push_str(k);
                walk_with_path(n, path, visit);
                path.truncate(len);
            }
        }
        Node::Fn(f) => {
            visit(path, f);
            for child in f.children() {
                walk_with_path(child, path, visit);
            }
        }
        _ => {}
    }
}

/// The resources each resource depends on: through `Ref`, `Fn::GetAtt`, `Fn::Sub` and `DependsOn`.
pub(crate) fn dependency_graph(template: &Template) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (id, resource) in &template.resources {
        let mut edges: BTreeSet<&str> = resource.depends_on.iter().map(String::as_str).collect();
        let mut collect = |_: &str, f: &Intrinsic| {
            let symbols: Vec<&Symbol> = match f {
                Intrinsic::Ref(RefTarget::Symbol(s)) | Intrinsic::GetAtt(s, _) => vec![s],
                Intrinsic::Sub(sub) => sub.symbols().collect(),
                _ => vec![],
            };
            for s in symbols {
                if let Some((key, _)) = template.resources.get_key_value(&*s.name) {
                    edges.insert(key.as_str());
                }
            }
        };
        walk_intrinsics(&resource.properties, "Properties", &mut collect);
        if let Some(m) = &resource.metadata {
            walk_intrinsics(m, "Metadata", &mut collect);
        }
        if let Some(c) = &resource.creation_policy {
            walk_intrinsics(c, "CreationPolicy", &mut collect);
        }
        graph.insert(id.as_str(), edges);
    }
    graph
}

fn check_cycles(stack: &Stack, template: &Template, out: &mut Diagnostics) {
    let graph = dependency_graph(template);
    let mut reported = BTreeSet::new();
    for (dependent, dependency, location) in &stack.explicit_dependencies {
        if let Some(path) = find_path(&graph, &dependency.name, &dependent.name) {
            let cycle_key: BTreeSet<&str> = path.iter().copied().collect();
            if !reported.insert(cycle_key) {
                continue;
            }
            let chain = path
                .iter()
                .chain(std::iter::once(&path[0]))
                .copied()
                .collect::<Vec<_>>()
                .join(" → ");
            out.push(
                Diagnostic::error(
                    "CFN005",
                    format!("Resources.{}.DependsOn", dependent.name),
                    format!(
                        "`{}` depending on `{}` closes a dependency cycle: {chain}",
                        dependent.name, dependency.name
                    ),
                )
                .help(format!(
                    "remove the explicit dependency of `{}` on `{}`",
                    dependent.name, dependency.name
                ))
                .at(Some(location)),
            );
        }
    }
}

/// A path of dependencies from `from` to `to`, if there is one (breadth first, so the shortest).
fn find_path<'a>(
    graph: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    from: &str,
    to: &str,
) -> Option<Vec<&'a str>> {
    let (start, _) = graph.get_key_value(from)?;
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([*start]);
    let mut seen = BTreeSet::from([*start]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = vec![at];
            let mut cur = at;
            while let Some(prev) = came_from.get(cur) {
                path.push(prev);
                cur = prev;
            }
            path.reverse();
            return Some(path);
        }
        for next in graph.get(at).into_iter().flatten() {
            if seen.insert(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}
