//! Draining container instances before their Auto Scaling group terminates them: a lifecycle
//! hook on the group notifies an SNS topic, whose Lambda sets the instance to `DRAINING` and lets
//! the termination continue once its tasks have moved.

use crate::cfn::autoscaling::CfnLifecycleHook;
use crate::cfn::autoscaling::lifecycle_hook::{
    CfnLifecycleHookRequired, DefaultResult, LifecycleTransition,
};
use crate::cfn::iam::CfnRole;
use crate::cfn::lambda::function::{CfnFunctionRequired, Code, Environment, Runtime};
use crate::cfn::lambda::permission::CfnPermissionRequired;
use crate::cfn::lambda::{CfnFunction, CfnPermission};
use crate::cfn::logs::CfnLogGroup;
use crate::cfn::sns::subscription::CfnSubscriptionRequired;
use crate::cfn::sns::{CfnSubscription, CfnTopic};
use crate::customize::{Customize, apply};
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Handle, Pseudo, Sub};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::ec2_cluster::Ec2ClusterHandles;

/// The function's source (Python), inlined into the template.
const HANDLER_SOURCE: &str = include_str!("drain_handler.py");

/// The function reinvokes itself while tasks drain; one call waits at most this long.
const TIMEOUT_SECONDS: i64 = 300;

/// Drains an [`super::Ec2Cluster`]'s instances on scale-in, as *Docker in AWS* does. Logical
/// IDs derive from the id given to [`InstanceDraining::add`]: `{id}Hook`, `{id}HookRole`,
/// `{id}HookTopic`, `{id}HookSubscription`, `{id}HookPermission`, `{id}HookFunction`,
/// `{id}FunctionRole` and `{id}HookFunctionLogGroup` (with id `Lifecycle`, the book's names).
///
/// A cluster with [`super::Ec2Cluster::capacity_provider`] already drains through ECS managed
/// draining; this builder is for groups scaled by other means.
pub struct InstanceDraining {
    cluster: Ec2ClusterHandles,
    heartbeat_timeout_seconds: u32,
    customize_hook: Customize<CfnLifecycleHook>,
    customize_hook_role: Customize<CfnRole>,
    customize_topic: Customize<CfnTopic>,
    customize_subscription: Customize<CfnSubscription>,
    customize_permission: Customize<CfnPermission>,
    customize_function: Customize<CfnFunction>,
    customize_function_role: Customize<CfnRole>,
    customize_log_group: Customize<CfnLogGroup>,
}

/// The resources an [`InstanceDraining`] added.
#[derive(Clone, Debug)]
pub struct InstanceDrainingHandles {
    /// The lifecycle hook on the Auto Scaling group.
    pub hook: Handle<CfnLifecycleHook>,
    /// The topic the hook notifies.
    pub topic: Handle<CfnTopic>,
    /// The draining function.
    pub function: Handle<CfnFunction>,
    /// The function's log group.
    pub log_group: Handle<CfnLogGroup>,
}

impl InstanceDraining {
    /// Draining of `cluster`'s instances.
    pub fn new(cluster: &Ec2ClusterHandles) -> Self {
        InstanceDraining {
            cluster: cluster.clone(),
            heartbeat_timeout_seconds: 900,
            customize_hook: Vec::new(),
            customize_hook_role: Vec::new(),
            customize_topic: Vec::new(),
            customize_subscription: Vec::new(),
            customize_permission: Vec::new(),
            customize_function: Vec::new(),
            customize_function_role: Vec::new(),
            customize_log_group: Vec::new(),
        }
    }

    /// How long the group waits for the drain before it terminates anyway. Default: 900.
    /// Sets `HeartbeatTimeout`.
    #[must_use]
    pub fn heartbeat_timeout_seconds(mut self, seconds: u32) -> Self {
        self.heartbeat_timeout_seconds = seconds;
        self
    }

    /// The generated lifecycle hook, applied after the builder's settings.
    #[must_use]
    pub fn customize_hook(
        mut self,
        f: impl FnOnce(CfnLifecycleHook) -> CfnLifecycleHook + 'static,
    ) -> Self {
        self.customize_hook.push(Box::new(f));
        self
    }

    /// The generated role the hook publishes with, applied after the builder's settings.
    #[must_use]
    pub fn customize_hook_role(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize_hook_role.push(Box::new(f));
        self
    }

    /// The generated topic, applied after the builder's settings.
    #[must_use]
    pub fn customize_topic(mut self, f: impl FnOnce(CfnTopic) -> CfnTopic + 'static) -> Self {
        self.customize_topic.push(Box::new(f));
        self
    }

    /// The generated subscription, applied after the builder's settings.
    #[must_use]
    pub fn customize_subscription(
        mut self,
        f: impl FnOnce(CfnSubscription) -> CfnSubscription + 'static,
    ) -> Self {
        self.customize_subscription.push(Box::new(f));
        self
    }

    /// The generated permission for SNS to invoke the function, applied after the builder's
    /// settings.
    #[must_use]
    pub fn customize_permission(
        mut self,
        f: impl FnOnce(CfnPermission) -> CfnPermission + 'static,
    ) -> Self {
        self.customize_permission.push(Box::new(f));
        self
    }

    /// The generated function, applied after the builder's settings.
    #[must_use]
    pub fn customize_function(
        mut self,
        f: impl FnOnce(CfnFunction) -> CfnFunction + 'static,
    ) -> Self {
        self.customize_function.push(Box::new(f));
        self
    }

    /// The generated role of the function, applied after the builder's settings.
    #[must_use]
    pub fn customize_function_role(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize_function_role.push(Box::new(f));
        self
    }

    /// The generated log group of the function, applied after the builder's settings.
    #[must_use]
    pub fn customize_log_group(
        mut self,
        f: impl FnOnce(CfnLogGroup) -> CfnLogGroup + 'static,
    ) -> Self {
        self.customize_log_group.push(Box::new(f));
        self
    }

    /// Adds the hook, topic, function and their roles to `stack`, their logical IDs starting
    /// with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> InstanceDrainingHandles {
        let topic = apply(&mut self.customize_topic, CfnTopic::new());
        let topic = stack.add(&format!("{id}HookTopic"), topic);
        let hook_role = ServiceRole::new("autoscaling.amazonaws.com").inline_policy(
            "LifecycleHookPermissions",
            PolicyDocument::new().statement(
                Statement::allow(["sns:Publish"])
                    .sid("PublishNotifications")
                    .resource(&topic),
            ),
        );
        let hook_role = apply(&mut self.customize_hook_role, hook_role.into_cfn());
        let hook_role = stack.add(&format!("{id}HookRole"), hook_role);
        let group = &self.cluster.autoscaling_group;
        let hook = CfnLifecycleHook::new(CfnLifecycleHookRequired {
            auto_scaling_group_name: group,
            lifecycle_transition: LifecycleTransition::AutoscalingEc2InstanceTerminating,
        })
        .default_result(DefaultResult::Continue)
        .heartbeat_timeout(i64::from(self.heartbeat_timeout_seconds))
        .notification_target_arn(&topic)
        .role_arn(hook_role.attr_arn());
        let hook = apply(&mut self.customize_hook, hook);
        let hook = stack.add(&format!("{id}Hook"), hook);

        let function_name = Sub::new()
            .var(&Pseudo::StackName)
            .text("-lifecycleHooks")
            .build();
        let log_group = CfnLogGroup::new()
            .log_group_name(
                Sub::new()
                    .text("/aws/lambda/")
                    .var(&Pseudo::StackName)
                    .text("-lifecycleHooks")
                    .build(),
            )
            .retention_in_days(7);
        let log_group = apply(&mut self.customize_log_group, log_group);
        let log_group = stack.add(&format!("{id}HookFunctionLogGroup"), log_group);
        let role = function_role(&self.cluster, &topic, &log_group);
        let role = apply(&mut self.customize_function_role, role.into_cfn());
        let role = stack.add(&format!("{id}FunctionRole"), role);
        let function = CfnFunction::new(CfnFunctionRequired {
            code: Code::new().zip_file(HANDLER_SOURCE),
            role: role.attr_arn(),
        })
        .function_name(function_name)
        .description(
            Sub::new()
                .var(&Pseudo::StackName)
                .text(" drains ECS container instances on scale-in")
                .build(),
        )
        .environment(Environment::new().variables([("ECS_CLUSTER", self.cluster.cluster.ref_())]))
        .handler("index.handler")
        .memory_size(128)
        .runtime(Runtime::Python3_12)
        .timeout(TIMEOUT_SECONDS)
        .depends_on(&log_group);
        let function = apply(&mut self.customize_function, function);
        let function = stack.add(&format!("{id}HookFunction"), function);

        let subscription = CfnSubscription::new(CfnSubscriptionRequired {
            protocol: "lambda",
            topic_arn: &topic,
        })
        .endpoint(function.attr_arn());
        let subscription = apply(&mut self.customize_subscription, subscription);
        stack.add(&format!("{id}HookSubscription"), subscription);
        let permission = CfnPermission::new(CfnPermissionRequired {
            action: "lambda:InvokeFunction",
            function_name: &function,
            principal: "sns.amazonaws.com",
        })
        .source_arn(&topic);
        let permission = apply(&mut self.customize_permission, permission);
        stack.add(&format!("{id}HookPermission"), permission);
        InstanceDrainingHandles {
            hook,
            topic,
            function,
            log_group,
        }
    }
}

/// What the function does: republish to the topic, complete the group's lifecycle action,
/// drain the cluster's instances, write its logs.
fn function_role(
    owner: &Ec2ClusterHandles,
    topic: &Handle<CfnTopic>,
    logs: &Handle<CfnLogGroup>,
) -> ServiceRole {
    let cluster = &owner.cluster;
    let group_arn = Sub::arn_prefix("autoscaling")
        .text("autoScalingGroup:*:autoScalingGroupName/")
        .var(&owner.autoscaling_group)
        .build();
    let policy = PolicyDocument::new()
        .statement(
            Statement::allow(["sns:Publish"])
                .sid("Publish")
                .resource(topic),
        )
        .statement(
            Statement::allow(["autoscaling:CompleteLifecycleAction"])
                .sid("CompleteLifecycleAction")
                .resource(group_arn),
        )
        .statement(
            Statement::allow(["ecs:ListContainerInstances"])
                .sid("ListContainerInstances")
                .resource(cluster.attr_arn()),
        )
        .statement(
            Statement::allow([
                "ecs:DescribeContainerInstances",
                "ecs:UpdateContainerInstancesState",
            ])
            .sid("ManageContainerInstances")
            .resource("*")
            .condition("ArnEquals", "ecs:cluster", cluster.attr_arn()),
        )
        .statement(
            Statement::allow(["logs:CreateLogStream", "logs:PutLogEvents"])
                .sid("ManageLambdaLogs")
                .resource(logs.attr_arn()),
        );
    ServiceRole::new("lambda.amazonaws.com").inline_policy("LifecycleHookPermissions", policy)
}
