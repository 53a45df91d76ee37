//! Dependency cycles: through `Ref`, `Fn::GetAtt`, `${…}` and `DependsOn`. CloudFormation cannot
//! order the resources of a cycle, so it refuses the template.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::references::walk_intrinsics;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::intrinsic::{Intrinsic, RefTarget, SubPart};
use crate::template::Template;

/// The resources each resource depends on, each edge marked `true` when `DependsOn` makes it.
pub(crate) fn dependency_graph(template: &Template) -> BTreeMap<&str, BTreeMap<&str, bool>> {
    let mut graph = BTreeMap::new();
    for (id, resource) in &template.resources {
        let mut edges: BTreeMap<&str, bool> = BTreeMap::new();
        let mut collect = |_: &str, f: &Intrinsic| {
            let names: Vec<&str> = match f {
                Intrinsic::Ref(RefTarget::Symbol(s)) | Intrinsic::GetAtt(s, _) => vec![&s.name],
                Intrinsic::Sub(sub) => sub
                    .parts
                    .iter()
                    .filter_map(|p| match p {
                        SubPart::Ref(s) | SubPart::GetAtt(s, _) => Some(&*s.name),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            };
            for name in names {
                if let Some((key, _)) = template.resources.get_key_value(name) {
                    edges.entry(key.as_str()).or_insert(false);
                }
            }
        };
        let parts = [
            Some(&resource.properties),
            resource.metadata.as_ref(),
            resource.creation_policy.as_ref(),
            resource.update_policy.as_ref(),
        ];
        let as_written = resource.as_written.values().map(Some);
        for node in parts.into_iter().chain(as_written).flatten() {
            walk_intrinsics(node, "", &mut collect);
        }
        for d in &resource.depends_on {
            if let Some((key, _)) = template.resources.get_key_value(d) {
                edges.insert(key.as_str(), true);
            }
        }
        graph.insert(id.as_str(), edges);
    }
    graph
}

/// Reports each cycle once, at an edge `DependsOn` makes when there is one (that is the edge to
/// remove), else at the first resource of the cycle.
pub(super) fn check(template: &Template, out: &mut Diagnostics) {
    let graph = dependency_graph(template);
    let mut reported: BTreeSet<BTreeSet<&str>> = BTreeSet::new();
    for (&from, edges) in &graph {
        for &to in edges.keys() {
            let Some(back) = find_path(&graph, to, from) else {
                continue;
            };
            let mut cycle: Vec<&str> = vec![from];
            cycle.extend(back.iter().copied().filter(|n| *n != from));
            if !reported.insert(cycle.iter().copied().collect()) {
                continue;
            }
            out.push(cycle_diagnostic(template, &graph, &cycle));
        }
    }
}

fn cycle_diagnostic(
    template: &Template,
    graph: &BTreeMap<&str, BTreeMap<&str, bool>>,
    cycle: &[&str],
) -> Diagnostic {
    let edge = |i: usize| (cycle[i], cycle[(i + 1) % cycle.len()]);
    let explicit = (0..cycle.len()).map(edge).find(|(a, b)| graph[a][b]);
    let chain = cycle
        .iter()
        .chain(std::iter::once(&cycle[0]))
        .copied()
        .collect::<Vec<_>>()
        .join(" → ");
    let (dependent, dependency) = explicit.unwrap_or_else(|| edge(0));
    let location = template.resources[dependent].location;
    match explicit {
        Some(_) => Diagnostic::error(
            "CFN005",
            format!("Resources.{dependent}.DependsOn"),
            format!("`{dependent}` depending on `{dependency}` closes a dependency cycle: {chain}"),
        )
        .help(format!(
            "remove the explicit dependency of `{dependent}` on `{dependency}`"
        )),
        None => Diagnostic::error(
            "CFN005",
            format!("Resources.{dependent}"),
            format!("the resources refer to each other in a cycle: {chain}"),
        )
        .help("break the cycle: one of these resources must not refer to the next"),
    }
    .at(location)
}

/// A path of dependencies from `from` to `to`, if there is one (breadth first, so the shortest).
fn find_path<'a>(
    graph: &BTreeMap<&'a str, BTreeMap<&'a str, bool>>,
    from: &str,
    to: &str,
) -> Option<Vec<&'a str>> {
    let (start, _) = graph.get_key_value(from)?;
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([*start]);
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
        for next in graph.get(at).into_iter().flat_map(BTreeMap::keys) {
            if seen.insert(next) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}
