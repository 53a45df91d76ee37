//! `cfn/mod.rs` (services, shared kinds) and `cfn/<service>/mod.rs` (resource files).

use super::{header, lit};
use crate::plan::{Plan, Service};

/// What `cfn/mod.rs` re-exports from the hand-written `cfn_support.rs`, so generated code and
/// programs name it `cfn::Tag`, `cfn::AnyOf`, ….
const SUPPORT_REEXPORTS: &str = "
pub use crate::cfn_support::{AcceptedBy, AnyOf, GeneratedKind, Tag};
pub(crate) use crate::cfn_support::HasProps;
";

/// `cfn/mod.rs`.
pub fn root(plan: &Plan) -> String {
    let mut out = header(None);
    out.push_str(
        "//! Generated CloudFormation resource types (L1): one module per AWS namespace (behind the Cargo\n\
         //! feature of the same name) and one file per resource type. Everything below this directory is\n\
         //! written by `codegen/` from the vendored specification; do not edit it by hand.\n\
         //!\n\
         //! Regenerate with `cargo run -p ecs-dsl-codegen`.\n\n\
         #![allow(\n    clippy::should_implement_trait,\n    clippy::type_complexity,\n    \
         reason = \"setter names (`add`) and property types come from the CloudFormation specification\"\n)]\n\n",
    );
    for s in &plan.services {
        out.push_str(&format!(
            "#[cfg(feature = {})]\npub mod {};\n",
            lit(&s.module),
            s.module
        ));
    }
    out.push_str("pub mod replacement;\n");
    out.push_str(SUPPORT_REEXPORTS);
    out
}

/// `cfn/<service>/mod.rs`.
pub fn service(s: &Service) -> String {
    let mut out = header(None);
    out.push_str(&format!(
        "//! `AWS::{}::*` resource types.\n\n",
        s.namespace
    ));
    for r in &s.resources {
        out.push_str(&format!("pub mod {};\n", r.module));
    }
    out.push('\n');
    for r in &s.resources {
        out.push_str(&format!("pub use {}::{};\n", r.module, r.body.rust_name));
    }
    out
}
