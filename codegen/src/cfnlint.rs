//! Reading the CloudFormation registry schemas bundled in cfn-lint (`cfnlint/data/schemas/`).
//!
//! Used twice: by `vendor`, to take the string enums the CDK specification lacks, and by the
//! cross-check test, as an independent oracle for property names, required sets and enums.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::Value as Json;

/// The schemas of one cfn-lint installation (`<site-packages>/cfnlint`).
pub struct Schemas {
    root: PathBuf,
    hashes: BTreeMap<String, String>,
}

impl Schemas {
    /// Opens the cfn-lint package directory (the one containing `data/schemas`).
    pub fn open(cfnlint_dir: &Path) -> Result<Schemas> {
        let root = cfnlint_dir.join("data/schemas");
        let provider = root.join("providers/us_east_1.py");
        let text = std::fs::read_to_string(&provider).with_context(|| {
            format!(
                "`{}` not found: pass the `cfnlint` package directory",
                provider.display()
            )
        })?;
        Ok(Schemas {
            root,
            hashes: parse_provider(&text),
        })
    }

    /// The registry schema of a resource type, or `None` when cfn-lint does not know the type.
    pub fn schema(&self, type_name: &str) -> Result<Option<Json>> {
        let Some(hash) = self.hashes.get(type_name) else {
            return Ok(None);
        };
        let path = self.root.join("resources").join(format!("{hash}.json"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let json = serde_json::from_str(&text)
            .with_context(|| format!("`{}` is not JSON", path.display()))?;
        Ok(Some(json))
    }
}

/// Parses the `"AWS::X::Y": "<hash>",` lines of `providers/us_east_1.py`.
fn parse_provider(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let mut quoted = line.split('"').skip(1).step_by(2);
            let (name, hash) = (quoted.next()?, quoted.next()?);
            name.contains("::")
                .then(|| (name.to_owned(), hash.to_owned()))
        })
        .collect()
}

/// Follows `$ref`s (`#/definitions/X`) until a concrete schema node.
pub fn resolve<'a>(root: &'a Json, mut node: &'a Json) -> Result<&'a Json> {
    for _ in 0..16 {
        let Some(pointer) = node.get("$ref").and_then(Json::as_str) else {
            return Ok(node);
        };
        let Some(path) = pointer.strip_prefix('#') else {
            bail!("external `$ref` `{pointer}` is not supported")
        };
        node = root
            .pointer(path)
            .with_context(|| format!("dangling `$ref` `{pointer}`"))?;
    }
    bail!("`$ref` chain too long")
}

/// The schema node of the value inside lists and maps (`items`, `patternProperties`).
pub fn element<'a>(root: &'a Json, node: &'a Json) -> Result<&'a Json> {
    let node = resolve(root, node)?;
    if let Some(items) = node.get("items") {
        return element(root, items);
    }
    if let Some(first) = node
        .get("patternProperties")
        .and_then(Json::as_object)
        .and_then(|m| m.values().next())
        && node.get("properties").is_none()
    {
        return element(root, first);
    }
    Ok(node)
}

/// The string enum of a schema node (after lists), if every value is a string.
pub fn string_enum(root: &Json, node: &Json) -> Result<Option<Vec<String>>> {
    let node = element(root, node)?;
    let Some(values) = node.get("enum").and_then(Json::as_array) else {
        return Ok(None);
    };
    Ok(values
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect())
}

/// Property names of an object schema node.
pub fn properties(node: &Json) -> BTreeMap<String, &Json> {
    node.get("properties")
        .and_then(Json::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default()
}

/// The `required` list of an object schema node.
pub fn required(node: &Json) -> Vec<String> {
    node.get("required")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Top-level properties listed as `readOnlyProperties` (`/properties/X`): attributes, not inputs.
pub fn read_only(root: &Json) -> Vec<String> {
    root.get("readOnlyProperties")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Json::as_str)
                .filter_map(|p| p.strip_prefix("/properties/"))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
