//! The crate name `ecs-dsl new` accepts: what cargo accepts as a package name.

/// Names cargo or Rust reserve, which a new crate cannot take.
const RESERVED: [&str; 6] = ["test", "std", "core", "alloc", "proc_macro", "ecs_dsl"];

/// Checks a crate name: 1 to 64 ASCII letters, digits, `-` and `_`, starting with a letter.
pub fn check_name(name: &str) -> Result<(), String> {
    let valid_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let starts_with_letter = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if name.is_empty() || name.len() > 64 || !valid_chars || !starts_with_letter {
        return Err(format!(
            "`{name}` is not a crate name: use 1 to 64 ASCII letters, digits, `-` and `_`, starting with a letter (such as `web-stack`)"
        ));
    }
    if RESERVED.contains(&name.replace('-', "_").as_str()) {
        return Err(format!(
            "`{name}` is reserved by Rust or cargo; choose another name"
        ));
    }
    Ok(())
}
