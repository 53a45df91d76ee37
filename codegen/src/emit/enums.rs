//! String enums with an `Other(String)` escape.

use super::{doc, lit};
use crate::plan::Enum;

/// The enum and its `string_enum!` impls.
pub fn emit(out: &mut String, e: &Enum) {
    let source = if e.from_lint {
        " (values from cfn-lint's registry schema)"
    } else {
        ""
    };
    let used: Vec<String> = e.used_by.iter().map(|u| format!("`{u}`")).collect();
    doc(out, "", &format!("Values of {}{source}.", used.join(", ")));
    out.push_str(&format!(
        "#[derive(Clone, PartialEq)]\npub enum {} {{\n",
        e.name
    ));
    for v in &e.variants {
        if v.value.is_empty() {
            doc(out, "    ", "The empty string.");
        } else {
            doc(out, "    ", &format!("`{}`", v.value.replace('`', "'")));
        }
        if let Some(note) = &v.deprecated {
            out.push_str(&format!("    #[deprecated(note = {})]\n", lit(note)));
        }
        out.push_str(&format!("    {},\n", v.name));
    }
    doc(out, "    ", "A value this version does not list.");
    out.push_str("    Other(String),\n}\n\n");
    out.push_str(&format!("string_enum!({} {{\n", e.name));
    for v in &e.variants {
        out.push_str(&format!("    {} = {},\n", v.name, lit(&v.value)));
    }
    out.push_str("});\n\n");
}
