//! Synth: a checked [`Template`] → deterministic JSON or YAML text. Assembling a template from a
//! stack is [`crate::Stack::to_template`]; checking it is [`crate::validate`].

mod doc;
mod json;
mod yaml;

use crate::diagnostics::SynthError;
use crate::template::Template;

pub use doc::Doc;

/// CloudFormation's limit on the size of a template (uploaded to S3; inline bodies take at most
/// [`crate::validate::MAX_INLINE_TEMPLATE_BYTES`]).
pub const MAX_TEMPLATE_BYTES: usize = crate::validate::MAX_TEMPLATE_BYTES;

/// The text formats synth writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// JSON, two-space indented, with a trailing newline.
    #[default]
    Json,
    /// YAML with short-form intrinsic tags (`!Ref`, `!Sub`, …).
    Yaml,
}

/// Writes a template as text. Fails when the text exceeds CloudFormation's 1 MB limit, which no
/// template can be deployed beyond ([`crate::validate::check_size`] also warns past the 51,200
/// bytes of an inline body).
pub fn render(template: &Template, format: Format) -> Result<String, SynthError> {
    let doc = Doc::from_template(template);
    let text = match format {
        Format::Json => json::write(&doc),
        Format::Yaml => yaml::write(&doc),
    };
    let size = crate::validate::check_size(text.len());
    if size.has_errors() {
        return Err(SynthError(size));
    }
    Ok(text)
}
