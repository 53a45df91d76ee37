//! What CloudFormation holds about a deployed stack: status, parameters, outputs and template.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::aws::{Aws, is_missing_stack};

/// A deployed stack.
#[derive(Clone, Debug)]
pub struct Deployed {
    /// The stack's ARN.
    pub id: String,
    /// `CREATE_COMPLETE`, …
    pub status: String,
    /// Parameter values as deployed (`****` for NoEcho ones).
    pub parameters: BTreeMap<String, String>,
    /// Outputs: key → (value, description).
    pub outputs: BTreeMap<String, (String, String)>,
}

/// The stack named `name`, or `None` when there is none.
pub fn describe(aws: &Aws, name: &str) -> Result<Option<Deployed>, String> {
    let out = match aws.call(aws.cfn.describe_stacks().stack_name(name).send()) {
        Ok(out) => out,
        Err(e) if is_missing_stack(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(stack) = out.stacks().first() else {
        return Ok(None);
    };
    let parameters = stack
        .parameters()
        .iter()
        .filter_map(|p| {
            let value = p.parameter_value()?;
            Some((p.parameter_key()?.to_owned(), value.to_owned()))
        })
        .collect();
    let outputs = stack
        .outputs()
        .iter()
        .filter_map(|o| {
            Some((
                o.output_key()?.to_owned(),
                (
                    o.output_value().unwrap_or_default().to_owned(),
                    o.description().unwrap_or_default().to_owned(),
                ),
            ))
        })
        .collect();
    Ok(Some(Deployed {
        id: stack.stack_id().unwrap_or(name).to_owned(),
        status: stack
            .stack_status()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        parameters,
        outputs,
    }))
}

/// The template the stack was deployed with, JSON or YAML, as JSON: read by the one reader of
/// template files, so a deployed YAML template (short tags included) compares as its file would.
pub fn template(aws: &Aws, name: &str) -> Result<Json, String> {
    let out = aws.call(aws.cfn.get_template().stack_name(name).send())?;
    let body = out.template_body().unwrap_or("{}");
    crate::template::text::parse(body.as_bytes())
        .map(|(json, _)| json)
        .map_err(|e| format!("the deployed template of {name} cannot be read: {e}"))
}

/// The deployed parameter values usable for a comparison: NoEcho ones (`****`) left out.
pub fn known_parameters(deployed: &Deployed) -> BTreeMap<String, String> {
    deployed
        .parameters
        .iter()
        .filter(|(_, v)| v.as_str() != "****")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
