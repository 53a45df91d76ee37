//! Rules on Application Auto Scaling of ECS services.

use std::collections::BTreeSet;

use crate::template::Node;

use super::super::findings::Findings;
use super::super::index::Index;
use super::{SCALED_SERVICE_DESIRED_COUNT, SERVICE};

const SCALABLE_TARGET: &str = "AWS::ApplicationAutoScaling::ScalableTarget";
const ECS_DESIRED_COUNT: &str = "ecs:service:DesiredCount";

/// `ECS050`: a scalable target owns the service's task count; a `DesiredCount` in the template
/// sets it back on every deploy that touches the service, undoing the scaling.
pub(super) fn check(ix: &Index<'_>, out: &mut Findings) {
    for target in ix.of_type(SCALABLE_TARGET) {
        if target.prop("ScalableDimension").and_then(Node::as_str) != Some(ECS_DESIRED_COUNT) {
            continue;
        }
        let Some(resource_id) = target.prop("ResourceId") else {
            continue;
        };
        for id in referenced_resources(resource_id) {
            let Some(service) = ix.resource_of_type(id, SERVICE) else {
                continue;
            };
            if service.prop("DesiredCount").is_none() {
                continue;
            }
            out.add(
                service,
                SCALED_SERVICE_DESIRED_COUNT.finding(
                    service.path("DesiredCount"),
                    format!(
                        "service `{}` sets `DesiredCount`, but scalable target `{}` owns its task count: every deploy resets it",
                        service.id, target.id
                    ),
                    "leave `DesiredCount` out (drop `.desired_count(..)`); the scalable target's `MinCapacity` sets the starting count",
                ),
            );
        }
    }
}

/// Every resource a value names through `Ref`, `Fn::GetAtt` or `Fn::Sub`, at any depth.
fn referenced_resources(node: &Node) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    node.walk(&mut |n| {
        if let Node::Fn(f) = n {
            names.extend(f.symbols().into_iter().map(|s| &*s.name));
        }
    });
    names
}
