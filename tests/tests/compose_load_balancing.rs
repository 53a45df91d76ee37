//! Compose import: published ports are served by load balancers. HTTP ports through the app's
//! Application Load Balancer, other TCP ports through its Network Load Balancer, ports bound to
//! 127.0.0.1 by none; the services register in the target groups, the load balancers reach the
//! tasks, and their DNS names are outputs. Each stack validates and passes cfn-lint.

use std::path::{Path, PathBuf};

use ecs_dsl::Stack;
use ecs_dsl::compose::eject::{import_compose_files, plan_files};
use ecs_dsl::compose::{ImportOptions, Launch, LoadOptions, add_plans, codes};
use ecs_dsl::synth::{Format, render};
use ecs_dsl_tests::oracle::{Level, LintReport, ScratchDir, cfn_lint, oracles_required};
use serde_json::{Value, json};

#[allow(dead_code, reason = "`main` of the ejected program is not run here")]
#[path = "../fixtures/compose/eject/balanced_https.rs"]
#[rustfmt::skip] // a golden output of the eject, compared byte for byte
mod balanced_https;

/// A web server on 8080, an API that says it speaks HTTP, a database, a cache bound to
/// 127.0.0.1, and a DNS server on UDP.
const APP: &str = r#"
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
  api:
    image: example/api:1
    ports:
      - target: 7000
        published: "7000"
        protocol: tcp
        app_protocol: http
  db:
    image: postgres:16
    ports: ["5432:5432"]
  cache:
    image: redis:7
    ports: ["127.0.0.1:6379:6379"]
  dns:
    image: coredns/coredns:1.11.1
    ports: ["53:53/udp"]
"#;

/// The template of the app in `compose` (written to `dir`), imported with `options`, and the
/// codes of its findings.
fn import(dir: &ScratchDir, compose: &str, options: &ImportOptions) -> (Value, Vec<&'static str>) {
    let file = dir.write("compose.yaml", compose);
    let (app, diags) = plan_files(&[&file], &[], &LoadOptions::new(), options).unwrap();
    let mut stack = Stack::new();
    add_plans(&app, &mut stack);
    let template = stack.to_template().unwrap();
    let findings = ecs_dsl::validate::validate(&template);
    assert!(!findings.has_errors(), "{findings}");
    let json = render(&template, Format::Json).unwrap();
    lint(&dir.write("template.json", &json));
    let codes = diags.iter().map(|d| d.code).collect();
    (serde_json::from_str(&json).unwrap(), codes)
}

/// No cfn-lint error in `template`.
fn lint(template: &Path) {
    let Some(report) = cfn_lint(&[template]) else {
        assert!(!oracles_required(), "cfn-lint is required");
        return;
    };
    let errors = report.at_least(Level::Error);
    assert!(errors.is_empty(), "{}", LintReport::render(&errors));
}

fn resource<'a>(t: &'a Value, id: &str) -> &'a Value {
    t["Resources"]
        .get(id)
        .unwrap_or_else(|| panic!("no resource {id}"))
}

fn ids_of_type<'a>(t: &'a Value, kind: &str) -> Vec<&'a str> {
    t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .map(|(id, _)| id.as_str())
        .collect()
}

#[test]
fn an_http_port_is_served_by_the_application_load_balancer() {
    // GIVEN web published as 8080 → 80
    let dir = ScratchDir::new("compose-lb-http");
    // WHEN the app is imported
    let (t, _) = import(&dir, APP, &ImportOptions::new());
    // THEN an ALB listens on 8080 over HTTP and forwards to web's target group
    let lb = resource(&t, "AppLoadBalancer");
    assert_eq!(lb["Type"], "AWS::ElasticLoadBalancingV2::LoadBalancer");
    assert_eq!(lb["Properties"].get("Type"), None, "an application LB");
    let listener = &resource(&t, "AppLoadBalancerHttp8080Listener")["Properties"];
    assert_eq!(listener["Port"], 8080);
    assert_eq!(listener["Protocol"], "HTTP");
    assert_eq!(
        listener["DefaultActions"],
        json!([{"Type": "forward", "TargetGroupArn": {"Ref": "WebPort8080TargetGroup"}}])
    );
    // AND the target group sends HTTP to the container port of the tasks (their IPs)
    let group = &resource(&t, "WebPort8080TargetGroup")["Properties"];
    assert_eq!(
        (&group["Port"], &group["Protocol"], &group["TargetType"]),
        (&json!(80), &json!("HTTP"), &json!("ip"))
    );
    assert_eq!(group["Matcher"], json!({"HttpCode": "200-499"}));
    // AND the service registers its container there, after the listener exists
    let service = resource(&t, "WebService");
    assert_eq!(
        service["Properties"]["LoadBalancers"],
        json!([{"ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": {"Ref": "WebPort8080TargetGroup"}}])
    );
    assert!(
        service["DependsOn"]
            .as_array()
            .is_some_and(|d| d.contains(&json!("AppLoadBalancerHttp8080Listener"))),
        "{service}"
    );
    // AND the load balancer is open on 8080, and reaches the tasks on 80
    let open = &resource(&t, "AppLoadBalancerSecurityGroup")["Properties"]["SecurityGroupIngress"];
    assert!(
        open.as_array()
            .unwrap()
            .iter()
            .any(|r| r["FromPort"] == 8080 && r["ToPort"] == 8080 && r["CidrIp"] == "0.0.0.0/0"),
        "{open}"
    );
    let reach = &resource(&t, "WebPort8080Ingress")["Properties"];
    assert_eq!(reach["GroupId"], json!({"Ref": "TaskSecurityGroup"}));
    assert_eq!(
        reach["SourceSecurityGroupId"],
        json!({"Ref": "AppLoadBalancerSecurityGroup"})
    );
    assert_eq!(
        (&reach["FromPort"], &reach["ToPort"]),
        (&json!(80), &json!(80))
    );
    // AND its DNS name is an output
    assert_eq!(
        t["Outputs"]["LoadBalancerDnsName"]["Value"],
        json!({"Fn::GetAtt": ["AppLoadBalancer", "DNSName"]})
    );
}

#[test]
fn app_protocol_http_takes_any_port_to_the_application_load_balancer() {
    let dir = ScratchDir::new("compose-lb-app-protocol");
    let (t, _) = import(&dir, APP, &ImportOptions::new());
    let listener = &resource(&t, "AppLoadBalancerHttp7000Listener")["Properties"];
    assert_eq!(
        (&listener["Port"], &listener["Protocol"]),
        (&json!(7000), &json!("HTTP"))
    );
    assert_eq!(
        resource(&t, "ApiService")["Properties"]["LoadBalancers"][0]["TargetGroupArn"],
        json!({"Ref": "ApiPort7000TargetGroup"})
    );
}

#[test]
fn a_tcp_port_is_served_by_the_network_load_balancer() {
    // GIVEN postgres published on 5432
    let dir = ScratchDir::new("compose-lb-tcp");
    // WHEN the app is imported
    let (t, _) = import(&dir, APP, &ImportOptions::new());
    // THEN a network load balancer forwards TCP 5432 to db's tasks
    let lb = &resource(&t, "AppNetworkLoadBalancer")["Properties"];
    assert_eq!(lb["Type"], "network");
    let listener = &resource(&t, "AppNetworkLoadBalancerTcp5432Listener")["Properties"];
    assert_eq!(
        (&listener["Port"], &listener["Protocol"]),
        (&json!(5432), &json!("TCP"))
    );
    assert_eq!(
        listener["LoadBalancerArn"],
        json!({"Ref": "AppNetworkLoadBalancer"})
    );
    let group = &resource(&t, "DbPort5432TargetGroup")["Properties"];
    assert_eq!(
        (&group["Port"], &group["Protocol"]),
        (&json!(5432), &json!("TCP"))
    );
    assert_eq!(
        resource(&t, "DbService")["Properties"]["LoadBalancers"],
        json!([{"ContainerName": "db", "ContainerPort": 5432, "TargetGroupArn": {"Ref": "DbPort5432TargetGroup"}}])
    );
    let reach = &resource(&t, "DbPort5432Ingress")["Properties"];
    assert_eq!(
        reach["SourceSecurityGroupId"],
        json!({"Ref": "AppNetworkLoadBalancerSecurityGroup"})
    );
    assert_eq!(
        t["Outputs"]["NetworkLoadBalancerDnsName"]["Value"],
        json!({"Fn::GetAtt": ["AppNetworkLoadBalancer", "DNSName"]})
    );
    // AND HTTP ports are not on it: two listeners on the ALB, one on the NLB
    assert_eq!(
        ids_of_type(&t, "AWS::ElasticLoadBalancingV2::Listener").len(),
        3
    );
}

#[test]
fn a_port_bound_to_127_0_0_1_and_a_udp_port_get_no_load_balancer() {
    // GIVEN the cache bound to 127.0.0.1 and DNS on UDP
    let dir = ScratchDir::new("compose-lb-private");
    // WHEN the app is imported
    let (t, codes_found) = import(&dir, APP, &ImportOptions::new());
    // THEN neither has a target group, nor registers in one
    for service in ["CacheService", "DnsService"] {
        assert_eq!(
            resource(&t, service)["Properties"].get("LoadBalancers"),
            None,
            "{service}"
        );
    }
    let groups = ids_of_type(&t, "AWS::ElasticLoadBalancingV2::TargetGroup");
    assert_eq!(
        groups,
        [
            "ApiPort7000TargetGroup",
            "DbPort5432TargetGroup",
            "WebPort8080TargetGroup"
        ]
    );
    // AND no load balancer listens on 6379 or 53
    for listener in ids_of_type(&t, "AWS::ElasticLoadBalancingV2::Listener") {
        let port = &resource(&t, listener)["Properties"]["Port"];
        assert!(port != 6379 && port != 53, "{listener}: {port}");
    }
    // AND both are noted: private, and UDP without a load balancer
    assert!(
        codes_found.contains(&codes::PORT_PRIVATE),
        "{codes_found:?}"
    );
    assert!(
        codes_found.contains(&codes::UDP_NOT_BALANCED),
        "{codes_found:?}"
    );
}

#[test]
fn an_app_without_published_ports_has_no_load_balancer() {
    let dir = ScratchDir::new("compose-lb-none");
    let (t, _) = import(
        &dir,
        "services:\n  worker:\n    image: busybox:1.36\n    expose: [\"80\"]\n",
        &ImportOptions::new(),
    );
    assert!(ids_of_type(&t, "AWS::ElasticLoadBalancingV2::LoadBalancer").is_empty());
    assert_eq!(t.get("Outputs"), None);
}

#[test]
fn a_port_published_twice_is_balanced_once_and_noted() {
    let dir = ScratchDir::new("compose-lb-taken");
    let (t, codes_found) = import(
        &dir,
        "services:\n  a:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n  b:\n    image: httpd:2.4\n    ports: [\"80:80\"]\n",
        &ImportOptions::new(),
    );
    assert_eq!(
        ids_of_type(&t, "AWS::ElasticLoadBalancingV2::TargetGroup"),
        ["APort80TargetGroup"]
    );
    assert_eq!(
        resource(&t, "BService")["Properties"].get("LoadBalancers"),
        None
    );
    assert!(codes_found.contains(&codes::PORT_TAKEN), "{codes_found:?}");
}

#[test]
fn on_ec2_the_load_balancers_reach_the_instances_on_their_host_ports() {
    // GIVEN the app on an EC2 cluster (web on a fixed host port, db on a dynamic one)
    let dir = ScratchDir::new("compose-lb-ec2");
    let compose = "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n  db:\n    image: postgres:16\n    ports: [\"5432\"]\n";
    // WHEN it is imported
    let (t, _) = import(&dir, compose, &ImportOptions::new().launch(Launch::Ec2));
    // THEN the target groups hold instances
    assert_eq!(
        resource(&t, "WebPort80TargetGroup")["Properties"]["TargetType"],
        "instance"
    );
    // AND the load balancers may reach the instances: web's fixed port, db's dynamic range
    let web = &resource(&t, "WebPort80Ingress")["Properties"];
    assert_eq!(
        web["GroupId"],
        json!({"Ref": "AppAutoscalingSecurityGroup"})
    );
    assert_eq!((&web["FromPort"], &web["ToPort"]), (&json!(80), &json!(80)));
    let db = &resource(&t, "DbPort5432Ingress")["Properties"];
    assert_eq!(
        (&db["FromPort"], &db["ToPort"]),
        (&json!(32768), &json!(60999))
    );
}

#[test]
fn the_eject_writes_the_load_balancers_with_the_builders() {
    let dir = ScratchDir::new("compose-lb-eject");
    let file = dir.write("compose.yaml", APP);
    let (rust, _) =
        import_compose_files(&[&file], &[], &LoadOptions::new(), &ImportOptions::new()).unwrap();
    for expected in [
        "TargetGroup::http(&network, web_task_definition.container(\"web\").port(80))",
        "ApplicationLoadBalancer::new(&network)",
        ".listener(Listener::http(8080).forward(&web_port8080_target_group))",
        "TargetGroup::tcp(&network, db_task_definition.container(\"db\").port(5432))",
        ".listener(TcpListener::new(5432, &db_port5432_target_group))",
        "stack.add_dependency(&web_service, &load_balancer.listeners[1]);",
        "stack.add_dependency(&db_service, &network_load_balancer.listeners[0]);",
    ] {
        assert!(rust.contains(expected), "missing `{expected}` in:\n{rust}");
    }
}

#[test]
fn ports_past_the_listener_quota_get_no_load_balancer_and_are_noted() {
    // GIVEN 51 services, each publishing its own HTTP port
    let dir = ScratchDir::new("compose-lb-quota");
    let mut compose = String::from("services:\n");
    for i in 0..51 {
        compose.push_str(&format!(
            "  s{i}:\n    image: nginx:1.27\n    ports: [\"{}:80\"]\n",
            10_000 + i
        ));
    }
    // WHEN the app is imported
    let (t, codes_found) = import(&dir, &compose, &ImportOptions::new());
    // THEN the load balancer has the 50 listeners AWS allows, and the port left out is noted
    assert_eq!(
        ids_of_type(&t, "AWS::ElasticLoadBalancingV2::Listener").len(),
        50
    );
    let unbalanced = ids_of_type(&t, "AWS::ECS::Service")
        .into_iter()
        .filter(|id| {
            resource(&t, id)["Properties"]
                .get("LoadBalancers")
                .is_none()
        })
        .count();
    assert_eq!(unbalanced, 1);
    assert_eq!(
        codes_found
            .iter()
            .filter(|c| **c == codes::TOO_MANY_LISTENERS)
            .count(),
        1
    );
}

#[test]
fn with_https_the_http_ports_are_https_listeners_with_the_certificate_parameter() {
    // GIVEN web on 80 and an admin UI on 8080
    let dir = ScratchDir::new("compose-lb-https");
    let compose = "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n  admin:\n    image: example/admin:1\n    ports: [\"8080:8080\"]\n  db:\n    image: postgres:16\n    ports: [\"5432:5432\"]\n";
    // WHEN it is imported with HTTPS
    let (t, _) = import(&dir, compose, &ImportOptions::new().https(true));
    // THEN the stack takes the certificate's ARN
    assert_eq!(t["Parameters"]["CertificateArn"]["Type"], "String");
    // AND port 80 is served over HTTPS on 443 with it, and HTTP on 80 redirects there
    let https = &resource(&t, "AppLoadBalancerHttpsListener")["Properties"];
    assert_eq!(
        (&https["Port"], &https["Protocol"]),
        (&json!(443), &json!("HTTPS"))
    );
    assert_eq!(
        https["Certificates"],
        json!([{"CertificateArn": {"Ref": "CertificateArn"}}])
    );
    let redirect = &resource(&t, "AppLoadBalancerHttpListener")["Properties"];
    assert_eq!(redirect["DefaultActions"][0]["Type"], "redirect");
    // AND another HTTP port is HTTPS on its own port, the TCP port stays on the NLB
    let admin = &resource(&t, "AppLoadBalancerHttps8080Listener")["Properties"];
    assert_eq!(admin["Protocol"], "HTTPS");
    assert_eq!(
        resource(&t, "AppNetworkLoadBalancerTcp5432Listener")["Properties"]["Protocol"],
        "TCP"
    );
    // AND without `https` there is no certificate parameter
    let plain = ScratchDir::new("compose-lb-http-only");
    let (t, _) = import(&plain, compose, &ImportOptions::new());
    assert_eq!(t["Parameters"].get("CertificateArn"), None);
    assert_eq!(
        resource(&t, "AppLoadBalancerHttpListener")["Properties"]["Protocol"],
        "HTTP"
    );
}

/// The template of `stack` as JSON.
fn template_of(stack: &Stack) -> Value {
    let template = stack.to_template().unwrap();
    serde_json::from_str(&render(&template, Format::Json).unwrap()).unwrap()
}

#[test]
fn the_https_eject_is_the_golden_program_and_synthesizes_the_direct_import() {
    // GIVEN ports of every kind, imported with HTTPS
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/compose");
    let file = fixtures.join("balanced.yml");
    let options = ImportOptions::new().https(true);
    // WHEN it is ejected
    let (rust, _) = import_compose_files(&[&file], &[], &LoadOptions::new(), &options).unwrap();
    // THEN the program is the golden one (compiled into this test)
    let golden = fixtures.join("eject/balanced_https.rs");
    if std::env::var_os("ECS_DSL_BLESS").is_some() {
        std::fs::write(&golden, &rust).unwrap();
        return;
    }
    assert!(
        std::fs::read_to_string(&golden).unwrap() == rust,
        "the eject changed; rerun with ECS_DSL_BLESS=1 and review the diff:\n{rust}"
    );
    // AND it builds the stack the library builds
    let (app, _) = plan_files(&[&file], &[], &LoadOptions::new(), &options).unwrap();
    let mut direct = Stack::new();
    add_plans(&app, &mut direct);
    assert_eq!(template_of(&balanced_https::stack()), template_of(&direct));
}
