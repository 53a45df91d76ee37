//! A web service on Fargate behind an Application Load Balancer — the stack a newcomer reaches for
//! first: one container, a generated API token passed in as a secret, an execution role (pull the
//! image, write logs, read the secret) and a task role (what the app itself may do).
//!
//! `cargo run --example fargate_web_app` prints the template.

use std::process::ExitCode;

use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::secretsmanager::CfnSecret;
use ecs_dsl::cfn::secretsmanager::secret::GenerateSecretString;
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, FargateCluster, FargateService, FargateSize, Listener,
    Network, SecretValue, TargetGroup, TaskDefinition,
};
use ecs_dsl::iam::{PolicyDocument, ServiceRole, Statement};
use ecs_dsl::prelude::*;

/// The stack's parameters.
#[derive(StackParameters)]
struct Parameters {
    /// The container image to run
    #[parameter(default = "public.ecr.aws/nginx/nginx:stable")]
    image: Parameter<String>,
    /// How many tasks to run
    #[parameter(default = 2, min_value = 1, max_value = 10)]
    desired_count: Parameter<i64>,
    /// Public subnets for the load balancer and the tasks
    subnets: Parameter<Vec<SubnetId>>,
    /// The VPC of those subnets
    vpc_id: Parameter<VpcId>,
}

/// The whole stack.
fn fargate_web_app() -> Stack {
    let mut stack = Stack::new();
    stack.description("A web service on Fargate behind an Application Load Balancer");
    let p = Parameters::declare(&mut stack);

    let network = Network::new(&p.vpc_id, &p.subnets);
    let cluster = FargateCluster::new(&network).add(&mut stack, "Web");
    let logs = stack.add(
        "WebLogGroup",
        CfnLogGroup::new()
            .log_group_name(sub!("/${AWS::StackName}/web"))
            .retention_in_days(14),
    );
    let api_token = stack.add(
        "WebApiToken",
        CfnSecret::new()
            .description("API token of the web service")
            .generate_secret_string(
                GenerateSecretString::new()
                    .password_length(40)
                    .exclude_punctuation(true),
            ),
    );

    let execution_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .managed_policy(sub!(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ))
        .inline_policy(
            "ReadApiToken",
            PolicyDocument::new().statement(
                Statement::allow(["secretsmanager:GetSecretValue"]).resource(&api_token),
            ),
        )
        .add(&mut stack, "WebTaskExecutionRole");
    let task_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .inline_policy(
            "PublishMetrics",
            PolicyDocument::new()
                .statement(Statement::allow(["cloudwatch:PutMetricData"]).resource("*")),
        )
        .add(&mut stack, "WebTaskRole");

    let size = FargateSize::cpu_units(512).memory_mib(1024);
    let task_definition = TaskDefinition::fargate(sub!("${AWS::StackName}-web"), size)
        .execution_role(execution_role.attr_arn())
        .task_role(task_role.attr_arn())
        .container(
            Container::new("web", &p.image)
                .port(80)
                .env("LOG_LEVEL", "info")
                .secret("API_TOKEN", SecretValue::arn(&api_token))
                .log_to(&logs, "web"),
        )
        .add(&mut stack, "WebTaskDefinition");

    let target_group = TargetGroup::http(&network, task_definition.container("web").port(80))
        .add(&mut stack, "WebServiceTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(Listener::http(80).forward(&target_group))
        .add(&mut stack, "Web");
    FargateService::new(&cluster, &task_definition)
        .desired_count(&p.desired_count)
        .maximum_percent(200)
        .minimum_healthy_percent(100)
        .load_balancer(&alb, &target_group)
        .add(&mut stack, "Web");

    stack.output(
        "Url",
        Output::new(sub!("http://${alb.load_balancer.DNSName}"))
            .description("The service's address"),
    );
    stack
}

fn main() -> ExitCode {
    ecs_dsl::cli::run(&fargate_web_app())
}
