//! The YAML writer: block style, short-form intrinsic tags (`!Ref`, `!Sub`, …), and the long form
//! wherever YAML cannot hold two tags on one node (`Fn::Base64: !Sub …`).
//!
//! Written by hand rather than with a YAML library: no library writes CloudFormation's tags, and
//! this one is small enough to read in one sitting.

use std::fmt::Write;

use super::Doc;
use super::json;

/// Writes a document as YAML.
pub(super) fn write(doc: &Doc) -> String {
    let mut out = String::with_capacity(16 * 1024);
    match doc {
        Doc::Obj(entries) if !entries.is_empty() => entries_block(&mut out, entries, 0),
        other => {
            scalar(&mut out, other, 0);
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

/// The entries of a non-empty map, each on its own line at `indent`.
fn entries_block(out: &mut String, entries: &[(String, Doc)], indent: usize) {
    for (k, v) in entries {
        pad(out, indent);
        key(out, k);
        after_key(out, v, indent);
    }
}

/// The items of a non-empty list, each on its own line at `indent`.
fn items_block(out: &mut String, items: &[Doc], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push_str("- ");
        list_item(out, item, indent + 2);
    }
}

/// Writes the value after `key:`; `indent` is the key's column.
fn after_key(out: &mut String, v: &Doc, indent: usize) {
    match v {
        Doc::Obj(entries) if !entries.is_empty() => {
            out.push_str(":\n");
            entries_block(out, entries, indent + 2);
        }
        Doc::List(items) if !items.is_empty() => {
            out.push_str(":\n");
            items_block(out, items, indent + 2);
        }
        Doc::Fn(name, arg) if matches!(**arg, Doc::Fn(..)) => {
            out.push_str(":\n");
            pad(out, indent + 2);
            key(out, name);
            after_key(out, arg, indent + 2);
        }
        Doc::Fn(name, arg) => {
            out.push_str(": ");
            tagged(out, name, arg, indent + 2);
        }
        _ => {
            out.push_str(": ");
            scalar(out, v, indent + 2);
            out.push('\n');
        }
    }
}

/// Writes a list item after `- `; `indent` is the item's content column.
fn list_item(out: &mut String, item: &Doc, indent: usize) {
    match item {
        Doc::Obj(entries) if !entries.is_empty() => {
            let (k, v) = &entries[0];
            key(out, k);
            after_key(out, v, indent);
            entries_block(out, &entries[1..], indent);
        }
        Doc::List(items) if !items.is_empty() => {
            out.push_str("- ");
            list_item(out, &items[0], indent + 2);
            items_block(out, &items[1..], indent);
        }
        Doc::Fn(name, arg) if matches!(**arg, Doc::Fn(..)) => {
            key(out, name);
            after_key(out, arg, indent);
        }
        Doc::Fn(name, arg) => tagged(out, name, arg, indent),
        _ => {
            scalar(out, item, indent);
            out.push('\n');
        }
    }
}

/// Writes `!Tag argument`; block arguments go on the following lines at `indent`.
fn tagged(out: &mut String, name: &str, arg: &Doc, indent: usize) {
    out.push('!');
    out.push_str(name.strip_prefix("Fn::").unwrap_or(name));
    match arg {
        Doc::List(items) if !items.is_empty() => {
            if let ("Fn::GetAtt", [Doc::Str(id), Doc::Str(attr)]) = (name, items.as_slice()) {
                out.push(' ');
                plain_or_quoted(out, &format!("{id}.{attr}"));
                out.push('\n');
                return;
            }
            out.push('\n');
            items_block(out, items, indent);
        }
        Doc::Obj(entries) if !entries.is_empty() => {
            out.push('\n');
            entries_block(out, entries, indent);
        }
        _ => {
            out.push(' ');
            scalar(out, arg, indent);
            out.push('\n');
        }
    }
}

fn key(out: &mut String, k: &str) {
    plain_or_quoted(out, k);
}

/// Writes a scalar (or an empty collection) in place; multi-line strings become literal blocks
/// whose lines sit at `indent`.
fn scalar(out: &mut String, doc: &Doc, indent: usize) {
    match doc {
        Doc::Null => out.push_str("null"),
        Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Doc::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Doc::Float(f) => json::float(out, *f),
        Doc::Str(s) if can_be_literal_block(s) => literal_block(out, s, indent),
        Doc::Str(s) => plain_or_quoted(out, s),
        Doc::List(_) => out.push_str("[]"),
        Doc::Obj(_) => out.push_str("{}"),
        Doc::Fn(..) => unreachable!("intrinsics are written by `tagged`"),
    }
}

fn can_be_literal_block(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\n'])
        && s.chars().all(|c| c == '\n' || is_printable(c))
}

/// Whether YAML keeps a character as written, in a block or a quoted string. Control characters
/// (C0, DEL, C1 including NEL), the line and paragraph separators (U+2028, U+2029, which YAML 1.1
/// readers take as line breaks), the byte-order mark and the non-characters U+FFFE/U+FFFF must be
/// escaped.
fn is_printable(c: char) -> bool {
    matches!(c, ' '..='~')
        || (c >= '\u{A0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            ))
}

/// Writes a double-quoted YAML string, escaping every character YAML would not keep as written.
fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_printable(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
    }
    out.push('"');
}

fn literal_block(out: &mut String, s: &str, indent: usize) {
    let trailing = s.len() - s.trim_end_matches('\n').len();
    out.push_str(match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
    }
}

/// Writes a string unquoted when YAML would read it back as the same string, else double-quoted.
fn plain_or_quoted(out: &mut String, s: &str) {
    if is_plain_safe(s) {
        out.push_str(s);
    } else {
        quoted(out, s);
    }
}

fn is_plain_safe(s: &str) -> bool {
    const RESERVED: [&str; 12] = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nan", "inf",
    ];
    let Some(first) = s.chars().next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '/' || first == '_')
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || " _-./:@=+*()".contains(c))
        && !RESERVED.contains(&s.to_ascii_lowercase().as_str())
}
