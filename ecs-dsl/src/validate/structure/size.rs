//! The size of the template text, which CloudFormation limits twice: a body passed inline
//! (`--template-body`) may have 51,200 bytes; a template uploaded to S3 (`--template-url`), 1 MB.

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The most bytes of a template CloudFormation accepts at all (uploaded to S3).
pub const MAX_TEMPLATE_BYTES: usize = 1_000_000;

/// The most bytes of a template body CloudFormation accepts inline, without S3.
pub const MAX_INLINE_TEMPLATE_BYTES: usize = 51_200;

/// Checks the size of the template text: an error (`CFN010`) over 1 MB, a warning (`CFN012`)
/// over 51,200 bytes, which only deploys from S3.
pub fn check_size(bytes: usize) -> Diagnostics {
    let mut out = Diagnostics::new();
    if bytes > MAX_TEMPLATE_BYTES {
        out.push(
            Diagnostic::error(
                "CFN010",
                "<template>",
                format!(
                    "the template body is {bytes} bytes; CloudFormation accepts at most {MAX_TEMPLATE_BYTES}, even from S3"
                ),
            )
            .help("split the stack into nested stacks, or move large inline content (Lambda code, user data) to S3"),
        );
    } else if bytes > MAX_INLINE_TEMPLATE_BYTES {
        out.push(
            Diagnostic::warning(
                "CFN012",
                "<template>",
                format!(
                    "the template body is {bytes} bytes; CloudFormation takes at most {MAX_INLINE_TEMPLATE_BYTES} inline"
                ),
            )
            .help("deploy it from S3 (`aws cloudformation deploy --s3-bucket …`), or make the template smaller"),
        );
    }
    out
}
