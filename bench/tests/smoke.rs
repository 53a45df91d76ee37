//! Keeps the benchmark program compiling and its stack correct: the right number of resources,
//! valid JSON, the same set repeated, and no error from our own checks.

use std::collections::BTreeMap;
use std::process::Command;

use ecs_dsl::synth::{Format, render};
use ecs_dsl_bench::{SET_SIZE, big_stack, sets_for};

/// The template of `sets` service sets, parsed back from the JSON text synth writes.
fn template(sets: usize) -> serde_json::Value {
    let template = big_stack(sets)
        .to_template()
        .unwrap_or_else(|e| panic!("the big stack does not synthesize: {e:?}"));
    let text = render(&template, Format::Json).expect("the big stack renders");
    serde_json::from_str(&text).expect("synth writes valid JSON")
}

/// Resource type -> count.
fn type_counts(template: &serde_json::Value) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for resource in template["Resources"]
        .as_object()
        .expect("a Resources map")
        .values()
    {
        *counts
            .entry(resource["Type"].as_str().expect("a Type").to_owned())
            .or_default() += 1;
    }
    counts
}

#[test]
fn default_size_is_500_resources_of_25_per_set() {
    let sets = sets_for(None).expect("the default size is valid");
    let template = template(sets);
    let resources = template["Resources"].as_object().expect("a Resources map");
    assert_eq!(resources.len(), 500);
    assert_eq!(sets * SET_SIZE, 500);
    assert!(
        resources.contains_key("S01Service") && resources.contains_key("S20Service"),
        "sets are numbered S01..S20"
    );
}

#[test]
fn every_set_has_the_same_resource_types() {
    let one = type_counts(&template(1));
    assert_eq!(one.values().sum::<usize>(), SET_SIZE);
    let four: BTreeMap<String, usize> = type_counts(&template(4));
    let scaled: BTreeMap<String, usize> = one.iter().map(|(t, n)| (t.clone(), n * 4)).collect();
    assert_eq!(four, scaled);
}

#[test]
fn the_stack_passes_our_validation() {
    let template = big_stack(2).to_template().expect("synthesizes");
    let findings = ecs_dsl::validate::validate(&template);
    assert!(
        findings.is_empty(),
        "validate reports findings on the big stack: {findings:?}"
    );
}

#[test]
fn sizes_that_are_not_whole_sets_are_refused_with_the_fix() {
    assert_eq!(sets_for(Some("250")), Ok(10));
    for bad in ["0", "30", "-25", "many", ""] {
        let why = sets_for(Some(bad)).expect_err(bad);
        assert!(
            why.contains("BIG_STACK_RESOURCES") && why.contains("multiple of 25"),
            "unhelpful message for {bad:?}: {why}"
        );
    }
}

#[test]
fn the_binary_prints_the_template_and_refuses_bad_sizes() {
    let binary = env!("CARGO_BIN_EXE_big_stack");
    let ok = Command::new(binary)
        .env("BIG_STACK_RESOURCES", "100")
        .output()
        .expect("big_stack runs");
    assert!(
        ok.status.success(),
        "big_stack failed: {}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("stdout is JSON");
    assert_eq!(printed["Resources"].as_object().map(|r| r.len()), Some(100));

    let bad = Command::new(binary)
        .env("BIG_STACK_RESOURCES", "99")
        .output()
        .expect("big_stack runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("multiple of 25"));
}
