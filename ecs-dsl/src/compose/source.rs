//! One compose file as a YAML tree: parsed (anchors and merge keys applied), interpolated and
//! checked for a supported format version.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::ComposeError;
use super::interpolate::interpolate_tree;
use super::safe_read::{MAX_COMPOSE_BYTES, read_required};
use crate::diagnostics::Diagnostics;

/// A parsed, interpolated compose file.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    /// The file, for messages.
    pub path: PathBuf,
    /// The top-level mapping.
    pub root: Map<String, Value>,
}

impl Source {
    /// Reads and parses the file at `path`.
    pub fn load(
        path: &Path,
        vars: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) -> Result<Source, ComposeError> {
        let text = read_required(path, MAX_COMPOSE_BYTES)?;
        Source::parse(&text, path, vars, diags)
    }

    /// Parses `text`, which stands for the file `path` (relative paths start from its directory).
    pub fn parse(
        text: &str,
        path: &Path,
        vars: &BTreeMap<String, String>,
        diags: &mut Diagnostics,
    ) -> Result<Source, ComposeError> {
        let mut value = parse_yaml(text, path)?;
        interpolate_tree(&mut value, "", vars, path, diags)?;
        let root = match value {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            _ => {
                return Err(ComposeError::invalid(
                    path,
                    "(top level)",
                    "a compose file is a mapping with a `services:` key",
                ));
            }
        };
        check_version(&root, path)?;
        Ok(Source {
            path: path.to_path_buf(),
            root,
        })
    }

    /// The `services` mapping (empty when there is none).
    pub fn services(&self) -> Result<Map<String, Value>, ComposeError> {
        match self.root.get("services") {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(map)) => Ok(map.clone()),
            Some(_) => Err(ComposeError::invalid(
                &self.path,
                "services",
                "`services` must be a mapping of service names to services",
            )),
        }
    }
}

/// The alias replay budget every file gets, whatever its size: above the old 20,000 that
/// refused large self-hosted suites merging shared `x-` blocks into dozens of services.
const BASE_REPLAY_BUDGET: usize = 30_000;

/// Replayed events allowed per byte of text on top of the base: a file with thousands of
/// services built from anchors replays in proportion to its size, while an alias bomb replays
/// exponentially more than its few lines. compose-go's YAML decoder bounds aliases by a ratio to
/// the document in the same spirit.
const REPLAY_BUDGET_PER_BYTE: usize = 2;

/// The most replayed events of any file: the parser replays at a few microseconds per event, so
/// this bounds the time a bomb padded to a large size can take.
const MAX_REPLAY_BUDGET: usize = 400_000;

/// How deep aliases may replay inside replayed aliases (an anchor built on an anchor built on an
/// anchor…); real files nest two or three deep, bombs nest as deep as they can.
const MAX_REPLAY_DEPTH: usize = 4;

/// YAML text → tree, with YAML 1.2 booleans (so `command: y` stays a string) and numbers with
/// leading zeros kept as written (file modes such as `0755`). Alias replay is capped in
/// proportion to the text (see `BASE_REPLAY_BUDGET`); the parser's alias-to-anchor ratio check
/// is off, as thousands of services merging one `<<: *defaults` is the normal shape.
fn parse_yaml(text: &str, path: &Path) -> Result<Value, ComposeError> {
    let replay = BASE_REPLAY_BUDGET
        .saturating_add(text.len().saturating_mul(REPLAY_BUDGET_PER_BYTE))
        .min(MAX_REPLAY_BUDGET);
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: replay,
            max_replay_stack_depth: MAX_REPLAY_DEPTH,
        },
        budget: serde_saphyr::budget! {
            alias_anchor_ratio_multiplier: usize::MAX,
            max_merge_keys: 1_000_000,
            max_nodes: 4_000_000,
            max_events: 8_000_000,
        },
    };
    serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        ComposeError::Yaml {
            file: path.to_path_buf(),
            line,
            column,
            message: strip_location(&e.to_string(), line, column),
        }
    })
}

/// The parser's message without its own "at line L, column C" (the error shows it once).
fn strip_location(message: &str, line: u64, column: u64) -> String {
    let suffix = format!(" at line {line}, column {column}");
    let prefix = format!("line {line} column {column}: ");
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = message.strip_prefix(&prefix).unwrap_or(message);
    message.strip_suffix(&suffix).unwrap_or(message).to_string()
}

/// Accepts format 2.x, 3.x and the Compose Specification (no `version`); rejects format 1.
fn check_version(root: &Map<String, Value>, path: &Path) -> Result<(), ComposeError> {
    let version = match root.get("version") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(_) => {
            return Err(ComposeError::invalid(
                path,
                "version",
                "`version` must be a string such as \"3.8\"",
            ));
        }
    };
    match version {
        Some(v) if !(v.starts_with('2') || v.starts_with('3')) => Err(ComposeError::invalid(
            path,
            "version",
            format!(
                "compose file format `{v}` is not supported; use 2.x, 3.x or drop `version` (Compose Specification)"
            ),
        )),
        None if !root.contains_key("services") && root.values().any(looks_like_service) => {
            Err(ComposeError::invalid(
                path,
                "(top level)",
                "this looks like compose file format 1 (services at the top level); move them under `services:`",
            ))
        }
        _ => Ok(()),
    }
}

/// Whether a top-level value looks like a format-1 service.
fn looks_like_service(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|m| m.contains_key("image") || m.contains_key("build"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Source, ComposeError> {
        Source::parse(
            text,
            Path::new("c.yml"),
            &BTreeMap::new(),
            &mut Diagnostics::new(),
        )
    }

    #[test]
    fn yaml_error_has_line_and_column() {
        let Err(ComposeError::Yaml {
            line,
            column,
            message,
            ..
        }) = parse("services:\n  a: [1, 2\n  b: 3\n")
        else {
            panic!("expected a YAML error")
        };
        assert_eq!((line, column), (3, 4));
        assert!(!message.contains("line 3"), "{message}");
    }

    #[test]
    fn versions() {
        assert!(parse("version: '2.4'\nservices: {}\n").is_ok());
        assert!(parse("version: 3.8\nservices: {}\n").is_ok());
        assert!(parse("services: {}\n").is_ok());
        assert!(
            parse("version: '1'\nservices: {}\n")
                .unwrap_err()
                .to_string()
                .contains("format `1`")
        );
        assert!(
            parse("web:\n  image: x\n")
                .unwrap_err()
                .to_string()
                .contains("format 1")
        );
    }
}
