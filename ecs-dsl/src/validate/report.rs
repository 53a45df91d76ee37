//! The text report of a validation run.

use crate::diagnostics::Diagnostics;

/// The findings rustc style: `error[ECS001]: message`, `  --> path (file:line:col)`,
/// `  help: …`, a blank line between findings, and a last line `N errors, M warnings`.
pub fn render_report(diags: &Diagnostics) -> String {
    format!("{diags}\n")
}
