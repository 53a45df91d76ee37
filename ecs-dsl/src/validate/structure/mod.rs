//! The structural checks of a template: names, references, dependency cycles and CloudFormation's
//! limits. One pipeline for both sources of templates: [`crate::Stack::to_template`] runs it on a
//! stack written in Rust, and the tool's `validate` on a file, so both refuse the same templates.

mod as_written;
mod cycles;
mod malformed;
mod names;
mod references;
mod size;

pub use size::{MAX_INLINE_TEMPLATE_BYTES, MAX_TEMPLATE_BYTES, check_size};

use crate::diagnostics::Diagnostics;
use crate::template::Template;

pub(crate) use references::walk_intrinsics;

/// Runs every structural check: logical IDs and names (`CFN001`), custom resource type names
/// (`CFN006`), section limits (`CFN009`), references to what the template lacks (`CFN004`) and
/// dependency cycles (`CFN005`), malformed intrinsics written as JSON (`CFN013`), attributes kept
/// as written that the typed API sets too (`IMP119`). The text size is checked apart, by [`check_size`].
pub fn check_structure(template: &Template) -> Diagnostics {
    let mut out = Diagnostics::new();
    names::check(template, &mut out);
    references::check(template, &mut out);
    cycles::check(template, &mut out);
    malformed::check(template, &mut out);
    as_written::check(template, &mut out);
    out.sorted()
}
