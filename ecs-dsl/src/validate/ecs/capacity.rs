//! Rules on the Auto Scaling groups that give a cluster its instances.

use crate::template::Node;

use super::super::findings::Findings;
use super::super::index::Index;
use super::ASG_SIZE_BOUNDS;

const AUTO_SCALING_GROUP: &str = "AWS::AutoScaling::AutoScalingGroup";

/// `ECS024`: CloudFormation rejects a group whose minimum exceeds its maximum, after minutes.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    for group in ix.of_type(AUTO_SCALING_GROUP) {
        let min = group.prop("MinSize").and_then(Node::as_int);
        let max = group.prop("MaxSize").and_then(Node::as_int);
        let (Some(min), Some(max)) = (min, max) else {
            continue;
        };
        if min <= max {
            continue;
        }
        out.add(
            group,
            ASG_SIZE_BOUNDS.finding(
                group.path("MinSize"),
                format!("Auto Scaling group `{}` has `MinSize` {min} above `MaxSize` {max}", group.id),
                format!("swap them? `.min_size({max}).max_size({min})`: the minimum is at most the maximum"),
            ),
        );
    }
}
