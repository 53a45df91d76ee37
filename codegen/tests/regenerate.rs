//! Everything the generator writes is checked in exactly as a fresh generation writes it:
//!
//! - `ecs-dsl/src/cfn/**`: every generated file (resource files, service modules, `mod.rs`, the
//!   replacement data, `catalog.json`), and no other file;
//! - the service features block of `ecs-dsl/Cargo.toml`;
//! - `codegen/spec/`: the cfn-lint supplement and `SOURCE.md`, rebuilt from the vendored subset
//!   and the pinned cfn-lint of the test oracles (the subset itself comes from the npm package,
//!   which the tests do not download; `SOURCE.md` pins it by checksum);
//! - the numbers the README states about the generated types.
//!
//! On failure: run `cargo run -p ecs-dsl-codegen` and commit the result (never edit generated
//! files by hand; change the generator, the fix-ups or the naming rules instead).

mod common;

use std::path::Path;

use ecs_dsl_codegen::model::{self, SUBSET_FILE, SUPPLEMENT_FILE, Subset};
use ecs_dsl_codegen::{
    default_out_dir, emit, generate, manifest_path, spec_dir, vendor, workspace_root,
};

#[test]
fn checked_in_files_match_a_fresh_generation() {
    let generated = generate().expect("generation from the vendored spec");
    let mut problems =
        emit::differences(&default_out_dir(), &generated.files).expect("listing ecs-dsl/src/cfn");
    let manifest = std::fs::read_to_string(manifest_path()).expect("ecs-dsl/Cargo.toml");
    if !emit::features::is_current(&manifest, &generated.features) {
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

/// The comparison above sees a missing, a changed and a stray file, and `write_tree` (what the
/// generator runs) repairs all three.
#[test]
fn a_missing_changed_or_stray_file_is_reported_and_repaired() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("regenerate-tree");
    let _ = std::fs::remove_dir_all(&dir);
    let files: emit::Files = [
        ("mod.rs", "pub mod ecs;\n"),
        ("ecs/mod.rs", "pub mod cluster;\n"),
        ("ecs/cluster.rs", "pub struct CfnCluster;\n"),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_owned(), t.to_owned()))
    .collect();
    emit::write_tree(&dir, &files).unwrap();
    assert_eq!(
        emit::differences(&dir, &files).unwrap(),
        Vec::<String>::new()
    );

    std::fs::remove_file(dir.join("mod.rs")).unwrap();
    std::fs::write(dir.join("ecs/cluster.rs"), "pub struct CfnCluster;").unwrap();
    std::fs::write(dir.join("ecs/hand_written.rs"), "// mine\n").unwrap();
    std::fs::create_dir_all(dir.join("iam")).unwrap();
    std::fs::write(dir.join("iam/role.rs"), "").unwrap();
    assert_eq!(
        emit::differences(&dir, &files).unwrap(),
        [
            "differs: ecs/cluster.rs (line 2: None vs generated Some(\"\"))",
            "missing: mod.rs",
            "not generated (stale or hand-written): ecs/hand_written.rs",
            "not generated (stale or hand-written): iam/role.rs",
        ]
    );

    emit::write_tree(&dir, &files).unwrap();
    assert_eq!(
        emit::differences(&dir, &files).unwrap(),
        Vec::<String>::new()
    );
    std::fs::remove_dir_all(&dir).unwrap();
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

/// `codegen/spec/` is what `vendor` writes: the supplement from the pinned cfn-lint, the subset
/// unchanged by a round trip through the model, and `SOURCE.md` with their checksums.
#[test]
fn vendored_spec_is_what_vendor_writes_from_the_pinned_cfn_lint() {
    let Some(cfnlint) = common::cfnlint_dir("regeneration of codegen/spec from cfn-lint") else {
        return;
    };
    let dir = spec_dir();
    let source_md = std::fs::read_to_string(dir.join(vendor::SOURCE_FILE)).unwrap();
    let db_sha256 = vendor::recorded_db_sha256(&source_md).expect("SOURCE.md records db.json.gz");
    let subset: Subset = model::read_gz_json(&dir.join(SUBSET_FILE)).unwrap();
    let fresh = vendor::render(db_sha256, &subset, &cfnlint).expect("vendor from the oracle");
    let differs = |name: &str, on_disk: &[u8], fresh: &[u8]| {
        assert!(
            on_disk == fresh,
            "codegen/spec/{name} is not what `vendor` writes; rerun it as SOURCE.md says"
        );
    };
    differs(
        SUBSET_FILE,
        &std::fs::read(dir.join(SUBSET_FILE)).unwrap(),
        &fresh.subset,
    );
    differs(
        SUPPLEMENT_FILE,
        &std::fs::read(dir.join(SUPPLEMENT_FILE)).unwrap(),
        &fresh.supplement,
    );
    differs(
        vendor::SOURCE_FILE,
        source_md.as_bytes(),
        fresh.source_md.as_bytes(),
    );
}

/// The README's sentence on the generated types states the counts and the pin of this
/// generation.
#[test]
fn readme_states_the_generated_counts() {
    let generated = generate().expect("generation");
    let resources = generated
        .files
        .keys()
        .filter(|p| p.matches('/').count() == 1 && !p.ends_with("/mod.rs"))
        .count();
    let namespaces = generated
        .files
        .keys()
        .filter(|p| p.ends_with("/mod.rs"))
        .count();
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let claim = format!(
        "all {} types of {namespaces} namespaces in the pinned `{}` {}",
        thousands(resources),
        model::SPEC_PACKAGE,
        model::SPEC_VERSION
    );
    assert!(
        flat.contains(&claim),
        "README.md's section on generated resource types should say: {claim}"
    );
}

/// `1828` → `1,828`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
