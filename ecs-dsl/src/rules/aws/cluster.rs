//! Controls on clusters.

use super::control::Control;
use crate::cfn::ecs::CfnCluster;
use crate::cfn::ecs::cluster::ClusterSettings;
use crate::rules::Report;
use crate::template::Template;

/// Security Hub ECS.12 and cdk-nag AwsSolutions-ECS4.
pub(super) const CONTAINER_INSIGHTS: Control = Control {
    code: "SecurityHub-ECS.12",
    summary: "ECS clusters use Container Insights",
    reference: concat!(security_hub!("ecs-12"), "; ", cdk_nag!("AwsSolutions-ECS4")),
    check: container_insights,
};

fn container_insights(template: &Template, report: &mut Report<'_>) {
    for cluster in template.resources::<CfnCluster>() {
        let settings = cluster.prop(CfnCluster::cluster_settings);
        if settings.is_unresolved() {
            continue;
        }
        let on = settings.items().iter().any(|s| {
            s.prop(ClusterSettings::name).value() == Some("containerInsights")
                && matches!(
                    s.prop(ClusterSettings::value).value(),
                    Some("enabled" | "enhanced")
                )
        });
        if !on {
            report.add(
                &settings,
                "the cluster does not turn on Container Insights",
                "add the cluster setting `containerInsights` = `enabled` (or `enhanced`)",
            );
        }
    }
}
