//! `cfn/replacement.rs` and its data, `cfn/replacement.txt`: which property updates replace a
//! resource, for `diff`, down to the properties of nested property types.
//!
//! The data is plain text that `replacement.rs` embeds and indexes on first use. As a Rust table
//! of `&'static str` it cost every program that links the library one load-time relocation per
//! string (tens of thousands) and a large share of the library's compile time, for a lookup only
//! `diff` makes.

use std::collections::BTreeMap;

use super::header;
use crate::model::{SPEC_PACKAGE, SPEC_VERSION};
use crate::plan::{Kind, Plan, Replacement, Resource, Struct};

/// The data file's name, beside `replacement.rs`.
pub const DATA_FILE: &str = "replacement.txt";

const ITEMS: &str = r##"
use std::sync::OnceLock;

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
    let types = index();
    let section = types[types.binary_search_by(|(t, _)| (*t).cmp(type_name)).ok()?].1;
    let mut owner = "";
    let mut mark = None;
    let mut rest = path;
    while let Some((name, after)) = rest.split_first() {
        let Some(prop) = find(section, owner, name) else { break };
        mark = mark.max(Some(prop.replacement));
        if prop.child.is_empty() {
            break;
        }
        owner = prop.child;
        rest = after.get(prop.levels..).unwrap_or_default();
    }
    mark
}

/// The generated data; its header says how to read it.
static DATA: &str = include_str!("replacement.txt");

/// Each resource type (sorted) with the text of its section: its `S` and `P` lines.
fn index() -> &'static [(&'static str, &'static str)] {
    static INDEX: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut types = Vec::new();
        let mut open: Option<(&str, usize)> = None;
        let mut at = 0;
        for line in DATA.split_inclusive('\n') {
            if let Some(type_name) = line.strip_prefix("T ") {
                if let Some((name, start)) = open {
                    types.push((name, &DATA[start..at]));
                }
                open = Some((type_name.trim_end(), at + line.len()));
            }
            at += line.len();
        }
        if let Some((name, start)) = open {
            types.push((name, &DATA[start..]));
        }
        types
    })
}

/// One property line: what changing it does, the nested type its value holds (`""` for a
/// scalar or free-form JSON), and how many list or map levels lie between the two.
struct Prop<'a> {
    replacement: Replacement,
    child: &'a str,
    levels: usize,
}

/// Property `name` of the shape `owner` (`""`: the resource's own properties) in a section.
fn find<'a>(section: &'a str, owner: &str, name: &str) -> Option<Prop<'a>> {
    let mut lines = section.lines();
    lines.find(|line| line.strip_prefix('S').map(str::trim_start) == Some(owner))?;
    lines
        .take_while(|line| line.starts_with("P "))
        .find_map(|line| prop(line, name))
}

/// `P <name> <A|C|N> [<nested type> <levels>]`, when it names `name`.
fn prop<'a>(line: &'a str, name: &str) -> Option<Prop<'a>> {
    let mut fields = line.split(' ').skip(1);
    if fields.next()? != name {
        return None;
    }
    let replacement = match fields.next()? {
        "A" => Replacement::Always,
        "C" => Replacement::Conditional,
        _ => Replacement::Never,
    };
    let child = fields.next().unwrap_or_default();
    let levels = fields.next().and_then(|l| l.parse().ok()).unwrap_or_default();
    Some(Prop { replacement, child, levels })
}
"##;

/// `replacement.rs`: the lookup over the data file.
pub fn file() -> String {
    let mut out = header(None);
    out.push_str(
        "//! Which property updates replace a resource, for every vendored resource type: a lookup\n\
         //! over the generated `replacement.txt`, indexed on first use.\n",
    );
    out.push_str(ITEMS);
    out
}

/// `replacement.txt`: every resource type's property shapes, every level sorted.
pub fn data(plan: &Plan) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    for r in plan.services.iter().flat_map(|s| &s.resources) {
        rows.push((&r.type_name, shapes(r)));
    }
    rows.sort();
    let mut out = format!(
        "# @generated by ecs-dsl-codegen from {SPEC_PACKAGE} {SPEC_VERSION}. DO NOT EDIT.\n\
         # Which property updates replace a resource, read by replacement.rs. One line each:\n\
         # T <resource type>\n\
         # S [<nested property type>]   (no name: the resource's own properties)\n\
         # P <property> <A|C|N> [<nested property type> <list or map levels to it>]\n\
         # A: always replaces, C: conditionally, N: updates in place.\n"
    );
    for (t, shapes) in rows {
        out.push_str(&format!("T {}\n{shapes}", word(t)));
    }
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
        if s.owner.is_empty() {
            out.push_str("S\n");
        } else {
            out.push_str(&format!("S {}\n", word(&s.owner)));
        }
        for p in &s.props {
            out.push_str(&prop(p, &owners));
        }
    }
    out
}

fn prop(p: &crate::plan::Prop, owners: &BTreeMap<&str, &str>) -> String {
    let code = match p.replacement {
        Replacement::Always => "A",
        Replacement::Conditional => "C",
        Replacement::Never => "N",
    };
    match nested_owner(&p.kind, owners, 0) {
        ("", _) => format!("P {} {code}\n", word(&p.cfn_name)),
        (child, levels) => format!("P {} {code} {} {levels}\n", word(&p.cfn_name), word(child)),
    }
}

/// A name as one field of a line: the format splits on spaces, so a name holding whitespace
/// (none in the specification so far) would misread as other fields.
fn word(name: &str) -> &str {
    assert!(
        !name.is_empty() && !name.contains(char::is_whitespace),
        "`{name}` cannot be a field of replacement.txt (empty or holds whitespace)"
    );
    name
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
