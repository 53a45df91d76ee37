//! `AppPlan` → the stack, written once: every statement is applied to the stack (the direct
//! import) and printed (the body of the eject's `stack()`), from the same `Written` values.
//!
//! The app: parameters for the VPC and its subnets; a cluster (Fargate, or EC2 instances); one
//! CloudWatch log group; a security group the tasks share (they reach each other as on
//! compose's default network); an execution role; a Secrets Manager secret per compose secret;
//! an EFS file system, access point and mount targets per named volume; a task definition per
//! service, and an ECS service that keeps it running with its replicas; the load balancers of
//! the published ports (`write_balancing.rs`) between the task definitions and the services.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::Stack;
use crate::cfn::ec2::security_group::CfnSecurityGroupRequired;
use crate::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use crate::cfn::ec2::subnet::SubnetId;
use crate::cfn::ec2::vpc::VpcId;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupIngress};
use crate::cfn::ecs::CfnService;
use crate::cfn::ecs::cluster::ServiceConnectDefaults;
use crate::cfn::ecs::service::{
    AwsVpcConfiguration, AwsVpcConfigurationAssignPublicIp, LaunchType as CfnLaunchType,
    LoadBalancer as ServiceLoadBalancer, NetworkConfiguration, ServiceConnectClientAlias,
    ServiceConnectClientAliasRequired, ServiceConnectConfiguration,
    ServiceConnectConfigurationRequired, ServiceConnectService, ServiceConnectServiceRequired,
};
use crate::cfn::ecs::task_definition::{
    AuthorizationConfig, AuthorizationConfigIam, EfsVolumeConfiguration,
    EfsVolumeConfigurationRequired, EfsVolumeConfigurationTransitEncryption, NetworkMode,
    RuntimePlatform, RuntimePlatformCpuArchitecture, RuntimePlatformOperatingSystemFamily,
    Volume as CfnVolume,
};
use crate::cfn::efs::access_point::CfnAccessPointRequired;
use crate::cfn::efs::access_point::{CreationInfo, CreationInfoRequired, RootDirectory};
use crate::cfn::efs::mount_target::CfnMountTargetRequired;
use crate::cfn::efs::{CfnAccessPoint, CfnFileSystem, CfnMountTarget};
use crate::cfn::logs::CfnLogGroup;
use crate::cfn::secretsmanager::CfnSecret;
use crate::cfn::secretsmanager::secret::GenerateSecretString;
use crate::ecs::{
    Container, Ec2Cluster, EcsCluster, FargateCluster, FargateSize, LaunchType, Network,
    NetworkModePorts, PortsFit, SecretValue, TaskDefinition, Volume, VolumeFor,
};
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Func, Handle, Pseudo, Resource, Sub};
use crate::template::{ImageId, Parameter, ParameterSpec, Ssm};

use super::expose::Exposure;
use super::options::Launch;
use super::plan::{AppPlan, ConnectPort, TaskPlan, pascal_case};
use super::spec::{ContainerSpec, SecretFrom, VolumeSource, VolumeSpec};
use super::write_balancing::{Target, load_balancers, target_groups};
use super::write_container::TD;
use super::written::{Written, int, lit};

/// How long a load-balanced service ignores failing load balancer health checks of a new
/// task, seconds: compose apps often migrate or warm up on their first start.
pub const HEALTH_CHECK_GRACE_SECONDS: i64 = 120;

/// How long the app's logs are kept, days.
pub const LOG_RETENTION_DAYS: i64 = 30;

/// The ECS-optimized Amazon Linux 2023 image an EC2 cluster's instances run (a public SSM
/// parameter).
const ECS_AMI_PARAMETER: &str =
    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";

/// The managed policy of an ECS task execution role (pull images, write logs).
const EXECUTION_POLICY: &str = "iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

/// The module of the generated cluster property types.
const CLUSTER: &str = "ecs_dsl::cfn::ecs::cluster";

/// The cluster's Service Connect namespace, named after the stack (ECS creates it).
const NAMESPACE_DEFAULTS: &str = ".customize_cluster(|c| c.service_connect_defaults(ServiceConnectDefaults::new().namespace(Pseudo::StackName.value())))";

/// The cluster's Service Connect defaults: a namespace named after the stack.
fn namespace_defaults() -> ServiceConnectDefaults {
    ServiceConnectDefaults::new().namespace(Pseudo::StackName.value())
}

/// A stack resource and the variable of the eject that holds it.
pub(crate) struct Bound<R: Resource> {
    pub(crate) handle: Handle<R>,
    pub(crate) var: String,
}

/// The statements of the eject's `stack()`, applied to `stack` as they are written.
pub(crate) struct Program<'s> {
    pub(crate) stack: &'s mut Stack,
    /// The body of `stack()`.
    pub body: String,
    /// The paths it uses.
    pub uses: BTreeSet<String>,
}

impl<'s> Program<'s> {
    /// A program building on `stack`.
    pub fn new(stack: &'s mut Stack) -> Self {
        Program {
            stack,
            body: String::new(),
            uses: BTreeSet::new(),
        }
    }

    /// `let var = <builder>.add(&mut stack, "Id");`
    pub(crate) fn add_builder<T, H>(
        &mut self,
        var: Option<&str>,
        w: Written<T>,
        id: &str,
        add: impl FnOnce(T, &mut Stack, &str) -> H,
    ) -> H {
        let text = w.block(8);
        self.uses.extend(w.used().iter().cloned());
        let handles = add(w.into_value(), self.stack, id);
        let binding = var.map(|v| format!("let {v} = ")).unwrap_or_default();
        let _ = writeln!(
            self.body,
            "    {binding}{text}\n        .add(&mut stack, {});",
            lit(id)
        );
        handles
    }

    /// `[let var = ]stack.add("Id", <resource>);`
    pub(crate) fn add_resource<R: Resource>(
        &mut self,
        var: Option<&str>,
        id: &str,
        w: Written<R>,
    ) -> Handle<R> {
        let text = w.block(12);
        self.uses.extend(w.used().iter().cloned());
        let handle = self.stack.add(id, w.into_value());
        let binding = var.map(|v| format!("let {v} = ")).unwrap_or_default();
        let _ = writeln!(
            self.body,
            "    {binding}stack.add(\n        {},\n        {text},\n    );",
            lit(id)
        );
        handle
    }

    /// `let var = stack.parameter::<T>("Name", ParameterSpec::new().description("…"));`
    pub(crate) fn parameter<T: crate::template::ParameterType>(
        &mut self,
        var: &str,
        name: &str,
        type_name: &str,
        description: &str,
    ) -> Parameter<T> {
        self.uses.insert("ecs_dsl::prelude::ParameterSpec".into());
        let parameter = self
            .stack
            .parameter::<T>(name, ParameterSpec::new().description(description));
        let _ = writeln!(
            self.body,
            "    let {var} = stack.parameter::<{type_name}>(\n        {},\n        ParameterSpec::new().description({}),\n    );",
            lit(name),
            lit(description)
        );
        parameter
    }
}

/// The handles later statements refer to.
struct Shared {
    subnets: Parameter<Vec<SubnetId>>,
    logs: Bound<CfnLogGroup>,
    tasks_group: Bound<CfnSecurityGroup>,
    execution_role: Bound<crate::cfn::iam::CfnRole>,
    secrets: BTreeMap<String, Bound<CfnSecret>>,
    volumes: BTreeMap<String, (Bound<CfnFileSystem>, Bound<CfnAccessPoint>)>,
    mount_targets: Vec<Bound<CfnMountTarget>>,
}

/// Writes the whole app of `plan` into `program`.
pub(crate) fn write_app(plan: &AppPlan, p: &mut Program<'_>) {
    let vpc = p.parameter::<VpcId>("vpc_id", "VpcId", "VpcId", "The VPC the app runs in");
    let subnets = p.parameter::<Vec<SubnetId>>(
        "subnets",
        "Subnets",
        "Vec<SubnetId>",
        "Two subnets of that VPC, in two availability zones, with a route to the internet (the tasks pull their images)",
    );
    p.uses.insert("ecs_dsl::cfn::ec2::vpc::VpcId".into());
    p.uses.insert("ecs_dsl::cfn::ec2::subnet::SubnetId".into());
    let network = Written::new(
        Network::new(&vpc, &subnets),
        "Network::new(&vpc_id, &subnets)",
    )
    .uses("ecs_dsl::ecs::Network");
    let (network, network_text, network_uses) = network.into_parts();
    p.uses.extend(network_uses);
    let _ = writeln!(p.body, "    let network = {network_text};");
    let services = plan.tasks.iter().any(|t| t.service.is_some());
    let (cluster, instances) = cluster(plan.launch, &network, services, p);
    let shared = shared(plan, vpc, subnets, p);
    let awsvpc = plan.launch == Launch::Fargate;
    let certificate = certificate(plan, p);
    // Task definitions and their target groups first, then the load balancers forwarding to
    // those, then the services registering in them.
    let mut added = Vec::new();
    let mut targets = Vec::new();
    for (index, task) in plan.tasks.iter().enumerate() {
        let var = snake_case(&task.logical_id);
        let bind = task.service.is_some().then_some(var.as_str());
        let handle = match plan.launch {
            Launch::Fargate => {
                let (cpu, memory) = task.fargate_size.unwrap_or((256, 512));
                let size = FargateSize::cpu_units(u32::try_from(cpu).unwrap_or(u32::MAX))
                    .memory_mib(u32::try_from(memory).unwrap_or(u32::MAX));
                let td = Written::new(
                    TaskDefinition::fargate(task.family.as_str(), size),
                    format!(
                        "TaskDefinition::fargate({}, FargateSize::cpu_units({cpu}).memory_mib({memory}))",
                        lit(&task.family)
                    ),
                )
                .uses("ecs_dsl::ecs::TaskDefinition")
                .uses("ecs_dsl::ecs::FargateSize");
                let td = task_definition(td, task, &shared, true);
                let handle = p.add_builder(bind, td, &task.logical_id, |td, stack, id| {
                    td.add(stack, id)
                });
                let found = target_groups(task, &handle, &var, &network, certificate.as_ref(), p);
                targets.extend(found.into_iter().map(|t| (index, t)));
                handle.handle().clone()
            }
            Launch::Ec2 => {
                let td = Written::new(
                    TaskDefinition::new(task.family.as_str()),
                    format!("TaskDefinition::new({})", lit(&task.family)),
                )
                .uses("ecs_dsl::ecs::TaskDefinition");
                let td = task_definition(td, task, &shared, false);
                let handle = p.add_builder(bind, td, &task.logical_id, |td, stack, id| {
                    td.add(stack, id)
                });
                let found = target_groups(task, &handle, &var, &network, certificate.as_ref(), p);
                targets.extend(found.into_iter().map(|t| (index, t)));
                handle.handle().clone()
            }
        };
        added.push((var, handle));
    }
    let (indices, mut list): (Vec<usize>, Vec<Target>) = targets.into_iter().unzip();
    let reach = instances.as_ref().unwrap_or(&shared.tasks_group);
    load_balancers(&mut list, &network, reach, (awsvpc, plan.https), p);
    for (index, (task, td)) in plan.tasks.iter().zip(&added).enumerate() {
        let own: Vec<&Target> = indices
            .iter()
            .zip(&list)
            .filter(|(i, _)| **i == index)
            .map(|(_, t)| t)
            .collect();
        service(task, td, &cluster, &shared, awsvpc, &own, p);
    }
}

/// With HTTPS and an HTTP port to serve: the parameter taking the certificate's ARN.
fn certificate(plan: &AppPlan, p: &mut Program<'_>) -> Option<Parameter<String>> {
    let http = plan
        .tasks
        .iter()
        .filter_map(|t| t.service.as_ref())
        .flat_map(|s| &s.exposed)
        .any(|e| e.exposure == Exposure::Http);
    (plan.https && http).then(|| {
        p.parameter::<String>(
            "certificate_arn",
            "CertificateArn",
            "String",
            "The ARN of the ACM certificate of the app's HTTPS listeners",
        )
    })
}

/// The cluster: Fargate, or an EC2 Auto Scaling group of ECS-optimized instances.
#[allow(
    clippy::type_complexity,
    reason = "the cluster, and on EC2 its instances' security group"
)]
fn cluster(
    launch: Launch,
    network: &Network,
    used: bool,
    p: &mut Program<'_>,
) -> (
    Bound<crate::cfn::ecs::CfnCluster>,
    Option<Bound<CfnSecurityGroup>>,
) {
    let var = used.then_some("cluster");
    let mut instances = None;
    let handle = match launch {
        Launch::Fargate => {
            let c = Written::new(
                FargateCluster::new(network),
                "FargateCluster::new(&network)",
            )
            .uses("ecs_dsl::ecs::FargateCluster")
            .call(NAMESPACE_DEFAULTS, |c| {
                c.customize_cluster(|c| c.service_connect_defaults(namespace_defaults()))
            })
            .uses(format!("{CLUSTER}::ServiceConnectDefaults"))
            .uses("ecs_dsl::prelude::Pseudo");
            p.add_builder(var, c, "App", |c, stack, id| c.add(stack, id))
                .cluster()
                .clone()
        }
        Launch::Ec2 => {
            p.uses.insert("ecs_dsl::prelude::ImageId".into());
            p.uses.insert("ecs_dsl::prelude::Ssm".into());
            let image = p.stack.parameter::<Ssm<ImageId>>(
                "ImageId",
                ParameterSpec::new()
                    .description("The ECS-optimized image of the cluster's instances")
                    .default(ECS_AMI_PARAMETER),
            );
            let _ = writeln!(
                p.body,
                "    let image_id = stack.parameter::<Ssm<ImageId>>(\n        \"ImageId\",\n        ParameterSpec::new()\n            .description(\"The ECS-optimized image of the cluster's instances\")\n            .default({}),\n    );",
                lit(ECS_AMI_PARAMETER)
            );
            let c = Written::new(
                Ec2Cluster::new(network, &image),
                "Ec2Cluster::new(&network, &image_id)",
            )
            .uses("ecs_dsl::ecs::Ec2Cluster")
            .call(NAMESPACE_DEFAULTS, |c| {
                c.customize_cluster(|c| c.service_connect_defaults(namespace_defaults()))
            })
            .uses(format!("{CLUSTER}::ServiceConnectDefaults"))
            .uses("ecs_dsl::prelude::Pseudo");
            let handles = p.add_builder(var, c, "App", |c, stack, id| c.add(stack, id));
            instances = Some(Bound {
                handle: handles.security_group.clone(),
                var: "cluster.security_group".into(),
            });
            handles.cluster().clone()
        }
    };
    if used {
        p.uses.insert("ecs_dsl::ecs::EcsCluster".into());
    }
    (
        Bound {
            handle,
            var: "cluster.cluster()".into(),
        },
        instances,
    )
}

/// The log group, the tasks' security group, the execution role, the secrets and the file
/// systems.
fn shared(
    plan: &AppPlan,
    vpc: Parameter<VpcId>,
    subnets: Parameter<Vec<SubnetId>>,
    p: &mut Program<'_>,
) -> Shared {
    let logs_used = plan
        .tasks
        .iter()
        .flat_map(|t| &t.containers)
        .any(|c| c.app_logs);
    let logs = Written::new(
        CfnLogGroup::new().retention_in_days(LOG_RETENTION_DAYS),
        format!("CfnLogGroup::new().retention_in_days({LOG_RETENTION_DAYS})"),
    )
    .uses("ecs_dsl::cfn::logs::CfnLogGroup");
    let logs = Bound {
        handle: p.add_resource(logs_used.then_some("logs"), "LogGroup", logs),
        var: "logs".into(),
    };
    let group = Written::new(
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: "Tasks of the app",
        })
        .vpc_id(&vpc),
        "CfnSecurityGroup::new(CfnSecurityGroupRequired { group_description: \"Tasks of the app\" })\n            .vpc_id(&vpc_id)",
    )
    .uses("ecs_dsl::cfn::ec2::CfnSecurityGroup")
    .uses("ecs_dsl::cfn::ec2::security_group::CfnSecurityGroupRequired");
    let group = p.add_resource(Some("tasks"), "TaskSecurityGroup", group);
    let description = "Tasks of the app reach each other, as on the default compose network";
    let ingress = Written::new(
        CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "-1" }),
        "CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: \"-1\" })",
    )
    .uses("ecs_dsl::cfn::ec2::CfnSecurityGroupIngress")
    .uses("ecs_dsl::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired")
    .call(".group_id(&tasks)", |i| i.group_id(&group))
    .call(".source_security_group_id(&tasks)", |i| {
        i.source_security_group_id(&group)
    })
    .call(format!(".description({})", lit(description)), |i| {
        i.description(description)
    });
    p.add_resource(None, "TaskSecurityGroupIngress", ingress);
    let tasks_group = Bound {
        handle: group,
        var: "tasks".into(),
    };
    let secrets = plan
        .secrets
        .iter()
        .map(|name| (name.clone(), secret(name, p)))
        .collect::<BTreeMap<_, _>>();
    let execution_role = execution_role(&secrets, plan, p);
    let (volumes, mount_targets) = file_systems(plan, &vpc, &subnets, &tasks_group, p);
    Shared {
        subnets,
        logs,
        tasks_group,
        execution_role,
        secrets,
        volumes,
        mount_targets,
    }
}

/// The Secrets Manager secret of a compose secret, with a generated value.
fn secret(name: &str, p: &mut Program<'_>) -> Bound<CfnSecret> {
    let id = format!("{}Secret", pascal_case(name));
    let var = snake_case(&id);
    let description = format!("The compose secret `{name}`");
    let w = Written::new(CfnSecret::new(), "CfnSecret::new()")
        .uses("ecs_dsl::cfn::secretsmanager::CfnSecret")
        .uses("ecs_dsl::cfn::secretsmanager::secret::GenerateSecretString")
        .call(format!(".description({})", lit(&description)), |s| {
            s.description(description.as_str())
        })
        .call(
            ".generate_secret_string(GenerateSecretString::new().password_length(32).exclude_punctuation(true))",
            |s| {
                s.generate_secret_string(
                    GenerateSecretString::new()
                        .password_length(32)
                        .exclude_punctuation(true),
                )
            },
        );
    Bound {
        handle: p.add_resource(Some(&var), &id, w),
        var,
    }
}

/// The task execution role: pull images, write logs, read the app's secrets.
fn execution_role(
    secrets: &BTreeMap<String, Bound<CfnSecret>>,
    plan: &AppPlan,
    p: &mut Program<'_>,
) -> Bound<crate::cfn::iam::CfnRole> {
    let arns: Vec<(String, String)> = plan
        .tasks
        .iter()
        .flat_map(|t| &t.containers)
        .flat_map(|c| &c.secrets)
        .filter_map(|s| match &s.from {
            SecretFrom::Arn(arn) => Some((arn.clone(), lit(arn))),
            SecretFrom::Stack(_) => None,
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let managed = Sub::new()
        .text("arn:")
        .var(&Pseudo::Partition)
        .text(&format!(":{EXECUTION_POLICY}"));
    let mut role = Written::new(
        ServiceRole::new("ecs-tasks.amazonaws.com"),
        "ServiceRole::new(\"ecs-tasks.amazonaws.com\")",
    )
    .uses("ecs_dsl::iam::ServiceRole")
    .uses("ecs_dsl::prelude::sub")
    .call(
        format!(".managed_policy(sub!(\"arn:${{AWS::Partition}}:{EXECUTION_POLICY}\"))"),
        |r| r.managed_policy(managed.build()),
    );
    if !secrets.is_empty() || !arns.is_empty() {
        let mut statement = Written::new(
            Statement::allow(["secretsmanager:GetSecretValue", "ssm:GetParameters"]),
            "Statement::allow([\"secretsmanager:GetSecretValue\", \"ssm:GetParameters\"])",
        )
        .uses("ecs_dsl::iam::Statement");
        for b in secrets.values() {
            statement = statement.call(format!(".resource(&{})", b.var), |s| s.resource(&b.handle));
        }
        for (arn, text) in &arns {
            statement = statement.call(format!(".resource({text})"), |s| s.resource(arn.as_str()));
        }
        let document = Written::new(PolicyDocument::new(), "PolicyDocument::new()")
            .uses("ecs_dsl::iam::PolicyDocument")
            .call_with("statement", statement, PolicyDocument::statement);
        let (document, text, uses) = document.into_parts();
        role = role.call(format!(".inline_policy(\"ReadSecrets\", {text})"), |r| {
            r.inline_policy("ReadSecrets", document)
        });
        for u in uses {
            role = role.uses(u);
        }
    }
    let handle = p.add_builder(
        Some("execution_role"),
        role,
        "TaskExecutionRole",
        |r, stack, id| r.add(stack, id),
    );
    Bound {
        handle,
        var: "execution_role".into(),
    }
}

/// Per named volume: an encrypted EFS file system, an access point at `/<volume>` and a mount
/// target in each of the two subnets, reachable from the tasks on NFS (2049).
#[allow(
    clippy::type_complexity,
    reason = "a pair of handles per volume, read once"
)]
fn file_systems(
    plan: &AppPlan,
    vpc: &Parameter<VpcId>,
    subnets: &Parameter<Vec<SubnetId>>,
    tasks: &Bound<CfnSecurityGroup>,
    p: &mut Program<'_>,
) -> (
    BTreeMap<String, (Bound<CfnFileSystem>, Bound<CfnAccessPoint>)>,
    Vec<Bound<CfnMountTarget>>,
) {
    let mut volumes = BTreeMap::new();
    let mut mount_targets = Vec::new();
    // Services start after the mount targets; a task run once is started by hand, later.
    let waited_on = plan
        .tasks
        .iter()
        .any(|t| t.service.is_some() && mounts_efs(t));
    if plan.volumes.is_empty() {
        return (volumes, mount_targets);
    }
    let group = Written::new(
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: "EFS mount targets of the app",
        })
        .vpc_id(vpc),
        "CfnSecurityGroup::new(CfnSecurityGroupRequired { group_description: \"EFS mount targets of the app\" })\n            .vpc_id(&vpc_id)",
    )
    .uses("ecs_dsl::cfn::ec2::CfnSecurityGroup")
    .uses("ecs_dsl::cfn::ec2::security_group::CfnSecurityGroupRequired");
    let group = p.add_resource(Some("file_systems"), "FileSystemSecurityGroup", group);
    let ingress = Written::new(
        CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" }),
        "CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: \"tcp\" })",
    )
    .uses("ecs_dsl::cfn::ec2::CfnSecurityGroupIngress")
    .uses("ecs_dsl::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired")
    .call(".group_id(&file_systems)", |i| i.group_id(&group))
    .call(format!(".source_security_group_id(&{})", tasks.var), |i| {
        i.source_security_group_id(&tasks.handle)
    })
    .call(".from_port(2049)", |i| i.from_port(2049))
    .call(".to_port(2049)", |i| i.to_port(2049))
    .call(".description(\"NFS from the tasks of the app\")", |i| {
        i.description("NFS from the tasks of the app")
    });
    p.add_resource(None, "FileSystemIngress", ingress);
    for name in &plan.volumes {
        let base = pascal_case(name);
        let id = format!("{base}FileSystem");
        let var = snake_case(&id);
        let fs = Written::new(CfnFileSystem::new(), "CfnFileSystem::new()")
            .uses("ecs_dsl::cfn::efs::CfnFileSystem")
            .call(".encrypted(true)", |f| f.encrypted(true));
        let fs = Bound {
            handle: p.add_resource(Some(&var), &id, fs),
            var,
        };
        for index in 0..2_i64 {
            let id = format!("{base}MountTarget{}", index + 1);
            let target = Written::new(
                CfnMountTarget::new(CfnMountTargetRequired {
                    file_system_id: &fs.handle,
                    security_groups: vec![group.ref_()],
                    subnet_id: Func::select(index, subnets),
                }),
                format!(
                    "CfnMountTarget::new(CfnMountTargetRequired {{\n                file_system_id: &{},\n                security_groups: vec![file_systems.ref_()],\n                subnet_id: Func::select({index}, &subnets),\n            }})",
                    fs.var
                ),
            )
            .uses("ecs_dsl::cfn::efs::CfnMountTarget")
            .uses("ecs_dsl::cfn::efs::mount_target::CfnMountTargetRequired")
            .uses("ecs_dsl::prelude::Func");
            let var = snake_case(&id);
            let bind = waited_on.then_some(var.as_str());
            mount_targets.push(Bound {
                handle: p.add_resource(bind, &id, target),
                var,
            });
        }
        let path = format!("/{name}");
        let root = Written::new(RootDirectory::new(), "RootDirectory::new()")
            .uses("ecs_dsl::cfn::efs::access_point::RootDirectory")
            .call(format!(".path({})", lit(&path)), |r| r.path(path.as_str()))
            .call(
                ".creation_info(CreationInfo::new(CreationInfoRequired { owner_gid: \"0\", owner_uid: \"0\", permissions: \"0777\" }))",
                |r| {
                    r.creation_info(CreationInfo::new(CreationInfoRequired {
                        owner_gid: "0",
                        owner_uid: "0",
                        permissions: "0777",
                    }))
                },
            )
            .uses("ecs_dsl::cfn::efs::access_point::CreationInfo")
            .uses("ecs_dsl::cfn::efs::access_point::CreationInfoRequired");
        let id = format!("{base}AccessPoint");
        let access_point = Written::new(
            CfnAccessPoint::new(CfnAccessPointRequired {
                file_system_id: &fs.handle,
            }),
            format!(
                "CfnAccessPoint::new(CfnAccessPointRequired {{ file_system_id: &{} }})",
                fs.var
            ),
        )
        .uses("ecs_dsl::cfn::efs::CfnAccessPoint")
        .uses("ecs_dsl::cfn::efs::access_point::CfnAccessPointRequired")
        .call_with("root_directory", root, CfnAccessPoint::root_directory);
        let var = snake_case(&id);
        let access_point = Bound {
            handle: p.add_resource(Some(&var), &id, access_point),
            var,
        };
        volumes.insert(name.clone(), (fs, access_point));
    }
    (volumes, mount_targets)
}

/// The task definition's settings, volumes and containers, onto `td` (Fargate or EC2).
fn task_definition<L: LaunchType>(
    mut td: Written<TaskDefinition<L>>,
    task: &TaskPlan,
    shared: &Shared,
    awsvpc: bool,
) -> Written<TaskDefinition<L>>
where
    NetworkModePorts: PortsFit<L>,
    Volume: VolumeFor<L>,
{
    td = td.call(
        format!(".execution_role({}.attr_arn())", shared.execution_role.var),
        |td| td.execution_role(shared.execution_role.handle.attr_arn()),
    );
    for v in task_volumes(&task.containers) {
        td = td.call_with("volume", volume(&v, shared), TaskDefinition::volume);
    }
    let mut platform = Vec::new();
    let mut uses = Vec::new();
    if let Some(mib) = task.memory_mib {
        platform.push(format!(".memory({})", lit(&mib.to_string())));
    }
    if let Some(arch) = task.cpu_architecture() {
        uses.extend([
            "RuntimePlatformCpuArchitecture",
            "RuntimePlatformOperatingSystemFamily",
            "RuntimePlatform",
        ]);
        let variant = if arch == "ARM64" { "Arm64" } else { "X86_64" };
        platform.push(format!(".runtime_platform(RuntimePlatform::new().cpu_architecture(RuntimePlatformCpuArchitecture::{variant}).operating_system_family(RuntimePlatformOperatingSystemFamily::Linux))"));
    }
    if let Some(mode) = task.network_mode() {
        uses.push("NetworkMode");
        let variant = match mode {
            "host" => "Host",
            "bridge" => "Bridge",
            _ => "None",
        };
        platform.push(format!(".network_mode(NetworkMode::{variant})"));
    }
    if !platform.is_empty() {
        let memory = task.memory_mib;
        let arch = task.cpu_architecture().map(|a| a == "ARM64");
        let mode = task.network_mode().map(str::to_string);
        td = td.call(format!(".customize(|d| d{})", platform.join("")), |td| {
            td.customize(|mut d| {
                if let Some(mib) = memory {
                    d = d.memory(mib.to_string());
                }
                if let Some(arm) = arch {
                    d = d.runtime_platform(
                        RuntimePlatform::new()
                            .cpu_architecture(if arm {
                                RuntimePlatformCpuArchitecture::Arm64
                            } else {
                                RuntimePlatformCpuArchitecture::X86_64
                            })
                            .operating_system_family(RuntimePlatformOperatingSystemFamily::Linux),
                    );
                }
                if let Some(mode) = mode {
                    d = d.network_mode(match mode.as_str() {
                        "host" => NetworkMode::Host,
                        "bridge" => NetworkMode::Bridge,
                        _ => NetworkMode::None,
                    });
                }
                d
            })
        });
        for u in uses {
            td = td.uses(format!("{TD}::{u}"));
        }
    }
    for c in &task.containers {
        let container = container(c, shared, awsvpc, task);
        let text = container.block(16);
        let uses: Vec<String> = container.used().iter().cloned().collect();
        let value = container.into_value();
        td = td.call(
            format!(".container(\n            {text},\n        )"),
            |td| td.container(value),
        );
        for u in uses {
            td = td.uses(u);
        }
    }
    td
}

/// A container with the app's wiring: its secrets from the stack, its logs to the app's group,
/// its load-balanced ports.
fn container(
    c: &ContainerSpec,
    shared: &Shared,
    awsvpc: bool,
    task: &TaskPlan,
) -> Written<Container> {
    let mut w = c.written(awsvpc);
    if !c.ports_fit_builder(awsvpc) {
        // Its port mappings are customized; the builder learns the ports a target group sends
        // traffic to (it checks them), the customized mappings stay what the template holds.
        let exposed = task.service.iter().flat_map(|s| &s.exposed);
        for port in exposed.filter(|e| e.container == c.name) {
            let n = port.container_port;
            w = w.call(format!(".port({n})"), |c| c.port(n));
        }
    }
    for s in &c.secrets {
        if let SecretFrom::Stack(name) = &s.from {
            let b = &shared.secrets[name];
            w = w.uses("ecs_dsl::ecs::SecretValue").call(
                format!(".secret({}, SecretValue::arn(&{}))", lit(&s.name), b.var),
                |c| c.secret(&s.name, SecretValue::arn(&b.handle)),
            );
        }
    }
    if c.app_logs {
        w = w.call(
            format!(".log_to(&{}, {})", shared.logs.var, lit(&c.name)),
            |x| x.log_to(&shared.logs.handle, &c.name),
        );
    }
    w
}

/// A task volume: task-scoped, a host path (EC2), or the EFS file system of a named volume
/// through its access point.
fn volume(v: &VolumeSpec, shared: &Shared) -> Written<Volume> {
    match &v.source {
        VolumeSource::Task => Written::new(
            Volume::task_scoped(&v.name),
            format!("Volume::task_scoped({})", lit(&v.name)),
        )
        .uses("ecs_dsl::ecs::Volume"),
        VolumeSource::Host { source_path } => {
            let cfn = CfnVolume::new().name(v.name.as_str()).host(
                crate::cfn::ecs::task_definition::HostVolumeProperties::new()
                    .source_path(source_path.as_str()),
            );
            Written::new(
                Volume::from(cfn),
                format!(
                    "Volume::from(CfnVolume::new().name({}).host(HostVolumeProperties::new().source_path({})))",
                    lit(&v.name),
                    lit(source_path)
                ),
            )
            .uses("ecs_dsl::ecs::Volume")
            .uses(format!("{TD}::Volume as CfnVolume"))
            .uses(format!("{TD}::HostVolumeProperties"))
        }
        VolumeSource::Efs { volume } => {
            let (fs, ap) = &shared.volumes[volume];
            let cfn = CfnVolume::new()
                .name(v.name.as_str())
                .efs_volume_configuration(
                    EfsVolumeConfiguration::new(EfsVolumeConfigurationRequired {
                        filesystem_id: &fs.handle,
                    })
                    .transit_encryption(EfsVolumeConfigurationTransitEncryption::Enabled)
                    .authorization_config(
                        AuthorizationConfig::new()
                            .access_point_id(&ap.handle)
                            .iam(AuthorizationConfigIam::Disabled),
                    ),
                );
            Written::new(
                Volume::from(cfn),
                format!(
                    "Volume::from(CfnVolume::new().name({}).efs_volume_configuration(EfsVolumeConfiguration::new(EfsVolumeConfigurationRequired {{ filesystem_id: &{} }}).transit_encryption(EfsVolumeConfigurationTransitEncryption::Enabled).authorization_config(AuthorizationConfig::new().access_point_id(&{}).iam(AuthorizationConfigIam::Disabled))))",
                    lit(&v.name),
                    fs.var,
                    ap.var
                ),
            )
            .uses("ecs_dsl::ecs::Volume")
            .uses(format!("{TD}::Volume as CfnVolume"))
            .uses(format!("{TD}::EfsVolumeConfiguration"))
            .uses(format!("{TD}::EfsVolumeConfigurationRequired"))
            .uses(format!("{TD}::EfsVolumeConfigurationTransitEncryption"))
            .uses(format!("{TD}::AuthorizationConfig"))
            .uses(format!("{TD}::AuthorizationConfigIam"))
        }
    }
}

/// The ECS service that keeps the task running, when the plan has one.
fn service(
    task: &TaskPlan,
    (task_var, task_handle): &(String, Handle<crate::cfn::ecs::CfnTaskDefinition>),
    cluster: &Bound<crate::cfn::ecs::CfnCluster>,
    shared: &Shared,
    awsvpc: bool,
    targets: &[&Target],
    p: &mut Program<'_>,
) {
    let Some(plan) = &task.service else {
        return;
    };
    let count = plan.desired_count;
    let mut s = Written::new(CfnService::new(), "CfnService::new()")
        .uses("ecs_dsl::cfn::ecs::CfnService")
        .call(format!(".cluster({})", cluster.var), |s| {
            s.cluster(&cluster.handle)
        })
        .call(format!(".task_definition({task_var}.handle())"), |s| {
            s.task_definition(task_handle)
        })
        .call(format!(".desired_count({})", int(count)), |s| {
            s.desired_count(i64::try_from(count).unwrap_or(i64::MAX))
        });
    if awsvpc {
        let tasks = &shared.tasks_group;
        s = s
            .uses("ecs_dsl::cfn::ecs::service::LaunchType as ServiceLaunchType")
            .uses("ecs_dsl::cfn::ecs::service::NetworkConfiguration")
            .uses("ecs_dsl::cfn::ecs::service::AwsVpcConfiguration")
            .uses("ecs_dsl::cfn::ecs::service::AwsVpcConfigurationAssignPublicIp")
            .call(".launch_type(ServiceLaunchType::Fargate)", |s| {
                s.launch_type(CfnLaunchType::Fargate)
            })
            .call(
                format!(".network_configuration(NetworkConfiguration::new().awsvpc_configuration(AwsVpcConfiguration::new().subnets(&subnets).security_groups(vec![{}.ref_()]).assign_public_ip(AwsVpcConfigurationAssignPublicIp::Enabled)))", tasks.var),
                |s| {
                    s.network_configuration(
                        NetworkConfiguration::new().awsvpc_configuration(
                            AwsVpcConfiguration::new()
                                .subnets(&shared.subnets)
                                .security_groups(vec![tasks.handle.ref_()])
                                .assign_public_ip(AwsVpcConfigurationAssignPublicIp::Enabled),
                        ),
                    )
                },
            );
    } else {
        s = s
            .uses("ecs_dsl::cfn::ecs::service::LaunchType as ServiceLaunchType")
            .call(".launch_type(ServiceLaunchType::Ec2)", |s| {
                s.launch_type(CfnLaunchType::Ec2)
            });
    }
    s = s.call_with(
        "service_connect_configuration",
        service_connect(&plan.connect),
        CfnService::service_connect_configuration,
    );
    if !targets.is_empty() {
        s = s.call_with("load_balancers", registrations(targets), |s, v| {
            s.load_balancers(v)
        });
        s = s.call(
            format!(".health_check_grace_period_seconds({HEALTH_CHECK_GRACE_SECONDS})"),
            |s| s.health_check_grace_period_seconds(HEALTH_CHECK_GRACE_SECONDS),
        );
    }
    let id = plan.logical_id.clone();
    let mounts_efs = mounts_efs(task);
    let var = snake_case(&id);
    let bind = mounts_efs || !targets.is_empty();
    let handle = p.add_resource(bind.then_some(var.as_str()), &id, s);
    if mounts_efs {
        for target in &shared.mount_targets {
            p.stack.add_dependency(&handle, &target.handle);
            let _ = writeln!(p.body, "    stack.add_dependency(&{var}, &{});", target.var);
        }
    }
    // A target group takes registrations once a listener forwards to it.
    for (listener, text) in targets.iter().filter_map(|t| t.via.as_ref()) {
        p.stack.add_dependency(&handle, listener);
        let _ = writeln!(p.body, "    stack.add_dependency(&{var}, &{text});");
    }
}

/// The service's `LoadBalancers`: each exposed port's container registered in its target group.
fn registrations(targets: &[&Target]) -> Written<Vec<ServiceLoadBalancer>> {
    Written::list(targets.iter().map(|t| {
        let group = &t.group;
        Written::new(
            ServiceLoadBalancer::new()
                .container_name(t.port.container.as_str())
                .container_port(i64::from(t.port.container_port))
                .target_group_arn(&group.handle),
            format!(
                "ServiceLoadBalancer::new().container_name({}).container_port({}).target_group_arn(&{})",
                lit(&t.port.container),
                t.port.container_port,
                group.var
            ),
        )
        .uses("ecs_dsl::cfn::ecs::service::LoadBalancer as ServiceLoadBalancer")
    }))
}

/// Service Connect in the cluster's namespace: the service reaches the others by compose name,
/// and they reach its ports by its name.
fn service_connect(ports: &[ConnectPort]) -> Written<ServiceConnectConfiguration> {
    let mut config = Written::new(
        ServiceConnectConfiguration::new(ServiceConnectConfigurationRequired { enabled: true }),
        "ServiceConnectConfiguration::new(ServiceConnectConfigurationRequired { enabled: true })",
    )
    .uses("ecs_dsl::cfn::ecs::service::ServiceConnectConfiguration")
    .uses("ecs_dsl::cfn::ecs::service::ServiceConnectConfigurationRequired")
    .uses("ecs_dsl::prelude::Pseudo")
    .call(".namespace(Pseudo::StackName.value())", |c| {
        c.namespace(Pseudo::StackName.value())
    });
    if ports.is_empty() {
        return config;
    }
    let services = Written::list(ports.iter().map(|p| {
        let alias = Written::new(
            ServiceConnectClientAlias::new(ServiceConnectClientAliasRequired {
                port: i64::from(p.port),
            })
            .dns_name(p.dns_name.as_str()),
            format!(
                "ServiceConnectClientAlias::new(ServiceConnectClientAliasRequired {{ port: {} }}).dns_name({})",
                p.port,
                lit(&p.dns_name)
            ),
        )
        .uses("ecs_dsl::cfn::ecs::service::ServiceConnectClientAlias")
        .uses("ecs_dsl::cfn::ecs::service::ServiceConnectClientAliasRequired");
        Written::new(
            ServiceConnectService::new(ServiceConnectServiceRequired {
                port_name: p.port_name.as_str(),
            }),
            format!(
                "ServiceConnectService::new(ServiceConnectServiceRequired {{ port_name: {} }})",
                lit(&p.port_name)
            ),
        )
        .uses("ecs_dsl::cfn::ecs::service::ServiceConnectService")
        .uses("ecs_dsl::cfn::ecs::service::ServiceConnectServiceRequired")
        .call(format!(".discovery_name({})", lit(&p.discovery_name)), |s| {
            s.discovery_name(p.discovery_name.as_str())
        })
        .call_with("client_aliases", Written::list([alias]), |s, v| {
            s.client_aliases(v)
        })
    }));
    config = config.call_with("services", services, |c, v| c.services(v));
    config
}

/// Whether a container of the task mounts an EFS file system.
fn mounts_efs(task: &TaskPlan) -> bool {
    task.containers
        .iter()
        .flat_map(|c| &c.volumes)
        .any(|v| matches!(v.source, VolumeSource::Efs { .. }))
}

/// The volumes of all `containers`, each name once, in order of first use.
pub(crate) fn task_volumes(containers: &[ContainerSpec]) -> Vec<VolumeSpec> {
    let mut volumes: Vec<VolumeSpec> = Vec::new();
    for v in containers.iter().flat_map(|c| &c.volumes) {
        if !volumes.iter().any(|known| known.name == v.name) {
            volumes.push(v.clone());
        }
    }
    volumes
}

/// `AppTaskDefinition` → `app_task_definition`: a Rust variable name (the logical IDs are
/// letters and digits, unique, so the names are too).
pub(crate) fn snake_case(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names() {
        assert_eq!(snake_case("AppTaskDefinition"), "app_task_definition");
        assert_eq!(snake_case("Service1stService"), "service1st_service");
    }
}
