//! References to what the template lacks: `Ref`, `Fn::GetAtt`, `${…}` in `Fn::Sub`, `Fn::If`,
//! `Condition`, `Fn::FindInMap`, `DependsOn` and the `Condition` of a resource or an output.

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::intrinsic::{Intrinsic, RefTarget, SubPart};
use crate::template::{Node, Template};

/// The names each kind of reference may point at.
struct Names<'t> {
    resources: BTreeSet<&'t str>,
    parameters: BTreeSet<&'t str>,
    conditions: BTreeSet<&'t str>,
    mappings: BTreeSet<&'t str>,
}

/// What a reference must name.
#[derive(Clone, Copy)]
enum Wants {
    ResourceOrParameter,
    Resource,
    Condition,
    Mapping,
}

impl Wants {
    fn describe(self) -> &'static str {
        match self {
            Wants::ResourceOrParameter => "a resource or parameter",
            Wants::Resource => "a resource",
            Wants::Condition => "a condition",
            Wants::Mapping => "a mapping",
        }
    }
}

impl Names<'_> {
    fn has(&self, wants: Wants, name: &str) -> bool {
        match wants {
            Wants::ResourceOrParameter => {
                self.resources.contains(name) || self.parameters.contains(name)
            }
            Wants::Resource => self.resources.contains(name),
            Wants::Condition => self.conditions.contains(name),
            Wants::Mapping => self.mappings.contains(name),
        }
    }

    fn known(&self, wants: Wants) -> Vec<&str> {
        let sets: Vec<&BTreeSet<&str>> = match wants {
            Wants::ResourceOrParameter => vec![&self.resources, &self.parameters],
            Wants::Resource => vec![&self.resources],
            Wants::Condition => vec![&self.conditions],
            Wants::Mapping => vec![&self.mappings],
        };
        sets.into_iter().flatten().copied().collect()
    }
}

pub(super) fn check(t: &Template, out: &mut Diagnostics) {
    let names = Names {
        resources: t.resources.keys().map(String::as_str).collect(),
        parameters: t.parameters.keys().map(String::as_str).collect(),
        conditions: t.conditions.keys().map(String::as_str).collect(),
        mappings: t.mappings.keys().map(String::as_str).collect(),
    };
    for (id, r) in &t.resources {
        let mut report = |path: &str, name: &str, wants: Wants| {
            if !names.has(wants, name) {
                out.push(
                    missing(&format!("Resources.{id}.{path}"), name, wants, &names).at(r.location),
                );
            }
        };
        for dependency in &r.depends_on {
            report("DependsOn", dependency, Wants::Resource);
        }
        if let Some(c) = &r.condition {
            report("Condition", c, Wants::Condition);
        }
        let parts = [
            ("Properties", Some(&r.properties)),
            ("Metadata", r.metadata.as_ref()),
            ("CreationPolicy", r.creation_policy.as_ref()),
            ("UpdatePolicy", r.update_policy.as_ref()),
        ];
        let as_written = r.as_written.iter().map(|(k, v)| (k.as_str(), Some(v)));
        for (root, node) in parts.into_iter().chain(as_written) {
            if let Some(node) = node {
                walk_references(node, root, &mut report);
            }
        }
    }
    let mut report_at = |section: &str, name_of: &str, path: &str, name: &str, wants: Wants| {
        if !names.has(wants, name) {
            out.push(missing(
                &format!("{section}.{name_of}.{path}"),
                name,
                wants,
                &names,
            ));
        }
    };
    for (name, output) in &t.outputs {
        walk_references(output, "", &mut |p, n, w| {
            report_at("Outputs", name, p, n, w)
        });
        if let Some(c) = output.get("Condition").and_then(Node::as_str) {
            report_at("Outputs", name, "Condition", c, Wants::Condition);
        }
    }
    for (name, condition) in &t.conditions {
        walk_references(condition, "", &mut |p, n, w| {
            report_at("Conditions", name, p, n, w)
        });
    }
}

fn missing(path: &str, name: &str, wants: Wants, names: &Names<'_>) -> Diagnostic {
    let known = names.known(wants);
    let help = if known.is_empty() {
        format!(
            "the template has no {} to name; declare it, or remove the reference",
            &wants.describe()[2..]
        )
    } else {
        format!("name one the template declares: {}", known.join(", "))
    };
    Diagnostic::error(
        "CFN004",
        path,
        format!("`{name}` is not {} of this template", wants.describe()),
    )
    .help(help)
}

/// Calls `report(path, name, wants)` for every name an intrinsic below `node` refers to.
fn walk_references(node: &Node, root: &str, report: &mut dyn FnMut(&str, &str, Wants)) {
    walk_intrinsics(node, root, &mut |path, f| {
        let path = path.strip_prefix('.').unwrap_or(path);
        match f {
            Intrinsic::Ref(RefTarget::Symbol(s)) => {
                report(path, &s.name, Wants::ResourceOrParameter)
            }
            Intrinsic::GetAtt(s, _) => report(path, &s.name, Wants::Resource),
            Intrinsic::If(s, ..) | Intrinsic::Condition(s) => {
                report(path, &s.name, Wants::Condition)
            }
            Intrinsic::FindInMap(s, ..) => report(path, &s.name, Wants::Mapping),
            Intrinsic::Sub(sub) => {
                for part in &sub.parts {
                    match part {
                        SubPart::Ref(s) => report(path, &s.name, Wants::ResourceOrParameter),
                        SubPart::GetAtt(s, _) => report(path, &s.name, Wants::Resource),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    });
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
