//! Validation: rules that read a synthesized [`Template`] and report what CloudFormation, ECS or
//! good practice would object to — wiring between resources (a load balancer naming a container
//! the task definition lacks), values AWS no longer accepts (retired Lambda runtimes, RDS
//! versions) and secrets in plain text.
//!
//! Every rule works on the untyped template model, so it judges a stack written in Rust and a
//! template read from a file ([`template_from_json`]) alike. A value that is an intrinsic is only
//! known at deploy time and is never judged. A resource can silence a warning (not an error) with
//! `ResourceOptions::allow_warning(code, reason)`.

mod check;
mod data;
mod ecs;
mod findings;
mod helpers;
mod index;
mod lifecycle;
mod parameters;
mod rds;
mod reader;
mod report;
mod security;
mod structure;

pub use check::Check;
pub use reader::template_from_json;
pub use report::render_report;
pub use structure::{MAX_INLINE_TEMPLATE_BYTES, MAX_TEMPLATE_BYTES, check_size, check_structure};

pub(crate) use structure::walk_intrinsics;

use crate::diagnostics::Diagnostics;
use crate::template::Template;
use findings::Findings;
use index::Index;

/// A family of rules: reads the indexed template, reports findings.
type Family = fn(&Index<'_>, &mut Findings);

/// Every rule family, run in this order (the report is sorted afterwards anyway).
const FAMILIES: [Family; 5] = [
    ecs::check,
    security::check,
    lifecycle::check,
    rds::check,
    parameters::check,
];

/// Every rule, by code: what `validate` can report.
pub const CHECKS: &[&Check] = &[
    &ecs::LB_CONTAINER_NAME,
    &ecs::LB_CONTAINER_PORT,
    &ecs::DYNAMIC_PORT_HEALTH_CHECK,
    &ecs::NO_ESSENTIAL_CONTAINER,
    &ecs::EC2_CONTAINER_MEMORY,
    &ecs::FARGATE_NETWORK_MODE,
    &ecs::FARGATE_CPU_MEMORY,
    &ecs::MOUNT_POINT_VOLUME,
    &ecs::CONTAINER_DEPENDS_ON,
    &ecs::AWSLOGS_GROUP,
    &ecs::SERVICE_ROLE_WITHOUT_LOAD_BALANCER,
    &ecs::SERVICE_ROLE_WITH_AWSVPC,
    &ecs::MEMORY_RESERVATION_ABOVE_LIMIT,
    &ecs::DUPLICATE_CONTAINER_NAME,
    &ecs::CONTAINER_CPU_SUM,
    &ecs::HEALTH_CHECK_TIMING,
    &ecs::DEPLOYMENT_BOUNDS,
    &ecs::FARGATE_INCOMPATIBLE_TASK,
    &ecs::AWSVPC_WITHOUT_NETWORK,
    &ecs::AWSVPC_HOST_PORT,
    &ecs::EXECUTION_ROLE_NEEDED,
    &ecs::FARGATE_HOST_VOLUME,
    &ecs::INSTANCE_MEMORY,
    &ecs::ASG_SIZE_BOUNDS,
    &ecs::SCALED_SERVICE_DESIRED_COUNT,
    &security::LITERAL_SECRET,
    &security::SECRET_PARAMETER,
    &security::IAM_STAR,
    &lifecycle::RUNTIME_BLOCKED,
    &lifecycle::RUNTIME_DEPRECATED,
    &lifecycle::TYPE_MAINTENANCE,
    &lifecycle::TYPE_SUNSET,
    &lifecycle::TYPE_SHUT_DOWN,
    &rds::UNKNOWN_ENGINE,
    &rds::ENGINE_VERSION,
    &rds::INSTANCE_CLASS,
    &rds::DEPRECATED_VERSION,
    &parameters::AMI_PARAMETER_TYPE,
];

/// Runs every rule on a template and returns all findings, errors first, then by path and code.
/// Warnings a resource allows (`allow_warning`) are left out.
pub fn validate(template: &Template) -> Diagnostics {
    let index = Index::new(template);
    let mut findings = Findings::new();
    for family in FAMILIES {
        family(&index, &mut findings);
    }
    findings.into_diagnostics()
}
