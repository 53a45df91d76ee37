//! A task run on a schedule: an EventBridge rule whose target runs an ECS task definition on a
//! cluster, and the role EventBridge assumes to start it.

use std::marker::PhantomData;

use crate::cfn::ec2::CfnSecurityGroup;
use crate::cfn::events::CfnRule;
use crate::cfn::events::rule::{
    AwsVpcConfiguration, AwsVpcConfigurationAssignPublicIp, AwsVpcConfigurationRequired,
    EcsParameters, EcsParametersLaunchType as RuleLaunchType, EcsParametersRequired,
    NetworkConfiguration, State, Target, TargetRequired,
};
use crate::cfn::iam::CfnRole;
use crate::customize::{Customize, apply};
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Handle, Resource, Symbol};
use crate::stack::Stack;

use super::cluster::{Ec2Capacity, EcsCluster, Network};
use super::launch::{Ec2, Fargate, LaunchType};
use super::task_definition::TaskDefinitionHandle;

/// When a scheduled task runs: an EventBridge schedule expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule(String);

impl Schedule {
    /// Every `minutes` minutes: `rate(N minutes)` (`rate(1 minute)` for one).
    pub fn every_minutes(minutes: u32) -> Self {
        Schedule::rate(minutes, "minute")
    }

    /// Every `hours` hours: `rate(N hours)`.
    pub fn every_hours(hours: u32) -> Self {
        Schedule::rate(hours, "hour")
    }

    /// Every `days` days: `rate(N days)`.
    pub fn every_days(days: u32) -> Self {
        Schedule::rate(days, "day")
    }

    /// A cron expression of six fields in UTC, such as `0 3 * * ? *` (03:00 every day):
    /// `cron(…)`.
    pub fn cron(fields: &str) -> Self {
        Schedule(format!("cron({fields})"))
    }

    fn rate(count: u32, unit: &str) -> Self {
        let plural = if count == 1 { "" } else { "s" };
        Schedule(format!("rate({count} {unit}{plural})"))
    }

    /// The expression, such as `rate(5 minutes)`.
    pub fn expression(&self) -> &str {
        &self.0
    }
}

/// A task definition run on a schedule, on EC2 ([`ScheduledTask::<Ec2>::new`]) or Fargate
/// ([`ScheduledTask::<Fargate>::new`]). Logical IDs derive from the id given to `add`:
/// `{id}Schedule` (the `AWS::Events::Rule`) and `{id}ScheduleRole`.
///
/// ```
/// use ecs_dsl::ecs::{Container, FargateCluster, FargateSize, Network, Schedule, ScheduledTask, TaskDefinition};
/// use ecs_dsl::prelude::*;
///
/// let mut stack = Stack::new();
/// let cluster = FargateCluster::new(&Network::new("vpc-1", vec!["subnet-1"])).add(&mut stack, "App");
/// let report = TaskDefinition::fargate("report", FargateSize::cpu_units(256).memory_mib(512))
///     .container(Container::new("report", "busybox"))
///     .add(&mut stack, "ReportTask");
/// let nightly = ScheduledTask::<ecs_dsl::ecs::Fargate>::new(&cluster, &report, Schedule::cron("0 3 * * ? *"))
///     .add(&mut stack, "NightlyReport");
/// assert_eq!(nightly.rule.logical_id(), "NightlyReportSchedule");
/// ```
pub struct ScheduledTask<L: LaunchType> {
    cluster: Handle<crate::cfn::ecs::CfnCluster>,
    network: Network,
    task: Handle<crate::cfn::ecs::CfnTaskDefinition>,
    schedule: Schedule,
    task_count: u32,
    enabled: bool,
    description: Option<String>,
    security_groups: Vec<Handle<CfnSecurityGroup>>,
    depends_on: Vec<Symbol>,
    customize_rule: Customize<CfnRule>,
    customize_role: Customize<CfnRole>,
    launch: PhantomData<L>,
}

/// The resources a [`ScheduledTask`] added.
#[derive(Clone, Debug)]
pub struct ScheduledTaskHandles {
    /// The EventBridge rule.
    pub rule: Handle<CfnRule>,
    /// The role EventBridge assumes to run the task.
    pub role: Handle<CfnRole>,
}

impl ScheduledTask<Ec2> {
    /// Runs `task` on `cluster`'s instances on `schedule`.
    pub fn new(
        cluster: &impl Ec2Capacity,
        task: &TaskDefinitionHandle<Ec2>,
        schedule: Schedule,
    ) -> Self {
        ScheduledTask::with(cluster, task, schedule)
    }
}

impl ScheduledTask<Fargate> {
    /// Runs `task` on Fargate in `cluster` (in its network, with a public IP so the task can
    /// pull its image without a NAT gateway) on `schedule`.
    pub fn new(
        cluster: &impl EcsCluster,
        task: &TaskDefinitionHandle<Fargate>,
        schedule: Schedule,
    ) -> Self {
        ScheduledTask::with(cluster, task, schedule)
    }

    /// The security groups of the task. Default: the VPC's default group.
    /// Sets `NetworkConfiguration.AwsVpcConfiguration.SecurityGroups`.
    #[must_use]
    pub fn security_group(mut self, group: &Handle<CfnSecurityGroup>) -> Self {
        self.security_groups.push(group.clone());
        self
    }
}

impl<L: LaunchType> ScheduledTask<L> {
    fn with(cluster: &impl EcsCluster, task: &TaskDefinitionHandle<L>, schedule: Schedule) -> Self {
        ScheduledTask {
            cluster: cluster.cluster().clone(),
            network: cluster.network().clone(),
            task: task.handle().clone(),
            schedule,
            task_count: 1,
            enabled: true,
            description: None,
            security_groups: Vec::new(),
            depends_on: Vec::new(),
            customize_rule: Vec::new(),
            customize_role: Vec::new(),
            launch: PhantomData,
        }
    }

    /// How many tasks each run starts. Default: 1. Sets `EcsParameters.TaskCount`.
    #[must_use]
    pub fn task_count(mut self, count: u32) -> Self {
        self.task_count = count;
        self
    }

    /// Creates the rule switched off. Default: on. Sets `State: DISABLED`.
    #[must_use]
    pub fn disabled(mut self) -> Self {
        self.enabled = false;
        self
    }

    /// What the schedule is for. Sets `Description`.
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    /// Creates the rule and its role only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.depends_on.push(other.symbol().clone());
        self
    }

    /// The generated rule, applied after the builder's settings.
    #[must_use]
    pub fn customize_rule(mut self, f: impl FnOnce(CfnRule) -> CfnRule + 'static) -> Self {
        self.customize_rule.push(Box::new(f));
        self
    }

    /// The generated role, applied after the builder's settings.
    #[must_use]
    pub fn customize_role(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize_role.push(Box::new(f));
        self
    }

    /// Adds the rule and its role to `stack`, their logical IDs starting with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> ScheduledTaskHandles {
        let role = apply(
            &mut self.customize_role,
            run_task_role(&self.task, &self.cluster).into_cfn(),
        );
        let role = stack.add(
            &format!("{id}ScheduleRole"),
            with_depends_on(role, &self.depends_on),
        );
        let mut ecs = EcsParameters::new(EcsParametersRequired {
            task_definition_arn: &self.task,
        })
        .task_count(i64::from(self.task_count));
        ecs = if L::AWSVPC {
            let mut vpc = AwsVpcConfiguration::new(AwsVpcConfigurationRequired {
                subnets: self.network.subnets.clone(),
            })
            .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Enabled);
            if !self.security_groups.is_empty() {
                let groups: Vec<_> = self
                    .security_groups
                    .iter()
                    .map(|g| g.attr_group_id())
                    .collect();
                vpc = vpc.security_groups(groups);
            }
            ecs.launch_type(RuleLaunchType::Fargate)
                .network_configuration(NetworkConfiguration::new().aws_vpc_configuration(vpc))
        } else {
            ecs.launch_type(RuleLaunchType::Ec2)
        };
        let target = Target::new(TargetRequired {
            arn: self.cluster.attr_arn(),
            id: "EcsTask",
        })
        .role_arn(role.attr_arn())
        .ecs_parameters(ecs);
        let mut rule = CfnRule::new()
            .schedule_expression(self.schedule.expression())
            .state(if self.enabled {
                State::Enabled
            } else {
                State::Disabled
            })
            .targets(vec![target]);
        if let Some(text) = &self.description {
            rule = rule.description(text.as_str());
        }
        let rule = apply(&mut self.customize_rule, rule);
        let rule = stack.add(
            &format!("{id}Schedule"),
            with_depends_on(rule, &self.depends_on),
        );
        ScheduledTaskHandles { rule, role }
    }
}

/// EventBridge may run this task definition on this cluster, and pass the task's roles to ECS
/// (only to ECS tasks).
fn run_task_role(
    task: &Handle<crate::cfn::ecs::CfnTaskDefinition>,
    cluster: &Handle<crate::cfn::ecs::CfnCluster>,
) -> ServiceRole {
    let policy = PolicyDocument::new()
        .statement(Statement::allow(["ecs:RunTask"]).resource(task).condition(
            "ArnEquals",
            "ecs:cluster",
            cluster.attr_arn(),
        ))
        .statement(Statement::allow(["iam:PassRole"]).resource("*").condition(
            "StringLike",
            "iam:PassedToService",
            "ecs-tasks.amazonaws.com",
        ));
    ServiceRole::new("events.amazonaws.com").inline_policy("RunScheduledTask", policy)
}

fn with_depends_on<R: Resource>(mut resource: R, depends_on: &[Symbol]) -> R {
    resource
        .body_mut()
        .attributes
        .depends_on
        .extend(depends_on.iter().cloned());
    resource
}
