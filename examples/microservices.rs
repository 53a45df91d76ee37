//! Microservices on Fargate: a web front end and an API behind one shared Application Load
//! Balancer (path rules with priorities), a worker without a load balancer, and Service Connect
//! between them (`http://api:8080` from the web and the worker). The web front end deploys with
//! ECS's native blue/green: a green target group beside the blue one, a test listener on port
//! 8080, five minutes of bake time. A nightly report runs as a scheduled task: an EventBridge
//! rule that starts the task on the cluster at 03:00 UTC, with the role EventBridge needs.
//!
//! `cargo run --example microservices --features events` prints the template.

use std::process::ExitCode;

use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, Fargate, FargateCluster, FargateService, FargateSize,
    Listener, ListenerRule, Network, Schedule, ScheduledTask, ServiceConnect, ServiceConnectPort,
    TargetGroup, TaskDefinition,
};
use ecs_dsl::iam::ServiceRole;
use ecs_dsl::prelude::*;

/// The Cloud Map namespace of Service Connect, created by ECS with the cluster.
const NAMESPACE: &str = "internal";

/// The stack's parameters.
#[derive(StackParameters)]
struct Parameters {
    /// The image of the web front end
    #[parameter(default = "public.ecr.aws/nginx/nginx:stable")]
    web_image: Parameter<String>,
    /// The image of the API and the worker
    #[parameter(default = "public.ecr.aws/docker/library/python:3.12-slim")]
    api_image: Parameter<String>,
    /// Public subnets for the load balancer and the tasks
    application_subnets: Parameter<Vec<SubnetId>>,
    /// The VPC of those subnets
    vpc_id: Parameter<VpcId>,
}

/// The whole stack.
fn microservices() -> Stack {
    let mut stack = Stack::new();
    stack
        .description("Microservices on Fargate: a shared load balancer, Service Connect, a worker");
    let p = Parameters::declare(&mut stack);

    let network = Network::new(&p.vpc_id, &p.application_subnets);
    let cluster = FargateCluster::new(&network)
        .service_connect_namespace(NAMESPACE)
        .add(&mut stack, "Apps");
    let logs = stack.add(
        "AppsLogGroup",
        CfnLogGroup::new()
            .log_group_name(sub!("/${AWS::StackName}/apps"))
            .retention_in_days(14),
    );
    let execution_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .managed_policy(sub!(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ))
        .add(&mut stack, "AppsTaskExecutionRole");
    let size = FargateSize::cpu_units(256).memory_mib(512);
    let task = |family: &str, container: Container| {
        TaskDefinition::fargate(family, size)
            .execution_role(execution_role.attr_arn())
            .container(container.log_to(&logs, family))
    };

    let web = task(
        "web",
        Container::new("web", &p.web_image).named_port("web", 80),
    )
    .add(&mut stack, "WebTaskDefinition");
    let api = task(
        "api",
        Container::new("api", &p.api_image)
            .named_port("api", 8080)
            .command(["python3", "-m", "http.server", "8080"]),
    )
    .add(&mut stack, "ApiTaskDefinition");
    let worker = task(
        "worker",
        Container::new("worker", &p.api_image)
            .env("API_URL", "http://api:8080")
            .command(["python3", "-c", "import time; time.sleep(10 ** 9)"]),
    )
    .add(&mut stack, "WorkerTaskDefinition");
    let report = task(
        "report",
        Container::new("report", &p.api_image).command(["python3", "-c", "print('report')"]),
    )
    .add(&mut stack, "ReportTaskDefinition");

    let web_blue = TargetGroup::http(&network, web.container("web").port(80))
        .add(&mut stack, "WebBlueTargetGroup");
    let web_green = TargetGroup::http(&network, web.container("web").port(80))
        .add(&mut stack, "WebGreenTargetGroup");
    let api_group = TargetGroup::http(&network, api.container("api").port(8080))
        .health_check_path("/")
        .add(&mut stack, "ApiTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(
            Listener::http(80)
                .rule(ListenerRule::new(10, &api_group).path_pattern("/api/*"))
                .rule(
                    ListenerRule::new(20, &web_blue)
                        .path_pattern("/*")
                        .alternate(&web_green),
                ),
        )
        .listener(
            Listener::http(8080).for_test_traffic().rule(
                ListenerRule::new(20, &web_blue)
                    .path_pattern("/*")
                    .alternate(&web_green),
            ),
        )
        .add(&mut stack, "Public");

    FargateService::new(&cluster, &web)
        .desired_count(2)
        .blue_green(5)
        .load_balancer(&alb, &web_blue)
        .service_connect(ServiceConnect::new(NAMESPACE))
        .add(&mut stack, "Web");
    FargateService::new(&cluster, &api)
        .desired_count(2)
        .load_balancer(&alb, &api_group)
        .service_connect(ServiceConnect::new(NAMESPACE).serve(
            ServiceConnectPort::new(api.container("api").port(8080)).client_alias("api", 8080),
        ))
        .add(&mut stack, "Api");
    FargateService::new(&cluster, &worker)
        .desired_count(1)
        .service_connect(ServiceConnect::new(NAMESPACE))
        .add(&mut stack, "Worker");
    ScheduledTask::<Fargate>::new(&cluster, &report, Schedule::cron("0 3 * * ? *"))
        .description("The nightly report")
        .add(&mut stack, "NightlyReport");

    stack.output(
        "Url",
        Output::new(sub!("http://${alb.load_balancer.DNSName}"))
            .description("The web front end; /api/* reaches the API"),
    );
    stack
}

fn main() -> ExitCode {
    ecs_dsl::cli::run(&microservices())
}
