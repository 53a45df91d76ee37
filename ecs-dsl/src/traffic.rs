//! TCP traffic from one security group to another, allowed by a pair of rules: an ingress rule on
//! the destination's group and an egress rule on the source's, each a resource of its own, so two
//! groups that allow each other never form a dependency cycle.

// Without the database builder only the ecs builders use this, and they need more features.
#![cfg_attr(
    not(feature = "rds"),
    allow(dead_code, reason = "unused in feature sets without the ecs builders")
)]

use crate::cfn::ec2::security_group_egress::CfnSecurityGroupEgressRequired;
use crate::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use crate::customize::{CustomizeEach, apply_each};
use crate::intrinsic::Handle;
use crate::stack::Stack;

/// The user's changes to every rule pair a builder adds (its `customize_ingress` and
/// `customize_egress`).
#[derive(Default)]
pub(crate) struct CustomizeRules {
    pub(crate) ingress: CustomizeEach<CfnSecurityGroupIngress>,
    pub(crate) egress: CustomizeEach<CfnSecurityGroupEgress>,
}

/// TCP traffic from the security group `from` to the group `to`, on `ports`.
pub(crate) struct TcpTraffic<'a> {
    pub(crate) from: &'a Handle<CfnSecurityGroup>,
    pub(crate) to: &'a Handle<CfnSecurityGroup>,
    /// The destination ports, an inclusive range.
    pub(crate) ports: (i64, i64),
}

impl TcpTraffic<'_> {
    /// Adds the rules `{name}Ingress` and `{name}Egress`, after the user's changes.
    #[track_caller]
    pub(crate) fn allow(&self, stack: &mut Stack, name: &str, customize: &CustomizeRules) {
        let (first, last) = self.ports;
        let ingress =
            CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" })
                .from_port(first)
                .to_port(last)
                .group_id(self.to)
                .source_security_group_id(self.from);
        let egress = CfnSecurityGroupEgress::new(CfnSecurityGroupEgressRequired {
            group_id: self.from,
            ip_protocol: "tcp",
        })
        .from_port(first)
        .to_port(last)
        .destination_security_group_id(self.to);
        stack.add(
            &format!("{name}Ingress"),
            apply_each(&customize.ingress, ingress),
        );
        stack.add(
            &format!("{name}Egress"),
            apply_each(&customize.egress, egress),
        );
    }
}
