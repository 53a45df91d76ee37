//! The checked-in `ecs-dsl/src/cfn/**` is exactly what the generator writes from `codegen/spec/`.
//!
//! On failure: run `cargo run -p ecs-dsl-codegen` and commit the result (never edit generated
//! files by hand; change the generator, `fixups.rs` or `naming.rs` instead).

use ecs_dsl_codegen::{default_out_dir, emit, generate, manifest_path};

#[test]
fn checked_in_files_match_a_fresh_generation() {
    let generated = generate().expect("generation from the vendored spec");
    let files = &generated.files;
    let dir = default_out_dir();
    let mut problems = Vec::new();
    for (rel, text) in files {
        match std::fs::read_to_string(dir.join(rel)) {
            Err(_) => problems.push(format!("missing: {rel}")),
            Ok(on_disk) if on_disk != *text => problems.push(format!(
                "differs: {rel} ({})",
                first_difference(&on_disk, text)
            )),
            Ok(_) => {}
        }
    }
    for rel in emit::existing_files(&dir).expect("listing ecs-dsl/src/cfn") {
        if !files.contains_key(&rel) {
            problems.push(format!("not generated (stale or hand-written): {rel}"));
        }
    }
    let manifest = std::fs::read_to_string(manifest_path()).expect("ecs-dsl/Cargo.toml");
    if !manifest.contains(&generated.features) {
        problems.push("differs: the service features of ecs-dsl/Cargo.toml".to_owned());
    }
    assert!(
        problems.is_empty(),
        "ecs-dsl/src/cfn is out of date with the generator ({} problems); run `cargo run -p ecs-dsl-codegen`:\n{}",
        problems.len(),
        problems
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let first = generate().expect("first generation");
    let second = generate().expect("second generation");
    assert!(
        first.files == second.files && first.features == second.features,
        "two generations from the same spec differ"
    );
}

/// `line N: "<on disk>" vs "<generated>"` for the first differing line.
fn first_difference(on_disk: &str, generated: &str) -> String {
    let mut old = on_disk.lines();
    let mut new = generated.lines();
    for n in 1.. {
        match (old.next(), new.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (a, b) => return format!("line {n}: {a:?} vs generated {b:?}"),
        }
    }
    unreachable!("lines() ends")
}
