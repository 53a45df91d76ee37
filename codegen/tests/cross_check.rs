//! Cross-check of the generated types against an independent oracle: the CloudFormation registry
//! schemas bundled in cfn-lint 1.51.0. For every generated resource and nested property type,
//! the property names, the required set and the string enums must agree, except for the
//! reviewed disagreements listed (with their reasons) in `codegen/cross_check_exceptions.txt`.
//!
//! The schemas are read from `$ECS_DSL_CFNLINT_DIR` (the `cfnlint` package directory;
//! `scripts/test` sets it from the project venv). Without it the test prints a skip notice and
//! passes, unless `ECS_DSL_ORACLES=1`, where a missing oracle is a failure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

mod common;

use ecs_dsl_codegen::cfnlint::{self, Schemas};
use ecs_dsl_codegen::model::Spec;
use ecs_dsl_codegen::plan::{self, Resource, Struct};
use ecs_dsl_codegen::spec_dir;
use serde_json::Value as Json;

const EXCEPTIONS: &str = "cross_check_exceptions.txt";

#[test]
fn generated_types_agree_with_cfn_lint_schemas() {
    let Some(dir) = common::cfnlint_dir("cross-check against cfn-lint") else {
        return;
    };
    let schemas = Schemas::open(&dir).expect("cfn-lint schemas");
    let spec = Spec::load(&spec_dir()).expect("vendored spec");
    let plan = plan::build(&spec).expect("plan");
    let mut found = BTreeSet::new();
    for r in plan.services.iter().flat_map(|s| &s.resources) {
        match schemas.schema(&r.type_name).expect("readable schema") {
            None => {
                found.insert(format!("type-missing {}", r.type_name));
            }
            Some(schema) => compare_resource(r, &schema, &mut found),
        }
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(EXCEPTIONS);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let listed = parse_exceptions(&text);
    let unexpected: Vec<&String> = found.iter().filter(|f| !listed.contains_key(*f)).collect();
    let stale: Vec<&String> = listed.keys().filter(|l| !found.contains(*l)).collect();
    assert!(
        unexpected.is_empty() && stale.is_empty(),
        "generated types and cfn-lint {} disagree.\n\
         {} new disagreements (fix the generator or fix-ups, or add them to codegen/{EXCEPTIONS} under a `## reason:` heading):\n{}\n\
         {} listed exceptions no longer occur (delete them from codegen/{EXCEPTIONS}):\n{}",
        ecs_dsl_codegen::model::CFN_LINT_VERSION,
        unexpected.len(),
        unexpected
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
        stale.len(),
        stale
            .iter()
            .map(|s| format!("  {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// Exceptions by key (`kind path`), with their reasons. Lines: `## reason: …` starts a group;
/// `kind path` lines below it share that reason; `#` lines and blank lines are comments.
fn parse_exceptions(text: &str) -> BTreeMap<String, String> {
    let mut reason = String::new();
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if let Some(r) = line.strip_prefix("## reason:") {
            reason = r.trim().to_owned();
        } else if !line.is_empty() && !line.starts_with('#') {
            assert!(
                !reason.is_empty(),
                "{EXCEPTIONS}: `{line}` has no `## reason:` heading above it"
            );
            out.insert(line.to_owned(), reason.clone());
        }
    }
    out
}

fn compare_resource(r: &Resource, schema: &Json, found: &mut BTreeSet<String>) {
    let read_only: BTreeSet<String> = cfnlint::read_only(schema).into_iter().collect();
    let mut visited = BTreeSet::new();
    compare_struct(
        r,
        &r.body,
        schema,
        schema,
        &r.type_name,
        &read_only,
        &mut visited,
        found,
    );
}

/// Compares one generated struct with the cfn-lint object schema at the same place.
#[allow(
    clippy::too_many_arguments,
    reason = "a recursive walk over two trees at once"
)]
fn compare_struct(
    r: &Resource,
    s: &Struct,
    root: &Json,
    object: &Json,
    path: &str,
    read_only: &BTreeSet<String>,
    visited: &mut BTreeSet<String>,
    found: &mut BTreeSet<String>,
) {
    let Ok(object) = cfnlint::resolve(root, object) else {
        found.insert(format!("unresolvable {path}"));
        return;
    };
    let lint_props = cfnlint::properties(object);
    let ours: BTreeSet<&str> = s.props.iter().map(|p| p.cfn_name.as_str()).collect();
    for name in lint_props.keys() {
        if !ours.contains(name.as_str()) && !read_only.contains(name) {
            found.insert(format!("missing-in-spec {path}.{name}"));
        }
    }
    let lint_required: BTreeSet<String> = cfnlint::required(object).into_iter().collect();
    for p in &s.props {
        let here = format!("{path}.{}", p.cfn_name);
        if p.required != lint_required.contains(&p.cfn_name) {
            let side = if p.required {
                "required-only-in-spec"
            } else {
                "required-only-in-cfn-lint"
            };
            found.insert(format!("{side} {here}"));
        }
        let Some(lint) = lint_props.get(&p.cfn_name) else {
            found.insert(format!("missing-in-cfn-lint {here}"));
            continue;
        };
        compare_enum(r, p.kind.innermost_name(), root, lint, &here, found);
        if let Some(nested) = p
            .kind
            .innermost_name()
            .and_then(|n| r.nested.iter().find(|s| s.rust_name == n))
            && visited.insert(nested.rust_name.clone())
        {
            match cfnlint::element(root, lint) {
                // `readOnlyProperties` names top-level properties only.
                Ok(obj) => {
                    let path = format!("{}.{}", r.type_name, nested.owner);
                    compare_struct(
                        r,
                        nested,
                        root,
                        obj,
                        &path,
                        &BTreeSet::new(),
                        visited,
                        found,
                    );
                }
                Err(_) => {
                    found.insert(format!("unresolvable {here}"));
                }
            }
        }
    }
}

/// Compares the values of a generated enum with cfn-lint's enum at the same place.
fn compare_enum(
    r: &Resource,
    kind: Option<&str>,
    root: &Json,
    lint: &Json,
    here: &str,
    found: &mut BTreeSet<String>,
) {
    let ours = kind.and_then(|n| r.enums.iter().find(|e| e.name == n));
    let theirs = cfnlint::string_enum(root, lint).ok().flatten();
    match (ours, theirs) {
        (Some(e), Some(t)) => {
            let a: BTreeSet<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
            let b: BTreeSet<&str> = t.iter().map(String::as_str).collect();
            if a != b {
                found.insert(format!("enum-values {here}"));
            }
        }
        (Some(_), None) => {
            found.insert(format!("enum-only-in-spec {here}"));
        }
        (None, Some(_)) => {
            found.insert(format!("enum-only-in-cfn-lint {here}"));
        }
        (None, None) => {}
    }
}
