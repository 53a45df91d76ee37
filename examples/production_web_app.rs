//! A production web service on Fargate: HTTPS with a DNS-validated ACM certificate (or one the
//! stack is given) and an HTTP→HTTPS redirect, a target group health-checking `/health`, tasks spread over on-demand
//! Fargate and Fargate Spot, and deployments that roll back on their own (the circuit breaker,
//! and a CloudWatch alarm on the load balancer's 5xx answers).
//!
//! `cargo run --example production_web_app --features certificatemanager,cloudwatch,applicationautoscaling` prints the
//! template.

use std::process::ExitCode;

use ecs_dsl::cfn::cloudwatch::CfnAlarm;
use ecs_dsl::cfn::cloudwatch::alarm::{
    ComparisonOperator, Dimension, DimensionRequired, Statistic, TreatMissingData,
};
use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, CapacityProviderStrategy, Container, DnsValidatedCertificate,
    FargateCluster, FargateService, FargateSize, Listener, Network, ServiceAutoscaling,
    TargetGroup, TargetTracking, TaskDefinition,
};
use ecs_dsl::iam::ServiceRole;
use ecs_dsl::prelude::*;

/// The stack's parameters.
#[derive(StackParameters)]
struct Parameters {
    /// The container image to run
    #[parameter(default = "public.ecr.aws/nginx/nginx:stable")]
    image: Parameter<String>,
    /// The domain name the service answers on
    #[parameter(default = "app.example.com")]
    domain_name: Parameter<String>,
    /// The Route 53 hosted zone of that domain, where the certificate is validated
    #[parameter(default = "Z0000000000EXAMPLE")]
    hosted_zone_id: Parameter<String>,
    /// The ARN of an existing ACM certificate to use; empty creates a DNS-validated one
    #[parameter(default = "")]
    certificate_arn: Parameter<String>,
    /// Public subnets for the load balancer and the tasks
    application_subnets: Parameter<Vec<SubnetId>>,
    /// The VPC of those subnets
    vpc_id: Parameter<VpcId>,
}

/// The whole stack.
fn production_web_app() -> Stack {
    let mut stack = Stack::new();
    stack.description("A production web service on Fargate behind HTTPS");
    let p = Parameters::declare(&mut stack);

    let network = Network::new(&p.vpc_id, &p.application_subnets);
    let on_demand_first = [
        CapacityProviderStrategy::fargate().base(1),
        CapacityProviderStrategy::fargate_spot().weight(3),
    ];
    let cluster = FargateCluster::new(&network)
        .default_capacity_provider_strategy(on_demand_first.clone())
        .add(&mut stack, "Web");

    let logs = stack.add(
        "WebLogGroup",
        CfnLogGroup::new()
            .log_group_name(sub!("/${AWS::StackName}/web"))
            .retention_in_days(30),
    );
    let execution_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .managed_policy(sub!(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ))
        .add(&mut stack, "WebTaskExecutionRole");
    let size = FargateSize::cpu_units(512).memory_mib(1024);
    let web = TaskDefinition::fargate(sub!("${AWS::StackName}-web"), size)
        .execution_role(execution_role.attr_arn())
        .container(
            Container::new("web", &p.image)
                .port(80)
                .log_to(&logs, "web"),
        )
        .add(&mut stack, "WebTaskDefinition");

    let create_certificate =
        stack.condition("CreateCertificate", Cond::equals(&p.certificate_arn, ""));
    let certificate = DnsValidatedCertificate::new(&p.domain_name)
        .hosted_zone_id(&p.hosted_zone_id)
        .condition(&create_certificate)
        .add(&mut stack, "WebCertificate");
    let certificate_arn = Func::if_(&create_certificate, certificate.ref_(), &p.certificate_arn);
    let target_group = TargetGroup::http(&network, web.container("web").port(80))
        .health_check_path("/health")
        .health_check_codes("200-399")
        .health_check_interval_seconds(15)
        .healthy_threshold_count(2)
        .add(&mut stack, "WebServiceTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(Listener::https(443, certificate_arn).forward(&target_group))
        .listener(Listener::http(80).redirect_to_https())
        .add(&mut stack, "Web");

    let server_errors = stack.add(
        "WebServerErrorsAlarm",
        CfnAlarm::new()
            .alarm_description("The load balancer answers 5xx: roll the deployment back")
            .namespace("AWS/ApplicationELB")
            .metric_name("HTTPCode_Target_5XX_Count")
            .dimensions(vec![Dimension::new(DimensionRequired {
                name: "LoadBalancer",
                value: alb.load_balancer.attr_load_balancer_full_name(),
            })])
            .statistic(Statistic::Sum)
            .period(60)
            .evaluation_periods(2)
            .threshold(10.0)
            .comparison_operator(ComparisonOperator::GreaterThanOrEqualToThreshold)
            .treat_missing_data(TreatMissingData::NotBreaching),
    );

    let service = FargateService::new(&cluster, &web)
        .capacity_provider_strategy(on_demand_first)
        .maximum_percent(200)
        .minimum_healthy_percent(100)
        .rollback_on_alarm(&server_errors)
        .load_balancer(&alb, &target_group)
        .add(&mut stack, "Web");
    // Autoscaling owns the task count: the service leaves `DesiredCount` out.
    ServiceAutoscaling::new(&cluster.cluster, &service.service)
        .min_capacity(2)
        .max_capacity(10)
        .target_tracking(TargetTracking::cpu_percent(60.0))
        .target_tracking(TargetTracking::requests_per_target(
            500.0,
            &alb.load_balancer,
            &target_group.target_group,
        ))
        .add(&mut stack, "Web");

    stack.output(
        "Url",
        Output::new(sub!("https://${p.domain_name}")).description("The service's address"),
    );
    stack.output(
        "LoadBalancerDnsName",
        Output::new(sub!("${alb.load_balancer.DNSName}"))
            .description("Point the domain's alias record here"),
    );
    stack
}

fn main() -> ExitCode {
    ecs_dsl::cli::run(&production_web_app())
}
