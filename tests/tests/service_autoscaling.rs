//! Autoscaling of an ECS service through `ServiceAutoscaling`: the scalable target, target
//! tracking on CPU, memory and ALB requests, step scaling with its alarms; cfn-lint accepts the
//! template; a service that keeps `DesiredCount` under a scalable target is stopped (`ECS050`) at
//! the user's line and in `validate` on the JSON template; and what the user sets through
//! `customize_*` is kept.

use ecs_dsl::cfn::ecs::CfnService;
use ecs_dsl::cfn::elasticloadbalancingv2::{CfnLoadBalancer, CfnTargetGroup};
use ecs_dsl::ecs::{
    ApplicationLoadBalancer, Container, Ec2Cluster, Ec2ClusterHandles, Ec2Service, Listener,
    Network, ServiceAutoscaling, ServiceMetric, StepScaling, TargetGroup, TargetTracking,
    TaskDefinition,
};
use ecs_dsl::prelude::*;
use ecs_dsl::synth::{Format, render};
use ecs_dsl::validate::{template_from_json, validate};
use ecs_dsl_tests::oracle::{Level, LintReport, ScratchDir, cfn_lint, oracle_cfn_lint};
use serde_json::{Value, json};

/// The web service's handles the autoscaling builder takes.
struct Web {
    service: Handle<CfnService>,
    load_balancer: Handle<CfnLoadBalancer>,
    target_group: Handle<CfnTargetGroup>,
}

fn cluster_and_service(stack: &mut Stack) -> (Ec2ClusterHandles, Web) {
    let network = Network::new(
        "vpc-0123456789abcdef0",
        vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    );
    let cluster = Ec2Cluster::new(&network, "ami-0123456789abcdef0")
        .max_size(2)
        .add(stack, "App");
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(256)
                .port(80),
        )
        .add(stack, "AppTaskDefinition");
    let target_group = TargetGroup::http(&network, app.container("web").port(80)).add(stack, "App");
    let alb = ApplicationLoadBalancer::new(&network)
        .listener(Listener::http(80).forward(&target_group))
        .add(stack, "App");
    let service = Ec2Service::new(&cluster, &app)
        .load_balancer(&alb, &target_group)
        .add(stack, "App");
    let web = Web {
        service: service.service,
        load_balancer: alb.load_balancer,
        target_group: target_group.target_group,
    };
    (cluster, web)
}

fn json_of(stack: &Stack) -> Value {
    let text = render(&stack.to_template().expect("synth"), Format::Json).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn scaled_stack() -> Stack {
    let mut stack = Stack::new();
    let (cluster, web) = cluster_and_service(&mut stack);
    ServiceAutoscaling::new(&cluster.cluster, &web.service)
        .min_capacity(1)
        .max_capacity(6)
        .dedicated_role()
        .target_tracking(TargetTracking::cpu_percent(60.0).scale_in_cooldown_seconds(120))
        .target_tracking(TargetTracking::memory_percent(75.0))
        .target_tracking(TargetTracking::requests_per_target(
            500.0,
            &web.load_balancer,
            &web.target_group,
        ))
        .step_scaling(StepScaling::scale_out(ServiceMetric::Cpu, 40.0).cooldown_seconds(360))
        .step_scaling(StepScaling::scale_in(ServiceMetric::Cpu, 20.0).cooldown_seconds(360))
        .add(&mut stack, "AppService");
    stack
}

#[test]
fn the_scalable_target_owns_the_services_desired_count() {
    let t = json_of(&scaled_stack());
    let r = &t["Resources"];
    let target = &r["AppServiceAutoscalingTarget"];
    assert_eq!(
        target["Type"],
        "AWS::ApplicationAutoScaling::ScalableTarget"
    );
    let p = &target["Properties"];
    assert_eq!(p["ServiceNamespace"], "ecs");
    assert_eq!(p["ScalableDimension"], "ecs:service:DesiredCount");
    assert_eq!(p["MinCapacity"], 1);
    assert_eq!(p["MaxCapacity"], 6);
    assert_eq!(
        p["ResourceId"],
        json!({"Fn::Sub": "service/${AppCluster}/${AppService.Name}"})
    );
    assert_eq!(
        p["RoleARN"],
        json!({"Fn::GetAtt": ["AppServiceAutoscalingRole", "Arn"]})
    );
    assert_eq!(r["AppServiceAutoscalingRole"]["Type"], "AWS::IAM::Role");
}

#[test]
fn target_tracking_follows_cpu_memory_and_requests_per_target() {
    let t = json_of(&scaled_stack());
    let r = &t["Resources"];
    let config = |id: &str| {
        let policy = &r[id]["Properties"];
        assert_eq!(policy["PolicyType"], "TargetTrackingScaling", "{id}");
        assert_eq!(
            policy["ScalingTargetId"],
            json!({"Ref": "AppServiceAutoscalingTarget"})
        );
        policy["TargetTrackingScalingPolicyConfiguration"].clone()
    };
    let cpu = config("AppServiceAutoscalingCpuTrackingPolicy");
    assert_eq!(
        cpu["PredefinedMetricSpecification"]["PredefinedMetricType"],
        "ECSServiceAverageCPUUtilization"
    );
    assert_eq!(cpu["TargetValue"], 60.0);
    assert_eq!(cpu["ScaleInCooldown"], 120);
    let memory = config("AppServiceAutoscalingMemoryTrackingPolicy");
    assert_eq!(
        memory["PredefinedMetricSpecification"]["PredefinedMetricType"],
        "ECSServiceAverageMemoryUtilization"
    );
    let requests = config("AppServiceAutoscalingRequestsTrackingPolicy");
    let spec = &requests["PredefinedMetricSpecification"];
    assert_eq!(spec["PredefinedMetricType"], "ALBRequestCountPerTarget");
    assert_eq!(
        spec["ResourceLabel"],
        json!({"Fn::Sub": "${AppLoadBalancer.LoadBalancerFullName}/${AppServiceTargetGroup.TargetGroupFullName}"})
    );
}

#[test]
fn step_scaling_is_driven_by_its_alarms() {
    let t = json_of(&scaled_stack());
    let r = &t["Resources"];
    let out = &r["AppServiceAutoscalingScaleOutPolicy"]["Properties"];
    assert_eq!(out["PolicyType"], "StepScaling");
    let steps = &out["StepScalingPolicyConfiguration"];
    assert_eq!(steps["Cooldown"], 360);
    assert_eq!(
        steps["StepAdjustments"],
        json!([{"ScalingAdjustment": 1, "MetricIntervalLowerBound": 0.0}])
    );
    let high = &r["AppServiceHighCpuAlarm"]["Properties"];
    assert_eq!(
        high["AlarmActions"],
        json!([{"Ref": "AppServiceAutoscalingScaleOutPolicy"}])
    );
    assert_eq!(high["ComparisonOperator"], "GreaterThanThreshold");
    assert_eq!(high["Threshold"], 40.0);
    assert_eq!(high["MetricName"], "CPUUtilization");
    assert_eq!(
        high["Dimensions"],
        json!([
            {"Name": "ClusterName", "Value": {"Ref": "AppCluster"}},
            {"Name": "ServiceName", "Value": {"Fn::GetAtt": ["AppService", "Name"]}}
        ])
    );
    let low = &r["AppServiceLowCpuAlarm"]["Properties"];
    assert_eq!(low["ComparisonOperator"], "LessThanThreshold");
    assert_eq!(
        low["AlarmActions"],
        json!([{"Ref": "AppServiceAutoscalingScaleInPolicy"}])
    );
    assert_eq!(
        r["AppServiceAutoscalingScaleInPolicy"]["Properties"]["StepScalingPolicyConfiguration"]["StepAdjustments"],
        json!([{"ScalingAdjustment": -1, "MetricIntervalUpperBound": 0.0}])
    );
}

#[test]
fn the_scaled_stack_passes_our_checks_and_cfn_lint() {
    let stack = scaled_stack();
    let findings = ecs_dsl::cli::check(&stack).1;
    assert!(findings.is_empty(), "{findings}");
    if oracle_cfn_lint().is_none() {
        return;
    }
    let template = stack.to_template().unwrap();
    let dir = ScratchDir::new("service-autoscaling-lint");
    let json = dir.write("scaled.json", &render(&template, Format::Json).unwrap());
    let yaml = dir.write("scaled.yaml", &render(&template, Format::Yaml).unwrap());
    let Some(report) = cfn_lint(&[&json, &yaml]) else {
        return;
    };
    let found = report.at_least(Level::Warning);
    assert!(found.is_empty(), "{}", LintReport::render(&found));
}

#[test]
fn a_scaled_service_that_sets_desired_count_is_stopped_at_the_users_line() {
    let mut stack = Stack::new();
    let network = Network::new(
        "vpc-0123456789abcdef0",
        vec!["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    );
    let cluster = Ec2Cluster::new(&network, "ami-0123456789abcdef0").add(&mut stack, "App");
    let app = TaskDefinition::new("app")
        .container(
            Container::new("web", "nginx")
                .memory_reservation_mib(256)
                .port(80),
        )
        .add(&mut stack, "AppTaskDefinition");
    let line = line!() + 1;
    let web = Ec2Service::new(&cluster, &app)
        .desired_count(2)
        .add(&mut stack, "App");
    ServiceAutoscaling::new(&cluster.cluster, &web.service).add(&mut stack, "AppService");

    let findings = ecs_dsl::cli::check(&stack).1;
    let found: Vec<_> = findings.iter().filter(|d| d.code == "ECS050").collect();
    assert_eq!(found.len(), 1, "{findings}");
    let d = found[0];
    assert!(d.is_error(), "{d}");
    assert!(d.message.contains("AppServiceAutoscalingTarget"), "{d}");
    assert!(
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("DesiredCount")),
        "{d}"
    );
    let at = d.location.expect("the finding names the user's line");
    assert!(at.file().ends_with("service_autoscaling.rs"), "{d}");
    assert!((line..=line + 2).contains(&at.line()), "{at}: {d}");

    let text = render(&stack.to_template().unwrap(), Format::Json).unwrap();
    let read = template_from_json(&serde_json::from_str(&text).unwrap()).unwrap();
    assert!(validate(&read).codes().contains(&"ECS050"));
}

#[test]
fn a_scaled_service_without_desired_count_passes() {
    let mut stack = Stack::new();
    let (cluster, web) = cluster_and_service(&mut stack);
    ServiceAutoscaling::new(&cluster.cluster, &web.service).add(&mut stack, "AppService");
    let codes = ecs_dsl::cli::check(&stack).1.codes();
    assert!(!codes.contains(&"ECS050"), "{codes:?}");
}

#[test]
fn what_the_user_customizes_is_kept() {
    let mut stack = Stack::new();
    let (cluster, web) = cluster_and_service(&mut stack);
    ServiceAutoscaling::new(&cluster.cluster, &web.service)
        .min_capacity(1)
        .dedicated_role()
        .customize_target(|t| t.min_capacity(3))
        .customize_role(|r| r.role_name("my-scaling-role"))
        .target_tracking(
            TargetTracking::cpu_percent(50.0).customize_policy(|p| p.policy_name("mine")),
        )
        .step_scaling(
            StepScaling::scale_out(ServiceMetric::Memory, 80.0)
                .customize_policy(|p| p.policy_name("out"))
                .customize_alarm(|a| a.threshold(90.0).period(120)),
        )
        .add(&mut stack, "AppService");
    let t = json_of(&stack);
    let r = &t["Resources"];
    assert_eq!(
        r["AppServiceAutoscalingTarget"]["Properties"]["MinCapacity"],
        3
    );
    assert_eq!(
        r["AppServiceAutoscalingRole"]["Properties"]["RoleName"],
        "my-scaling-role"
    );
    assert!(
        r["AppServiceAutoscalingRole"]["Properties"]["Policies"].is_array(),
        "the builder's policy stays beside the user's change"
    );
    assert_eq!(
        r["AppServiceAutoscalingCpuTrackingPolicy"]["Properties"]["PolicyName"],
        "mine"
    );
    assert_eq!(
        r["AppServiceAutoscalingScaleOutPolicy"]["Properties"]["PolicyName"],
        "out"
    );
    let alarm = &r["AppServiceHighMemoryAlarm"]["Properties"];
    assert_eq!(alarm["Threshold"], 90.0);
    assert_eq!(alarm["Period"], 120);
    assert_eq!(alarm["MetricName"], "MemoryUtilization");
}

/// The generated service type is what autoscaling takes: a service added through the raw
/// layer scales too.
#[test]
fn a_raw_service_handle_scales_too() {
    let mut stack = Stack::new();
    let cluster = stack.add("Cluster", ecs_dsl::cfn::ecs::CfnCluster::new());
    let service = stack.add("Service", CfnService::new().cluster(&cluster));
    let scaling = ServiceAutoscaling::new(&cluster, &service).add(&mut stack, "Service");
    assert_eq!(scaling.target.logical_id(), "ServiceAutoscalingTarget");
    assert!(scaling.role.is_none());
    let t = json_of(&stack);
    assert!(
        t["Resources"]["ServiceAutoscalingTarget"]["Properties"]
            .get("RoleARN")
            .is_none()
    );
}
