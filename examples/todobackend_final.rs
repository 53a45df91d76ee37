//! The final todobackend stack of *Docker in AWS* (the companion repository at its "Add X-Ray
//! support" commit), written with ecs-dsl: chapter 8's stack plus service autoscaling on CPU
//! alarms, ECS-driven cluster capacity, instance draining on scale-in, secrets, a rolling
//! update policy and an X-Ray task role.
//!
//! `cargo run --example todobackend_final --features applicationautoscaling,cloudwatch,sns` prints
//! the template; `-- validate`, `-- synth --format yaml` and `-- list` do what they say.
//!
//! Deliberate differences from the book's template (as in `examples/todobackend.rs`: MySQL 8.4
//! on `db.t3.micro`, Python 3.12, `Custom::EcsTask`, `traffic-port` health checks, a typed AMI
//! parameter, no SSH key):
//! - `ApplicationAutoscalingLaunchTemplate` replaces `ApplicationAutoscalingLaunchConfiguration` (launch configurations are in maintenance mode).
//! - `ApplicationTaskExecutionRole` is new: ECS reads the secrets with it.
//! - `ApplicationCapacityProvider` and `ApplicationClusterCapacityProviderAssociations` (ECS managed scaling, termination protection and draining) replace the book's home-made capacity loop: `EcsCapacityFunction`, `EcsCapacityRole`, `EcsCapacityLogGroup`, `EcsCapacityEvents`, `EcsCapacityPermission`, `ContainerCapacityAlarm`, `IdleHostCapacityAlarm`, `ApplicationAutoscalingScaleOutPolicy`, `ApplicationAutoscalingScaleInPolicy`.
//! - `ApplicationDatabaseSecret` and `ApplicationSecretKey` (Secrets Manager, read by dynamic reference and ECS `Secrets`) replace the `Secrets` custom resource, its `SecretsManager` Lambda, `SecretsManagerRole` and `SecretsManagerLogGroup`, and the KMS key imported from another stack.
//! - `ApplicationService` sets no `DesiredCount`: `ApplicationServiceAutoscalingTarget` owns the task count (a `DesiredCount` would reset it on every deploy, validate `ECS050`).
//! - `ApplicationTaskRole` may write X-Ray traces instead of reading the secrets (the execution role reads them).
//! - The lifecycle-hook Lambda (`LifecycleHookFunction`) is the project's own Python 3.12 code, configured by an `ECS_CLUSTER` variable.

use std::process::ExitCode;

use ecs_dsl::cfn::ec2::subnet::SubnetId;
use ecs_dsl::cfn::ec2::vpc::VpcId;
use ecs_dsl::cfn::logs::CfnLogGroup;
use ecs_dsl::cfn::secretsmanager::CfnSecret;
use ecs_dsl::cfn::secretsmanager::secret::GenerateSecretString;
use ecs_dsl::custom_resource::{EcsTaskRunner, RunTask};
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, Ec2Cluster, Ec2Service, HostDirectory, InstanceDraining,
    Listener, Network, SecretValue, ServiceAutoscaling, ServiceMetric, StepScaling, TargetGroup,
    TaskDefinition, Volume,
};
use ecs_dsl::iam::{PolicyDocument, ServiceRole, Statement};
use ecs_dsl::prelude::*;
use ecs_dsl::rds::{DatabaseInstance, Engine};

/// The stack's parameters; `dev.json` gives their values.
#[derive(StackParameters)]
struct Parameters {
    /// Desired EC2 instance count
    application_desired_count: Parameter<i64>,
    /// ECS Amazon Machine Image (AMI) ID
    application_image_id: Parameter<ImageId>,
    /// Application Docker Image Tag
    #[parameter(default = "latest")]
    application_image_tag: Parameter<String>,
    /// Target subnets for EC2 instances
    application_subnets: Parameter<Vec<SubnetId>>,
    /// Target VPC
    vpc_id: Parameter<VpcId>,
}

/// The whole stack.
fn todobackend_final() -> Stack {
    let mut stack = Stack::new();
    stack.description("Todobackend Application");
    let p = Parameters::declare(&mut stack);

    let network = Network::new(&p.vpc_id, &p.application_subnets);
    let cluster = Ec2Cluster::new(&network, &p.application_image_id)
        .cluster_name(sub!("${AWS::StackName}-cluster"))
        .min_size(0)
        .max_size(4)
        .desired_capacity(&p.application_desired_count)
        .host_directory(HostDirectory::new("/data/public").owner("1000:1000"))
        .capacity_provider(100)
        .rolling_update(1)
        .add(&mut stack, "Application");
    InstanceDraining::new(&cluster).add(&mut stack, "Lifecycle");

    let database = DatabaseInstance::new(Engine::mysql("8.4.7"), &p.vpc_id, &p.application_subnets)
        .instance_class("db.t3.micro")
        .allocated_storage_gib(20)
        .database_name("todobackend")
        .master_username("todobackend")
        .availability_zone(sub!("${AWS::Region}a"))
        .allow_from("Application", &cluster.security_group)
        .add(&mut stack, "Application");

    let secret_key = stack.add(
        "ApplicationSecretKey",
        CfnSecret::new()
            .description("todobackend Django SECRET_KEY")
            .generate_secret_string(
                GenerateSecretString::new()
                    .password_length(50)
                    .exclude_punctuation(true),
            ),
    );
    let log_group = stack.add(
        "ApplicationLogGroup",
        CfnLogGroup::new()
            .log_group_name(sub!("/${AWS::StackName}/ecs/todobackend"))
            .retention_in_days(7),
    );
    let execution_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .managed_policy(sub!(
            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        ))
        .inline_policy(
            "ReadApplicationSecrets",
            PolicyDocument::new().statement(
                Statement::allow(["secretsmanager:GetSecretValue"])
                    .resource(&database.secret)
                    .resource(&secret_key),
            ),
        )
        .add(&mut stack, "ApplicationTaskExecutionRole");
    let task_role = ServiceRole::new("ecs-tasks.amazonaws.com")
        .inline_policy(
            "XRayPermissions",
            PolicyDocument::new().statement(
                Statement::allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"])
                    .resource("*"),
            ),
        )
        .add(&mut stack, "ApplicationTaskRole");

    let image = sub!(
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/docker-in-aws/todobackend:${p.application_image_tag}"
    );
    let release = |name: &str| {
        Container::new(name, image.clone())
            .env("DJANGO_SETTINGS_MODULE", "todobackend.settings_release")
            .log_to(&log_group, "docker")
    };
    let with_database = |container: Container| {
        container
            .env("MYSQL_HOST", database.instance.attr_endpoint_address())
            .env("MYSQL_USER", "todobackend")
            .env("MYSQL_DATABASE", "todobackend")
            .env("AWS_DEFAULT_REGION", sub!("${AWS::Region}"))
            .secret(
                "MYSQL_PASSWORD",
                SecretValue::secrets_manager_key(&database.secret, "password"),
            )
    };

    let application = TaskDefinition::new(sub!("${AWS::StackName}"))
        .execution_role(execution_role.attr_arn())
        .task_role(task_role.attr_arn())
        .volume(Volume::host("public", "/data/public"))
        .container(
            with_database(release("todobackend"))
                .cpu_units(245)
                .memory_reservation_mib(395)
                .port(8000)
                .mount("public", "/public")
                .secret("SECRET_KEY", SecretValue::arn(&secret_key))
                .command([
                    "uwsgi",
                    "--http=0.0.0.0:8000",
                    "--module=todobackend.wsgi",
                    "--master",
                    "--die-on-term",
                    "--processes=4",
                    "--threads=2",
                    "--check-static=/public",
                ]),
        )
        .container(
            release("collectstatic")
                .not_essential()
                .cpu_units(5)
                .memory_reservation_mib(5)
                .mount("public", "/public")
                .command(["python3", "manage.py", "collectstatic", "--no-input"]),
        )
        .add(&mut stack, "ApplicationTaskDefinition");

    let migrate = TaskDefinition::new(sub!("${AWS::StackName}-migrate"))
        .execution_role(execution_role.attr_arn())
        .task_role(task_role.attr_arn())
        .container(
            with_database(release("migrate"))
                .cpu_units(5)
                .memory_reservation_mib(5)
                .env(
                    "AWS_XRAY_DAEMON_ADDRESS",
                    "xray.services.dockerinaws.org:2000",
                )
                .command(["python3", "manage.py", "migrate", "--no-input"]),
        )
        .add(&mut stack, "MigrateTaskDefinition");

    let runner = EcsTaskRunner::new(&cluster.cluster)
        .pass_role(&execution_role)
        .pass_role(&task_role)
        .add(&mut stack, "EcsTaskRunner");
    let migration = RunTask::new(&runner, &migrate)
        .depends_on(&cluster.autoscaling_group)
        .depends_on(&database.instance)
        .add(&mut stack, "MigrateTask");

    let target_group = TargetGroup::http(&network, application.container("todobackend").port(8000))
        .add(&mut stack, "ApplicationServiceTargetGroup");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(Listener::http(80).forward(&target_group))
        .add(&mut stack, "Application");
    let service = Ec2Service::new(&cluster, &application)
        .maximum_percent(200)
        .minimum_healthy_percent(100)
        .load_balancer(&alb, &target_group)
        .depends_on(&cluster.autoscaling_group)
        .depends_on(&log_group)
        .depends_on(&migration)
        .add(&mut stack, "Application");

    let cpu_alarm = |step: StepScaling, text: &str| {
        step.cooldown_seconds(360)
            .evaluation_periods(3)
            .alarm_description(text)
    };
    ServiceAutoscaling::new(&cluster.cluster, &service.service)
        .min_capacity(1)
        .max_capacity(4)
        .dedicated_role()
        .step_scaling(cpu_alarm(
            StepScaling::scale_in(ServiceMetric::Cpu, 20.0),
            "Todobackend Service Low CPU",
        ))
        .step_scaling(cpu_alarm(
            StepScaling::scale_out(ServiceMetric::Cpu, 40.0),
            "Todobackend Service High CPU",
        ))
        .add(&mut stack, "ApplicationService");

    stack.output(
        "PublicURL",
        Output::new(sub!("${alb.load_balancer.DNSName}"))
            .description("Public DNS name of Application Load Balancer"),
    );
    stack
}

fn main() -> ExitCode {
    ecs_dsl::cli::run(&todobackend_final())
}
