//! What the commands of the stack program (`cli`) and the deploy commands (`deploy`) share, below
//! both: the exit codes, reading input files, writing output, checking a stack, and printing a
//! diff. `cli` dispatches to `deploy`; neither is imported from here, so the two never import
//! each other.

use std::path::Path;

use clap::ValueEnum;

pub(crate) mod output;
pub(crate) mod read;

use output::Stdout;

use crate::diagnostics::Diagnostics;
use crate::stack::Stack;
use crate::synth::{self, Format};
use crate::template::{Template, parameters_file};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the checks found errors, or `diff` found differences.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad arguments or unreadable input.
pub const EXIT_USAGE: u8 = 2;

/// How `diff` (and `outputs`) print: lines for people, or one JSON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per item.
    Text,
    /// One JSON document.
    Json,
}

/// Synthesizes the template and runs every check on it; the template is `None` when synth
/// itself failed.
pub fn check(stack: &Stack) -> (Option<Template>, Diagnostics) {
    match stack.to_template() {
        Ok(template) => {
            let findings = stack.findings(&template);
            (Some(template), findings)
        }
        Err(e) => (None, e.0),
    }
}

/// The values of a parameter file, with `KEY=VALUE` overrides applied over them.
pub(crate) fn parameter_values(
    params: Option<&Path>,
    overrides: &[String],
) -> Result<parameters_file::ParameterValues, String> {
    let mut values = match params {
        Some(path) => read::read_document(path)
            .and_then(|(file, _)| parameters_file::read_values(&file))
            .map_err(|e| format!("cannot read parameter file {}: {e}", path.display()))?,
        None => parameters_file::ParameterValues::default(),
    };
    values.apply_overrides(overrides)?;
    Ok(values)
}

/// The stack's template as JSON, or the message saying why it cannot be synthesized.
pub(crate) fn synth_json(stack: &Stack) -> Result<serde_json::Value, String> {
    let text = stack
        .to_template()
        .and_then(|t| synth::render(&t, Format::Json))
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| {
        format!("internal error: synth wrote JSON that does not parse ({e}); please report it")
    })
}

/// Prints `changes` in `format`; exit code 1 when there are any.
pub(crate) fn print_changes(changes: &[crate::diff::Change], format: DiffFormat) -> u8 {
    let mut out = Stdout::default();
    match format {
        DiffFormat::Text if changes.is_empty() => out.println("no changes"),
        DiffFormat::Text => changes.iter().for_each(|c| out.println(&c.to_string())),
        DiffFormat::Json => {
            let json = crate::diff::to_json(changes);
            out.println(&serde_json::to_string_pretty(&json).unwrap_or_default());
        }
    }
    if changes.is_empty() {
        out.finish(EXIT_OK)
    } else {
        out.finish(EXIT_FINDINGS)
    }
}
