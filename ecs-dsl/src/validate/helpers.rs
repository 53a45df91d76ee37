//! Reading template nodes for rules. Every reader answers `None` for a value that is an
//! intrinsic, so a rule that only acts on `Some` never judges a deploy-time value.

use crate::intrinsic::{Intrinsic, Pseudo, RefTarget};
use crate::template::Node;

/// The name a `Ref` points at (a resource or parameter; `None` for pseudo parameters).
pub(super) fn ref_name(node: &Node) -> Option<&str> {
    match node.as_intrinsic()? {
        Intrinsic::Ref(RefTarget::Symbol(s)) => Some(&s.name),
        _ => None,
    }
}

/// The resource a `Ref` or `Fn::GetAtt` points at.
pub(super) fn referenced_name(node: &Node) -> Option<&str> {
    match node.as_intrinsic()? {
        Intrinsic::GetAtt(s, _) => Some(&s.name),
        _ => ref_name(node),
    }
}

/// Whether a value may remove its property: `AWS::NoValue`, or an `Fn::If` with it in a branch.
pub(super) fn maybe_absent(node: &Node) -> bool {
    match node.as_intrinsic() {
        Some(Intrinsic::Ref(RefTarget::Pseudo(Pseudo::NoValue))) => true,
        Some(Intrinsic::If(_, a, b)) => maybe_absent(a) || maybe_absent(b),
        _ => false,
    }
}

/// A literal scalar as text: strings as they are, numbers written out (`5.7`, `8000`).
pub(super) fn literal_text(node: &Node) -> Option<String> {
    match node {
        Node::Str(s) => Some(s.clone()),
        Node::Int(i) => Some(i.to_string()),
        Node::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// The items of a literal list, each with its template path.
pub(super) fn items<'a>(node: &'a Node, path: &str) -> Vec<(String, &'a Node)> {
    node.as_list()
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("{path}[{i}]"), n))
        .collect()
}

/// Whether a literal list holds a literal string; `None` when the list or an item that could
/// be it is an intrinsic.
pub(super) fn list_contains(node: &Node, wanted: &str) -> Option<bool> {
    let list = node.as_list()?;
    if list.iter().any(|n| n.as_str() == Some(wanted)) {
        return Some(true);
    }
    (!list.iter().any(Node::is_unresolved)).then_some(false)
}

/// Whether a value is the literal string `wanted` or a list holding it.
pub(super) fn holds(node: &Node, wanted: &str) -> bool {
    match node {
        Node::Str(s) => s == wanted,
        Node::List(items) => items.iter().any(|n| n.as_str() == Some(wanted)),
        _ => false,
    }
}

/// Visits the values at a dotted path of property names below `node`; a `*` segment stands for
/// every item of a literal list. Values behind an intrinsic are not visited.
pub(super) fn at_path<'a>(
    node: &'a Node,
    path: &str,
    segments: &[&str],
    visit: &mut dyn FnMut(String, &'a Node),
) {
    let Some((first, rest)) = segments.split_first() else {
        visit(path.to_owned(), node);
        return;
    };
    if *first == "*" {
        for (p, item) in items(node, path) {
            at_path(item, &p, rest, visit);
        }
    } else if let Some(child) = node.get(first) {
        at_path(child, &format!("{path}.{first}"), rest, visit);
    }
}

/// The template string of an `Fn::Sub` without a variable map, or a literal written as one
/// (`${` escaped as `${!`), so equal values give equal keys.
pub(super) fn sub_key(node: &Node) -> Option<String> {
    match node {
        Node::Str(s) => Some(s.replace("${", "${!")),
        Node::Fn(f) => match &**f {
            Intrinsic::Sub(sub) if sub.variables.is_empty() => Some(sub.template_string()),
            _ => None,
        },
        _ => None,
    }
}

/// The words of an identifier, upper-cased: `MYSQL_PASSWORD` → `MYSQL`, `PASSWORD`;
/// `dbPassword` → `DB`, `PASSWORD`; `api-key` → `API`, `KEY`.
pub(super) fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut words, &mut current);
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            flush(&mut words, &mut current);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_uppercase());
    }
    flush(&mut words, &mut current);
    words
}

fn flush(words: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// `a`, `b` and `c`: names in backticks for a message.
pub(super) fn backticked<S: AsRef<str>>(names: &[S]) -> String {
    listed(names, "and")
}

/// `a`, `b` or `c`: alternatives in backticks for a `help:` line.
pub(super) fn alternatives<S: AsRef<str>>(names: &[S]) -> String {
    listed(names, "or")
}

fn listed<S: AsRef<str>>(names: &[S], conjunction: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => "none".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}
