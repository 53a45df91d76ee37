//! The `KEY=value` files compose reads: `.env` next to the compose file and each `env_file`.

use std::collections::BTreeMap;
use std::path::Path;

use super::error::ComposeError;

/// Reads an env file; `Ok(None)` when it does not exist.
pub(crate) fn read_env_file(path: &Path) -> Result<Option<BTreeMap<String, String>>, ComposeError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_env(&text, path).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ComposeError::Io {
            file: path.to_path_buf(),
            message: e.to_string(),
        }),
    }
}

/// Parses `KEY=value` lines: `#` comments, blank lines, an optional `export `, and single- or
/// double-quoted values. A line with a bare `KEY` sets nothing, as in compose.
pub(crate) fn parse_env(text: &str, file: &Path) -> Result<BTreeMap<String, String>, ComposeError> {
    let mut vars = BTreeMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").map_or(line, str::trim_start);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(ComposeError::invalid(
                file,
                format!("line {}", index + 1),
                format!("`{line}` is not `KEY=value`; a key has no spaces"),
            ));
        }
        vars.insert(key.to_string(), unquote(value.trim_start()));
    }
    Ok(vars)
}

/// The value of a `KEY=` line: quoted values keep their spaces, plain ones lose a ` # comment`.
fn unquote(value: &str) -> String {
    if let Some(body) = value.strip_prefix('\'') {
        return body
            .split_once('\'')
            .map_or(body, |(inner, _)| inner)
            .to_string();
    }
    if let Some(body) = value.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => out.push('\\'),
                },
                other => out.push(other),
            }
        }
        return out;
    }
    value
        .split_once(" #")
        .map_or(value, |(v, _)| v)
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let text =
            "# comment\n\nA=1\nexport B = two words # note\nC='x # y'\nD=\"a\\nb\"\nBARE\nE=\n";
        let vars = parse_env(text, Path::new(".env")).unwrap();
        let expected: BTreeMap<String, String> = [
            ("A", "1"),
            ("B", "two words"),
            ("C", "x # y"),
            ("D", "a\nb"),
            ("E", ""),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(vars, expected);
    }

    #[test]
    fn bad_key_names_the_line() {
        let err = parse_env("A=1\nB C=2\n", Path::new("x.env")).unwrap_err();
        assert!(err.to_string().contains("`line 2`"), "{err}");
    }
}
