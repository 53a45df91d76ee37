//! `impl Handle<CfnX>` with one `attr_*` method per attribute, and the attribute types.

use super::{doc, lit};
use crate::plan::{AttrReturn, Resource};

/// The `attr_*` methods.
pub fn handle_methods(out: &mut String, r: &Resource) {
    if r.attributes.is_empty() {
        return;
    }
    out.push_str(&format!("impl Handle<{}> {{\n", r.body.rust_name));
    for (i, a) in r.attributes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !a.doc.is_empty() {
            doc(out, "    ", &a.doc);
            doc(out, "    ", "");
        }
        doc(out, "    ", &format!("`Fn::GetAtt` `{}`.", a.cfn_name));
        match &a.returns {
            AttrReturn::Typed(t) => out.push_str(&format!(
                "    #[inline]\n    pub fn {}(&self) -> {t} {{\n        self.attr({})\n    }}\n",
                a.method,
                lit(&a.cfn_name)
            )),
            AttrReturn::Value(k) => out.push_str(&format!(
                "    #[inline]\n    pub fn {}(&self) -> Value<{}> {{\n        Value::Intrinsic(Intrinsic::GetAtt(self.symbol().clone(), {}.into()))\n    }}\n",
                a.method,
                k.rust(),
                lit(&a.cfn_name)
            )),
        }
    }
    out.push_str("}\n\n");
}

/// `pub struct XArn(AttrRef);` for every attribute type, then the trait impls.
pub fn types(out: &mut String, r: &Resource) {
    for t in &r.attr_types {
        doc(out, "", &t.doc);
        out.push_str(&format!(
            "#[derive(Clone, PartialEq)]\npub struct {}(AttrRef);\n\n",
            t.name
        ));
    }
    let names: Vec<&str> = r.attr_types.iter().map(|t| t.name.as_str()).collect();
    out.push_str(&format!("attribute_types!({});\n", names.join(", ")));
    let params: Vec<String> = r
        .attr_types
        .iter()
        .filter_map(|t| {
            t.parameter_type
                .as_ref()
                .map(|p| format!("{} = {}", t.name, lit(p)))
        })
        .collect();
    if !params.is_empty() {
        out.push_str(&format!("parameter_types!({});\n", params.join(", ")));
    }
    out.push('\n');
}
