//! The manifest `synth` writes beside an app's templates: the stacks in deploy order and every
//! value they share. Read back at the next synth, it tells which exports are imported by the
//! stacks as deployed, so removing or changing one is caught before CloudFormation refuses it.

use serde_json::{Value as Json, json};

use super::share::Share;

/// The stacks of an app in deploy order and the references between them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Manifest {
    /// The stacks, in the order to deploy them.
    pub stacks: Vec<ManifestStack>,
    /// The values the stacks share, sorted by owning stack and value.
    pub references: Vec<ManifestReference>,
}

/// One stack of the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestStack {
    /// The stack name.
    pub name: String,
    /// The stacks that must be deployed before this one (those whose values it uses).
    pub after: Vec<String>,
}

/// One value shared between stacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestReference {
    /// How the value is carried, with the export or SSM parameter name.
    pub share: Share,
    /// The stack that owns the value.
    pub stack: String,
    /// The value: `LogicalId` (`Ref`) or `LogicalId.Attribute` (`Fn::GetAtt`).
    pub value: String,
    /// The output (export, stack output) or resource (SSM parameter) that publishes it.
    pub published_by: String,
    /// The stacks that use it.
    pub used_by: Vec<ManifestUse>,
}

/// The uses of a shared value in one stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestUse {
    /// The using stack.
    pub stack: String,
    /// The parameter that receives the value (SSM parameter and stack output kinds).
    pub parameter: Option<String>,
    /// The template paths of the uses.
    pub at: Vec<String>,
}

impl Manifest {
    /// The stack names in deploy order.
    pub fn order(&self) -> Vec<&str> {
        self.stacks.iter().map(|s| s.name.as_str()).collect()
    }

    /// The manifest as JSON; each stack names its template file, `NAME.EXTENSION`.
    pub fn to_json(&self, template_extension: &str) -> Json {
        let stacks: Vec<Json> = self
            .stacks
            .iter()
            .map(|s| {
                json!({
                    "name": s.name,
                    "template": format!("{}.{template_extension}", s.name),
                    "after": s.after,
                })
            })
            .collect();
        let references: Vec<Json> = self.references.iter().map(reference_json).collect();
        json!({ "stacks": stacks, "references": references })
    }

    /// Reads a manifest written by [`Manifest::to_json`].
    pub fn from_json(json: &Json) -> Result<Manifest, String> {
        let stacks = array(json, "stacks")?
            .iter()
            .map(|s| {
                Ok(ManifestStack {
                    name: string(s, "name")?,
                    after: strings(s, "after")?,
                })
            })
            .collect::<Result<_, String>>()?;
        let references = array(json, "references")?
            .iter()
            .map(reference_from_json)
            .collect::<Result<_, String>>()?;
        Ok(Manifest { stacks, references })
    }
}

fn reference_json(r: &ManifestReference) -> Json {
    let used_by: Vec<Json> = r
        .used_by
        .iter()
        .map(|u| json!({ "stack": u.stack, "parameter": u.parameter, "at": u.at }))
        .collect();
    json!({
        "kind": r.share.kind(),
        "name": r.share.name(),
        "stack": r.stack,
        "value": r.value,
        "published_by": r.published_by,
        "used_by": used_by,
    })
}

fn reference_from_json(r: &Json) -> Result<ManifestReference, String> {
    let name = || string(r, "name");
    let share = match string(r, "kind")?.as_str() {
        "export" => Share::Export { name: name()? },
        "ssm-parameter" => Share::SsmParameter { name: name()? },
        "stack-output" => Share::StackOutput,
        other => return Err(format!("unknown reference kind `{other}`")),
    };
    let used_by = array(r, "used_by")?
        .iter()
        .map(|u| {
            Ok(ManifestUse {
                stack: string(u, "stack")?,
                parameter: u.get("parameter").and_then(Json::as_str).map(str::to_owned),
                at: strings(u, "at")?,
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(ManifestReference {
        share,
        stack: string(r, "stack")?,
        value: string(r, "value")?,
        published_by: string(r, "published_by")?,
        used_by,
    })
}

fn array<'a>(json: &'a Json, key: &str) -> Result<&'a Vec<Json>, String> {
    json.get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| format!("`{key}` is missing or not a list"))
}

fn string(json: &Json, key: &str) -> Result<String, String> {
    json.get(key)
        .and_then(Json::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("`{key}` is missing or not a string"))
}

fn strings(json: &Json, key: &str) -> Result<Vec<String>, String> {
    array(json, key)?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("`{key}` holds a value that is not a string"))
        })
        .collect()
}
