//! The `KEY=value` files compose reads: `.env` (or `--env-file`) and each service's `env_file`,
//! with compose's quoting rules (compose-go `dotenv/parser.go`):
//!
//! - unquoted values end at the line, lose a ` # comment` and trailing spaces, and are
//!   interpolated;
//! - double-quoted values may span lines, have `\n`, `\t`, `\"`, `\\` and `\$` escapes, and are
//!   interpolated;
//! - single-quoted values are literal: no escapes, no interpolation;
//! - `KEY` alone takes the value of `KEY` from the variables, or sets nothing.
//!
//! Interpolation looks up the given variables first, then the keys set earlier in the same file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::error::ComposeError;
use super::interpolate::{SubstError, substitute};
use super::safe_read::{MAX_ENV_BYTES, read_text};

/// Reads and parses an env file; `Ok(None)` when it does not exist.
pub(crate) fn read_env_file(
    path: &Path,
    vars: &BTreeMap<String, String>,
) -> Result<Option<BTreeMap<String, String>>, ComposeError> {
    match read_text(path, MAX_ENV_BYTES)? {
        Some(text) => parse_env(&text, path, vars).map(Some),
        None => Ok(None),
    }
}

/// Parses env file `text` (from `file`, for errors), interpolating with `vars`.
pub(crate) fn parse_env(
    text: &str,
    file: &Path,
    vars: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ComposeError> {
    let mut parser = Parser {
        rest: text,
        line: 1,
        file,
    };
    let mut out = BTreeMap::new();
    // The given variables win over the file's own earlier keys, as in compose.
    let mut lookup = vars.clone();
    while let Some((key, value)) = parser.statement(&lookup)? {
        if let Some(value) = value {
            lookup.entry(key.clone()).or_insert_with(|| value.clone());
            out.insert(key, value);
        }
    }
    Ok(out)
}

/// The unread part of an env file.
struct Parser<'a> {
    rest: &'a str,
    line: usize,
    file: &'a Path,
}

impl<'a> Parser<'a> {
    /// An error at the current line.
    fn bad(&self, message: impl Into<String>) -> ComposeError {
        ComposeError::invalid(self.file, format!("line {}", self.line), message)
    }

    /// Skips blank lines and comments; the next `KEY` and its value (`None` for a bare `KEY`
    /// that is not among `vars`), or `None` at the end.
    fn statement(
        &mut self,
        vars: &BTreeMap<String, String>,
    ) -> Result<Option<(String, Option<String>)>, ComposeError> {
        loop {
            let trimmed = self.rest.trim_start_matches([' ', '\t', '\r', '\u{feff}']);
            if let Some(after) = trimmed.strip_prefix('\n') {
                self.line += 1;
                self.rest = after;
            } else if trimmed.starts_with('#') {
                self.rest = trimmed.split_once('\n').map_or("", |(_, r)| r);
                self.line += 1;
            } else if trimmed.is_empty() {
                return Ok(None);
            } else {
                self.rest = trimmed;
                break;
            }
        }
        let line_text = self.rest.lines().next().unwrap_or_default().to_string();
        let statement = self
            .rest
            .strip_prefix("export ")
            .map_or(self.rest, |r| r.trim_start_matches([' ', '\t']));
        let end = statement.find(['=', ':', '\n']).unwrap_or(statement.len());
        let key = statement[..end].trim_end();
        if let Some(bad) = key.chars().find(|c| !is_key_char(*c)) {
            return Err(self.bad(format!(
                "unexpected {bad:?} in the variable name of `{line_text}`; a name is letters, digits, `_`, `.`, `-`"
            )));
        }
        let key = key.to_string();
        if statement[end..].starts_with('\n') || end == statement.len() {
            self.rest = statement.get(end + 1..).unwrap_or("");
            self.line += 1;
            return Ok(Some((key.clone(), vars.get(&key).cloned())));
        }
        let value = statement[end + 1..].trim_start_matches([' ', '\t']);
        let value = self.value(value, vars)?;
        Ok(Some((key, Some(value))))
    }

    /// Reads the value at the start of `src` and moves past it.
    fn value(
        &mut self,
        src: &'a str,
        vars: &BTreeMap<String, String>,
    ) -> Result<String, ComposeError> {
        let quote = match src.chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => {
                let (line, rest) = src.split_once('\n').unwrap_or((src, ""));
                self.rest = rest;
                let value = line.split_once(" #").map_or(line, |(v, _)| v).trim_end();
                let value = self.interpolate(value, vars)?;
                self.line += 1;
                return Ok(value);
            }
        };
        let body = &src[1..];
        let mut chars = Vec::new();
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            if c == quote && !escaped {
                let literal: String = chars.into_iter().collect();
                let rest = &body[i + 1..];
                self.line += body[..i].matches('\n').count();
                // Anything after the closing quote up to the end of the line is ignored.
                self.rest = rest.split_once('\n').map_or("", |(_, r)| r);
                self.line += 1;
                return if quote == '"' {
                    self.interpolate(&expand_escapes(&literal), vars)
                } else {
                    Ok(literal)
                };
            }
            if escaped {
                if c != quote {
                    chars.push('\\');
                }
                chars.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else {
                chars.push(c);
            }
        }
        Err(self.bad(format!(
            "the value quoted with {quote} is never closed; close it on this or a later line"
        )))
    }

    /// Interpolates `text` with `vars`.
    fn interpolate(
        &self,
        text: &str,
        vars: &BTreeMap<String, String>,
    ) -> Result<String, ComposeError> {
        substitute(text, vars, &mut BTreeSet::new()).map_err(|e| match e {
            SubstError::Missing { variable, message } => ComposeError::MissingVariable {
                file: self.file.to_path_buf(),
                path: format!("line {}", self.line),
                variable,
                message,
            },
            SubstError::Syntax(message) => self.bad(message),
        })
    }
}

/// Whether `c` may be part of an env file key.
fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']')
}

/// The escapes of a double-quoted value; `\$` stays a literal `$` through interpolation.
fn expand_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('$') => out.push_str("$$"),
            Some(other @ ('\\' | '"' | '\'')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, vars: &[(&str, &str)]) -> Result<BTreeMap<String, String>, ComposeError> {
        let vars = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse_env(text, Path::new(".env"), &vars)
    }

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn forms() {
        let text =
            "# comment\n\nA=1\nexport B = two words # note\nC='x # y'\nD=\"a\\nb\"\nBARE\nE=\n";
        assert_eq!(
            parse(text, &[]).unwrap(),
            map(&[
                ("A", "1"),
                ("B", "two words"),
                ("C", "x # y"),
                ("D", "a\nb"),
                ("E", "")
            ])
        );
    }

    #[test]
    fn single_quotes_are_literal_double_quotes_and_plain_values_interpolate() {
        let text = "HOST=db\nA='${HOST}:$$\\n'\nB=\"${HOST}:\\$x\"\nC=${HOST}-${PORT:-5432}\n";
        assert_eq!(
            parse(text, &[]).unwrap(),
            map(&[
                ("HOST", "db"),
                ("A", "${HOST}:$$\\n"),
                ("B", "db:$x"),
                ("C", "db-5432")
            ])
        );
    }

    #[test]
    fn given_variables_win_over_earlier_keys_and_bare_keys_inherit() {
        let text = "HOST=file\nA=${HOST}\nUSER\nMISSING\n";
        assert_eq!(
            parse(text, &[("HOST", "env"), ("USER", "me")]).unwrap(),
            map(&[("A", "env"), ("HOST", "file"), ("USER", "me")])
        );
    }

    #[test]
    fn double_quoted_values_span_lines() {
        let text = "KEY=\"-----BEGIN\nabc\n-----END\"\nNEXT=1\n";
        assert_eq!(
            parse(text, &[]).unwrap(),
            map(&[("KEY", "-----BEGIN\nabc\n-----END"), ("NEXT", "1")])
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("A=1\nB C=2\n", &[]).unwrap_err();
        assert!(err.to_string().contains("`line 2`"), "{err}");
        let err = parse("A=1\nB='open\n", &[]).unwrap_err();
        assert!(err.to_string().contains("never closed"), "{err}");
    }
}
