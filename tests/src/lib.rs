//! Shared helpers of the integration tests.

pub mod compose;
pub mod oracle;
