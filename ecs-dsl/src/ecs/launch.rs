//! Launch types in the types: what an EC2 or a Fargate task definition accepts, and which
//! service runs it.

use super::container::{FixedHostPorts, NetworkModePorts};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Ec2 {}
    impl Sealed for super::Fargate {}
}

/// Where tasks run: [`Ec2`] or [`Fargate`]. A task definition, its handle and its load-balancer
/// targets carry it, so a Fargate service cannot be given an EC2 task definition.
pub trait LaunchType: sealed::Sealed + Copy + std::fmt::Debug + 'static {
    /// Whether the network mode is `awsvpc` (each task has its own network interface).
    const AWSVPC: bool;
}

/// Tasks on the cluster's own EC2 instances, in `bridge` network mode (ECS's default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ec2;

/// Tasks on Fargate, in `awsvpc` network mode, sized at the task level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fargate;

impl LaunchType for Ec2 {
    const AWSVPC: bool = false;
}

impl LaunchType for Fargate {
    const AWSVPC: bool = true;
}

/// Whether a container's ports can be published in a task definition of launch type `L`.
#[diagnostic::on_unimplemented(
    message = "a container with a fixed host port cannot run in a `{L}` task definition",
    label = "this container fixes a host port with `port_on_host`",
    note = "in `awsvpc` mode (Fargate) the host port is always the container port: publish it with `.port(container_port)`"
)]
pub trait PortsFit<L: LaunchType> {}

impl PortsFit<Ec2> for NetworkModePorts {}
impl PortsFit<Ec2> for FixedHostPorts {}
impl PortsFit<Fargate> for NetworkModePorts {}
