//! The output document: a template with its keys in CloudFormation's customary order and its
//! intrinsics marked, so the JSON and YAML writers share one traversal.

use crate::intrinsic::{Intrinsic, RefTarget};
use crate::template::{Node, Template, TemplateResource};

/// An output document node.
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Doc>),
    /// An object with keys in output order.
    Obj(Vec<(String, Doc)>),
    /// An intrinsic: its long-form key (`Fn::Sub`) and its argument.
    Fn(&'static str, Box<Doc>),
}

const TEMPLATE_FORMAT_VERSION: &str = "2010-09-09";

impl Doc {
    /// The document of a template.
    pub fn from_template(t: &Template) -> Doc {
        let mut top = vec![(
            "AWSTemplateFormatVersion".to_owned(),
            Doc::Str(TEMPLATE_FORMAT_VERSION.into()),
        )];
        if let Some(d) = &t.description {
            top.push(("Description".into(), Doc::Str(d.clone())));
        }
        push_section(
            &mut top,
            "Metadata",
            t.metadata
                .iter()
                .map(|(k, v)| (k.clone(), Doc::from_node(v))),
        );
        match t.transform.as_slice() {
            [] => {}
            [one] => top.push(("Transform".into(), Doc::Str(one.clone()))),
            many => top.push((
                "Transform".into(),
                Doc::List(many.iter().cloned().map(Doc::Str).collect()),
            )),
        }
        push_section(
            &mut top,
            "Parameters",
            t.parameters
                .iter()
                .map(|(k, v)| (k.clone(), parameter_doc(v))),
        );
        push_section(
            &mut top,
            "Mappings",
            t.mappings
                .iter()
                .map(|(k, v)| (k.clone(), Doc::from_node(v))),
        );
        push_section(
            &mut top,
            "Conditions",
            t.conditions
                .iter()
                .map(|(k, v)| (k.clone(), Doc::from_node(v))),
        );
        top.extend(
            t.sections
                .iter()
                .map(|(k, v)| (k.clone(), Doc::from_node(v))),
        );
        push_section(
            &mut top,
            "Resources",
            t.resources
                .iter()
                .map(|(k, r)| (k.clone(), resource_doc(r))),
        );
        push_section(
            &mut top,
            "Outputs",
            t.outputs.iter().map(|(k, v)| (k.clone(), output_doc(v))),
        );
        Doc::Obj(top)
    }

    /// The document of a value.
    pub fn from_node(n: &Node) -> Doc {
        match n {
            Node::Null => Doc::Null,
            Node::Bool(b) => Doc::Bool(*b),
            Node::Int(i) => Doc::Int(*i),
            Node::Float(f) => Doc::Float(*f),
            Node::Str(s) => Doc::Str(s.clone()),
            Node::List(items) => Doc::List(items.iter().map(Doc::from_node).collect()),
            Node::Map(m) => Doc::Obj(
                m.iter()
                    .map(|(k, v)| (k.clone(), Doc::from_node(v)))
                    .collect(),
            ),
            // In the long form: a short tag cannot hold these arguments (`!GetStackOutput`
            // with tagged values inside, a key such as `Fn::ForEach::Name`).
            Node::Fn(f)
                if matches!(**f, Intrinsic::GetStackOutput(_) | Intrinsic::AsWritten(..)) =>
            {
                Doc::Obj(vec![(f.key().to_owned(), intrinsic_argument(f))])
            }
            Node::Fn(f) => Doc::Fn(f.key(), Box::new(intrinsic_argument(f))),
        }
    }
}

fn push_section(
    top: &mut Vec<(String, Doc)>,
    name: &str,
    entries: impl Iterator<Item = (String, Doc)>,
) {
    let entries: Vec<_> = entries.collect();
    if !entries.is_empty() {
        top.push((name.to_owned(), Doc::Obj(entries)));
    }
}

/// Orders the keys of an object: the given keys first, in that order, then the rest sorted.
fn ordered(node: &Node, first: &[&str]) -> Doc {
    let Node::Map(m) = node else {
        return Doc::from_node(node);
    };
    let mut entries: Vec<(String, Doc)> = first
        .iter()
        .filter_map(|k| m.get(*k).map(|v| ((*k).to_owned(), Doc::from_node(v))))
        .collect();
    entries.extend(
        m.iter()
            .filter(|(k, _)| !first.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), Doc::from_node(v))),
    );
    Doc::Obj(entries)
}

fn parameter_doc(n: &Node) -> Doc {
    ordered(n, &["Type", "Description", "Default"])
}

fn output_doc(n: &Node) -> Doc {
    ordered(n, &["Description", "Condition", "Value", "Export"])
}

fn resource_doc(r: &TemplateResource) -> Doc {
    let mut e = vec![("Type".to_owned(), Doc::Str(r.type_name.clone()))];
    if let Some(c) = &r.condition {
        e.push(("Condition".into(), Doc::Str(c.clone())));
    }
    match r.depends_on.as_slice() {
        [] => {}
        ids => e.push((
            "DependsOn".into(),
            Doc::List(ids.iter().cloned().map(Doc::Str).collect()),
        )),
    }
    if let Some(m) = &r.metadata {
        e.push(("Metadata".into(), Doc::from_node(m)));
    }
    if let Some(p) = &r.creation_policy {
        e.push(("CreationPolicy".into(), Doc::from_node(p)));
    }
    if let Some(p) = &r.update_policy {
        e.push(("UpdatePolicy".into(), Doc::from_node(p)));
    }
    if let Some(p) = r.deletion_policy {
        e.push(("DeletionPolicy".into(), Doc::Str(p.as_str().into())));
    }
    if let Some(p) = r.update_replace_policy {
        e.push(("UpdateReplacePolicy".into(), Doc::Str(p.as_str().into())));
    }
    if r.properties.as_map().is_some_and(|m| !m.is_empty()) {
        e.push(("Properties".into(), Doc::from_node(&r.properties)));
    }
    for (key, value) in &r.as_written {
        let doc = Doc::from_node(value);
        match e.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = doc,
            None => e.push((key.clone(), doc)),
        }
    }
    Doc::Obj(e)
}

/// The argument of an intrinsic in its long form.
fn intrinsic_argument(f: &Intrinsic) -> Doc {
    let n = Doc::from_node;
    let s = |x: &str| Doc::Str(x.to_owned());
    match f {
        Intrinsic::Ref(RefTarget::Symbol(sym)) => s(&sym.name),
        Intrinsic::Ref(RefTarget::Pseudo(p)) => s(p.name()),
        Intrinsic::GetAtt(sym, attr) => Doc::List(vec![s(&sym.name), s(attr)]),
        Intrinsic::Sub(sub) if sub.variables.is_empty() => Doc::Str(sub.template_string()),
        Intrinsic::Sub(sub) => Doc::List(vec![
            Doc::Str(sub.template_string()),
            Doc::Obj(
                sub.variables
                    .iter()
                    .map(|(k, v)| (k.clone(), n(v)))
                    .collect(),
            ),
        ]),
        Intrinsic::Join(delim, items) => Doc::List(vec![s(delim), n(items)]),
        Intrinsic::Select(index, list) => Doc::List(vec![n(index), n(list)]),
        Intrinsic::Split(delim, source) => Doc::List(vec![s(delim), n(source)]),
        Intrinsic::If(cond, a, b) => Doc::List(vec![s(&cond.name), n(a), n(b)]),
        Intrinsic::Equals(a, b) => Doc::List(vec![n(a), n(b)]),
        Intrinsic::And(items) | Intrinsic::Or(items) => Doc::List(items.iter().map(n).collect()),
        Intrinsic::Not(c) => Doc::List(vec![n(c)]),
        Intrinsic::Condition(c) => s(&c.name),
        Intrinsic::FindInMap(map, k1, k2, None) => Doc::List(vec![s(&map.name), n(k1), n(k2)]),
        Intrinsic::FindInMap(map, k1, k2, Some(default)) => Doc::List(vec![
            s(&map.name),
            n(k1),
            n(k2),
            Doc::Obj(vec![("DefaultValue".to_owned(), n(default))]),
        ]),
        Intrinsic::GetAZs(region) => n(region),
        Intrinsic::ImportValue(name) => n(name),
        Intrinsic::Base64(text) => n(text),
        Intrinsic::Cidr(a, b, c) => Doc::List(vec![n(a), n(b), n(c)]),
        Intrinsic::Length(list) => n(list),
        Intrinsic::ToJsonString(value) => n(value),
        Intrinsic::GetStackOutput(output) => {
            Doc::Obj(output.fields().map(|(k, v)| (k.to_owned(), n(v))).collect())
        }
        Intrinsic::AsWritten(_, argument) => n(argument),
    }
}
