//! The production examples (`production_web_app`, `microservices`): each passes `validate`,
//! holds the production patterns it is there to show, and deploys into moto (a local
//! CloudFormation) to CREATE_COMPLETE. moto skips resource types it does not implement; each
//! test names the ones it expects skipped, so a type moto starts or stops creating shows here.
//! cfn-lint checks them with the other examples (`cfn_lint_examples.rs`).

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use ecs_dsl::synth::Format;
use ecs_dsl_tests::oracle::{
    MotoServer, ScratchDir, example_binary, example_template, oracle_python, workspace_root,
};
use serde_json::Value;

fn template(name: &str) -> Value {
    serde_json::from_str(&example_template(name, Format::Json))
        .unwrap_or_else(|e| panic!("example {name} printed no JSON: {e}"))
}

/// The resources of `template` of type `kind`, by logical ID.
fn of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a str, &'a Value)> {
    let resources = template["Resources"].as_object().expect("a Resources map");
    resources
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .map(|(id, r)| (id.as_str(), r))
        .collect()
}

fn validates(name: &str) {
    let output = Command::new(example_binary(name))
        .arg("validate")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`{name} validate` failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Deploys example `name` into a fresh moto; returns deploy.py's report after checking the
/// stack reached CREATE_COMPLETE and moto skipped exactly the types `skipped`.
fn deploys_on_moto(name: &str, task_family: &str, skipped: &[&str]) -> Option<Value> {
    let python = oracle_python()?;
    let dir = ScratchDir::new(&format!("deploy-{name}"));
    let body = example_template(name, Format::Json);
    let file = dir.write(&format!("{name}.json"), &body);
    let server = MotoServer::start(&python);
    let output = Command::new(&python)
        .arg(workspace_root().join("tests/moto/deploy.py"))
        .args(["--endpoint", &server.endpoint(), "--stack-name", "prod"])
        .args(["--task-family", task_family, "--template"])
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "deploy.py failed for {name} ({}):\n{}\n--- moto's log ---\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr),
        server.log_tail(30)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["stack_status"], "CREATE_COMPLETE", "{report:#}");

    let template: Value = serde_json::from_str(&body).unwrap();
    let created: BTreeSet<&str> = report["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["logical_id"].as_str().unwrap())
        .collect();
    // A resource whose condition is false is not created on purpose; the rest moto skipped.
    let mut not_created: BTreeSet<&str> = BTreeSet::new();
    for (id, resource) in template["Resources"].as_object().unwrap() {
        if !created.contains(id.as_str()) && resource.get("Condition").is_none() {
            not_created.insert(resource["Type"].as_str().unwrap());
        }
    }
    let expected: BTreeSet<&str> = skipped.iter().copied().collect();
    assert_eq!(
        not_created, expected,
        "the resource types moto did not create in {name}"
    );
    Some(report)
}

#[test]
fn production_web_app_validates_and_shows_its_patterns() {
    validates("production_web_app");
    let t = template("production_web_app");

    let https = of_type(&t, "AWS::ElasticLoadBalancingV2::Listener")
        .into_iter()
        .find(|(_, l)| l["Properties"]["Protocol"] == "HTTPS")
        .expect("an HTTPS listener");
    assert_eq!(
        https.1["Properties"]["Certificates"][0]["CertificateArn"]["Fn::If"],
        serde_json::json!(["CreateCertificate", {"Ref": "WebCertificate"}, {"Ref": "CertificateArn"}])
    );
    let certificate = &t["Resources"]["WebCertificate"]["Properties"];
    assert_eq!(certificate["ValidationMethod"], "DNS");
    assert_eq!(
        certificate["DomainValidationOptions"][0]["HostedZoneId"]["Ref"],
        "HostedZoneId"
    );
    let redirect =
        &t["Resources"]["WebLoadBalancerHttpListener"]["Properties"]["DefaultActions"][0];
    assert_eq!(redirect["Type"], "redirect");
    assert_eq!(redirect["RedirectConfig"]["Protocol"], "HTTPS");
    assert_eq!(redirect["RedirectConfig"]["StatusCode"], "HTTP_301");

    let group = &t["Resources"]["WebServiceTargetGroup"]["Properties"];
    assert_eq!(group["HealthCheckPath"], "/health");
    assert_eq!(group["Matcher"]["HttpCode"], "200-399");
    assert_eq!(group["HealthCheckIntervalSeconds"], 15);

    let associations = &t["Resources"]["WebClusterCapacityProviders"]["Properties"];
    assert_eq!(
        associations["CapacityProviders"],
        serde_json::json!(["FARGATE", "FARGATE_SPOT"])
    );
    let service = &t["Resources"]["WebService"];
    let strategy = &service["Properties"]["CapacityProviderStrategy"];
    assert_eq!(strategy[1]["CapacityProvider"], "FARGATE_SPOT");
    assert!(service["Properties"].get("LaunchType").is_none());
    // Autoscaling owns the task count.
    assert!(service["Properties"].get("DesiredCount").is_none());
    let scaling = &t["Resources"]["WebAutoscalingCpuTrackingPolicy"]["Properties"];
    assert_eq!(scaling["PolicyType"], "TargetTrackingScaling");
    let deployment = &service["Properties"]["DeploymentConfiguration"];
    assert_eq!(
        deployment["DeploymentCircuitBreaker"],
        serde_json::json!({"Enable": true, "Rollback": true})
    );
    assert_eq!(
        deployment["Alarms"]["AlarmNames"][0]["Ref"],
        "WebServerErrorsAlarm"
    );
    let depends: Vec<&Value> = service["DependsOn"].as_array().unwrap().iter().collect();
    assert!(
        depends.contains(&&Value::from("WebClusterCapacityProviders")),
        "{depends:?}"
    );
}

#[test]
fn microservices_validates_and_shows_its_patterns() {
    validates("microservices");
    let t = template("microservices");

    let rules = of_type(&t, "AWS::ElasticLoadBalancingV2::ListenerRule");
    let api_rule = &t["Resources"]["PublicLoadBalancerHttpRule10"]["Properties"];
    assert_eq!(
        api_rule["Conditions"][0]["PathPatternConfig"]["Values"][0],
        "/api/*"
    );
    assert_eq!(rules.len(), 3, "two production rules and a test rule");

    let api = &t["Resources"]["ApiService"]["Properties"];
    let connect = &api["ServiceConnectConfiguration"];
    assert_eq!(connect["Enabled"], true);
    assert_eq!(connect["Services"][0]["PortName"], "api");
    assert_eq!(connect["Services"][0]["ClientAliases"][0]["DnsName"], "api");

    let worker = &t["Resources"]["WorkerService"]["Properties"];
    assert!(worker.get("LoadBalancers").is_none());
    assert_eq!(
        worker["ServiceConnectConfiguration"]["Namespace"],
        "internal"
    );

    let web = &t["Resources"]["WebService"]["Properties"];
    let deployment = &web["DeploymentConfiguration"];
    assert_eq!(deployment["Strategy"], "BLUE_GREEN");
    assert_eq!(deployment["BakeTimeInMinutes"], 5);
    let advanced = &web["LoadBalancers"][0]["AdvancedConfiguration"];
    assert_eq!(
        advanced["AlternateTargetGroupArn"]["Ref"],
        "WebGreenTargetGroup"
    );
    assert_eq!(
        advanced["ProductionListenerRule"]["Ref"],
        "PublicLoadBalancerHttpRule20"
    );
    assert_eq!(
        advanced["TestListenerRule"]["Ref"],
        "PublicLoadBalancerHttp8080Rule20"
    );
    assert_eq!(
        advanced["RoleArn"]["Fn::GetAtt"][0],
        "WebServiceBlueGreenRole"
    );

    let rule = &t["Resources"]["NightlyReportSchedule"]["Properties"];
    assert_eq!(rule["ScheduleExpression"], "cron(0 3 * * ? *)", "{rule}");
    let target = &rule["Targets"][0];
    assert_eq!(target["EcsParameters"]["LaunchType"], "FARGATE", "{target}");
    assert_eq!(
        target["EcsParameters"]["TaskDefinitionArn"]["Ref"],
        "ReportTaskDefinition"
    );
    assert_eq!(target["Arn"]["Fn::GetAtt"][0], "AppsCluster", "{target}");
}

#[test]
fn production_web_app_deploys_to_moto() {
    // moto cannot create an ACM certificate from a template: tests/moto/deploy.py gives the
    // stack one from moto's ACM through `CertificateArn`, so `WebCertificate`'s condition is false.
    let skipped = [
        "AWS::ApplicationAutoScaling::ScalableTarget",
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "AWS::CloudWatch::Alarm",
        "AWS::EC2::SecurityGroupEgress",
        "AWS::ECS::ClusterCapacityProviderAssociations",
    ];
    let Some(report) = deploys_on_moto("production_web_app", "prod-web", &skipped) else {
        return;
    };
    assert_eq!(report["task_definition"]["family"], "prod-web");
    let resources = report["resources"].as_array().unwrap();
    assert!(
        resources
            .iter()
            .all(|r| r["logical_id"] != "WebCertificate"),
        "the certificate is created only without a given one"
    );
    let https = resources
        .iter()
        .find(|r| r["logical_id"] == "WebLoadBalancerHttpsListener");
    assert_eq!(
        https.map(|r| &r["status"]),
        Some(&Value::from("CREATE_COMPLETE"))
    );
}

#[test]
fn microservices_deploys_to_moto() {
    let skipped = ["AWS::EC2::SecurityGroupEgress"];
    let Some(report) = deploys_on_moto("microservices", "api", &skipped) else {
        return;
    };
    assert_eq!(report["task_definition"]["family"], "api");
}
