//! `cfn/replacement.rs`: which property updates replace a resource, for `diff`.

use super::{header, lit};
use crate::plan::{Plan, Replacement};

const ITEMS: &str = r#"
/// What CloudFormation does to a resource when a property changes (`causesReplacement` in the
/// specification).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// The resource is always replaced.
    Always,
    /// The resource is replaced in some cases (see the property's documentation).
    Conditional,
    /// The resource is updated in place.
    Never,
}

use Replacement::{Always as A, Conditional as C, Never as N};

/// What changing a top-level property of a resource type does; `None` for a type or property
/// the vendored specification does not know. Available whatever service features are enabled.
pub fn causes_replacement(type_name: &str, property: &str) -> Option<Replacement> {
    let types = TYPES.binary_search_by(|(t, _)| (*t).cmp(type_name)).ok()?;
    let props = TYPES[types].1;
    props.binary_search_by(|(p, _)| (*p).cmp(property)).ok().map(|i| props[i].1)
}

/// Resource types and their properties, both sorted for binary search.
static TYPES: &[(&str, &[(&str, Replacement)])] = &[
"#;

/// The file.
pub fn file(plan: &Plan) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    for r in plan.services.iter().flat_map(|s| &s.resources) {
        let props: Vec<String> = r
            .body
            .props
            .iter()
            .map(|p| {
                let code = match p.replacement {
                    Replacement::Always => "A",
                    Replacement::Conditional => "C",
                    Replacement::Never => "N",
                };
                format!("({}, {code})", lit(&p.cfn_name))
            })
            .collect();
        rows.push((&r.type_name, props.join(", ")));
    }
    rows.sort();
    let mut out = header(None);
    out.push_str(
        "//! Which property updates replace a resource, for every vendored resource type.\n",
    );
    out.push_str(ITEMS);
    for (t, props) in rows {
        out.push_str(&format!("    ({}, &[{props}]),\n", lit(t)));
    }
    out.push_str("];\n");
    out
}
