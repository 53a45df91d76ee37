//! One file per resource type: `cfn/<service>/<resource>.rs`.

use std::collections::BTreeSet;

use super::structs::{self, Storage};
use super::{attributes, doc, enums, header, lit};
use crate::plan::{AttrReturn, Kind, Resource, Service};

/// The whole file.
pub fn file(service: &Service, r: &Resource) -> String {
    let mut body = String::new();
    structs::emit(
        &mut body,
        &r.body,
        Storage::Resource(&r.type_name),
        &r.type_name,
    );
    body.push_str(&format!(
        "resource_type!({}, {}, {});\n\n",
        r.body.rust_name,
        lit(&r.type_name),
        r.ref_type
    ));
    attributes::handle_methods(&mut body, r);
    attributes::types(&mut body, r);
    for s in &r.nested {
        structs::emit(&mut body, s, Storage::Nested, &r.type_name);
    }
    if !r.nested.is_empty() {
        let names: Vec<&str> = r.nested.iter().map(|s| s.rust_name.as_str()).collect();
        body.push_str(&format!("property_types!({});\n\n", names.join(", ")));
    }
    for e in &r.enums {
        enums::emit(&mut body, e);
    }
    for s in &r.slots {
        slot(&mut body, service, r, s);
    }
    let mut out = header(Some(&r.type_name));
    out.push_str(&format!(
        "//! `{}`: {}\n\n",
        r.type_name,
        if r.body.doc.is_empty() {
            "no description."
        } else {
            &r.body.doc
        }
    ));
    out.push_str(&uses(service, r));
    out.push_str(body.trim_end());
    out.push('\n');
    out
}

/// The marker of an `AnyOf<M>` property and one `AcceptedBy<M>` impl per accepted attribute type.
fn slot(out: &mut String, service: &Service, r: &Resource, s: &crate::plan::Slot) {
    let targets: Vec<String> = s.targets.iter().map(|t| format!("`{}`", t.name)).collect();
    doc(
        out,
        "",
        &format!(
            "What `{}` accepts as `AnyOf<{}>`: {}, or any string.",
            s.used_by,
            s.name,
            targets.join(", ")
        ),
    );
    out.push_str(&format!(
        "#[derive(Clone, Copy, Debug)]\npub enum {} {{}}\n\n",
        s.name
    ));
    for t in &s.targets {
        if t.service != service.module {
            out.push_str(&format!("#[cfg(feature = {})]\n", lit(&t.service)));
        }
        // A type the file already imports under its own name is named so (a path would be an
        // unnecessary qualification).
        let imported = r
            .imports
            .iter()
            .any(|i| &i.target == t && i.alias == t.name);
        let own = t.service == service.module && t.module == r.module;
        let path = if imported || own {
            t.name.clone()
        } else {
            t.path(&service.module)
        };
        out.push_str(&format!(
            "impl crate::cfn::AcceptedBy<{}> for {path} {{}}\n",
            s.name
        ));
    }
    out.push('\n');
}

/// The `use` lines: only what the file needs.
fn uses(service: &Service, r: &Resource) -> String {
    let kinds: Vec<&Kind> = r
        .nested
        .iter()
        .chain([&r.body])
        .flat_map(|s| s.props.iter().map(|p| &p.kind))
        .collect();
    let any_kind = |f: &dyn Fn(&Kind) -> bool| kinds.iter().any(|k| contains(k, f));
    let mut intrinsic: BTreeSet<&str> = BTreeSet::from(["Resource"]);
    if !kinds.is_empty() {
        intrinsic.insert("IntoValue");
    }
    if !r.attr_types.is_empty() {
        intrinsic.insert("AttrRef");
    }
    if !r.attributes.is_empty() {
        intrinsic.insert("Handle");
    }
    let value_attrs: Vec<&Kind> = r
        .attributes
        .iter()
        .filter_map(|a| {
            if let AttrReturn::Value(k) = &a.returns {
                Some(k)
            } else {
                None
            }
        })
        .collect();
    if !value_attrs.is_empty() {
        intrinsic.extend(["Intrinsic", "Value"]);
    }
    if any_kind(&|k| *k == Kind::Scalar("Json"))
        || value_attrs
            .iter()
            .any(|k| contains(k, &|k| *k == Kind::Scalar("Json")))
    {
        intrinsic.insert("Json");
    }
    let mut cfn = vec![];
    if !r.slots.is_empty() {
        cfn.push("AnyOf");
    }
    if !kinds.is_empty() {
        cfn.push("HasProps");
    }
    let mut template = vec![];
    if !r.nested.is_empty() {
        template.push("Props");
    }
    template.push("ResourceBody");
    let mut out = String::new();
    if any_kind(&|k| matches!(k, Kind::Map(_))) {
        out.push_str("use std::collections::BTreeMap;\n\n");
    }
    if !cfn.is_empty() {
        out.push_str(&format!("use crate::cfn::{};\n", braced(&cfn)));
    }
    out.push_str(&format!(
        "use crate::intrinsic::{};\n",
        braced(&intrinsic.into_iter().collect::<Vec<_>>())
    ));
    out.push_str(&format!("use crate::template::{};\n", braced(&template)));
    for i in &r.imports {
        let rename = if i.alias == i.target.name {
            String::new()
        } else {
            format!(" as {}", i.alias)
        };
        if i.target.service == service.module {
            out.push_str(&format!(
                "use super::{}::{}{rename};\n",
                i.target.module, i.target.name
            ));
        } else {
            out.push_str(&format!(
                "#[cfg(feature = {})]\nuse {}{rename};\n",
                lit(&i.target.service),
                i.target.path(&service.module)
            ));
            out.push_str(&format!(
                "#[cfg(not(feature = {}))]\n/// Without feature `{}`, a plain string.\ntype {} = String;\n",
                lit(&i.target.service),
                i.target.service,
                i.alias
            ));
        }
    }
    out.push('\n');
    out
}

/// `X` or `{X, Y}`.
fn braced(names: &[&str]) -> String {
    match names {
        [one] => (*one).to_owned(),
        _ => format!("{{{}}}", names.join(", ")),
    }
}

/// Whether a kind or any kind inside it matches.
fn contains(k: &Kind, f: &dyn Fn(&Kind) -> bool) -> bool {
    f(k) || matches!(k, Kind::List(inner) | Kind::Map(inner) if contains(inner, f))
}
