//! An ECS cluster with EC2 capacity: an Auto Scaling group of container instances started from a
//! launch template, with their role, instance profile, security group and cfn-init set-up.

use crate::cfn::autoscaling::CfnAutoScalingGroup;
use crate::cfn::autoscaling::auto_scaling_group::{
    CfnAutoScalingGroupRequired, LaunchTemplateSpecification, LaunchTemplateSpecificationRequired,
    TagProperty, TagPropertyRequired,
};
use crate::cfn::ec2::launch_template::{
    CfnLaunchTemplateRequired, IamInstanceProfile, LaunchTemplateData, MetadataOptions,
    MetadataOptionsHttpTokens,
};
use crate::cfn::ec2::security_group::{
    CfnSecurityGroupRequired, Egress, EgressRequired, Ingress, IngressRequired,
};
use crate::cfn::ec2::{CfnLaunchTemplate, CfnSecurityGroup};
use crate::cfn::ecs::capacity_provider::{
    AutoScalingGroupProvider, AutoScalingGroupProviderManagedDraining,
    AutoScalingGroupProviderManagedTerminationProtection, AutoScalingGroupProviderRequired,
    ManagedScaling, ManagedScalingStatus,
};
use crate::cfn::ecs::cluster_capacity_provider_associations::{
    CapacityProviderStrategy, CapacityProviderStrategyRequired,
    CfnClusterCapacityProviderAssociationsRequired,
};
use crate::cfn::ecs::{CfnCapacityProvider, CfnCluster, CfnClusterCapacityProviderAssociations};
use crate::cfn::iam::instance_profile::CfnInstanceProfileRequired;
use crate::cfn::iam::{CfnInstanceProfile, CfnRole};
use crate::customize::{Customize, apply};
use crate::iam::{PolicyDocument, ServiceRole, Statement};
use crate::intrinsic::{Func, Handle, IntoValue, Pseudo, Resource, Sub, Symbol, Typed};
use crate::stack::Stack;
use crate::template::{
    CreationPolicy, Init, InitCommand, InitConfig, InitFile, Node, ResourceOptions, UpdatePolicy,
};

use super::cluster::{Ec2Capacity, EcsCluster, Network};

/// How long CloudFormation waits for the instances' `cfn-signal`.
const SIGNAL_TIMEOUT: &str = "PT15M";

/// The processes a rolling update suspends, so the group does not fight the replacement.
const SUSPENDED_DURING_UPDATE: [&str; 5] = [
    "HealthCheck",
    "ReplaceUnhealthy",
    "AZRebalance",
    "AlarmNotification",
    "ScheduledActions",
];

/// A directory cfn-init creates on every instance, the source of a host volume.
#[derive(Clone, Debug)]
pub struct HostDirectory {
    path: String,
    owner: Option<String>,
}

impl HostDirectory {
    /// The directory `path` (created with `mkdir -p`).
    pub fn new(path: &str) -> Self {
        HostDirectory {
            path: path.to_owned(),
            owner: None,
        }
    }

    /// Its owner, as `uid:gid` (`chown -R`). Default: root.
    #[must_use]
    pub fn owner(mut self, owner: &str) -> Self {
        self.owner = Some(owner.to_owned());
        self
    }
}

/// An ECS cluster on EC2 instances. Logical IDs derive from the id given to [`Ec2Cluster::add`]:
/// `{id}Cluster`, `{id}Autoscaling`, `{id}AutoscalingLaunchTemplate`, `…SecurityGroup`,
/// `…InstanceRole`, `…InstanceProfile`, and with [`Ec2Cluster::capacity_provider`]
/// `{id}CapacityProvider` and `{id}ClusterCapacityProviderAssociations`.
pub struct Ec2Cluster {
    network: Network,
    cluster: CfnCluster,
    image_id: Typed<String>,
    instance_type: String,
    min_size: u32,
    max_size: u32,
    desired: Option<(Typed<String>, Typed<i64>)>,
    host_directories: Vec<HostDirectory>,
    init_commands: Vec<(String, InitCommand)>,
    user_data: Vec<String>,
    key_pair: Option<Typed<String>>,
    ssh_from: Vec<String>,
    capacity_provider: Option<u32>,
    rolling_update_min_in_service: Option<u32>,
    depends_on: Vec<Symbol>,
    customize_autoscaling_group: Customize<CfnAutoScalingGroup>,
    customize_launch_template: Customize<CfnLaunchTemplate>,
    customize_security_group: Customize<CfnSecurityGroup>,
    customize_instance_role: Customize<CfnRole>,
    customize_instance_profile: Customize<CfnInstanceProfile>,
    customize_capacity_provider: Customize<CfnCapacityProvider>,
    customize_capacity_provider_associations: Customize<CfnClusterCapacityProviderAssociations>,
}

/// The resources an [`Ec2Cluster`] added, with what services need to know of it.
#[derive(Clone, Debug)]
pub struct Ec2ClusterHandles {
    /// The ECS cluster.
    pub cluster: Handle<CfnCluster>,
    /// The Auto Scaling group of container instances.
    pub autoscaling_group: Handle<CfnAutoScalingGroup>,
    /// The launch template of the instances.
    pub launch_template: Handle<CfnLaunchTemplate>,
    /// The instances' security group.
    pub security_group: Handle<CfnSecurityGroup>,
    /// The instances' role.
    pub instance_role: Handle<CfnRole>,
    /// The instances' instance profile.
    pub instance_profile: Handle<CfnInstanceProfile>,
    /// The capacity provider on the Auto Scaling group ([`Ec2Cluster::capacity_provider`]).
    pub capacity_provider: Option<Handle<CfnCapacityProvider>>,
    /// The cluster's capacity providers and default strategy ([`Ec2Cluster::capacity_provider`]).
    pub capacity_provider_associations: Option<Handle<CfnClusterCapacityProviderAssociations>>,
    /// The network of the instances.
    pub network: Network,
    /// The instances' type.
    pub instance_type: String,
}

impl EcsCluster for Ec2ClusterHandles {
    fn cluster(&self) -> &Handle<CfnCluster> {
        &self.cluster
    }
    fn network(&self) -> &Network {
        &self.network
    }
}

impl Ec2Capacity for Ec2ClusterHandles {
    fn instance_type(&self) -> &str {
        &self.instance_type
    }
    fn instance_security_group(&self) -> &Handle<CfnSecurityGroup> {
        &self.security_group
    }
}

impl Ec2Cluster {
    /// A cluster with instances in `network`, started from the ECS-optimized AMI `image_id`.
    pub fn new(network: &Network, image_id: impl IntoValue<String>) -> Self {
        Ec2Cluster {
            network: network.clone(),
            cluster: CfnCluster::new(),
            image_id: Typed::new(image_id),
            instance_type: "t3.micro".into(),
            min_size: 0,
            max_size: 4,
            desired: None,
            host_directories: Vec::new(),
            init_commands: Vec::new(),
            user_data: Vec::new(),
            key_pair: None,
            ssh_from: Vec::new(),
            capacity_provider: None,
            rolling_update_min_in_service: None,
            depends_on: Vec::new(),
            customize_autoscaling_group: Vec::new(),
            customize_launch_template: Vec::new(),
            customize_security_group: Vec::new(),
            customize_instance_role: Vec::new(),
            customize_instance_profile: Vec::new(),
            customize_capacity_provider: Vec::new(),
            customize_capacity_provider_associations: Vec::new(),
        }
    }

    /// Names the cluster. Default: a name CloudFormation generates. Sets `AWS::ECS::Cluster.ClusterName`.
    #[must_use]
    pub fn cluster_name(mut self, name: impl IntoValue<String>) -> Self {
        self.cluster = self.cluster.cluster_name(name);
        self
    }

    /// The EC2 instance type; a task needing more memory than it has is never placed
    /// (validate `ECS023`). Default: `t3.micro`. Sets `LaunchTemplateData.InstanceType`.
    #[must_use]
    pub fn instance_type(mut self, instance_type: &str) -> Self {
        self.instance_type = instance_type.to_owned();
        self
    }

    /// The fewest instances. Default: 0. Sets `AWS::AutoScaling::AutoScalingGroup.MinSize`.
    #[must_use]
    pub fn min_size(mut self, count: u32) -> Self {
        self.min_size = count;
        self
    }

    /// The most instances (at least the minimum: validate `ECS024`). Default: 4.
    /// Sets `AWS::AutoScaling::AutoScalingGroup.MaxSize`.
    #[must_use]
    pub fn max_size(mut self, count: u32) -> Self {
        self.max_size = count;
        self
    }

    /// How many instances to run; CloudFormation also waits for as many `cfn-signal`s.
    /// Default: the minimum size. Sets `DesiredCapacity` and `CreationPolicy.ResourceSignal.Count`.
    #[must_use]
    pub fn desired_capacity<V>(mut self, count: V) -> Self
    where
        V: IntoValue<String> + IntoValue<i64> + Clone,
    {
        self.desired = Some((Typed::new(count.clone()), Typed::new(count)));
        self
    }

    /// Creates a directory on every instance (by cfn-init, before ECS starts tasks): the source
    /// of a host volume. Sets the launch template's `AWS::CloudFormation::Init` commands.
    #[must_use]
    pub fn host_directory(mut self, directory: HostDirectory) -> Self {
        self.host_directories.push(directory);
        self
    }

    /// Runs the user's own command on every instance, after the builder's (cfn-init runs
    /// commands in the order of their names). Sets the launch template's
    /// `AWS::CloudFormation::Init` `config.commands.{name}`.
    #[must_use]
    pub fn init_command(mut self, name: &str, command: InitCommand) -> Self {
        self.init_commands.push((name.to_owned(), command));
        self
    }

    /// A line of shell the instances run at boot, before cfn-init (whose exit code the
    /// instance signals). Sets the launch template's `UserData`.
    #[must_use]
    pub fn user_data_line(mut self, line: &str) -> Self {
        self.user_data.push(line.to_owned());
        self
    }

    /// The EC2 key pair for SSH. Default: none (use SSM Session Manager).
    /// Sets `LaunchTemplateData.KeyName`.
    #[must_use]
    pub fn key_pair(mut self, name: impl IntoValue<String>) -> Self {
        self.key_pair = Some(Typed::new(name));
        self
    }

    /// Opens SSH (TCP 22) to the instances from `cidr`, such as `203.0.113.0/24`. Default:
    /// closed. Adds an ingress rule to the instances' `SecurityGroupIngress`.
    #[must_use]
    pub fn ssh_from(mut self, cidr: &str) -> Self {
        self.ssh_from.push(cidr.to_owned());
        self
    }

    /// Lets ECS scale the instances: an ECS capacity provider on the Auto Scaling group with
    /// managed scaling (keeping the group `target_capacity_percent` used), managed termination
    /// protection and managed draining, made the cluster's default strategy.
    /// Adds `AWS::ECS::CapacityProvider` and `AWS::ECS::ClusterCapacityProviderAssociations`;
    /// sets the group's `NewInstancesProtectedFromScaleIn`.
    #[must_use]
    pub fn capacity_provider(mut self, target_capacity_percent: u32) -> Self {
        self.capacity_provider = Some(target_capacity_percent);
        self
    }

    /// Replaces instances in batches on a change of the launch template, waiting for each new
    /// instance's `cfn-signal` and keeping `min_in_service` instances running.
    /// Sets the group's `UpdatePolicy.AutoScalingRollingUpdate`.
    #[must_use]
    pub fn rolling_update(mut self, min_in_service: u32) -> Self {
        self.rolling_update_min_in_service = Some(min_in_service);
        self
    }

    /// Creates every resource of the cluster only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.depends_on.push(other.symbol().clone());
        self
    }

    /// The generated cluster, for properties and resource attributes this builder does not cover.
    #[must_use]
    pub fn customize_cluster(mut self, f: impl FnOnce(CfnCluster) -> CfnCluster) -> Self {
        self.cluster = f(self.cluster);
        self
    }

    /// The generated Auto Scaling group (an `UpdatePolicy`, say), applied after the builder's settings.
    #[must_use]
    pub fn customize_autoscaling_group(
        mut self,
        f: impl FnOnce(CfnAutoScalingGroup) -> CfnAutoScalingGroup + 'static,
    ) -> Self {
        self.customize_autoscaling_group.push(Box::new(f));
        self
    }

    /// The generated launch template, applied after the builder's settings.
    #[must_use]
    pub fn customize_launch_template(
        mut self,
        f: impl FnOnce(CfnLaunchTemplate) -> CfnLaunchTemplate + 'static,
    ) -> Self {
        self.customize_launch_template.push(Box::new(f));
        self
    }

    /// The generated instance security group, applied after the builder's settings.
    #[must_use]
    pub fn customize_security_group(
        mut self,
        f: impl FnOnce(CfnSecurityGroup) -> CfnSecurityGroup + 'static,
    ) -> Self {
        self.customize_security_group.push(Box::new(f));
        self
    }

    /// The generated instance role, applied after the builder's settings.
    #[must_use]
    pub fn customize_instance_role(mut self, f: impl FnOnce(CfnRole) -> CfnRole + 'static) -> Self {
        self.customize_instance_role.push(Box::new(f));
        self
    }

    /// The generated instance profile, applied after the builder's settings.
    #[must_use]
    pub fn customize_instance_profile(
        mut self,
        f: impl FnOnce(CfnInstanceProfile) -> CfnInstanceProfile + 'static,
    ) -> Self {
        self.customize_instance_profile.push(Box::new(f));
        self
    }

    /// The generated capacity provider ([`Ec2Cluster::capacity_provider`]), applied after the
    /// builder's settings.
    #[must_use]
    pub fn customize_capacity_provider(
        mut self,
        f: impl FnOnce(CfnCapacityProvider) -> CfnCapacityProvider + 'static,
    ) -> Self {
        self.customize_capacity_provider.push(Box::new(f));
        self
    }

    /// The generated capacity provider associations ([`Ec2Cluster::capacity_provider`]),
    /// applied after the builder's settings.
    #[must_use]
    pub fn customize_capacity_provider_associations(
        mut self,
        f: impl FnOnce(CfnClusterCapacityProviderAssociations) -> CfnClusterCapacityProviderAssociations
        + 'static,
    ) -> Self {
        self.customize_capacity_provider_associations
            .push(Box::new(f));
        self
    }

    /// Adds the cluster and its capacity to `stack`, their logical IDs starting with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> Ec2ClusterHandles {
        let p = id;
        let cluster = stack.add(
            &format!("{p}Cluster"),
            self.with_depends_on(self.cluster.clone()),
        );
        let security_group = self.security_group(p);
        let security_group = apply(&mut self.customize_security_group, security_group);
        let security_group = stack.add(
            &format!("{p}AutoscalingSecurityGroup"),
            self.with_depends_on(security_group),
        );
        let role = apply(
            &mut self.customize_instance_role,
            instance_role(&cluster).into_cfn(),
        );
        let instance_role = stack.add(
            &format!("{p}AutoscalingInstanceRole"),
            self.with_depends_on(role),
        );
        let profile = CfnInstanceProfile::new(CfnInstanceProfileRequired {
            roles: vec![instance_role.ref_()],
        });
        let profile = apply(&mut self.customize_instance_profile, profile);
        let instance_profile = stack.add(
            &format!("{p}AutoscalingInstanceProfile"),
            self.with_depends_on(profile),
        );
        let template_id = format!("{p}AutoscalingLaunchTemplate");
        let group_id = format!("{p}Autoscaling");
        let template = self.launch_template(
            &cluster,
            &security_group,
            &instance_profile,
            &template_id,
            &group_id,
        );
        let template = apply(&mut self.customize_launch_template, template);
        let launch_template = stack.add(&template_id, self.with_depends_on(template));
        let group = self.autoscaling_group(p, &launch_template);
        let group = apply(&mut self.customize_autoscaling_group, group);
        let autoscaling_group = stack.add(&group_id, self.with_depends_on(group));
        let (capacity_provider, capacity_provider_associations) =
            match self.add_capacity_provider(stack, p, &cluster, &autoscaling_group) {
                Some((provider, associations)) => (Some(provider), Some(associations)),
                None => (None, None),
            };
        Ec2ClusterHandles {
            cluster,
            autoscaling_group,
            launch_template,
            security_group,
            instance_role,
            instance_profile,
            capacity_provider,
            capacity_provider_associations,
            network: self.network,
            instance_type: self.instance_type,
        }
    }

    /// The capacity provider and the cluster's default strategy, when asked for.
    #[track_caller]
    fn add_capacity_provider(
        &mut self,
        stack: &mut Stack,
        p: &str,
        cluster: &Handle<CfnCluster>,
        group: &Handle<CfnAutoScalingGroup>,
    ) -> Option<(
        Handle<CfnCapacityProvider>,
        Handle<CfnClusterCapacityProviderAssociations>,
    )> {
        let target_capacity = self.capacity_provider?;
        let scaling = ManagedScaling::new()
            .status(ManagedScalingStatus::Enabled)
            .target_capacity(i64::from(target_capacity));
        let provider = AutoScalingGroupProvider::new(AutoScalingGroupProviderRequired {
            auto_scaling_group_arn: group,
        })
        .managed_scaling(scaling)
        .managed_termination_protection(
            AutoScalingGroupProviderManagedTerminationProtection::Enabled,
        )
        .managed_draining(AutoScalingGroupProviderManagedDraining::Enabled);
        let provider = CfnCapacityProvider::new().auto_scaling_group_provider(provider);
        let provider = apply(&mut self.customize_capacity_provider, provider);
        let provider = stack.add(
            &format!("{p}CapacityProvider"),
            self.with_depends_on(provider),
        );
        let strategy = CapacityProviderStrategy::new(CapacityProviderStrategyRequired {
            capacity_provider: &provider,
        })
        .weight(1);
        let associations = CfnClusterCapacityProviderAssociations::new(
            CfnClusterCapacityProviderAssociationsRequired {
                cluster,
                default_capacity_provider_strategy: vec![strategy],
            },
        )
        .capacity_providers(vec![provider.ref_()]);
        let associations = apply(
            &mut self.customize_capacity_provider_associations,
            associations,
        );
        let associations = stack.add(
            &format!("{p}ClusterCapacityProviderAssociations"),
            self.with_depends_on(associations),
        );
        Some((provider, associations))
    }

    fn with_depends_on<R: Resource>(&self, mut resource: R) -> R {
        resource
            .body_mut()
            .attributes
            .depends_on
            .extend(self.depends_on.iter().cloned());
        resource
    }

    /// Instances need DNS and HTTP(S) out (ECS agent, image pulls); nothing in by default — the
    /// load balancer and other services add their own ingress rules.
    fn security_group(&self, prefix: &str) -> CfnSecurityGroup {
        let egress = |protocol: &str, port: i64| {
            Egress::new(EgressRequired {
                ip_protocol: protocol,
            })
            .from_port(port)
            .to_port(port)
            .cidr_ip("0.0.0.0/0")
        };
        let group = CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!(" {prefix} Autoscaling Security Group"))
                .build(),
        })
        .vpc_id(self.network.vpc.clone())
        .security_group_egress(vec![
            egress("udp", 53),
            egress("tcp", 80),
            egress("tcp", 443),
        ]);
        if self.ssh_from.is_empty() {
            return group;
        }
        let ssh = self
            .ssh_from
            .iter()
            .map(|cidr| {
                Ingress::new(IngressRequired { ip_protocol: "tcp" })
                    .from_port(22)
                    .to_port(22)
                    .cidr_ip(cidr.as_str())
                    .description("SSH")
            })
            .collect::<Vec<_>>();
        group.security_group_ingress(ssh)
    }

    fn launch_template(
        &self,
        cluster: &Handle<CfnCluster>,
        security_group: &Handle<CfnSecurityGroup>,
        profile: &Handle<CfnInstanceProfile>,
        template_id: &str,
        group_id: &str,
    ) -> CfnLaunchTemplate {
        let mut data = LaunchTemplateData::new()
            .image_id(self.image_id.clone())
            .instance_type(self.instance_type.as_str())
            .iam_instance_profile(IamInstanceProfile::new().arn(profile.attr_arn()))
            .security_group_ids(vec![security_group.attr_group_id()])
            .metadata_options(
                MetadataOptions::new().http_tokens(MetadataOptionsHttpTokens::Required),
            )
            .user_data(Func::base64(user_data(
                &self.user_data,
                template_id,
                group_id,
            )));
        if let Some(key) = &self.key_pair {
            data = data.key_name(key.clone());
        }
        CfnLaunchTemplate::new(CfnLaunchTemplateRequired {
            launch_template_data: data,
        })
        .cfn_init(self.init(cluster))
    }

    /// cfn-init: join the cluster, then prepare the host directories.
    fn init(&self, cluster: &Handle<CfnCluster>) -> Init {
        let ecs_config = Sub::new()
            .text("ECS_CLUSTER=")
            .var(cluster)
            .text("\n")
            .build();
        let mut config = InitConfig::new().file(
            "/etc/ecs/ecs.config",
            InitFile::content(ecs_config)
                .mode("000644")
                .owner("root")
                .group("root"),
        );
        for (i, dir) in self.host_directories.iter().enumerate() {
            let path = &dir.path;
            config = config.command(
                &format!("{:02}_create_{}", i * 2 + 5, slug(path)),
                InitCommand::new(format!("mkdir -p {path}")),
            );
            if let Some(owner) = &dir.owner {
                config = config.command(
                    &format!("{:02}_own_{}", i * 2 + 6, slug(path)),
                    InitCommand::new(format!("chown -R {owner} {path}")),
                );
            }
        }
        for (name, command) in &self.init_commands {
            config = config.command(name, command.clone());
        }
        Init::new(config)
    }

    fn autoscaling_group(
        &self,
        prefix: &str,
        launch_template: &Handle<CfnLaunchTemplate>,
    ) -> CfnAutoScalingGroup {
        let spec = LaunchTemplateSpecification::new(LaunchTemplateSpecificationRequired {
            version: launch_template.attr_latest_version_number(),
        })
        .launch_template_id(launch_template.ref_());
        let name_tag = TagProperty::new(TagPropertyRequired {
            key: "Name",
            propagate_at_launch: true,
            value: Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!("-{prefix}Autoscaling-instance"))
                .build(),
        });
        let group = CfnAutoScalingGroup::new(CfnAutoScalingGroupRequired {
            max_size: self.max_size.to_string(),
            min_size: self.min_size.to_string(),
        })
        .launch_template(spec)
        .vpc_zone_identifier(self.network.subnets.clone())
        .tags(vec![name_tag]);
        let group = if self.capacity_provider.is_some() {
            group.new_instances_protected_from_scale_in(true)
        } else {
            group
        };
        let group = match self.rolling_update_min_in_service {
            Some(min) => group.update_policy(rolling_update(min)),
            None => group,
        };
        match &self.desired {
            Some((capacity, count)) => group.desired_capacity(capacity.clone()).creation_policy(
                CreationPolicy::new().resource_signal(count.clone(), SIGNAL_TIMEOUT),
            ),
            None => group.creation_policy(
                CreationPolicy::new().resource_signal(i64::from(self.min_size), SIGNAL_TIMEOUT),
            ),
        }
    }
}

/// The ECS container-instance permissions, scoped to the cluster where ECS allows it.
fn instance_role(cluster: &Handle<CfnCluster>) -> ServiceRole {
    let logs_arn = Sub::arn_prefix("logs")
        .text("log-group:/")
        .var(&Pseudo::StackName)
        .text("*")
        .build();
    let policy = PolicyDocument::new()
        .statement(
            Statement::allow([
                "ecs:RegisterContainerInstance",
                "ecs:DeregisterContainerInstance",
                "ecs:UpdateContainerInstancesState",
            ])
            .resource(cluster.attr_arn()),
        )
        .statement(
            Statement::allow([
                "ecs:DiscoverPollEndpoint",
                "ecs:Submit*",
                "ecs:Poll",
                "ecs:StartTelemetrySession",
            ])
            .resource("*"),
        )
        .statement(
            Statement::allow([
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer",
                "ecr:GetAuthorizationToken",
            ])
            .resource("*"),
        )
        .statement(
            Statement::allow([
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogStreams",
            ])
            .resource(logs_arn),
        );
    ServiceRole::new("ec2.amazonaws.com").inline_policy("ECSContainerInstancePermissions", policy)
}

/// Replace instances one batch at a time, each new one signalling success, keeping `min`.
fn rolling_update(min_in_service: u32) -> UpdatePolicy {
    let suspended = SUSPENDED_DURING_UPDATE
        .iter()
        .map(|&p| Node::from(p))
        .collect();
    UpdatePolicy::new().auto_scaling_rolling_update([
        ("SuspendProcesses", Node::List(suspended)),
        (
            "MinInstancesInService",
            Node::Int(i64::from(min_in_service)),
        ),
        ("MinSuccessfulInstancesPercent", Node::Int(100)),
        ("WaitOnResourceSignals", Node::Bool(true)),
        ("PauseTime", Node::from(SIGNAL_TIMEOUT)),
    ])
}

/// Runs the user's lines, then cfn-init on the instance, then signals the group with cfn-init's
/// exit code.
fn user_data(
    lines: &[String],
    template_id: &str,
    group_id: &str,
) -> crate::intrinsic::Value<String> {
    let mut script = String::from("#!/bin/bash\n");
    for line in lines {
        script.push_str(line);
        script.push('\n');
    }
    Sub::new()
        .text(&script)
        .text("/opt/aws/bin/cfn-init -v --stack ")
        .var(&Pseudo::StackName)
        .text(&format!(" --resource {template_id} --region "))
        .var(&Pseudo::Region)
        .text("\n/opt/aws/bin/cfn-signal -e $? --stack ")
        .var(&Pseudo::StackName)
        .text(&format!(" --resource {group_id} --region "))
        .var(&Pseudo::Region)
        .text("\n")
        .build()
}

/// A command-name fragment for a path: `/data/public` → `data_public`.
fn slug(path: &str) -> String {
    path.trim_matches('/').replace(['/', '.', '-'], "_")
}
