//! Reading template text: JSON, or YAML with CloudFormation's short tags (`!Ref`, `!Sub`, …),
//! into one JSON value, so every command reads a file the same way.
//!
//! What CloudFormation refuses is refused here too, with the line and column: a key given twice
//! (both places named), YAML aliases and merge keys, several documents, values JSON cannot hold
//! (`.nan`, `.inf`). A leading byte-order mark is skipped. Input limits: [`MAX_INPUT_BYTES`] and
//! [`MAX_DEPTH`], so no input can exhaust memory or the stack.

mod json;
mod yaml;

use std::fmt;

use serde_json::Value as Json;

/// The most bytes a template or parameter file may have. CloudFormation takes at most 1 MB (from
/// S3), so anything bigger can only be reported, never deployed; reading stops here.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// The deepest nesting of lists and maps a file may have.
pub const MAX_DEPTH: usize = 128;

/// A place in the text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Why a text is not a readable document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError {
    /// Where it went wrong, when known.
    pub at: Option<Position>,
    /// What is wrong.
    pub message: String,
}

impl TextError {
    pub(crate) fn new(at: Option<Position>, message: impl Into<String>) -> Self {
        TextError {
            at,
            message: message.into(),
        }
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for TextError {}

/// The format a text turned out to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// Reads a JSON or YAML document. JSON is tried first when the text starts with `{` or `[`.
pub fn parse(bytes: &[u8]) -> Result<(Json, TextFormat), TextError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(TextError::new(
            None,
            format!(
                "the input is larger than {MAX_INPUT_BYTES} bytes; CloudFormation accepts at most 1 MB"
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = position_of(bytes, e.valid_up_to());
        TextError::new(Some(at), "the text is not UTF-8")
    })?;
    if text.trim_start().starts_with(['{', '[']) {
        match json::parse(text) {
            Ok(v) => Ok((v, TextFormat::Json)),
            // A YAML flow mapping also starts with `{`; the JSON error is the likelier one.
            Err(json_error) => yaml::parse(text)
                .map(|v| (v, TextFormat::Yaml))
                .map_err(|_| json_error),
        }
    } else {
        yaml::parse(text).map(|v| (v, TextFormat::Yaml))
    }
}

/// The line and column of a byte offset.
fn position_of(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position { line, column }
}

/// Inserts `key` into an object being built, refusing a second occurrence and naming both places.
fn insert_unique(
    map: &mut serde_json::Map<String, Json>,
    places: &mut Vec<(String, Position)>,
    key: String,
    at: Position,
    value: Json,
) -> Result<(), TextError> {
    if let Some((_, first)) = places.iter().find(|(k, _)| *k == key) {
        return Err(TextError::new(
            Some(at),
            format!(
                "the key `{key}` appears twice in one object (first at {first}); CloudFormation rejects duplicate keys"
            ),
        ));
    }
    places.push((key.clone(), at));
    map.insert(key, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_yaml_read_alike() {
        let (j, f) =
            parse(br#"{"Resources": {"A": {"Type": "T", "Properties": {"X": {"Ref": "B"}}}}}"#)
                .unwrap();
        assert_eq!(f, TextFormat::Json);
        let (y, f) =
            parse(b"Resources:\n  A:\n    Type: T\n    Properties:\n      X: !Ref B\n").unwrap();
        assert_eq!(f, TextFormat::Yaml);
        assert_eq!(j, y);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let (v, _) = parse(b"\xEF\xBB\xBF{\"a\": 1}").unwrap();
        assert_eq!(v, serde_json::json!({"a": 1}));
    }

    #[test]
    fn duplicate_keys_name_both_places() {
        let e = parse(b"{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert_eq!(e.at, Some(Position { line: 3, column: 3 }));
        assert!(e.message.contains("first at line 2, column 3"), "{e}");
        let e = parse(b"a: 1\nb:\n  c: 1\n  c: 2\n").unwrap_err();
        assert_eq!(e.at, Some(Position { line: 4, column: 3 }));
        assert!(e.message.contains("first at line 3, column 3"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(100_000);
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .message
                .contains("deeper")
        );
        let deep_yaml = "- ".repeat(200) + "x";
        assert!(
            parse(deep_yaml.as_bytes())
                .unwrap_err()
                .message
                .contains("deeper")
        );
    }
}
