//! "Run an ECS task during deployment": a Lambda function that runs a task definition on a
//! cluster, waits for it to stop and answers CloudFormation with its exit codes. The book uses it
//! to run database migrations before the service starts.

use crate::cfn::cloudformation::CfnCustomResource;
use crate::cfn::ecs::{CfnCluster, CfnTaskDefinition};
use crate::cfn::iam::CfnRole;
use crate::cfn::lambda::CfnFunction;
use crate::cfn::lambda::function::{CfnFunctionRequired, Code, Runtime};
use crate::cfn::logs::CfnLogGroup;
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Handle, Pseudo, Resource, Sub, Symbol};
use crate::stack::Stack;
use crate::template::ResourceOptions;

use super::CustomResource;

/// The handler's source, shipped inline (`ZipFile`), so the stack needs no S3 bucket.
const HANDLER_SOURCE: &str = include_str!("run_task_handler.py");

/// The custom resource type of a task run.
const RUN_TASK_TYPE: &str = "Custom::EcsTask";

/// Seconds the function may run; the handler's waiter gives up before this.
const TIMEOUT_SECONDS: i64 = 300;

/// The task runner: a function, its role and its log group. Logical IDs: `{id}`, `{id}Role`,
/// `{id}LogGroup`.
#[derive(Clone, Debug)]
pub struct EcsTaskRunner {
    id: String,
    cluster: Handle<CfnCluster>,
    passed_roles: Vec<Handle<CfnRole>>,
}

/// The resources an [`EcsTaskRunner`] added.
#[derive(Clone, Debug)]
pub struct EcsTaskRunnerHandles {
    /// The Lambda function.
    pub function: Handle<CfnFunction>,
    /// Its execution role.
    pub role: Handle<CfnRole>,
    /// Its log group (7 days).
    pub log_group: Handle<CfnLogGroup>,
}

impl EcsTaskRunner {
    /// A runner of tasks on `cluster`.
    pub fn new(id: &str, cluster: &Handle<CfnCluster>) -> Self {
        EcsTaskRunner {
            id: id.to_owned(),
            cluster: cluster.clone(),
            passed_roles: Vec::new(),
        }
    }

    /// Lets the runner start tasks whose definitions use `role` (an execution or task role):
    /// ECS requires `iam:PassRole` for it.
    #[must_use]
    pub fn pass_role(mut self, role: &Handle<CfnRole>) -> Self {
        self.passed_roles.push(role.clone());
        self
    }

    /// Adds the function, its role and its log group to `stack`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack) -> EcsTaskRunnerHandles {
        let id = &self.id;
        let function_name = Sub::new().var(&Pseudo::StackName).text("-ecsTasks").build();
        let log_group = stack.add(
            &format!("{id}LogGroup"),
            CfnLogGroup::new()
                .log_group_name(
                    Sub::new()
                        .text("/aws/lambda/")
                        .var(&Pseudo::StackName)
                        .text("-ecsTasks")
                        .build(),
                )
                .retention_in_days(7),
        );
        let role = self.role(&log_group).add(stack, &format!("{id}Role"));
        let function = CfnFunction::new(CfnFunctionRequired {
            code: Code::new().zip_file(HANDLER_SOURCE),
            role: role.attr_arn(),
        })
        .function_name(function_name)
        .description(
            Sub::new()
                .var(&Pseudo::StackName)
                .text(" ECS Task Runner")
                .build(),
        )
        .handler("index.handler")
        .memory_size(128)
        .runtime(Runtime::Python3_12)
        .timeout(TIMEOUT_SECONDS)
        .depends_on(&log_group);
        let function = stack.add(id, function);
        EcsTaskRunnerHandles {
            function,
            role,
            log_group,
        }
    }

    fn role(&self, log_group: &Handle<CfnLogGroup>) -> ServiceRole {
        let mut policy = PolicyDocument::new()
            .statement(
                Statement::allow(["ecs:DescribeTasks", "ecs:ListTasks", "ecs:RunTask"])
                    .sid("EcsTasks")
                    .resource("*")
                    .condition("ArnEquals", "ecs:cluster", self.cluster.attr_arn()),
            )
            .statement(
                Statement::allow(["logs:CreateLogStream", "logs:PutLogEvents"])
                    .sid("ManageLambdaLogs")
                    .resource(log_group.attr_arn()),
            );
        for role in &self.passed_roles {
            policy = policy.statement(
                Statement::allow(["iam:PassRole"])
                    .sid("PassTaskRoles")
                    .resource(role.attr_arn()),
            );
        }
        ServiceRole::new("lambda.amazonaws.com").inline_policy("EcsTaskRunnerPermissions", policy)
    }
}

impl EcsTaskRunnerHandles {
    /// Runs `task_definition` on `cluster` once, when the stack is created (and again when the
    /// task definition changes); the stack fails if the task exits non-zero.
    pub fn run(
        &self,
        cluster: &Handle<CfnCluster>,
        task_definition: &Handle<CfnTaskDefinition>,
    ) -> RunTask {
        let resource = CustomResource::new(RUN_TASK_TYPE, self.function.attr_arn())
            .property("Cluster", cluster)
            .property("TaskDefinition", task_definition);
        RunTask {
            resource: resource.into_cfn(),
            after: Vec::new(),
        }
    }
}

/// One task run, as a custom resource.
#[derive(Clone, Debug)]
pub struct RunTask {
    resource: CfnCustomResource,
    after: Vec<Symbol>,
}

impl RunTask {
    /// Runs the task only after `other` exists (capacity to run on, a database to migrate).
    #[must_use]
    pub fn after<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.after.push(other.symbol().clone());
        self
    }

    /// Adds the run to `stack` under `logical_id`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> Handle<CfnCustomResource> {
        let mut resource = self.resource;
        resource.body_mut().attributes.depends_on.extend(self.after);
        stack.add(logical_id, resource)
    }
}
