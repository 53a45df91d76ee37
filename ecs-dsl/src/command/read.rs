//! Reading the files commands take: templates and parameter files, JSON or YAML, through the one
//! reader of [`crate::template::text`] (size limit, byte-order mark, duplicate keys, positions).

use std::io::Read;
use std::path::Path;

use serde_json::Value as Json;

use crate::template::Template;
use crate::template::text::{self, MAX_INPUT_BYTES};

/// A template file, read and understood.
pub(crate) struct TemplateFile {
    /// The document, with short YAML tags in their long JSON form.
    pub(crate) json: Json,
    /// The template model of it.
    pub(crate) template: Template,
    /// The size of the file in bytes.
    pub(crate) bytes: usize,
}

/// Reads a file's bytes, refusing more than [`MAX_INPUT_BYTES`] (so `/dev/zero` is refused too).
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open it: {e}"))?;
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_INPUT_BYTES).unwrap_or(u64::MAX) + 1;
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "it is larger than {MAX_INPUT_BYTES} bytes, the most ecs-dsl reads (CloudFormation takes at most 1 MB)"
        ));
    }
    Ok(bytes)
}

/// Reads a JSON or YAML document.
pub(crate) fn read_document(path: &Path) -> Result<(Json, usize), String> {
    let bytes = read_bytes(path)?;
    let (json, _) = text::parse(&bytes).map_err(|e| e.to_string())?;
    Ok((json, bytes.len()))
}

/// Reads a CloudFormation template, refusing what is not one.
pub(crate) fn read_template(path: &Path) -> Result<TemplateFile, String> {
    let (json, bytes) = read_document(path)?;
    let template = crate::validate::template_from_json(&json).map_err(|d| d.to_string())?;
    Ok(TemplateFile {
        json,
        template,
        bytes,
    })
}
