//! IAM, high level: policy documents and service roles.

mod policy_document;
mod service_role;

pub use policy_document::{PolicyDocument, Statement};
pub use service_role::ServiceRole;
