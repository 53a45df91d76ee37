//! The catalog of diagnostic codes (`ecs_dsl::catalog`) against the code that emits them and the
//! README that documents them.
//!
//! A code is "emitted" when a string literal of the form `"ABC123"` appears in the hand-written
//! sources of ecs-dsl or its macros; every such code must be in the catalog with a title and a
//! help line, every catalog entry must be emitted somewhere, and the README's table must be
//! exactly `catalog::markdown_table()`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ecs_dsl::catalog::{self, CATALOG};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Every `.rs` file below `dir`, except generated code and the catalog itself (which declares
/// codes rather than emitting them).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.ends_with("src/cfn") || path.ends_with("src/catalog.rs") {
            continue;
        }
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `"ABC123"` literals: three capitals, three digits, nothing else between the quotes.
fn code_literals(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('"').filter_map(move |(i, _)| {
        let bytes = text.as_bytes().get(i + 1..i + 8)?;
        let shaped = bytes[..3].iter().all(u8::is_ascii_uppercase)
            && bytes[3..6].iter().all(u8::is_ascii_digit)
            && bytes[6] == b'"';
        // All ASCII, so the byte range is a char range.
        shaped.then(|| &text[i + 1..i + 7])
    })
}

/// Codes written in the sources, with one file each for the message.
fn emitted() -> Vec<(String, PathBuf)> {
    let root = workspace();
    let mut files = Vec::new();
    sources(&root.join("ecs-dsl/src"), &mut files);
    sources(&root.join("ecs-dsl-macros/src"), &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for code in code_literals(&text) {
            // Encryption algorithm names share the shape.
            if !code.starts_with("AES") {
                found.push((code.to_owned(), file.clone()));
            }
        }
    }
    found
}

#[test]
fn every_emitted_code_is_in_the_catalog_with_a_help_line() {
    let missing: BTreeSet<String> = emitted()
        .into_iter()
        .filter(|(code, _)| catalog::lookup(code).is_none_or(|e| e.help.is_empty()))
        .map(|(code, file)| format!("{code} (in {})", file.display()))
        .collect();
    assert!(
        missing.is_empty(),
        "codes emitted but missing from ecs-dsl/src/catalog.rs: {missing:#?}"
    );
}

#[test]
fn every_catalog_entry_is_emitted_somewhere() {
    let emitted: BTreeSet<String> = emitted().into_iter().map(|(code, _)| code).collect();
    let dead: Vec<&str> = CATALOG
        .iter()
        .map(|e| e.code)
        .filter(|code| !emitted.contains(*code))
        .collect();
    assert!(dead.is_empty(), "catalog entries no code emits: {dead:?}");
}

#[test]
fn the_readme_table_is_the_catalog() {
    let readme = fs::read_to_string(workspace().join("README.md")).unwrap();
    let start = "<!-- diagnostic codes: generated from ecs_dsl::catalog::markdown_table -->\n";
    let end = "<!-- end of diagnostic codes -->";
    let from = readme
        .find(start)
        .expect("README.md lacks the diagnostic-codes start marker")
        + start.len();
    let to = readme[from..]
        .find(end)
        .expect("README.md lacks the end marker")
        + from;
    assert_eq!(
        &readme[from..to],
        catalog::markdown_table(),
        "README.md's table of codes differs from the catalog; paste `catalog::markdown_table()` between the markers"
    );
}

#[test]
fn a_finding_without_help_prints_the_catalog_help() {
    let d = ecs_dsl::diagnostics::Diagnostic::error("CFN004", "Resources.A", "`B` is not defined");
    let text = d.to_string();
    assert!(
        text.ends_with(&format!(
            "help: {}",
            catalog::lookup("CFN004").unwrap().help
        )),
        "{text}"
    );
}
