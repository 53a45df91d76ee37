//! Application Auto Scaling of an ECS service's task count: a scalable target on the service's
//! `DesiredCount`, target-tracking policies (CPU, memory, ALB requests per target) and step
//! policies driven by CloudWatch alarms.
//!
//! Once a scalable target owns the task count, the service must not set `DesiredCount`: every
//! deploy would reset it to that number (validate `ECS050`).

use crate::cfn::applicationautoscaling::scalable_target::{
    CfnScalableTargetRequired, ScalableDimension, ServiceNamespace,
};
use crate::cfn::applicationautoscaling::scaling_policy::{
    CfnScalingPolicyRequired, PolicyType, PredefinedMetricSpecification,
    PredefinedMetricSpecificationPredefinedMetricType, PredefinedMetricSpecificationRequired,
    StepAdjustment, StepAdjustmentRequired, StepScalingPolicyConfiguration,
    StepScalingPolicyConfigurationAdjustmentType,
    StepScalingPolicyConfigurationMetricAggregationType, TargetTrackingScalingPolicyConfiguration,
    TargetTrackingScalingPolicyConfigurationRequired,
};
use crate::cfn::applicationautoscaling::{CfnScalableTarget, CfnScalingPolicy};
use crate::cfn::cloudwatch::CfnAlarm;
use crate::cfn::cloudwatch::alarm::{ComparisonOperator, Dimension, DimensionRequired, Statistic};
use crate::cfn::ecs::{CfnCluster, CfnService};
use crate::cfn::elasticloadbalancingv2::{CfnLoadBalancer, CfnTargetGroup};
use crate::cfn::iam::CfnRole;
use crate::customize::{Customize, apply};
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Handle, IntoValue, Sub, Value};
use crate::stack::Stack;

/// A metric of an ECS service that a step policy's alarm watches (namespace `AWS/ECS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceMetric {
    /// `CPUUtilization`, in percent of the tasks' CPU.
    Cpu,
    /// `MemoryUtilization`, in percent of the tasks' memory.
    Memory,
}

impl ServiceMetric {
    fn metric_name(self) -> &'static str {
        match self {
            ServiceMetric::Cpu => "CPUUtilization",
            ServiceMetric::Memory => "MemoryUtilization",
        }
    }

    /// The word in the alarm's logical ID: `HighCpuAlarm`, `LowMemoryAlarm`.
    fn id_word(self) -> &'static str {
        match self {
            ServiceMetric::Cpu => "Cpu",
            ServiceMetric::Memory => "Memory",
        }
    }
}

/// Autoscaling of an ECS service's task count. Logical IDs derive from the id given to
/// [`ServiceAutoscaling::add`]: `{id}AutoscalingTarget`, `{id}AutoscalingRole` (with
/// [`ServiceAutoscaling::dedicated_role`]), `{id}Autoscaling{Name}Policy` for each policy and
/// `{id}{High|Low}{Cpu|Memory}Alarm` for each step policy's alarm.
///
/// ```
/// use ecs_dsl::cfn::ecs::{CfnCluster, CfnService};
/// use ecs_dsl::ecs::{ServiceAutoscaling, ServiceMetric, StepScaling, TargetTracking};
/// use ecs_dsl::prelude::*;
///
/// let mut stack = Stack::new();
/// let cluster = stack.add("Cluster", CfnCluster::new());
/// let service = stack.add("Service", CfnService::new().cluster(&cluster));
/// let scaling = ServiceAutoscaling::new(&cluster, &service)
///     .min_capacity(1)
///     .max_capacity(4)
///     .target_tracking(TargetTracking::cpu_percent(50.0))
///     .step_scaling(StepScaling::scale_out(ServiceMetric::Memory, 80.0))
///     .add(&mut stack, "Service");
/// assert_eq!(scaling.target.logical_id(), "ServiceAutoscalingTarget");
/// assert_eq!(scaling.alarms[0].logical_id(), "ServiceHighMemoryAlarm");
/// ```
pub struct ServiceAutoscaling {
    cluster: Handle<CfnCluster>,
    service: Handle<CfnService>,
    min_capacity: u32,
    max_capacity: u32,
    dedicated_role: bool,
    target_tracking: Vec<TargetTracking>,
    step_scaling: Vec<StepScaling>,
    customize_target: Customize<CfnScalableTarget>,
    customize_role: Customize<CfnRole>,
}

/// The resources a [`ServiceAutoscaling`] added.
#[derive(Clone, Debug)]
pub struct ServiceAutoscalingHandles {
    /// The scalable target on the service's `DesiredCount`.
    pub target: Handle<CfnScalableTarget>,
    /// The role Application Auto Scaling assumes, when [`ServiceAutoscaling::dedicated_role`]
    /// asked for one (otherwise its service-linked role).
    pub role: Option<Handle<CfnRole>>,
    /// The scaling policies: target tracking first, then step scaling, each in the order given.
    pub policies: Vec<Handle<CfnScalingPolicy>>,
    /// The alarms of the step policies, in their order.
    pub alarms: Vec<Handle<CfnAlarm>>,
}

impl ServiceAutoscaling {
    /// Autoscaling of `service`'s task count, the service running in `cluster`.
    /// Sets `ServiceNamespace: ecs`, `ScalableDimension: ecs:service:DesiredCount` and
    /// `ResourceId: service/{cluster}/{service name}`.
    pub fn new(cluster: &Handle<CfnCluster>, service: &Handle<CfnService>) -> Self {
        ServiceAutoscaling {
            cluster: cluster.clone(),
            service: service.clone(),
            min_capacity: 1,
            max_capacity: 4,
            dedicated_role: false,
            target_tracking: Vec::new(),
            step_scaling: Vec::new(),
            customize_target: Vec::new(),
            customize_role: Vec::new(),
        }
    }

    /// The fewest tasks. Default: 1. Sets `MinCapacity`.
    #[must_use]
    pub fn min_capacity(mut self, count: u32) -> Self {
        self.min_capacity = count;
        self
    }

    /// The most tasks. Default: 4. Sets `MaxCapacity`.
    #[must_use]
    pub fn max_capacity(mut self, count: u32) -> Self {
        self.max_capacity = count;
        self
    }

    /// Creates a role for Application Auto Scaling (`{id}AutoscalingRole`) instead of relying
    /// on its service-linked role, which AWS creates on first use. Sets `RoleARN`.
    #[must_use]
    pub fn dedicated_role(mut self) -> Self {
        self.dedicated_role = true;
        self
    }

    /// Adds a target-tracking policy. Adds an `AWS::ApplicationAutoScaling::ScalingPolicy`.
    #[must_use]
    pub fn target_tracking(mut self, policy: TargetTracking) -> Self {
        self.target_tracking.push(policy);
        self
    }

    /// Adds a step policy and its alarm. Adds an `AWS::ApplicationAutoScaling::ScalingPolicy`
    /// and an `AWS::CloudWatch::Alarm`.
    #[must_use]
    pub fn step_scaling(mut self, policy: StepScaling) -> Self {
        self.step_scaling.push(policy);
        self
    }

    /// The generated scalable target, applied after the builder's settings.
    #[must_use]
    pub fn customize_target(
        mut self,
        f: impl FnOnce(CfnScalableTarget) -> CfnScalableTarget + 'static,
    ) -> Self {
        self.customize_target.push(Box::new(f));
        self
    }

    /// The generated role (with [`ServiceAutoscaling::dedicated_role`]), applied after the
    /// builder's settings.
    #[must_use]
    pub fn customize_role(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize_role.push(Box::new(f));
        self
    }

    /// Adds the scalable target, its policies and alarms to `stack`, their logical IDs starting
    /// with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> ServiceAutoscalingHandles {
        let resource_id = Sub::new()
            .text("service/")
            .var(&self.cluster)
            .text("/")
            .var(&self.service.attr_name())
            .build();
        let mut target = CfnScalableTarget::new(CfnScalableTargetRequired {
            max_capacity: i64::from(self.max_capacity),
            min_capacity: i64::from(self.min_capacity),
            resource_id,
            scalable_dimension: ScalableDimension::EcsServiceDesiredCount,
            service_namespace: ServiceNamespace::Ecs,
        });
        let role = if self.dedicated_role {
            let role = apply(&mut self.customize_role, autoscaling_role().into_cfn());
            let role = stack.add(&format!("{id}AutoscalingRole"), role);
            target = target.role_arn(role.attr_arn());
            Some(role)
        } else {
            None
        };
        let target = apply(&mut self.customize_target, target);
        let target = stack.add(&format!("{id}AutoscalingTarget"), target);
        let mut policies = Vec::new();
        for tracking in self.target_tracking {
            policies.push(tracking.add(stack, id, &target));
        }
        let mut alarms = Vec::new();
        for step in self.step_scaling {
            let (policy, alarm) = step.add(stack, id, &target, &self.cluster, &self.service);
            policies.push(policy);
            alarms.push(alarm);
        }
        ServiceAutoscalingHandles {
            target,
            role,
            policies,
            alarms,
        }
    }
}

/// What Application Auto Scaling does to an ECS service and its alarms.
fn autoscaling_role() -> ServiceRole {
    let permissions = PolicyDocument::new().statement(
        Statement::allow([
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:DescribeScalingActivities",
            "application-autoscaling:DescribeScalingPolicies",
            "cloudwatch:DescribeAlarms",
            "cloudwatch:PutMetricAlarm",
            "ecs:DescribeServices",
            "ecs:UpdateService",
        ])
        .resource("*"),
    );
    ServiceRole::new("application-autoscaling.amazonaws.com")
        .inline_policy("AutoscalingPermissions", permissions)
}

/// What a target-tracking policy keeps at its target value.
enum Tracked {
    Cpu,
    Memory,
    Requests(Value<String>),
}

/// A target-tracking policy: Application Auto Scaling adds and removes tasks to keep a metric
/// at a value. Its logical ID is `{id}Autoscaling{Name}Policy`.
pub struct TargetTracking {
    name: String,
    tracked: Tracked,
    target_value: f64,
    scale_in_cooldown_seconds: Option<u32>,
    scale_out_cooldown_seconds: Option<u32>,
    disable_scale_in: bool,
    customize_policy: Customize<CfnScalingPolicy>,
}

impl TargetTracking {
    /// Keeps the service's average CPU at `percent`. Name: `CpuTracking`.
    /// Sets `PredefinedMetricType: ECSServiceAverageCPUUtilization`.
    pub fn cpu_percent(percent: f64) -> Self {
        TargetTracking::with("CpuTracking", Tracked::Cpu, percent)
    }

    /// Keeps the service's average memory at `percent`. Name: `MemoryTracking`.
    /// Sets `PredefinedMetricType: ECSServiceAverageMemoryUtilization`.
    pub fn memory_percent(percent: f64) -> Self {
        TargetTracking::with("MemoryTracking", Tracked::Memory, percent)
    }

    /// Keeps the requests per task that `load_balancer` sends to `target_group` at `requests`.
    /// Name: `RequestsTracking`. Sets `PredefinedMetricType: ALBRequestCountPerTarget` and its
    /// `ResourceLabel`.
    pub fn requests_per_target(
        requests: f64,
        load_balancer: &Handle<CfnLoadBalancer>,
        target_group: &Handle<CfnTargetGroup>,
    ) -> Self {
        let label = Sub::new()
            .var(&load_balancer.attr_load_balancer_full_name())
            .text("/")
            .var(&target_group.attr_target_group_full_name())
            .build();
        TargetTracking::with("RequestsTracking", Tracked::Requests(label), requests)
    }

    fn with(name: &str, tracked: Tracked, target_value: f64) -> Self {
        TargetTracking {
            name: name.to_owned(),
            tracked,
            target_value,
            scale_in_cooldown_seconds: None,
            scale_out_cooldown_seconds: None,
            disable_scale_in: false,
            customize_policy: Vec::new(),
        }
    }

    /// The policy's name, also in its logical ID. Sets `PolicyName`.
    #[must_use]
    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    /// Seconds after a scale-in before the next one. Sets `ScaleInCooldown`.
    #[must_use]
    pub fn scale_in_cooldown_seconds(mut self, seconds: u32) -> Self {
        self.scale_in_cooldown_seconds = Some(seconds);
        self
    }

    /// Seconds after a scale-out before the next one. Sets `ScaleOutCooldown`.
    #[must_use]
    pub fn scale_out_cooldown_seconds(mut self, seconds: u32) -> Self {
        self.scale_out_cooldown_seconds = Some(seconds);
        self
    }

    /// Only adds tasks, never removes them. Sets `DisableScaleIn: true`.
    #[must_use]
    pub fn without_scale_in(mut self) -> Self {
        self.disable_scale_in = true;
        self
    }

    /// The generated scaling policy, applied after the builder's settings.
    #[must_use]
    pub fn customize_policy(
        mut self,
        f: impl FnOnce(CfnScalingPolicy) -> CfnScalingPolicy + 'static,
    ) -> Self {
        self.customize_policy.push(Box::new(f));
        self
    }

    #[track_caller]
    fn add(
        mut self,
        stack: &mut Stack,
        id: &str,
        target: &Handle<CfnScalableTarget>,
    ) -> Handle<CfnScalingPolicy> {
        let metric = match self.tracked {
            Tracked::Cpu => predefined(PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageCpuUtilization),
            Tracked::Memory => predefined(PredefinedMetricSpecificationPredefinedMetricType::EcsServiceAverageMemoryUtilization),
            Tracked::Requests(label) => {
                predefined(PredefinedMetricSpecificationPredefinedMetricType::AlbRequestCountPerTarget).resource_label(label)
            }
        };
        let mut config = TargetTrackingScalingPolicyConfiguration::new(
            TargetTrackingScalingPolicyConfigurationRequired {
                target_value: self.target_value,
            },
        )
        .predefined_metric_specification(metric);
        if let Some(seconds) = self.scale_in_cooldown_seconds {
            config = config.scale_in_cooldown(i64::from(seconds));
        }
        if let Some(seconds) = self.scale_out_cooldown_seconds {
            config = config.scale_out_cooldown(i64::from(seconds));
        }
        if self.disable_scale_in {
            config = config.disable_scale_in(true);
        }
        let policy = CfnScalingPolicy::new(CfnScalingPolicyRequired {
            policy_name: self.name.as_str(),
            policy_type: PolicyType::TargetTrackingScaling,
        })
        .scaling_target_id(target)
        .target_tracking_scaling_policy_configuration(config);
        let policy = apply(&mut self.customize_policy, policy);
        stack.add(&format!("{id}Autoscaling{}Policy", self.name), policy)
    }
}

fn predefined(
    kind: PredefinedMetricSpecificationPredefinedMetricType,
) -> PredefinedMetricSpecification {
    PredefinedMetricSpecification::new(PredefinedMetricSpecificationRequired {
        predefined_metric_type: kind,
    })
}

/// Which way a step policy moves the task count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Out,
    In,
}

/// A step policy and the CloudWatch alarm that triggers it: when the service's metric stays
/// above (scale out) or below (scale in) a threshold, the task count changes by a step.
/// Its logical IDs are `{id}Autoscaling{Name}Policy` and `{id}{High|Low}{Metric}Alarm`.
pub struct StepScaling {
    name: String,
    direction: Direction,
    metric: ServiceMetric,
    threshold: f64,
    change: u32,
    cooldown_seconds: u32,
    period_seconds: u32,
    evaluation_periods: u32,
    description: Option<String>,
    customize_policy: Customize<CfnScalingPolicy>,
    customize_alarm: Customize<CfnAlarm>,
}

impl StepScaling {
    /// Adds a task when `metric` averages above `threshold` percent. Name: `ScaleOut`; alarm
    /// `High{Metric}`. Sets `GreaterThanThreshold` and a step with `MetricIntervalLowerBound: 0`.
    pub fn scale_out(metric: ServiceMetric, threshold: f64) -> Self {
        StepScaling::with("ScaleOut", Direction::Out, metric, threshold)
    }

    /// Removes a task when `metric` averages below `threshold` percent. Name: `ScaleIn`; alarm
    /// `Low{Metric}`. Sets `LessThanThreshold` and a step with `MetricIntervalUpperBound: 0`.
    pub fn scale_in(metric: ServiceMetric, threshold: f64) -> Self {
        StepScaling::with("ScaleIn", Direction::In, metric, threshold)
    }

    fn with(name: &str, direction: Direction, metric: ServiceMetric, threshold: f64) -> Self {
        StepScaling {
            name: name.to_owned(),
            direction,
            metric,
            threshold,
            change: 1,
            cooldown_seconds: 300,
            period_seconds: 60,
            evaluation_periods: 3,
            description: None,
            customize_policy: Vec::new(),
            customize_alarm: Vec::new(),
        }
    }

    /// The policy's name, also in its logical ID. Sets `PolicyName`.
    #[must_use]
    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    /// How many tasks a step adds or removes. Default: 1. Sets `ScalingAdjustment`.
    #[must_use]
    pub fn tasks_per_step(mut self, count: u32) -> Self {
        self.change = count;
        self
    }

    /// Seconds after a step before the next. Default: 300. Sets `Cooldown`.
    #[must_use]
    pub fn cooldown_seconds(mut self, seconds: u32) -> Self {
        self.cooldown_seconds = seconds;
        self
    }

    /// The alarm's period in seconds. Default: 60. Sets the alarm's `Period`.
    #[must_use]
    pub fn period_seconds(mut self, seconds: u32) -> Self {
        self.period_seconds = seconds;
        self
    }

    /// How many periods the metric must stay past the threshold. Default: 3.
    /// Sets the alarm's `EvaluationPeriods`.
    #[must_use]
    pub fn evaluation_periods(mut self, count: u32) -> Self {
        self.evaluation_periods = count;
        self
    }

    /// The alarm's description. Sets `AlarmDescription`.
    #[must_use]
    pub fn alarm_description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    /// The generated scaling policy, applied after the builder's settings.
    #[must_use]
    pub fn customize_policy(
        mut self,
        f: impl FnOnce(CfnScalingPolicy) -> CfnScalingPolicy + 'static,
    ) -> Self {
        self.customize_policy.push(Box::new(f));
        self
    }

    /// The generated alarm, applied after the builder's settings.
    #[must_use]
    pub fn customize_alarm(mut self, f: impl FnOnce(CfnAlarm) -> CfnAlarm + 'static) -> Self {
        self.customize_alarm.push(Box::new(f));
        self
    }

    #[track_caller]
    fn add(
        mut self,
        stack: &mut Stack,
        id: &str,
        target: &Handle<CfnScalableTarget>,
        cluster: &Handle<CfnCluster>,
        service: &Handle<CfnService>,
    ) -> (Handle<CfnScalingPolicy>, Handle<CfnAlarm>) {
        let change = i64::from(self.change);
        let step = match self.direction {
            Direction::Out => StepAdjustment::new(StepAdjustmentRequired {
                scaling_adjustment: change,
            })
            .metric_interval_lower_bound(0.0),
            Direction::In => StepAdjustment::new(StepAdjustmentRequired {
                scaling_adjustment: -change,
            })
            .metric_interval_upper_bound(0.0),
        };
        let config = StepScalingPolicyConfiguration::new()
            .adjustment_type(StepScalingPolicyConfigurationAdjustmentType::ChangeInCapacity)
            .cooldown(i64::from(self.cooldown_seconds))
            .metric_aggregation_type(StepScalingPolicyConfigurationMetricAggregationType::Average)
            .step_adjustments(vec![step]);
        let policy = CfnScalingPolicy::new(CfnScalingPolicyRequired {
            policy_name: self.name.as_str(),
            policy_type: PolicyType::StepScaling,
        })
        .scaling_target_id(target)
        .step_scaling_policy_configuration(config);
        let policy = apply(&mut self.customize_policy, policy);
        let policy = stack.add(&format!("{id}Autoscaling{}Policy", self.name), policy);

        let (level, operator) = match self.direction {
            Direction::Out => ("High", ComparisonOperator::GreaterThanThreshold),
            Direction::In => ("Low", ComparisonOperator::LessThanThreshold),
        };
        let mut alarm = CfnAlarm::new()
            .alarm_actions(vec![policy.ref_()])
            .namespace("AWS/ECS")
            .metric_name(self.metric.metric_name())
            .dimensions(vec![
                dimension("ClusterName", cluster),
                dimension("ServiceName", service.attr_name()),
            ])
            .statistic(Statistic::Average)
            .period(i64::from(self.period_seconds))
            .evaluation_periods(i64::from(self.evaluation_periods))
            .threshold(self.threshold)
            .comparison_operator(operator);
        if let Some(text) = &self.description {
            alarm = alarm.alarm_description(text.as_str());
        }
        let alarm = apply(&mut self.customize_alarm, alarm);
        let alarm_id = format!("{id}{level}{}Alarm", self.metric.id_word());
        (policy, stack.add(&alarm_id, alarm))
    }
}

fn dimension(name: &str, value: impl IntoValue<String>) -> Dimension {
    Dimension::new(DimensionRequired { name, value })
}
