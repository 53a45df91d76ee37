//! Rust variable names for the template's logical IDs and names.

use std::collections::{BTreeMap, BTreeSet};

/// Rust keywords and names the printed program uses itself.
const TAKEN: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "try",
    "stack",
    "rt",
    "main",
    "ecs_dsl",
    "serde_json",
    "std",
];

/// `MyBucketV2` → `my_bucket_v2`; anything not alphanumeric becomes `_`.
pub fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_owned();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v_{out}")
    } else {
        out
    }
}

/// One variable name per (section, name), unique in the program.
#[derive(Default)]
pub struct Variables {
    taken: BTreeSet<String>,
    by_name: BTreeMap<(&'static str, String), String>,
}

impl Variables {
    /// Declares the variable of `name` in `section` and returns it.
    pub fn declare(&mut self, section: &'static str, name: &str) -> String {
        let base = snake(name);
        let mut candidate = base.clone();
        let mut n = 2;
        while TAKEN.contains(&candidate.as_str()) || self.taken.contains(&candidate) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        self.by_name
            .insert((section, name.to_owned()), candidate.clone());
        candidate
    }

    /// The variable of `name` in `section`.
    pub fn get(&self, section: &'static str, name: &str) -> Option<&str> {
        self.by_name
            .get(&(section, name.to_owned()))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::snake;

    #[test]
    fn logical_ids_become_snake_case() {
        assert_eq!(snake("MyBucket"), "my_bucket");
        assert_eq!(snake("ECSCluster"), "ecs_cluster");
        assert_eq!(snake("Subnet1A"), "subnet1_a");
        assert_eq!(snake("1st"), "v_1st");
    }
}
