//! `vendor`: builds `codegen/spec/` from the full `db.json.gz` of the npm package and the
//! cfn-lint package directory. Run rarely (when the pin moves); `generate` never reads outside
//! `codegen/spec/`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::cfnlint::{self, Schemas};
use crate::model::{
    self, CFN_LINT_VERSION, ResourceSpec, SPEC_PACKAGE, SPEC_VERSION, SUBSET_FILE, SUPPLEMENT_FILE,
    SpecType, Subset, Supplement, TypeDefinition,
};

/// Writes the subset, the supplement and `SOURCE.md` into `spec_dir`.
pub fn vendor(db_path: &Path, cfnlint_dir: &Path, spec_dir: &Path) -> Result<()> {
    let db_bytes =
        std::fs::read(db_path).with_context(|| format!("cannot read `{}`", db_path.display()))?;
    let db: Json = model::read_gz_json(db_path)?;
    let subset = select(&db)?;
    render(&sha256(&db_bytes), &subset, cfnlint_dir)?.write(spec_dir)
}

/// The files of `codegen/spec/`, rendered.
pub struct SpecFiles {
    /// The gzipped subset of the specification ([`SUBSET_FILE`]).
    pub subset: Vec<u8>,
    /// The gzipped cfn-lint supplement ([`SUPPLEMENT_FILE`]).
    pub supplement: Vec<u8>,
    /// `SOURCE.md`, the provenance note.
    pub source_md: String,
}

impl SpecFiles {
    /// Writes the three files into `spec_dir`.
    pub fn write(&self, spec_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(spec_dir)?;
        for (name, bytes) in [
            (SUBSET_FILE, self.subset.as_slice()),
            (SUPPLEMENT_FILE, self.supplement.as_slice()),
            (SOURCE_FILE, self.source_md.as_bytes()),
        ] {
            let path = spec_dir.join(name);
            std::fs::write(&path, bytes)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        Ok(())
    }
}

/// The provenance note of `codegen/spec/`.
pub const SOURCE_FILE: &str = "SOURCE.md";

/// Renders `codegen/spec/` from the selected subset and the cfn-lint package directory;
/// `db_sha256` is the checksum of the `db.json.gz` the subset was selected from. The regeneration
/// test calls this with the vendored subset and the checksum recorded in `SOURCE.md`
/// ([`recorded_db_sha256`]).
pub fn render(db_sha256: &str, subset: &Subset, cfnlint_dir: &Path) -> Result<SpecFiles> {
    let supplement = supplement(subset, cfnlint_dir)?;
    let subset_bytes = gz_json(&serde_json::to_value(subset)?)?;
    let supplement_bytes = gz_json(&serde_json::to_value(&supplement)?)?;
    let source_md = source_md(db_sha256, subset, &subset_bytes, &supplement_bytes);
    Ok(SpecFiles {
        subset: subset_bytes,
        supplement: supplement_bytes,
        source_md,
    })
}

/// The checksum of the original `db.json.gz` recorded in a `SOURCE.md`.
pub fn recorded_db_sha256(source_md: &str) -> Option<&str> {
    source_md
        .lines()
        .find_map(|l| l.strip_prefix("- sha256 of the original `db.json.gz`: `"))
        .and_then(|rest| rest.strip_suffix('`'))
}

/// Every resource type of the specification (all namespaces, `Alexa::ASK` included) and every
/// type definition they use.
fn select(db: &Json) -> Result<Subset> {
    let entities = |key: &str| -> Result<Vec<Json>> {
        let list = db
            .pointer(&format!("/schema/{key}/entities"))
            .and_then(Json::as_array);
        Ok(list
            .with_context(|| format!("`schema.{key}.entities` missing from db.json"))?
            .clone())
    };
    let mut resources: Vec<ResourceSpec> = Vec::new();
    for entity in entities("resource")? {
        resources.push(serde_json::from_value(entity)?);
    }
    resources.sort_by(|a, b| a.cloud_formation_type.cmp(&b.cloud_formation_type));
    let all_types: BTreeMap<String, TypeDefinition> = entities("typeDefinition")?
        .into_iter()
        .map(|e| serde_json::from_value::<TypeDefinition>(e).map(|t| (t.id.clone(), t)))
        .collect::<Result<_, _>>()?;
    let mut used = BTreeSet::new();
    let mut queue: Vec<String> = resources
        .iter()
        .flat_map(|r| r.properties.values())
        .flat_map(|p| refs(&p.ty))
        .collect();
    while let Some(id) = queue.pop() {
        if used.insert(id.clone()) {
            let def = all_types
                .get(&id)
                .with_context(|| format!("type definition `{id}` missing from db.json"))?;
            queue.extend(def.properties.values().flat_map(|p| refs(&p.ty)));
        }
    }
    let mut type_definitions: Vec<TypeDefinition> =
        used.iter().map(|id| all_types[id].clone()).collect();
    type_definitions.sort_by_key(|t| t.id.parse::<u64>().unwrap_or(u64::MAX));
    Ok(Subset {
        resources,
        type_definitions,
    })
}

/// The `$id`s a type refers to.
pub fn refs(ty: &SpecType) -> Vec<String> {
    match ty {
        SpecType::Ref { reference } => vec![reference.id.clone()],
        SpecType::Array { element } | SpecType::Map { element } => refs(element),
        SpecType::Union { types } => types.iter().flat_map(refs).collect(),
        _ => vec![],
    }
}

/// cfn-lint's string enums for properties whose CDK type has none, and the Lambda runtime
/// lifecycle table.
fn supplement(subset: &Subset, cfnlint_dir: &Path) -> Result<Supplement> {
    let schemas = Schemas::open(cfnlint_dir)?;
    let types: BTreeMap<&str, &TypeDefinition> = subset
        .type_definitions
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let mut out = Supplement::default();
    for resource in &subset.resources {
        let Some(schema) = schemas.schema(&resource.cloud_formation_type)? else {
            continue;
        };
        let mut found = BTreeMap::new();
        let mut visited = BTreeSet::new();
        walk_enums(
            &schema,
            &schema,
            "",
            &resource.properties,
            &types,
            &mut visited,
            &mut found,
        )?;
        if !found.is_empty() {
            out.enums
                .insert(resource.cloud_formation_type.clone(), found);
        }
    }
    let lifecycle = cfnlint_dir.join("data/AdditionalSpecs/LmbdRuntimeLifecycle.json");
    let text = std::fs::read_to_string(&lifecycle)
        .with_context(|| format!("cannot read `{}`", lifecycle.display()))?;
    out.lambda_runtime_lifecycle = serde_json::from_str(&text)?;
    Ok(out)
}

type EnumsByOwner = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Walks the CDK properties of one owner next to the matching cfn-lint object schema.
fn walk_enums(
    root: &Json,
    object: &Json,
    owner: &str,
    props: &BTreeMap<String, model::PropertySpec>,
    types: &BTreeMap<&str, &TypeDefinition>,
    visited: &mut BTreeSet<String>,
    found: &mut EnumsByOwner,
) -> Result<()> {
    let lint_props = cfnlint::properties(cfnlint::resolve(root, object)?);
    for (name, prop) in props {
        let Some(lint) = lint_props.get(name) else {
            continue;
        };
        match innermost(&prop.ty) {
            SpecType::String {
                allowed_values: None,
            } => {
                if let Some(values) = cfnlint::string_enum(root, lint)? {
                    found
                        .entry(owner.to_owned())
                        .or_default()
                        .insert(name.clone(), values);
                }
            }
            SpecType::Ref { reference } => {
                let Some(def) = types.get(reference.id.as_str()) else {
                    continue;
                };
                if visited.insert(reference.id.clone()) {
                    let nested = cfnlint::element(root, lint)?;
                    walk_enums(
                        root,
                        nested,
                        &def.name,
                        &def.properties,
                        types,
                        visited,
                        found,
                    )?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The type inside lists and maps.
fn innermost(ty: &SpecType) -> &SpecType {
    match ty {
        SpecType::Array { element } | SpecType::Map { element } => innermost(element),
        other => other,
    }
}

/// Compact, deterministic gzipped JSON (no timestamp in the gzip header).
fn gz_json(json: &Json) -> Result<Vec<u8>> {
    let text = serde_json::to_string(json)?;
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(text.as_bytes())?;
    Ok(encoder.finish()?)
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The provenance note of `codegen/spec/`.
fn source_md(
    db_sha256: &str,
    subset: &Subset,
    subset_bytes: &[u8],
    supplement_bytes: &[u8],
) -> String {
    format!(
        "# Vendored specification\n\n\
         Written by `cargo run -p ecs-dsl-codegen -- vendor`; do not edit by hand.\n\n\
         ## {SUBSET_FILE}\n\n\
         - Source: npm package `{SPEC_PACKAGE}` version {SPEC_VERSION}, file `db.json.gz`.\n\
         - Licence: Apache-2.0 (the package's `LICENSE`).\n\
         - sha256 of the original `db.json.gz`: `{db_sha}`\n\
         - sha256 of the subset: `{subset_sha}`\n\
         - Content: every resource entity ({resources} resource types in {namespaces} namespaces) \
         and the {types} type definitions they use, reduced to the fields the generator reads (names, documentation, \
         value types, `required`, `relationshipRefs`, `causesReplacement`, `deprecated`, attributes, identifiers); \
         everything else (regions, metrics, events, augmentations, ARN templates) is left out.\n\n\
         ## {SUPPLEMENT_FILE}\n\n\
         - Source: PyPI package `cfn-lint` version {CFN_LINT_VERSION}: the registry schemas under \
         `cfnlint/data/schemas/` (`providers/us_east_1.py` + `resources/<hash>.json`) and \
         `cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json`.\n\
         - Licence: MIT-0.\n\
         - sha256: `{supplement_sha}`\n\
         - Content: string enums of properties whose CDK type has no `allowedValues`, keyed by resource \
         type, CDK owner type and property; the Lambda runtime lifecycle table.\n\n\
         ## Reproduce\n\n\
         ```sh\n\
         npm pack {SPEC_PACKAGE}@{SPEC_VERSION} && tar xzf aws-cdk-aws-service-spec-{SPEC_VERSION}.tgz\n\
         pip download --no-deps cfn-lint=={CFN_LINT_VERSION} && unzip -q cfn_lint-{CFN_LINT_VERSION}-py3-none-any.whl -d cfn-lint\n\
         cargo run -p ecs-dsl-codegen -- vendor --db package/db.json.gz --cfn-lint cfn-lint/cfnlint\n\
         cargo run -p ecs-dsl-codegen            # regenerates ecs-dsl/src/cfn from this directory only\n\
         ```\n",
        db_sha = db_sha256,
        subset_sha = sha256(subset_bytes),
        supplement_sha = sha256(supplement_bytes),
        namespaces = subset
            .resources
            .iter()
            .map(|r| r.namespace())
            .collect::<BTreeSet<_>>()
            .len(),
        resources = subset.resources.len(),
        types = subset.type_definitions.len(),
    )
}
