//! "Run an ECS task during deployment": a Lambda function that runs a task definition on a
//! cluster, waits for it to stop and answers CloudFormation with its exit codes. The book uses it
//! to run database migrations before the service starts.

use crate::cfn::cloudformation::CfnCustomResource;
use crate::cfn::ecs::{CfnCluster, CfnTaskDefinition};
use crate::cfn::iam::CfnRole;
use crate::cfn::lambda::CfnFunction;
use crate::cfn::lambda::function::{CfnFunctionRequired, Code, Runtime};
use crate::cfn::logs::CfnLogGroup;
use crate::customize::{Customize, apply};
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
/// `{id}LogGroup`, for the id given to [`EcsTaskRunner::add`].
pub struct EcsTaskRunner {
    cluster: Handle<CfnCluster>,
    passed_roles: Vec<Handle<CfnRole>>,
    depends_on: Vec<Symbol>,
    customize_function: Customize<CfnFunction>,
    customize_role: Customize<CfnRole>,
    customize_log_group: Customize<CfnLogGroup>,
}

/// The resources an [`EcsTaskRunner`] added, and the cluster it runs tasks on.
#[derive(Clone, Debug)]
pub struct EcsTaskRunnerHandles {
    /// The Lambda function.
    pub function: Handle<CfnFunction>,
    /// Its execution role.
    pub role: Handle<CfnRole>,
    /// Its log group (7 days).
    pub log_group: Handle<CfnLogGroup>,
    /// The cluster it may run tasks on.
    pub cluster: Handle<CfnCluster>,
}

impl EcsTaskRunner {
    /// A runner of tasks on `cluster` (the only cluster its role may run tasks on).
    pub fn new(cluster: &Handle<CfnCluster>) -> Self {
        EcsTaskRunner {
            cluster: cluster.clone(),
            passed_roles: Vec::new(),
            depends_on: Vec::new(),
            customize_function: Vec::new(),
            customize_role: Vec::new(),
            customize_log_group: Vec::new(),
        }
    }

    /// Lets the runner start tasks whose definitions use `role` (an execution or task role):
    /// ECS requires `iam:PassRole` for it. Adds a statement to the runner role's policy.
    #[must_use]
    pub fn pass_role(mut self, role: &Handle<CfnRole>) -> Self {
        self.passed_roles.push(role.clone());
        self
    }

    /// Creates the runner's resources only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.depends_on.push(other.symbol().clone());
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

    /// The generated role, applied after the builder's settings.
    #[must_use]
    pub fn customize_role(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize_role.push(Box::new(f));
        self
    }

    /// The generated log group, applied after the builder's settings.
    #[must_use]
    pub fn customize_log_group(
        mut self,
        f: impl FnOnce(CfnLogGroup) -> CfnLogGroup + 'static,
    ) -> Self {
        self.customize_log_group.push(Box::new(f));
        self
    }

    /// Adds the function, its role and its log group to `stack`, their logical IDs starting
    /// with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> EcsTaskRunnerHandles {
        let function_name = Sub::new().var(&Pseudo::StackName).text("-ecsTasks").build();
        let log_group = CfnLogGroup::new()
            .log_group_name(
                Sub::new()
                    .text("/aws/lambda/")
                    .var(&Pseudo::StackName)
                    .text("-ecsTasks")
                    .build(),
            )
            .retention_in_days(7);
        let log_group = apply(&mut self.customize_log_group, log_group);
        let log_group = stack.add(&format!("{id}LogGroup"), self.with_depends_on(log_group));
        let role = self.role(&log_group).into_cfn();
        let role = apply(&mut self.customize_role, role);
        let role = stack.add(&format!("{id}Role"), self.with_depends_on(role));
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
        let function = apply(&mut self.customize_function, function);
        let function = stack.add(id, self.with_depends_on(function));
        EcsTaskRunnerHandles {
            function,
            role,
            log_group,
            cluster: self.cluster,
        }
    }

    fn with_depends_on<R: Resource>(&self, mut resource: R) -> R {
        resource
            .body_mut()
            .attributes
            .depends_on
            .extend(self.depends_on.iter().cloned());
        resource
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
        // One statement for every role: statement ids are unique within a policy.
        if !self.passed_roles.is_empty() {
            let pass = self.passed_roles.iter().fold(
                Statement::allow(["iam:PassRole"]).sid("PassTaskRoles"),
                |s, role| s.resource(role.attr_arn()),
            );
            policy = policy.statement(pass);
        }
        ServiceRole::new("lambda.amazonaws.com").inline_policy("EcsTaskRunnerPermissions", policy)
    }
}

/// One run of a task definition during deployment, as a custom resource: run when the stack is
/// created (and again when the task definition changes); the stack fails if the task exits
/// non-zero.
#[derive(Clone, Debug)]
pub struct RunTask(CustomResource);

impl RunTask {
    /// Runs `task_definition` with `runner`, on the runner's cluster.
    pub fn new(runner: &EcsTaskRunnerHandles, task_definition: &Handle<CfnTaskDefinition>) -> Self {
        RunTask(
            CustomResource::new(runner.function.attr_arn())
                .resource_type(RUN_TASK_TYPE)
                .property("Cluster", &runner.cluster)
                .property("TaskDefinition", task_definition),
        )
    }

    /// Runs the task only after `other` exists (capacity to run on, a database to migrate).
    /// Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.0 = self.0.depends_on(other);
        self
    }

    /// The generated resource underneath, for resource attributes this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnCustomResource) -> CfnCustomResource) -> Self {
        self.0 = self.0.customize(f);
        self
    }

    /// Adds the run to `stack` under `logical_id`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> Handle<CfnCustomResource> {
        self.0.add(stack, logical_id)
    }
}
