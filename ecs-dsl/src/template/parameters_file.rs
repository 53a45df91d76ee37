//! Parameter files in every form users have, their JSON Schema, and a check of their values
//! against a template's declared parameters. The forms:
//!
//! - CodePipeline's template configuration, `{"Parameters": {"Name": "value", …}}` (the book's
//!   `dev.json`), optionally with `Tags` and `StackPolicy`;
//! - the AWS CLI's list, `[{"ParameterKey": "Name", "ParameterValue": "value"}, …]`, where an
//!   item may say `"UsePreviousValue": true` instead of giving a value;
//! - `aws cloudformation deploy`'s overrides, `["Name=value", …]`, also given one at a time.
//!
//! The schema is derived from the template's `Parameters` section rather than from Rust types
//! (with schemars): the constraints a file must meet — AllowedValues, AllowedPattern, lengths,
//! ranges, AWS ID formats — live in the parameter declarations, and this works for every stack.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value as Json, json};

use super::{Node, Template};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The JSON Schema (draft 2020-12) of a parameter file for `template`.
pub fn json_schema(template: &Template) -> Json {
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    for (name, decl) in &template.parameters {
        properties.insert(name.clone(), property_schema(decl));
        if decl.get("Default").is_none() {
            required.push(Json::String(name.clone()));
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "CloudFormation parameter file",
        "type": "object",
        "required": ["Parameters"],
        "properties": {
            "Parameters": {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false
            }
        }
    })
}

fn property_schema(decl: &Node) -> Json {
    let mut schema = serde_json::Map::new();
    schema.insert("type".into(), json!("string"));
    let cfn_type = decl.get("Type").and_then(Node::as_str).unwrap_or("String");
    if let Some(pattern) = id_pattern(cfn_type) {
        schema.insert("pattern".into(), json!(pattern));
    } else if let Some(Node::Str(p)) = decl.get("AllowedPattern") {
        schema.insert("pattern".into(), json!(format!("^(?:{p})$")));
    }
    for (key, schema_key) in [("Description", "description"), ("Default", "default")] {
        if let Some(Node::Str(s)) = decl.get(key) {
            schema.insert(schema_key.into(), json!(s));
        }
    }
    if let Some(values) = decl.get("AllowedValues").and_then(Node::as_list) {
        schema.insert(
            "enum".into(),
            Json::Array(
                values
                    .iter()
                    .filter_map(Node::as_str)
                    .map(|v| json!(v))
                    .collect(),
            ),
        );
    }
    for (key, schema_key) in [("MinLength", "minLength"), ("MaxLength", "maxLength")] {
        if let Some(n) = decl.get(key).and_then(Node::as_int) {
            schema.insert(schema_key.into(), json!(n));
        }
    }
    Json::Object(schema)
}

/// The ID format of AWS-specific parameter types (lists are checked item by item).
fn id_pattern(cfn_type: &str) -> Option<&'static str> {
    let item = cfn_type
        .strip_prefix("List<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(cfn_type);
    let prefix = match item {
        "AWS::EC2::VPC::Id" => "vpc",
        "AWS::EC2::Subnet::Id" => "subnet",
        "AWS::EC2::SecurityGroup::Id" => "sg",
        "AWS::EC2::Image::Id" => "ami",
        "AWS::EC2::Instance::Id" => "i",
        "AWS::EC2::Volume::Id" => "vol",
        _ => return None,
    };
    Some(match (prefix, item == cfn_type) {
        ("vpc", true) => "^vpc-[0-9a-f]{8,17}$",
        ("subnet", true) => "^subnet-[0-9a-f]{8,17}$",
        ("sg", true) => "^sg-[0-9a-f]{8,17}$",
        ("ami", true) => "^ami-[0-9a-f]{8,17}$",
        ("i", true) => "^i-[0-9a-f]{8,17}$",
        ("vol", true) => "^vol-[0-9a-f]{8,17}$",
        ("vpc", false) => "^vpc-[0-9a-f]{8,17}(,vpc-[0-9a-f]{8,17})*$",
        ("subnet", false) => "^subnet-[0-9a-f]{8,17}(,subnet-[0-9a-f]{8,17})*$",
        ("sg", false) => "^sg-[0-9a-f]{8,17}(,sg-[0-9a-f]{8,17})*$",
        ("ami", false) => "^ami-[0-9a-f]{8,17}(,ami-[0-9a-f]{8,17})*$",
        ("i", false) => "^i-[0-9a-f]{8,17}(,i-[0-9a-f]{8,17})*$",
        _ => "^vol-[0-9a-f]{8,17}(,vol-[0-9a-f]{8,17})*$",
    })
}

/// The values a parameter file gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParameterValues {
    /// Values given, by parameter name.
    pub given: BTreeMap<String, String>,
    /// Parameters that keep the value of the deployed stack (`UsePreviousValue`).
    pub use_previous: BTreeSet<String>,
}

impl ParameterValues {
    /// Applies `KEY=VALUE` overrides over the values read so far.
    pub fn apply_overrides(&mut self, overrides: &[String]) -> Result<(), String> {
        for item in overrides {
            let (key, value) = split_override(item)?;
            self.use_previous.remove(key);
            self.given.insert(key.to_owned(), value.to_owned());
        }
        Ok(())
    }

    fn insert(&mut self, key: &str, value: Option<String>, place: &str) -> Result<(), String> {
        if self.given.contains_key(key) || self.use_previous.contains(key) {
            return Err(format!("{place}: `{key}` is given twice"));
        }
        if let Some(v) = value {
            self.given.insert(key.to_owned(), v);
        } else {
            self.use_previous.insert(key.to_owned());
        }
        Ok(())
    }
}

/// `KEY=VALUE` split at its first `=`.
pub fn split_override(item: &str) -> Result<(&str, &str), String> {
    match item.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k, v)),
        _ => Err(format!(
            "`{item}` is not a parameter override; write it as `KEY=VALUE`"
        )),
    }
}

/// A parameter value as text: strings as they are, numbers and booleans written out.
fn as_text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

const FORMS: &str = "a parameter file is `{\"Parameters\": {\"Name\": \"value\"}}`, a list of `{\"ParameterKey\": …, \"ParameterValue\": …}`, or a list of `\"Name=value\"`";

/// Reads the values of a parameter file in any of the forms this module names.
pub fn read_values(file: &Json) -> Result<ParameterValues, String> {
    let mut out = ParameterValues::default();
    match file {
        Json::Object(top) => {
            if let Some(other) = top
                .keys()
                .find(|k| !["Parameters", "Tags", "StackPolicy"].contains(&k.as_str()))
            {
                return Err(format!(
                    "`{other}` is not a key of a template configuration file; it takes `Parameters`, `Tags` and `StackPolicy`"
                ));
            }
            let params = top
                .get("Parameters")
                .and_then(Json::as_object)
                .ok_or_else(|| FORMS.to_owned())?;
            for (k, v) in params {
                let text = as_text(v).ok_or_else(|| {
                    format!("`Parameters.{k}` must be a string, number or boolean")
                })?;
                out.insert(k, Some(text), "Parameters")?;
            }
        }
        Json::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let place = format!("item {i}");
                if let Some(text) = item.as_str() {
                    let (k, v) = split_override(text)?;
                    out.insert(k, Some(v.to_owned()), &place)?;
                    continue;
                }
                let (key, value) = list_item(item).map_err(|e| format!("{place}: {e}"))?;
                out.insert(key, value, &place)?;
            }
        }
        _ => return Err(FORMS.to_owned()),
    }
    Ok(out)
}

/// One item of the CLI's list: its key, and its value (`None` for `UsePreviousValue`).
fn list_item(item: &Json) -> Result<(&str, Option<String>), String> {
    let Some(fields) = item.as_object() else {
        return Err(FORMS.to_owned());
    };
    if let Some(other) = fields.keys().find(|k| {
        ![
            "ParameterKey",
            "ParameterValue",
            "UsePreviousValue",
            "ResolvedValue",
        ]
        .contains(&k.as_str())
    }) {
        return Err(format!("`{other}` is not a field of a parameter"));
    }
    let key = fields
        .get("ParameterKey")
        .and_then(Json::as_str)
        .ok_or("it needs a `ParameterKey` string")?;
    let use_previous = fields.get("UsePreviousValue").and_then(Json::as_bool) == Some(true);
    match (fields.get("ParameterValue"), use_previous) {
        (Some(_), true) => Err(format!(
            "`{key}` has both `ParameterValue` and `UsePreviousValue`; give one"
        )),
        (None, true) => Ok((key, None)),
        (Some(v), false) => as_text(v).map(|t| (key, Some(t))).ok_or_else(|| {
            format!("the `ParameterValue` of `{key}` must be a string, number or boolean")
        }),
        (None, false) => Err(format!(
            "`{key}` needs a `ParameterValue`, or `\"UsePreviousValue\": true`"
        )),
    }
}

/// Checks parameter values against the template's declarations; every problem is reported. A
/// parameter that keeps its previous value is taken as given, unchecked.
pub fn check_values(template: &Template, values: &ParameterValues) -> Diagnostics {
    let mut out = Diagnostics::new();
    for name in values
        .given
        .keys()
        .chain(&values.use_previous)
        .filter(|k| !template.parameters.contains_key(*k))
    {
        let declared: Vec<&str> = template.parameters.keys().map(String::as_str).collect();
        out.push(
            Diagnostic::error(
                "PAR001",
                format!("Parameters.{name}"),
                format!("`{name}` is not a parameter of this template"),
            )
            .help(format!(
                "remove it; the template declares: {}",
                declared.join(", ")
            )),
        );
    }
    for (name, decl) in &template.parameters {
        if values.use_previous.contains(name) {
            continue;
        }
        match values.given.get(name) {
            None if decl.get("Default").is_none() => out.push(
                Diagnostic::error(
                    "PAR002",
                    format!("Parameters.{name}"),
                    format!("`{name}` has no default and the file gives no value"),
                )
                .help(format!("add `\"{name}\": \"…\"` to the file")),
            ),
            None => {}
            Some(value) => check_value(name, decl, value, &mut out),
        }
    }
    out.sorted()
}

fn check_value(name: &str, decl: &Node, value: &str, out: &mut Diagnostics) {
    let path = format!("Parameters.{name}");
    let cfn_type = decl.get("Type").and_then(Node::as_str).unwrap_or("String");
    let mut fail = |code, message: String, help: &str| {
        out.push(Diagnostic::error(code, path.clone(), message).help(help.to_owned()))
    };
    let items: Vec<&str> = if cfn_type.starts_with("List<") || cfn_type == "CommaDelimitedList" {
        value.split(',').map(str::trim).collect()
    } else {
        vec![value]
    };
    let numeric = cfn_type == "Number" || cfn_type == "List<Number>";
    for item in &items {
        if numeric && number(item).is_none() {
            fail(
                "PAR003",
                format!("`{name}` is a {cfn_type} but `{item}` is not a number"),
                "give a number, such as `1`",
            );
        }
    }
    if let Some(pattern) = id_pattern(cfn_type)
        && !regex_lite::Regex::new(pattern).is_ok_and(|re| re.is_match(value))
    {
        fail(
            "PAR007",
            format!("`{value}` is not a valid {cfn_type}"),
            "give an ID of the right kind, such as `vpc-0abc1234` for a VPC",
        );
    }
    if let Some(allowed) = decl.get("AllowedValues").and_then(Node::as_list) {
        let allowed: Vec<&str> = allowed.iter().filter_map(Node::as_str).collect();
        if items.iter().any(|i| !allowed.contains(i)) {
            fail(
                "PAR004",
                format!("`{value}` is not one of the allowed values of `{name}`"),
                &format!("use one of: {}", allowed.join(", ")),
            );
        }
    }
    if let Some(Node::Str(p)) = decl.get("AllowedPattern") {
        match regex_lite::Regex::new(&format!("^(?:{p})$")) {
            Ok(re) if !re.is_match(value) => fail(
                "PAR005",
                format!("`{value}` does not match the pattern `{p}` of `{name}`"),
                "change the value to match the pattern",
            ),
            Ok(_) => {}
            Err(_) => fail(
                "PAR005",
                format!("the pattern `{p}` of `{name}` cannot be checked offline"),
                "simplify the pattern, or check the value by hand",
            ),
        }
    }
    let len = i64::try_from(value.chars().count()).unwrap_or(i64::MAX);
    check_bound(
        decl,
        "MinLength",
        len,
        |min| len < min,
        &mut fail,
        name,
        "characters",
    );
    check_bound(
        decl,
        "MaxLength",
        len,
        |max| len > max,
        &mut fail,
        name,
        "characters",
    );
    if let Some(n) = number(value) {
        check_range(decl, n, &mut fail, name);
    }
}

/// A number as CloudFormation reads one: decimal digits with an optional sign, point and
/// exponent. Rust's parser also takes `NaN` and `inf`, which would pass every range.
fn number(text: &str) -> Option<f64> {
    let decimal = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        && text.chars().any(|c| c.is_ascii_digit());
    text.parse::<f64>()
        .ok()
        .filter(|n| decimal && n.is_finite())
}

fn check_bound(
    decl: &Node,
    key: &str,
    actual: i64,
    violated: impl Fn(i64) -> bool,
    fail: &mut impl FnMut(&'static str, String, &str),
    name: &str,
    unit: &str,
) {
    if let Some(bound) = decl.get(key).and_then(Node::as_int)
        && violated(bound)
    {
        fail(
            "PAR006",
            format!("`{name}` is {actual} {unit} long; its {key} is {bound}"),
            "change the value to fit the declared length",
        );
    }
}

fn check_range(decl: &Node, n: f64, fail: &mut impl FnMut(&'static str, String, &str), name: &str) {
    for (key, violated) in [
        ("MinValue", n < bound(decl, "MinValue")),
        ("MaxValue", n > bound(decl, "MaxValue")),
    ] {
        if decl.get(key).is_some() && violated {
            fail(
                "PAR006",
                format!("`{name}` is {n}, outside its {key} of {}", bound(decl, key)),
                "change the value to fit the declared range",
            );
        }
    }
}

fn bound(decl: &Node, key: &str) -> f64 {
    match decl.get(key) {
        Some(Node::Int(i)) => *i as f64,
        Some(Node::Float(f)) => *f,
        Some(Node::Str(s)) => s.parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}
