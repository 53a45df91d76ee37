//! Parameter values put in place of their references, so that a diff sees what a deployment
//! with those values changes: a new image tag changes the task definition's image.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

/// `template` with `{"Ref": P}` and `${P}` inside `Fn::Sub` replaced by `values[P]`, for every
/// parameter `P` the template declares and `values` holds; a list parameter
/// (`CommaDelimitedList`, `List<…>`) becomes the list of its comma-separated items. A `Fn::Sub`
/// left without references becomes its plain string.
pub fn resolve_parameters(template: &Json, values: &BTreeMap<String, String>) -> Json {
    let declared: BTreeMap<&str, &str> = template
        .get("Parameters")
        .and_then(Json::as_object)
        .into_iter()
        .flat_map(|p| p.keys())
        .filter_map(|name| Some((name.as_str(), values.get(name)?.as_str())))
        .collect();
    let lists: BTreeMap<&str, Json> = declared
        .iter()
        .filter(|(name, _)| is_list(&template["Parameters"][**name]["Type"]))
        .map(|(name, value)| (*name, list_value(value)))
        .collect();
    let mut out = template.clone();
    for section in ["Resources", "Outputs"] {
        if let Some(body) = out.get_mut(section) {
            *body = resolve(body, &declared, &lists);
        }
    }
    out
}

/// A parameter value in the one form a comparison needs: a list parameter's items, trimmed.
pub fn parameter_value(declaration: &Json, value: &str) -> Json {
    if is_list(&declaration["Type"]) {
        list_value(value)
    } else {
        Json::String(value.to_owned())
    }
}

fn is_list(parameter_type: &Json) -> bool {
    parameter_type
        .as_str()
        .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"))
}

/// The items of a list parameter's value, `a,b` — or `['a', 'b']`, the printed form some
/// CloudFormation implementations (moto) return for a deployed list parameter.
fn list_value(value: &str) -> Json {
    let printed = value
        .trim()
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'));
    let items = printed.unwrap_or(value).split(',').map(|item| {
        let item = item.trim();
        let unquoted = printed.and_then(|_| {
            let quoted = |q: char| item.strip_prefix(q).and_then(|i| i.strip_suffix(q));
            quoted('\'').or_else(|| quoted('"'))
        });
        Json::String(unquoted.unwrap_or(item).to_owned())
    });
    Json::Array(items.collect())
}

type Lists<'a> = BTreeMap<&'a str, Json>;

fn resolve(value: &Json, values: &BTreeMap<&str, &str>, lists: &Lists) -> Json {
    match value {
        Json::Array(items) => {
            Json::Array(items.iter().map(|v| resolve(v, values, lists)).collect())
        }
        Json::Object(map) => resolve_object(map, values, lists),
        other => other.clone(),
    }
}

fn resolve_object(map: &Map<String, Json>, values: &BTreeMap<&str, &str>, lists: &Lists) -> Json {
    if map.len() == 1 {
        if let Some(Json::String(name)) = map.get("Ref") {
            if let Some(list) = lists.get(name.as_str()) {
                return list.clone();
            }
            if let Some(v) = values.get(name.as_str()) {
                return Json::String((*v).to_owned());
            }
        }
        if let Some(sub) = map.get("Fn::Sub") {
            return resolve_sub(sub, values, lists);
        }
    }
    Json::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), resolve(v, values, lists)))
            .collect(),
    )
}

fn resolve_sub(sub: &Json, values: &BTreeMap<&str, &str>, lists: &Lists) -> Json {
    let (text, vars) = match sub {
        Json::String(s) => (s.as_str(), None),
        Json::Array(parts) => match parts.as_slice() {
            [Json::String(s), Json::Object(vars)] => (s.as_str(), Some(vars)),
            _ => return serde_json::json!({ "Fn::Sub": resolve(sub, values, lists) }),
        },
        _ => return serde_json::json!({ "Fn::Sub": sub }),
    };
    // Variables of the Sub's own map shadow parameters of the same name.
    let usable: BTreeMap<&str, &str> = values
        .iter()
        .filter(|(name, _)| vars.is_none_or(|v| !v.contains_key(**name)))
        .map(|(k, v)| (*k, *v))
        .collect();
    let substituted = substitute(text, &usable);
    let vars = vars.map(|v| resolve(&Json::Object(v.clone()), values, lists));
    match vars {
        None if !substituted.contains("${") => Json::String(substituted.replace("${!", "${")),
        None => serde_json::json!({ "Fn::Sub": substituted }),
        Some(vars) => serde_json::json!({ "Fn::Sub": [substituted, vars] }),
    }
}

/// `text` with every `${NAME}` that `values` holds replaced; `${!…}` literals kept as they are.
fn substitute(text: &str, values: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) if !after.starts_with('!') => {
                let name = &after[..end];
                match values.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&rest[start..start + 3 + end]),
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str("${");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
