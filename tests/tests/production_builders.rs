//! The production builders written as a user would: an EC2 cluster with a capacity provider,
//! a rolling update, the user's own instance set-up and SSH; instance draining; a scheduled task
//! on EC2 and on Fargate; databases on PostgreSQL and Aurora, with a password from another
//! secret. The whole stack passes our checks and cfn-lint, and for each builder what the user
//! sets through `customize_*` is kept, never overwritten by the builder.

use ecs_dsl::cfn::secretsmanager::CfnSecret;
use ecs_dsl::ecs::{
    Container, Ec2, Ec2Cluster, Ec2ClusterHandles, Fargate, FargateCluster, FargateSize,
    InstanceDraining, Network, Schedule, ScheduledTask, TaskDefinition,
};
use ecs_dsl::prelude::*;
use ecs_dsl::rds::{DatabaseInstance, Engine};
use ecs_dsl::synth::{Format, render};
use ecs_dsl::template::{InitCommand, UpdatePolicy};
use ecs_dsl_tests::oracle::{Level, LintReport, ScratchDir, cfn_lint, oracle_cfn_lint};
use serde_json::{Value, json};

const VPC: &str = "vpc-0123456789abcdef0";

fn network() -> Network {
    Network::new(
        VPC,
        vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    )
}

fn json_of(stack: &Stack) -> Value {
    let text = render(&stack.to_template().expect("synth"), Format::Json).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn cluster(stack: &mut Stack) -> Ec2ClusterHandles {
    Ec2Cluster::new(&network(), "ami-0123456789abcdef0")
        .min_size(1)
        .max_size(4)
        .capacity_provider(90)
        .rolling_update(1)
        .init_command(
            "20_tune",
            InitCommand::new("sysctl -w net.core.somaxconn=1024"),
        )
        .user_data_line("echo ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config")
        .key_pair("admin")
        .ssh_from("203.0.113.0/24")
        .add(stack, "App")
}

/// Every builder of this file in one stack.
fn production_stack() -> Stack {
    let mut stack = Stack::new();
    let ec2 = cluster(&mut stack);
    InstanceDraining::new(&ec2).add(&mut stack, "Lifecycle");
    let report = TaskDefinition::new("report")
        .container(Container::new("report", "busybox").memory_reservation_mib(64))
        .add(&mut stack, "ReportTask");
    ScheduledTask::<Ec2>::new(&ec2, &report, Schedule::every_hours(6))
        .description("report every six hours")
        .add(&mut stack, "Report");
    let fargate = FargateCluster::new(&network()).add(&mut stack, "Batch");
    let cleanup = TaskDefinition::fargate("cleanup", FargateSize::cpu_units(256).memory_mib(512))
        .container(Container::new("cleanup", "busybox"))
        .add(&mut stack, "CleanupTask");
    ScheduledTask::<Fargate>::new(&fargate, &cleanup, Schedule::cron("0 3 * * ? *"))
        .task_count(2)
        .add(&mut stack, "Cleanup");
    DatabaseInstance::new(Engine::postgres("17.4"), VPC, network_subnets())
        .allocated_storage_gib(20)
        .allow_from("App", &ec2.security_group)
        .add(&mut stack, "Reports");
    let shared = stack.add(
        "SharedCredentials",
        CfnSecret::new().generate_secret_string(
            ecs_dsl::cfn::secretsmanager::secret::GenerateSecretString::new()
                .secret_string_template(r#"{"username":"app"}"#)
                .generate_string_key("pw")
                .exclude_punctuation(true),
        ),
    );
    DatabaseInstance::new(Engine::aurora_postgresql("16.4"), VPC, network_subnets())
        .instance_class("db.r6g.large")
        .master_password_secret(&shared, "pw")
        .add(&mut stack, "Orders");
    stack
}

fn network_subnets() -> Vec<&'static str> {
    vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

#[test]
fn the_production_stack_passes_our_checks_and_cfn_lint() {
    let stack = production_stack();
    let findings = ecs_dsl::cli::check(&stack).1;
    assert!(findings.is_empty(), "{findings}");
    if oracle_cfn_lint().is_none() {
        return;
    }
    let template = stack.to_template().unwrap();
    let dir = ScratchDir::new("production-builders-lint");
    let json = dir.write("prod.json", &render(&template, Format::Json).unwrap());
    let yaml = dir.write("prod.yaml", &render(&template, Format::Yaml).unwrap());
    let Some(report) = cfn_lint(&[&json, &yaml]) else {
        return;
    };
    let found = report.at_least(Level::Warning);
    assert!(found.is_empty(), "{}", LintReport::render(&found));
}

#[test]
fn the_cluster_has_a_capacity_provider_a_rolling_update_and_the_users_set_up() {
    let t = json_of(&production_stack());
    let r = &t["Resources"];
    let provider = &r["AppCapacityProvider"]["Properties"]["AutoScalingGroupProvider"];
    assert_eq!(
        provider["AutoScalingGroupArn"],
        json!({"Ref": "AppAutoscaling"})
    );
    assert_eq!(provider["ManagedScaling"]["TargetCapacity"], 90);
    assert_eq!(provider["ManagedTerminationProtection"], "ENABLED");
    assert_eq!(provider["ManagedDraining"], "ENABLED");
    let associations = &r["AppClusterCapacityProviderAssociations"]["Properties"];
    assert_eq!(associations["Cluster"], json!({"Ref": "AppCluster"}));
    assert_eq!(
        associations["DefaultCapacityProviderStrategy"],
        json!([{"CapacityProvider": {"Ref": "AppCapacityProvider"}, "Weight": 1}])
    );
    let group = &r["AppAutoscaling"];
    assert_eq!(
        group["Properties"]["NewInstancesProtectedFromScaleIn"],
        true
    );
    let rolling = &group["UpdatePolicy"]["AutoScalingRollingUpdate"];
    assert_eq!(rolling["MinInstancesInService"], 1);
    assert_eq!(rolling["WaitOnResourceSignals"], true);
    let template = &r["AppAutoscalingLaunchTemplate"];
    let commands = &template["Metadata"]["AWS::CloudFormation::Init"]["config"]["commands"];
    assert_eq!(
        commands["20_tune"]["command"],
        "sysctl -w net.core.somaxconn=1024"
    );
    let data = &template["Properties"]["LaunchTemplateData"];
    assert_eq!(data["KeyName"], "admin");
    let script = data["UserData"]["Fn::Base64"]["Fn::Sub"].as_str().unwrap();
    let user_line = script.find("ECS_ENABLE_SPOT_INSTANCE_DRAINING").unwrap();
    assert!(user_line < script.find("cfn-init").unwrap(), "{script}");
    let ssh = &r["AppAutoscalingSecurityGroup"]["Properties"]["SecurityGroupIngress"];
    assert_eq!(ssh[0]["FromPort"], 22);
    assert_eq!(ssh[0]["CidrIp"], "203.0.113.0/24");
}

#[test]
fn scheduled_tasks_run_on_ec2_and_on_fargate_with_their_role() {
    let t = json_of(&production_stack());
    let r = &t["Resources"];
    let rule = &r["ReportSchedule"]["Properties"];
    assert_eq!(rule["ScheduleExpression"], "rate(6 hours)");
    assert_eq!(rule["State"], "ENABLED");
    let target = &rule["Targets"][0];
    assert_eq!(target["Arn"], json!({"Fn::GetAtt": ["AppCluster", "Arn"]}));
    assert_eq!(
        target["RoleArn"],
        json!({"Fn::GetAtt": ["ReportScheduleRole", "Arn"]})
    );
    assert_eq!(target["EcsParameters"]["LaunchType"], "EC2");
    assert_eq!(
        target["EcsParameters"]["TaskDefinitionArn"],
        json!({"Ref": "ReportTask"})
    );
    let policy = &r["ReportScheduleRole"]["Properties"]["Policies"][0]["PolicyDocument"];
    let actions: Vec<&Value> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["Action"][0])
        .collect();
    assert_eq!(actions, [&json!("ecs:RunTask"), &json!("iam:PassRole")]);
    let cleanup = &r["CleanupSchedule"]["Properties"];
    assert_eq!(cleanup["ScheduleExpression"], "cron(0 3 * * ? *)");
    let ecs = &cleanup["Targets"][0]["EcsParameters"];
    assert_eq!(ecs["LaunchType"], "FARGATE");
    assert_eq!(ecs["TaskCount"], 2);
    assert_eq!(
        ecs["NetworkConfiguration"]["AwsVpcConfiguration"]["AssignPublicIp"],
        "ENABLED"
    );
}

#[test]
fn schedules_are_written_as_eventbridge_expects() {
    assert_eq!(Schedule::every_minutes(1).expression(), "rate(1 minute)");
    assert_eq!(Schedule::every_minutes(5).expression(), "rate(5 minutes)");
    assert_eq!(Schedule::every_days(1).expression(), "rate(1 day)");
}

#[test]
fn databases_on_postgresql_and_aurora_with_a_password_from_another_secret() {
    let t = json_of(&production_stack());
    let r = &t["Resources"];
    let reports = &r["ReportsDatabase"]["Properties"];
    assert_eq!(reports["Engine"], "postgres");
    assert_eq!(
        r["AppToReportsDatabaseIngress"]["Properties"]["FromPort"],
        5432
    );
    assert_eq!(
        reports["MasterUserPassword"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${ReportsDatabaseSecret}:SecretString:password}}"})
    );
    let cluster = &r["OrdersDatabaseCluster"]["Properties"];
    assert_eq!(cluster["Engine"], "aurora-postgresql");
    assert_eq!(
        cluster["MasterUserPassword"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${SharedCredentials}:SecretString:pw}}"})
    );
    assert!(
        r.get("OrdersDatabaseSecret").is_none(),
        "no secret is generated"
    );
    let orders = &r["OrdersDatabase"]["Properties"];
    assert_eq!(
        orders["DBClusterIdentifier"],
        json!({"Ref": "OrdersDatabaseCluster"})
    );
    assert!(orders.get("MasterUserPassword").is_none());
    assert!(orders.get("AllocatedStorage").is_none());
}

#[test]
fn the_database_keeps_a_password_set_through_customize() {
    let mut stack = Stack::new();
    DatabaseInstance::new(Engine::mysql("8.4.7"), VPC, network_subnets())
        .customize_instance(|i| i.master_user_password("{{resolve:ssm-secure:/db/pw:1}}"))
        .add(&mut stack, "Own");
    DatabaseInstance::new(Engine::mysql("8.4.7"), VPC, network_subnets())
        .customize_instance(|i| i.manage_master_user_password(true))
        .add(&mut stack, "Managed");
    DatabaseInstance::new(
        Engine::aurora_mysql("8.0.mysql_aurora.3.08.0"),
        VPC,
        network_subnets(),
    )
    .customize_cluster(|c| c.manage_master_user_password(true).port(3307))
    .add(&mut stack, "Aurora");
    let t = json_of(&stack);
    let r = &t["Resources"];
    assert_eq!(
        r["OwnDatabase"]["Properties"]["MasterUserPassword"],
        "{{resolve:ssm-secure:/db/pw:1}}"
    );
    let managed = &r["ManagedDatabase"]["Properties"];
    assert_eq!(managed["ManageMasterUserPassword"], true);
    assert!(managed.get("MasterUserPassword").is_none(), "{managed}");
    let aurora = &r["AuroraDatabaseCluster"]["Properties"];
    assert_eq!(aurora["ManageMasterUserPassword"], true);
    assert_eq!(aurora["Port"], 3307);
    assert!(aurora.get("MasterUserPassword").is_none(), "{aurora}");
}

#[test]
fn the_cluster_keeps_what_the_user_customizes() {
    let mut stack = Stack::new();
    Ec2Cluster::new(&network(), "ami-0123456789abcdef0")
        .capacity_provider(100)
        .rolling_update(1)
        .key_pair("admin")
        .customize_autoscaling_group(|g| {
            g.new_instances_protected_from_scale_in(false)
                .update_policy(UpdatePolicy::new().auto_scaling_replacing_update(true))
        })
        .customize_launch_template(|t| t.version_description("mine"))
        .customize_capacity_provider(|c| c.name("app-capacity"))
        .customize_capacity_provider_associations(|a| a.capacity_providers(vec!["FARGATE_SPOT"]))
        .add(&mut stack, "App");
    let t = json_of(&stack);
    let r = &t["Resources"];
    let group = &r["AppAutoscaling"];
    assert_eq!(
        group["Properties"]["NewInstancesProtectedFromScaleIn"],
        false
    );
    assert_eq!(
        group["UpdatePolicy"],
        json!({"AutoScalingReplacingUpdate": {"WillReplace": true}})
    );
    assert_eq!(
        r["AppAutoscalingLaunchTemplate"]["Properties"]["VersionDescription"],
        "mine"
    );
    assert_eq!(
        r["AppCapacityProvider"]["Properties"]["Name"],
        "app-capacity"
    );
    assert_eq!(
        r["AppClusterCapacityProviderAssociations"]["Properties"]["CapacityProviders"],
        json!(["FARGATE_SPOT"])
    );
}

#[test]
fn scheduled_tasks_and_draining_keep_what_the_user_customizes() {
    let mut stack = Stack::new();
    let ec2 = Ec2Cluster::new(&network(), "ami-0123456789abcdef0").add(&mut stack, "App");
    let report = TaskDefinition::new("report")
        .container(Container::new("report", "busybox").memory_reservation_mib(64))
        .add(&mut stack, "ReportTask");
    ScheduledTask::<Ec2>::new(&ec2, &report, Schedule::every_hours(1))
        .disabled()
        .customize_rule(|r| {
            r.state(ecs_dsl::cfn::events::rule::State::Enabled)
                .name("mine")
        })
        .customize_role(|r| r.role_name("report-runner"))
        .add(&mut stack, "Report");
    InstanceDraining::new(&ec2)
        .heartbeat_timeout_seconds(600)
        .customize_hook(|h| h.heartbeat_timeout(1200))
        .customize_function(|f| f.timeout(60))
        .customize_log_group(|l| l.retention_in_days(30))
        .add(&mut stack, "Lifecycle");
    let t = json_of(&stack);
    let r = &t["Resources"];
    let rule = &r["ReportSchedule"]["Properties"];
    assert_eq!(rule["State"], "ENABLED");
    assert_eq!(rule["Name"], "mine");
    assert_eq!(rule["ScheduleExpression"], "rate(1 hour)");
    assert_eq!(
        r["ReportScheduleRole"]["Properties"]["RoleName"],
        "report-runner"
    );
    assert_eq!(r["LifecycleHook"]["Properties"]["HeartbeatTimeout"], 1200);
    assert_eq!(r["LifecycleHookFunction"]["Properties"]["Timeout"], 60);
    assert_eq!(
        r["LifecycleHookFunctionLogGroup"]["Properties"]["RetentionInDays"],
        30
    );
}
