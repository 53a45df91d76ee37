//! Facts about AWS the rules compare against, vendored from cfn-lint's data (MIT-0) by
//! `extract.py` in this folder. Each file names its source, the cfn-lint version and the date it
//! was taken; the lifecycle rules compare against that date, not the clock.

pub(super) mod fargate;
pub(super) mod instance_types;
pub(super) mod lambda_runtimes;
pub(super) mod rds;
pub(super) mod resource_lifecycle;

/// The lifecycle of one Lambda runtime; dates are `YYYY-MM-DD`, so they compare as strings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Runtime {
    /// The `Runtime` value, such as `python3.6`.
    pub(crate) name: &'static str,
    /// When AWS stopped supporting it.
    pub(crate) deprecated: &'static str,
    /// From when new functions cannot use it.
    pub(crate) create_block: &'static str,
    /// From when existing functions cannot be updated.
    pub(crate) update_block: &'static str,
    /// The runtime to move to.
    pub(crate) successor: Option<&'static str>,
}

/// Where a resource type's service is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// No new features; still works.
    Maintenance,
    /// Will shut down (on the date given).
    Sunset,
    /// Shut down; the type no longer deploys.
    Shutdown,
}

/// One task CPU size of Fargate with the memory sizes (MiB) it can be paired with.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FargateSize {
    /// CPU units (1024 = 1 vCPU).
    pub(crate) cpu: i64,
    /// Accepted task memory sizes in MiB, ascending.
    pub(crate) memory: &'static [i64],
}
