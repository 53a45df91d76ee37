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

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde_json::{Map, Value as J};

use crate::diagnostics::Diagnostic;
use crate::intrinsic::{Intrinsic, Pseudo, RefTarget, StackId, Sub, SubPart, Symbol};
use crate::stack::Stack;
use crate::template::{DeletionPolicy, Node, Template, TemplateResource};

const NOT_TEMPLATE: &str = "TPL010";
const BAD_INTRINSIC: &str = "TPL011";
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
                t.parameters = section(value, "Parameters", |v, _| Ok(Node::from_json(v)))?
            }
            "Mappings" => t.mappings = section(value, "Mappings", |v, _| Ok(Node::from_json(v)))?,
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

/// Whether `{"Condition": …}` is an intrinsic here (it is only inside condition expressions; in
/// an IAM statement it is a key like any other).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Value,
    Condition,
}

fn not_template(path: &str, message: &str) -> Diagnostic {
    Diagnostic::error(NOT_TEMPLATE, path, message).help(
        "pass a CloudFormation template in JSON (a YAML template can be converted with `cfn-flip`)",
    )
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

/// Converts a JSON value, turning intrinsic function objects into [`Intrinsic`]s.
fn node(v: &J, path: &str, ctx: Ctx) -> Result<Node, Diagnostic> {
    match v {
        J::Array(items) => Ok(Node::List(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| node(x, &format!("{path}[{i}]"), ctx))
                .collect::<Result<_, _>>()?,
        )),
        J::Object(m) => match m.iter().next() {
            Some((key, arg)) if m.len() == 1 && is_intrinsic(key, ctx) => {
                Ok(intrinsic(key, arg, &format!("{path}.{key}"))?.into())
            }
            _ => Ok(Node::Map(
                m.iter()
                    .map(|(k, x)| Ok((k.clone(), node(x, &format!("{path}.{k}"), ctx)?)))
                    .collect::<Result<_, _>>()?,
            )),
        },
        scalar => Ok(Node::from_json(scalar)),
    }
}

fn is_intrinsic(key: &str, ctx: Ctx) -> bool {
    key == "Ref" || key.starts_with("Fn::") || (key == "Condition" && ctx == Ctx::Condition)
}

fn bad(path: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::error(BAD_INTRINSIC, path, message).help(help)
}

/// The `N` arguments of a function that takes a list.
fn args<'a, const N: usize>(arg: &'a J, path: &str, form: &str) -> Result<[&'a J; N], Diagnostic> {
    let items: Vec<&J> = arg
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    items.try_into().map_err(|_| {
        bad(
            path,
            format!("this function takes a list of {N} arguments"),
            &format!("write it as {form}"),
        )
    })
}

fn intrinsic(key: &str, arg: &J, path: &str) -> Result<Intrinsic, Diagnostic> {
    let value = |v: &J| node(v, path, Ctx::Value);
    let cond = |v: &J| node(v, path, Ctx::Condition);
    let name = |v: &J| {
        v.as_str().map(symbol).ok_or_else(|| {
            bad(
                path,
                "the first argument must be a name (a string)".into(),
                "write the name as a plain string",
            )
        })
    };
    Ok(match key {
        "Ref" => Intrinsic::Ref(ref_target(arg, path)?),
        "Fn::GetAtt" => get_att(arg, path)?,
        "Fn::Sub" => Intrinsic::Sub(sub(arg, path)?),
        "Fn::Join" => {
            let [d, items] = args(arg, path, "[\"delimiter\", [values]]")?;
            Intrinsic::Join(delimiter(d, path)?, value(items)?)
        }
        "Fn::Select" => {
            let [i, list] = args(arg, path, "[index, [values]]")?;
            Intrinsic::Select(value(i)?, value(list)?)
        }
        "Fn::Split" => {
            let [d, source] = args(arg, path, "[\"delimiter\", \"text\"]")?;
            Intrinsic::Split(delimiter(d, path)?, value(source)?)
        }
        "Fn::If" => {
            let [c, a, b] = args(
                arg,
                path,
                "[\"ConditionName\", value if true, value if false]",
            )?;
            Intrinsic::If(name(c)?, value(a)?, value(b)?)
        }
        "Fn::Equals" => {
            let [a, b] = args(arg, path, "[a, b]")?;
            Intrinsic::Equals(value(a)?, value(b)?)
        }
        "Fn::And" | "Fn::Or" => {
            let items = arg.as_array().ok_or_else(|| {
                bad(
                    path,
                    "this function takes a list of conditions".into(),
                    "write it as [condition, condition, …]",
                )
            })?;
            let nodes = items.iter().map(cond).collect::<Result<Vec<_>, _>>()?;
            if key == "Fn::And" {
                Intrinsic::And(nodes)
            } else {
                Intrinsic::Or(nodes)
            }
        }
        "Fn::Not" => {
            let [c] = args(arg, path, "[condition]")?;
            Intrinsic::Not(cond(c)?)
        }
        "Condition" => Intrinsic::Condition(name(arg)?),
        "Fn::FindInMap" => {
            let [m, k1, k2] = args(arg, path, "[\"MapName\", top-level key, second-level key]")?;
            Intrinsic::FindInMap(name(m)?, value(k1)?, value(k2)?)
        }
        "Fn::GetAZs" => Intrinsic::GetAZs(value(arg)?),
        "Fn::ImportValue" => Intrinsic::ImportValue(value(arg)?),
        "Fn::Base64" => Intrinsic::Base64(value(arg)?),
        "Fn::Cidr" => {
            let [block, count, bits] = args(arg, path, "[ip block, count, cidr bits]")?;
            Intrinsic::Cidr(value(block)?, value(count)?, value(bits)?)
        }
        other => {
            return Err(Diagnostic::error(UNSUPPORTED, path, format!("`{other}` is not an intrinsic function ecs-dsl reads"))
                .help("expand it first (`aws cloudformation package` or the macro's output), or write the value another way"));
        }
    })
}

fn delimiter(v: &J, path: &str) -> Result<String, Diagnostic> {
    v.as_str().map(str::to_owned).ok_or_else(|| {
        bad(
            path,
            "the delimiter must be a literal string".into(),
            "CloudFormation does not accept an intrinsic as a delimiter",
        )
    })
}

/// The one stack identity every symbol read from a file belongs to.
fn file_stack() -> StackId {
    static ID: OnceLock<StackId> = OnceLock::new();
    *ID.get_or_init(|| Stack::new().id())
}

fn symbol(name: &str) -> Symbol {
    Symbol {
        stack: file_stack(),
        name: Arc::from(name),
    }
}

fn ref_target(arg: &J, path: &str) -> Result<RefTarget, Diagnostic> {
    let name = arg.as_str().ok_or_else(|| {
        bad(
            path,
            "`Ref` takes a name (a string)".into(),
            "write `{\"Ref\": \"LogicalId\"}`",
        )
    })?;
    match Pseudo::from_name(name) {
        Some(p) => Ok(RefTarget::Pseudo(p)),
        None if name.starts_with("AWS::") => Err(bad(
            path,
            format!("`{name}` is not a pseudo parameter"),
            "use `AWS::AccountId`, `AWS::Region`, `AWS::StackName`, `AWS::Partition`, …",
        )),
        None => Ok(RefTarget::Symbol(symbol(name))),
    }
}

fn get_att(arg: &J, path: &str) -> Result<Intrinsic, Diagnostic> {
    let parts = match arg {
        J::Array(items) => match items.as_slice() {
            [J::String(r), J::String(a)] => Some((r.as_str(), a.as_str())),
            _ => None,
        },
        J::String(s) => s.split_once('.'),
        _ => None,
    };
    match parts {
        Some((r, a)) if !r.is_empty() && !a.is_empty() => {
            Ok(Intrinsic::GetAtt(symbol(r), intern(a)))
        }
        _ => Err(bad(
            path,
            "`Fn::GetAtt` takes a logical ID and an attribute name".into(),
            "write `[\"LogicalId\", \"Attribute\"]` or `\"LogicalId.Attribute\"`",
        )),
    }
}

/// Attribute names are `&'static str` in the model (generated code names them at compile
/// time); names read from files are leaked once each, so memory stays bounded by the number of
/// distinct names.
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}

fn sub(arg: &J, path: &str) -> Result<Sub, Diagnostic> {
    let (text, vars) = match arg {
        J::String(s) => (s.as_str(), None),
        J::Array(items) => match items.as_slice() {
            [J::String(s), J::Object(m)] => (s.as_str(), Some(m)),
            _ => {
                return Err(bad(
                    path,
                    "`Fn::Sub` takes a string or [string, {variables}]".into(),
                    "write `\"text ${Name}\"` or `[\"text ${x}\", {\"x\": value}]`",
                ));
            }
        },
        _ => {
            return Err(bad(
                path,
                "`Fn::Sub` takes a string or [string, {variables}]".into(),
                "write `\"text ${Name}\"`",
            ));
        }
    };
    let mut out = Sub::new();
    if let Some(m) = vars {
        for (k, v) in m {
            out.variables
                .insert(k.clone(), node(v, &format!("{path}.{k}"), Ctx::Value)?);
        }
    }
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out = push_text(out, &rest[..start]);
        let after = &rest[start + 2..];
        // `${!Literal}` is written out as `${Literal}`.
        if let Some(literal) = after.strip_prefix('!') {
            out = push_text(out, "${");
            rest = literal;
            continue;
        }
        let end = after.find('}').ok_or_else(|| {
            bad(
                path,
                format!("`${{` without a closing `}}` in `{text}`"),
                "close the placeholder, or write `${!` for a literal `${`",
            )
        })?;
        let part = placeholder(&after[..end], &out, path)?;
        out.parts.push(part);
        rest = &after[end + 1..];
    }
    Ok(push_text(out, rest))
}

fn push_text(sub: Sub, text: &str) -> Sub {
    if text.is_empty() { sub } else { sub.text(text) }
}

/// What a `${name}` placeholder stands for.
fn placeholder(name: &str, sub: &Sub, path: &str) -> Result<SubPart, Diagnostic> {
    if sub.variables.contains_key(name) {
        return Ok(SubPart::Var(name.to_owned()));
    }
    if let Some(p) = Pseudo::from_name(name) {
        return Ok(SubPart::Pseudo(p));
    }
    if name.is_empty() || name.starts_with("AWS::") {
        return Err(bad(
            path,
            format!("`${{{name}}}` names no parameter, resource or pseudo parameter"),
            "name a logical ID, `LogicalId.Attribute` or `AWS::…`",
        ));
    }
    Ok(match name.split_once('.') {
        Some((r, a)) => SubPart::GetAtt(symbol(r), intern(a)),
        None => SubPart::Ref(symbol(name)),
    })
}
