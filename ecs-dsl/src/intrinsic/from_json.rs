//! Raw JSON into the template model: `{"Ref": …}`, `{"Fn::…": …}` and (inside conditions)
//! `{"Condition": …}` become [`Intrinsic`]s, and `Fn::Sub` strings are split into their
//! placeholders, so a reference written as JSON (a template file, an override, a raw property)
//! is checked like a typed one. Errors: `TPL011` (a malformed intrinsic), `TPL012` (an intrinsic
//! the model does not hold).

#![allow(
    clippy::result_large_err,
    reason = "a read fails once, at its first error, with a plain `Diagnostic` like every check"
)]

use serde_json::Value as J;

use super::{Intrinsic, Node, Pseudo, RefTarget, StackId, StackOutput, Sub, SubPart, Symbol};
use crate::diagnostics::Diagnostic;

const BAD_INTRINSIC: &str = "TPL011";
const UNSUPPORTED: &str = "TPL012";

/// Whether `{"Condition": …}` is an intrinsic here (it is only inside condition expressions; in
/// an IAM statement it is a key like any other).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// A property value, an output, metadata.
    Value,
    /// A condition expression.
    Condition,
}

/// Converts a JSON value, turning intrinsic function objects into [`Intrinsic`]s.
pub(crate) fn node(v: &J, path: &str, ctx: Ctx) -> Result<Node, Diagnostic> {
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
        scalar => Ok(Node::literal_from_json(scalar)),
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
        "Fn::FindInMap" => find_in_map(arg, path)?,
        "Fn::GetAZs" => Intrinsic::GetAZs(value(arg)?),
        "Fn::ImportValue" => Intrinsic::ImportValue(value(arg)?),
        "Fn::Base64" => Intrinsic::Base64(value(arg)?),
        "Fn::Cidr" => {
            let [block, count, bits] = args(arg, path, "[ip block, count, cidr bits]")?;
            Intrinsic::Cidr(value(block)?, value(count)?, value(bits)?)
        }
        "Fn::Length" => Intrinsic::Length(value(arg)?),
        "Fn::ToJsonString" => Intrinsic::ToJsonString(value(arg)?),
        "Fn::GetStackOutput" => Intrinsic::GetStackOutput(Box::new(stack_output(arg, path)?)),
        other => {
            return Err(Diagnostic::error(UNSUPPORTED, path, format!("`{other}` is not an intrinsic function ecs-dsl reads"))
                .help("expand it first (`aws cloudformation package` or the macro's output), or write the value another way"));
        }
    })
}

/// `[map, top key, second key]`, or with a fourth argument `{"DefaultValue": value}`.
fn find_in_map(arg: &J, path: &str) -> Result<Intrinsic, Diagnostic> {
    const FORM: &str =
        "[\"MapName\", top-level key, second-level key] or with {\"DefaultValue\": value} fourth";
    let items = arg.as_array().map(Vec::as_slice).unwrap_or_default();
    let value = |v: &J| node(v, path, Ctx::Value);
    let (m, k1, k2, default) = match items {
        [m, k1, k2] => (m, k1, k2, None),
        [m, k1, k2, J::Object(d)] if d.len() == 1 && d.contains_key("DefaultValue") => {
            (m, k1, k2, Some(value(&d["DefaultValue"])?))
        }
        _ => {
            return Err(bad(
                path,
                "`Fn::FindInMap` takes a map name, two keys and an optional default".into(),
                &format!("write it as {FORM}"),
            ));
        }
    };
    let map = m.as_str().ok_or_else(|| {
        bad(
            path,
            "the map name must be a string".into(),
            "name a mapping of the template",
        )
    })?;
    Ok(Intrinsic::FindInMap(
        symbol(map),
        value(k1)?,
        value(k2)?,
        default,
    ))
}

/// `{"StackName": …, "OutputName": …, "Region": …, "RoleArn": …}`, the last two optional.
fn stack_output(arg: &J, path: &str) -> Result<StackOutput, Diagnostic> {
    const KEYS: [&str; 4] = ["StackName", "OutputName", "Region", "RoleArn"];
    let form = || {
        bad(
            path,
            "`Fn::GetStackOutput` takes an object with StackName, OutputName and optionally Region and RoleArn".into(),
            "write it as {\"StackName\": …, \"OutputName\": …}",
        )
    };
    let m = arg.as_object().ok_or_else(form)?;
    if m.keys().any(|k| !KEYS.contains(&k.as_str())) {
        return Err(form());
    }
    let field = |k: &str| m.get(k).map(|v| node(v, path, Ctx::Value)).transpose();
    let (Some(stack_name), Some(output_name)) = (field("StackName")?, field("OutputName")?) else {
        return Err(form());
    };
    Ok(StackOutput {
        stack_name,
        output_name,
        region: field("Region")?,
        role_arn: field("RoleArn")?,
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

/// Names written as text belong to the template that holds them: [`StackId::TEXT`].
fn symbol(name: &str) -> Symbol {
    Symbol {
        stack: StackId::TEXT,
        name: name.into(),
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
            Ok(Intrinsic::GetAtt(symbol(r), a.to_owned().into()))
        }
        _ => Err(bad(
            path,
            "`Fn::GetAtt` takes a logical ID and an attribute name".into(),
            "write `[\"LogicalId\", \"Attribute\"]` or `\"LogicalId.Attribute\"`",
        )),
    }
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
        Some((r, a)) => SubPart::GetAtt(symbol(r), a.to_owned().into()),
        None => SubPart::Ref(symbol(name)),
    })
}

/// Converts JSON leniently: every well-formed intrinsic becomes an [`Intrinsic`]; a malformed one
/// stays a map, which the structural checks report (`CFN013`).
pub(crate) fn lenient(v: &J) -> Node {
    match v {
        J::Array(items) => Node::List(items.iter().map(lenient).collect()),
        J::Object(m) => {
            if let Some((key, _)) = m
                .iter()
                .next()
                .filter(|(k, _)| m.len() == 1 && is_intrinsic(k, Ctx::Value))
                && let Ok(n) = node(v, key, Ctx::Value)
            {
                return n;
            }
            Node::Map(m.iter().map(|(k, x)| (k.clone(), lenient(x))).collect())
        }
        scalar => Node::literal_from_json(scalar),
    }
}
