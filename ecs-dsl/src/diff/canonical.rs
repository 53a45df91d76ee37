//! One spelling for values CloudFormation treats as equal, so that `diff` compares meaning, not
//! text: `Fn::Sub "${X.Arn}"` is `Fn::GetAtt [X, Arn]`, `20`, `20.0` and `"20"` are one number,
//! `true` is `"true"`, and DependsOn is a set.

use serde_json::{Map, Value as Json};

/// `value` with every equivalent spelling replaced by the canonical one.
pub fn canonical(value: &Json) -> Json {
    match value {
        Json::Number(n) => Json::String(number_text(n.as_f64().unwrap_or(f64::NAN), n)),
        Json::Bool(b) => Json::String(b.to_string()),
        Json::String(s) => Json::String(canonical_string(s)),
        Json::Array(items) => Json::Array(items.iter().map(canonical).collect()),
        Json::Object(map) => canonical_object(map),
        Json::Null => Json::Null,
    }
}

/// DependsOn as a sorted list without duplicates, whether written as one name or a list.
pub fn canonical_depends_on(value: &Json) -> Json {
    let mut names: Vec<Json> = match value {
        Json::Array(items) => items.iter().map(canonical).collect(),
        other => vec![canonical(other)],
    };
    names.sort_by_key(|n| n.to_string());
    names.dedup();
    Json::Array(names)
}

/// A numeric string in the one spelling a JSON number gets (`"20.0"` → `"20"`); any other
/// string unchanged. Only plain decimals count: `"007"` or `"1e3"` stay text.
fn canonical_string(s: &str) -> String {
    if is_plain_decimal(s)
        && let Ok(f) = s.parse::<f64>()
    {
        return float_text(f);
    }
    s.to_owned()
}

fn is_plain_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = all_digits(whole) && (whole == "0" || !whole.starts_with('0'));
    whole_ok && fraction.is_none_or(all_digits)
}

fn number_text(f: f64, original: &serde_json::Number) -> String {
    if f.is_finite() {
        float_text(f)
    } else {
        original.to_string()
    }
}

/// `20.0` → `20`, `0.5` → `0.5`: integers without a fraction, other values as Rust prints them.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn canonical_object(map: &Map<String, Json>) -> Json {
    if map.len() == 1 {
        if let Some(sub) = map.get("Fn::Sub")
            && let Some(reference) = single_reference(sub)
        {
            return reference;
        }
        if let Some(Json::String(dotted)) = map.get("Fn::GetAtt")
            && let Some((resource, attribute)) = dotted.split_once('.')
        {
            return get_att(resource, attribute);
        }
    }
    Json::Object(map.iter().map(|(k, v)| (k.clone(), canonical(v))).collect())
}

/// The `Ref` or `Fn::GetAtt` that a `Fn::Sub` of exactly one `${…}` and no variables means.
fn single_reference(sub: &Json) -> Option<Json> {
    let text = match sub {
        Json::String(s) => s.as_str(),
        Json::Array(parts) => match parts.as_slice() {
            [Json::String(s)] => s.as_str(),
            [Json::String(s), Json::Object(vars)] if vars.is_empty() => s.as_str(),
            _ => return None,
        },
        _ => return None,
    };
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '.');
    if inner.is_empty() || !inner.chars().all(is_name) {
        return None;
    }
    Some(match inner.split_once('.') {
        Some((resource, attribute)) if !resource.is_empty() && !attribute.is_empty() => {
            get_att(resource, attribute)
        }
        Some(_) => return None,
        None => serde_json::json!({ "Ref": inner }),
    })
}

fn get_att(resource: &str, attribute: &str) -> Json {
    serde_json::json!({ "Fn::GetAtt": [resource, attribute] })
}
