//! Variable interpolation as docker compose does it: `$VAR`, `${VAR}`, `${VAR:-default}`,
//! `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`, `${VAR+alt}` and `$$`.
//!
//! Only string values are interpolated, never keys, exactly like compose. A variable that is not
//! set and has no default becomes the empty string with a warning, again like compose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::error::ComposeError;
use super::unsupported::codes;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Why one string could not be interpolated.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SubstError {
    /// `${VAR?message}` with `VAR` unset.
    Missing { variable: String, message: String },
    /// The template itself is malformed.
    Syntax(String),
}

/// Interpolates every string value of `value` in place, reporting unset variables as warnings.
pub(crate) fn interpolate_tree(
    value: &mut Value,
    path: &str,
    vars: &BTreeMap<String, String>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Result<(), ComposeError> {
    match value {
        Value::String(text) => {
            let mut unset = BTreeSet::new();
            *text = substitute(text, vars, &mut unset).map_err(|e| match e {
                SubstError::Missing { variable, message } => ComposeError::MissingVariable {
                    file: file.to_path_buf(),
                    path: path.to_string(),
                    variable,
                    message,
                },
                SubstError::Syntax(message) => ComposeError::invalid(file, path, message),
            })?;
            for name in unset {
                diags.push(
                    Diagnostic::warning(codes::UNSET_VARIABLE, path, format!("variable `{name}` is not set; it became the empty string"))
                        .help(format!("pass `{name}`, put it in `.env` next to the file, or write `${{{name}:-default}}`")),
                );
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                interpolate_tree(item, &format!("{path}[{i}]"), vars, file, diags)?;
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                interpolate_tree(item, &join_path(path, key), vars, file, diags)?;
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

/// `parent.key`, or `key` at the root.
pub(crate) fn join_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// How deep `${A:-${B:-…}}` may nest; deeper is refused rather than risking the stack.
const MAX_NESTING: usize = 16;

/// Interpolates one string; the names of unset variables without a default go into `unset`.
pub(crate) fn substitute(
    text: &str,
    vars: &BTreeMap<String, String>,
    unset: &mut BTreeSet<String>,
) -> Result<String, SubstError> {
    substitute_nested(text, vars, unset, 0)
}

/// `substitute` inside `depth` enclosing `${…}`.
fn substitute_nested(
    text: &str,
    vars: &BTreeMap<String, String>,
    unset: &mut BTreeSet<String>,
    depth: usize,
) -> Result<String, SubstError> {
    if depth > MAX_NESTING {
        return Err(SubstError::Syntax(format!(
            "`${{…}}` nests more than {MAX_NESTING} deep"
        )));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(inner_start) = after.strip_prefix('{') {
            let end = closing_brace(inner_start).ok_or_else(|| {
                SubstError::Syntax(format!(
                    "unclosed `${{` in `{text}`; close it with `}}` or write `$$` for a literal `$`"
                ))
            })?;
            out.push_str(&braced(&inner_start[..end], vars, unset, depth)?);
            rest = &inner_start[end + 1..];
        } else {
            let len = name_len(after);
            if len == 0 {
                return Err(SubstError::Syntax(format!(
                    "a `$` in `{text}` starts no variable; write `$$` for a literal `$`"
                )));
            }
            out.push_str(&lookup(&after[..len], vars, unset));
            rest = &after[len..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The index of the `}` that closes a `${`, skipping nested `${…}` and `$$`.
fn closing_brace(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut depth = 1usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'$' if bytes.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The length of the variable name at the start of `s` (0 when there is none).
fn name_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, c)) if c == '_' || c.is_ascii_alphabetic() => {}
        _ => return 0,
    }
    chars
        .find(|&(_, c)| !(c == '_' || c.is_ascii_alphanumeric()))
        .map_or(s.len(), |(i, _)| i)
}

/// The value of a plain variable, or "" (recorded in `unset`) when it is not set.
fn lookup(name: &str, vars: &BTreeMap<String, String>, unset: &mut BTreeSet<String>) -> String {
    match vars.get(name) {
        Some(value) => value.clone(),
        None => {
            unset.insert(name.to_string());
            String::new()
        }
    }
}

/// The value of the inside of `${…}`: a name, then optionally an operator and a word.
fn braced(
    inner: &str,
    vars: &BTreeMap<String, String>,
    unset: &mut BTreeSet<String>,
    depth: usize,
) -> Result<String, SubstError> {
    let len = name_len(inner);
    if len == 0 {
        return Err(SubstError::Syntax(format!(
            "`${{{inner}}}` names no variable; a name is letters, digits and `_`"
        )));
    }
    let (name, op) = inner.split_at(len);
    let value = vars.get(name);
    let empty = value.is_none_or(|v| v.is_empty());
    let word = |w: &str, unset: &mut BTreeSet<String>| substitute_nested(w, vars, unset, depth + 1);
    let missing = |message: &str| {
        let message = if message.is_empty() {
            format!("`{name}` is required")
        } else {
            message.to_string()
        };
        Err(SubstError::Missing {
            variable: name.to_string(),
            message,
        })
    };
    if op.is_empty() {
        return Ok(lookup(name, vars, unset));
    }
    if let Some(default) = op.strip_prefix(":-") {
        return if empty {
            word(default, unset)
        } else {
            Ok(value.cloned().unwrap_or_default())
        };
    }
    if let Some(default) = op.strip_prefix('-') {
        return value.map_or_else(|| word(default, unset), |v| Ok(v.clone()));
    }
    if let Some(message) = op.strip_prefix(":?") {
        return if empty {
            missing(message)
        } else {
            Ok(value.cloned().unwrap_or_default())
        };
    }
    if let Some(message) = op.strip_prefix('?') {
        return value.map_or_else(|| missing(message), |v| Ok(v.clone()));
    }
    if let Some(alt) = op.strip_prefix(":+") {
        return if empty {
            Ok(String::new())
        } else {
            word(alt, unset)
        };
    }
    if let Some(alt) = op.strip_prefix('+') {
        return if value.is_none() {
            Ok(String::new())
        } else {
            word(alt, unset)
        };
    }
    Err(SubstError::Syntax(format!(
        "`${{{inner}}}` has an unknown operator `{op}`; use `:-`, `-`, `:?`, `?`, `:+` or `+`"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Result<(String, BTreeSet<String>), SubstError> {
        let vars = BTreeMap::from([
            ("SET".to_string(), "v".to_string()),
            ("EMPTY".to_string(), String::new()),
        ]);
        let mut unset = BTreeSet::new();
        substitute(text, &vars, &mut unset).map(|s| (s, unset))
    }

    #[test]
    fn forms() {
        assert_eq!(run("a-$SET-${SET}").unwrap().0, "a-v-v");
        assert_eq!(
            run("${NOPE:-d}|${EMPTY:-d}|${EMPTY-d}|${NOPE-d}")
                .unwrap()
                .0,
            "d|d||d"
        );
        assert_eq!(
            run("${SET:+alt}|${EMPTY:+alt}|${EMPTY+alt}|${NOPE+alt}")
                .unwrap()
                .0,
            "alt||alt|"
        );
        assert_eq!(run("$$SET costs $$5").unwrap().0, "$SET costs $5");
        assert_eq!(run("${NOPE:-${SET}x}").unwrap().0, "vx");
    }

    #[test]
    fn unset_is_recorded() {
        let (out, unset) = run("x${NOPE}y$OTHER").unwrap();
        assert_eq!(out, "xy");
        assert_eq!(unset.into_iter().collect::<Vec<_>>(), ["NOPE", "OTHER"]);
    }

    #[test]
    fn required() {
        assert_eq!(
            run("${NOPE?give it}"),
            Err(SubstError::Missing {
                variable: "NOPE".into(),
                message: "give it".into()
            })
        );
        assert!(matches!(
            run("${EMPTY:?no}"),
            Err(SubstError::Missing { .. })
        ));
        assert_eq!(run("${EMPTY?no}").unwrap().0, "");
    }

    #[test]
    fn syntax_errors() {
        let deep = format!("{}x{}", "${NOPE:-".repeat(40), "}".repeat(40));
        for bad in [
            "${",
            "${SET",
            "$1",
            "cost $ 5",
            "${}",
            "${SET!x}",
            "${1A}",
            deep.as_str(),
        ] {
            assert!(matches!(run(bad), Err(SubstError::Syntax(_))), "{bad}");
        }
    }
}
