//! Reading a CloudFormation template from JSON into the template model, so `validate` and
//! `diff` treat a template file exactly like a synthesized stack.
//!
//! `{"Ref": …}`, `{"Fn::…": …}` and (inside conditions) `{"Condition": …}` become [`Intrinsic`]s;
//! `Fn::Sub` strings are split into their placeholders. Symbols get one fixed [`StackId`], as a
//! file is one stack. Errors: `TPL010` (not a template), `TPL011` (a malformed intrinsic),
//! `TPL012` (an intrinsic or section the model does not hold).

#![allow(
    clippy::result_large_err,
    reason = "a read fails once, at its first error; the public signature returns a plain `Diagnostic` like every check"
)]

use std::collections::BTreeMap;

use serde_json::{Map, Value as J};

use crate::diagnostics::Diagnostic;
use crate::intrinsic::from_json::{Ctx, node};
use crate::template::{DeletionPolicy, Node, Template, TemplateResource};

const NOT_TEMPLATE: &str = "TPL010";
const UNSUPPORTED: &str = "TPL012";

/// Reads a template from JSON. Fails on the first part that is not valid CloudFormation or that
/// the template model cannot hold, naming its path.
pub fn template_from_json(json: &J) -> Result<Template, Diagnostic> {
    let top = json
        .as_object()
        .ok_or_else(|| not_template("<template>", "a template is a JSON object"))?;
    let mut t = Template::default();
    for (key, value) in top {
        match key.as_str() {
            "AWSTemplateFormatVersion" => {}
            "Description" => t.description = Some(string(value, "Description")?.to_owned()),
            "Metadata" => t.metadata = section(value, "Metadata", |v, p| node(v, p, Ctx::Value))?,
            "Transform" => t.transform = transform(value)?,
            "Parameters" => {
                t.parameters = section(value, "Parameters", |v, _| Ok(Node::literal_from_json(v)))?
            }
            "Mappings" => {
                t.mappings = section(value, "Mappings", |v, _| Ok(Node::literal_from_json(v)))?
            }
            "Conditions" => {
                t.conditions = section(value, "Conditions", |v, p| node(v, p, Ctx::Condition))?
            }
            "Resources" => t.resources = section(value, "Resources", resource)?,
            "Outputs" => t.outputs = section(value, "Outputs", |v, p| node(v, p, Ctx::Value))?,
            other => {
                return Err(Diagnostic::error(UNSUPPORTED, other, format!("`{other}` is not a template section ecs-dsl reads"))
                    .help("ecs-dsl reads Description, Metadata, Transform, Parameters, Mappings, Conditions, Resources and Outputs; remove the section to validate the rest"));
            }
        }
    }
    if !top.contains_key("Resources") {
        return Err(not_template(
            "Resources",
            "the template has no `Resources` section",
        ));
    }
    Ok(t)
}

fn not_template(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(NOT_TEMPLATE, path, message)
        .help("pass a CloudFormation template: a JSON or YAML object with a `Resources` object")
}

fn string<'a>(v: &'a J, path: &str) -> Result<&'a str, Diagnostic> {
    v.as_str()
        .ok_or_else(|| not_template(path, &format!("`{path}` must be a string")))
}

fn object<'a>(v: &'a J, path: &str) -> Result<&'a Map<String, J>, Diagnostic> {
    v.as_object()
        .ok_or_else(|| not_template(path, &format!("`{path}` must be an object")))
}

/// Reads every entry of an object section with `read(value, path)`.
fn section<T>(
    v: &J,
    name: &str,
    read: impl Fn(&J, &str) -> Result<T, Diagnostic>,
) -> Result<BTreeMap<String, T>, Diagnostic> {
    object(v, name)?
        .iter()
        .map(|(k, v)| Ok((k.clone(), read(v, &format!("{name}.{k}"))?)))
        .collect()
}

fn transform(v: &J) -> Result<Vec<String>, Diagnostic> {
    match v {
        J::String(s) => Ok(vec![s.clone()]),
        J::Array(items) => items
            .iter()
            .map(|i| string(i, "Transform").map(str::to_owned))
            .collect(),
        _ => Err(Diagnostic::error(
            UNSUPPORTED,
            "Transform",
            "only named transforms (a string or a list of strings) are supported",
        )
        .help("write `Transform` as a macro name such as `AWS::Serverless-2016-10-31`")),
    }
}

fn resource(v: &J, path: &str) -> Result<TemplateResource, Diagnostic> {
    let fields = object(v, path)?;
    let type_path = format!("{path}.Type");
    let type_name = string(
        fields
            .get("Type")
            .ok_or_else(|| not_template(&type_path, "a resource needs a `Type`"))?,
        &type_path,
    )?;
    let mut r = TemplateResource {
        type_name: type_name.to_owned(),
        properties: Node::Map(BTreeMap::new()),
        depends_on: Vec::new(),
        condition: None,
        metadata: None,
        creation_policy: None,
        update_policy: None,
        deletion_policy: None,
        update_replace_policy: None,
        allowed_warnings: Vec::new(),
        location: None,
        as_written: BTreeMap::new(),
    };
    for (key, value) in fields {
        let p = format!("{path}.{key}");
        match key.as_str() {
            "Type" => {}
            "Properties" => {
                r.properties = Node::Map(section(value, &p, |v, p| node(v, p, Ctx::Value))?)
            }
            "DependsOn" => r.depends_on = depends_on(value, &p)?,
            "Condition" => r.condition = Some(string(value, &p)?.to_owned()),
            "Metadata" => r.metadata = Some(node(value, &p, Ctx::Value)?),
            "CreationPolicy" => r.creation_policy = Some(node(value, &p, Ctx::Value)?),
            "UpdatePolicy" => r.update_policy = Some(node(value, &p, Ctx::Value)?),
            "DeletionPolicy" => r.deletion_policy = Some(policy(value, &p)?),
            "UpdateReplacePolicy" => r.update_replace_policy = Some(policy(value, &p)?),
            other => {
                return Err(not_template(
                    &p,
                    &format!("`{other}` is not a resource attribute"),
                ));
            }
        }
    }
    Ok(r)
}

fn depends_on(v: &J, path: &str) -> Result<Vec<String>, Diagnostic> {
    let mut ids: Vec<String> = match v {
        J::Array(items) => items
            .iter()
            .map(|i| string(i, path).map(str::to_owned))
            .collect::<Result<_, _>>()?,
        other => vec![string(other, path)?.to_owned()],
    };
    ids.sort();
    ids.dedup();
    Ok(ids)
}

fn policy(v: &J, path: &str) -> Result<DeletionPolicy, Diagnostic> {
    match string(v, path)? {
        "Delete" => Ok(DeletionPolicy::Delete),
        "Retain" => Ok(DeletionPolicy::Retain),
        "RetainExceptOnCreate" => Ok(DeletionPolicy::RetainExceptOnCreate),
        "Snapshot" => Ok(DeletionPolicy::Snapshot),
        other => Err(
            not_template(path, &format!("`{other}` is not a deletion policy"))
                .help("use `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`"),
        ),
    }
}
