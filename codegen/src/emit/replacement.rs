//! `cfn/replacement.rs`: which property updates replace a resource, for `diff`, down to the
//! properties of nested property types.

use std::collections::BTreeMap;

use super::{header, lit};
use crate::plan::{Kind, Plan, Replacement, Resource, Struct};

const ITEMS: &str = r#"
/// What CloudFormation does to a resource when a property changes (`causesReplacement` in the
/// specification).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Replacement {
    /// The resource is updated in place.
    Never,
    /// The resource is replaced in some cases (see the property's documentation).
    Conditional,
    /// The resource is always replaced.
    Always,
}

use Replacement::{Always as A, Conditional as C, Never as N};

/// One property of a resource or of a nested property type: its name, what changing it does,
/// the nested type its value holds (`""` for a scalar or free-form JSON), and how many list or
/// map levels lie between the property and that nested type.
type Prop = (&'static str, Replacement, &'static str, u8);

/// A resource's own properties (owner `""`) or a nested type's, sorted by name.
type Shape = (&'static str, &'static [Prop]);

/// What changing a top-level property of a resource type does; `None` for a type or property
/// the vendored specification does not know. Available whatever service features are enabled.
pub fn causes_replacement(type_name: &str, property: &str) -> Option<Replacement> {
    replacement_at(type_name, &[property])
}

/// What changing the value at `path` inside a resource's `Properties` does: the strongest mark
/// along the path, so a nested property that replaces wins over an updatable parent and an
/// always-replacing parent covers all it holds. `path` names properties, with list indexes and
/// map keys where the value is a list or map (`["ContainerDefinitions", "0", "Image"]`).
/// `None` when the type or the first property is unknown.
pub fn replacement_at(type_name: &str, path: &[&str]) -> Option<Replacement> {
    let shapes = TYPES.binary_search_by(|(t, _)| (*t).cmp(type_name)).ok()?;
    let shapes = TYPES[shapes].1;
    let mut owner = "";
    let mut mark = None;
    let mut rest = path;
    while let Some((name, after)) = rest.split_first() {
        let Some(props) = props_of(shapes, owner) else { break };
        let Some(&(_, replacement, child, levels)) = find(props, name) else { break };
        mark = mark.max(Some(replacement));
        if child.is_empty() {
            break;
        }
        owner = child;
        rest = after.get(usize::from(levels)..).unwrap_or_default();
    }
    mark
}

fn props_of(shapes: &'static [Shape], owner: &str) -> Option<&'static [Prop]> {
    let i = shapes.binary_search_by(|(o, _)| (*o).cmp(owner)).ok()?;
    Some(shapes[i].1)
}

fn find<'a>(props: &'a [Prop], name: &str) -> Option<&'a Prop> {
    props.binary_search_by(|(p, ..)| (*p).cmp(name)).ok().map(|i| &props[i])
}

/// Resource types with their property shapes, every level sorted for binary search.
static TYPES: &[(&str, &[Shape])] = &[
"#;

/// The file.
pub fn file(plan: &Plan) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    for r in plan.services.iter().flat_map(|s| &s.resources) {
        rows.push((&r.type_name, shapes(r)));
    }
    rows.sort();
    let mut out = header(None);
    out.push_str(
        "//! Which property updates replace a resource, for every vendored resource type.\n",
    );
    out.push_str(ITEMS);
    for (t, shapes) in rows {
        out.push_str(&format!("    ({}, &[\n{shapes}    ]),\n", lit(t)));
    }
    out.push_str("];\n");
    out
}

/// The shapes of one resource: its body and every nested type, sorted by owner name.
fn shapes(r: &Resource) -> String {
    let owners: BTreeMap<&str, &str> = r
        .nested
        .iter()
        .map(|s| (s.rust_name.as_str(), s.owner.as_str()))
        .collect();
    let mut structs: Vec<&Struct> = std::iter::once(&r.body).chain(&r.nested).collect();
    structs.sort_by(|a, b| a.owner.cmp(&b.owner));
    let mut out = String::new();
    for s in structs {
        let props: Vec<String> = s.props.iter().map(|p| prop(p, &owners)).collect();
        out.push_str(&format!(
            "        ({}, &[{}]),\n",
            lit(&s.owner),
            props.join(", ")
        ));
    }
    out
}

fn prop(p: &crate::plan::Prop, owners: &BTreeMap<&str, &str>) -> String {
    let code = match p.replacement {
        Replacement::Always => "A",
        Replacement::Conditional => "C",
        Replacement::Never => "N",
    };
    let (child, levels) = nested_owner(&p.kind, owners, 0);
    format!("({}, {code}, {}, {levels})", lit(&p.cfn_name), lit(child))
}

/// The spec name of the nested type a kind holds, under how many list or map levels.
fn nested_owner<'a>(kind: &Kind, owners: &BTreeMap<&str, &'a str>, levels: u8) -> (&'a str, u8) {
    match kind {
        Kind::List(k) | Kind::Map(k) => nested_owner(k, owners, levels + 1),
        Kind::Named(n) => match owners.get(n.as_str()) {
            Some(owner) => (owner, levels),
            None => ("", 0),
        },
        _ => ("", 0),
    }
}
