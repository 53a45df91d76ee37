//! The JSON writer: two-space indentation, keys in document order, a trailing newline.

use std::fmt::Write;

use super::Doc;

/// Writes a document as JSON.
pub(super) fn write(doc: &Doc) -> String {
    let mut out = String::with_capacity(16 * 1024);
    value(&mut out, doc, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn value(out: &mut String, doc: &Doc, level: usize) {
    match doc {
        Doc::Null => out.push_str("null"),
        Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Doc::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Doc::Float(f) => float(out, *f),
        Doc::Str(s) => string(out, s),
        Doc::List(items) if items.is_empty() => out.push_str("[]"),
        Doc::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                value(out, item, level + 1);
            }
            indent(out, level);
            out.push(']');
        }
        Doc::Obj(entries) if entries.is_empty() => out.push_str("{}"),
        Doc::Obj(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                string(out, k);
                out.push_str(": ");
                value(out, v, level + 1);
            }
            indent(out, level);
            out.push('}');
        }
        Doc::Fn(key, arg) => {
            out.push('{');
            indent(out, level + 1);
            string(out, key);
            out.push_str(": ");
            value(out, arg, level + 1);
            indent(out, level);
            out.push('}');
        }
    }
}

/// Writes a float so that it reads back as the same number; integral values keep a `.0`.
pub(super) fn float(out: &mut String, f: f64) {
    if f.is_finite() {
        let _ = write!(out, "{f:?}");
    } else {
        out.push_str("null");
    }
}

/// Writes a JSON string literal.
pub(super) fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
