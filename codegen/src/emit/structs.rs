//! A struct over `Props` (or `ResourceBody`): the `…Required` struct, `new`, and one setter per
//! property.

use super::{doc, lit};
use crate::naming;
use crate::plan::{Prop, Struct};

/// How a struct stores its properties.
#[derive(Clone, Copy)]
pub enum Storage<'a> {
    /// `struct CfnX(ResourceBody)`: the resource type name.
    Resource(&'a str),
    /// `struct X(Props)`.
    Nested,
}

/// The struct definition, its `…Required` struct, `new`, the setters and `Default`.
pub fn emit(out: &mut String, s: &Struct, storage: Storage, type_name: &str) {
    doc(out, "", &s.doc);
    if !s.doc.is_empty() {
        doc(out, "", "");
    }
    let what = match storage {
        Storage::Resource(t) => format!("`{t}`"),
        Storage::Nested => format!("`{type_name}.{}`", s.owner),
    };
    doc(out, "", &format!("{what} ([reference]({})).", s.url));
    let inner = match storage {
        Storage::Resource(_) => "ResourceBody",
        Storage::Nested => "Props",
    };
    out.push_str(&format!(
        "#[derive(Clone, PartialEq)]\npub struct {}({inner});\n\n",
        s.rust_name
    ));
    let required: Vec<&Prop> = s.required().collect();
    if !required.is_empty() {
        required_struct(out, s, &required);
    }
    out.push_str(&format!("impl {} {{\n", s.rust_name));
    constructor(out, s, storage, &required);
    for p in &s.props {
        setter(out, p, type_name, &s.owner);
    }
    out.push_str("}\n\n");
    if required.is_empty() {
        out.push_str(&format!(
            "impl Default for {} {{\n    #[inline]\n    fn default() -> Self {{\n        Self::new()\n    }}\n}}\n\n",
            s.rust_name
        ));
    }
}

/// `pub struct XRequired<A, B> { pub a: A, pub b: B }`.
fn required_struct(out: &mut String, s: &Struct, required: &[&Prop]) {
    let name = naming::required_struct(&s.rust_name);
    let params: Vec<&str> = required.iter().map(|p| p.param.as_str()).collect();
    doc(
        out,
        "",
        &format!(
            "The required properties of [`{}`], taken by its `new`.",
            s.rust_name
        ),
    );
    out.push_str(&format!(
        "#[derive(Clone, Debug)]\npub struct {name}<{}> {{\n",
        params.join(", ")
    ));
    for p in required {
        field_doc(out, p);
        out.push_str(&format!("    pub {}: {},\n", p.field, p.param));
    }
    out.push_str("}\n\n");
}

fn field_doc(out: &mut String, p: &Prop) {
    if p.doc.is_empty() {
        doc(out, "    ", &format!("`{}`.", p.cfn_name));
    } else {
        doc(out, "    ", &format!("`{}`: {}", p.cfn_name, p.doc));
    }
}

/// `new()` or `new(required: XRequired<impl IntoValue<K>, …>)`.
fn constructor(out: &mut String, s: &Struct, storage: Storage, required: &[&Prop]) {
    let (init, wrap) = match storage {
        Storage::Resource(_) => ("ResourceBody::new(<Self as Resource>::TYPE)", "body"),
        Storage::Nested => ("Props::new()", "props"),
    };
    if required.is_empty() {
        doc(out, "    ", "No properties set yet.");
        out.push_str(&format!(
            "    #[inline]\n    pub fn new() -> Self {{\n        {}({init})\n    }}\n",
            s.rust_name
        ));
        return;
    }
    let kinds: Vec<String> = required
        .iter()
        .map(|p| format!("impl IntoValue<{}>", p.kind.rust()))
        .collect();
    let set = match storage {
        Storage::Resource(_) => "body.props",
        Storage::Nested => "props",
    };
    doc(
        out,
        "    ",
        "The required properties set; optional ones are set with the methods below.",
    );
    out.push_str(&format!(
        "    pub fn new(required: {}<{}>) -> Self {{\n        let mut {wrap} = {init};\n",
        naming::required_struct(&s.rust_name),
        kinds.join(", ")
    ));
    for p in required {
        out.push_str(&format!(
            "        {set}.set({}, required.{}.into_node());\n",
            lit(&p.cfn_name),
            p.field
        ));
    }
    out.push_str(&format!("        {}({wrap})\n    }}\n", s.rust_name));
}

/// One `#[must_use] pub fn x(self, v: impl IntoValue<K>) -> Self` calling `HasProps::with`.
fn setter(out: &mut String, p: &Prop, type_name: &str, owner: &str) {
    out.push('\n');
    if !p.doc.is_empty() {
        doc(out, "    ", &p.doc);
        doc(out, "    ", "");
    }
    let path = if owner.is_empty() {
        format!("{type_name}.{}", p.cfn_name)
    } else {
        format!("{type_name}.{owner}.{}", p.cfn_name)
    };
    let required = if p.required {
        " Also set by `new`."
    } else {
        ""
    };
    doc(
        out,
        "    ",
        &format!("Sets `{path}` ([reference]({})).{required}", p.url),
    );
    if let Some(note) = &p.deprecated {
        out.push_str(&format!("    #[deprecated(note = {})]\n", lit(note)));
    }
    out.push_str(&format!(
        "    #[must_use]\n    pub fn {}(self, v: impl IntoValue<{}>) -> Self {{\n        self.with({}, v)\n    }}\n",
        p.setter,
        p.kind.rust(),
        lit(&p.cfn_name)
    ));
}
