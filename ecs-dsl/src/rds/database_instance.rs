//! A database instance reachable from one security group, its master password generated into a
//! Secrets Manager secret (never a template parameter).

use crate::cfn::ec2::security_group::{CfnSecurityGroupRequired, Egress, EgressRequired};
use crate::cfn::ec2::subnet::SubnetId;
use crate::cfn::ec2::vpc::VpcId;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use crate::cfn::rds::db_subnet_group::CfnDbSubnetGroupRequired;
use crate::cfn::rds::{CfnDbCluster, CfnDbInstance, CfnDbSubnetGroup};
use crate::cfn::secretsmanager::CfnSecret;
use crate::cfn::secretsmanager::secret::GenerateSecretString;
use crate::cfn::{HasProps, Tag};
use crate::customize::{Customize, apply, unless_customized};
use crate::intrinsic::{Handle, IntoValue, Pseudo, Resource, Sub, Symbol, Typed, Value};
use crate::stack::Stack;
use crate::traffic::{CustomizeRules, TcpTraffic};

/// The key of the generated password inside the secret's JSON.
pub const PASSWORD_KEY: &str = "password";

/// A database engine and its version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Engine {
    name: &'static str,
    version: String,
    port: i64,
    /// An Aurora engine: storage and credentials belong to a DB cluster the instance joins.
    aurora: bool,
}

impl Engine {
    /// MySQL of `version`, such as `8.4.7`. Sets `Engine: mysql` and `EngineVersion`.
    pub fn mysql(version: &str) -> Self {
        Engine::with("mysql", version, 3306, false)
    }

    /// PostgreSQL of `version`, such as `17.4`. Sets `Engine: postgres` and `EngineVersion`.
    pub fn postgres(version: &str) -> Self {
        Engine::with("postgres", version, 5432, false)
    }

    /// Aurora MySQL of `version`, such as `8.0.mysql_aurora.3.08.0`: the instance joins an
    /// `AWS::RDS::DBCluster` the builder adds. Sets `Engine: aurora-mysql`.
    pub fn aurora_mysql(version: &str) -> Self {
        Engine::with("aurora-mysql", version, 3306, true)
    }

    /// Aurora PostgreSQL of `version`, such as `16.4`: the instance joins an
    /// `AWS::RDS::DBCluster` the builder adds. Sets `Engine: aurora-postgresql`.
    pub fn aurora_postgresql(version: &str) -> Self {
        Engine::with("aurora-postgresql", version, 5432, true)
    }

    fn with(name: &'static str, version: &str, port: i64, aurora: bool) -> Self {
        Engine {
            name,
            version: version.to_owned(),
            port,
            aurora,
        }
    }
}

/// Where the master password comes from.
enum Password {
    /// Generated into the builder's own secret, `{id}DatabaseSecret`.
    Generated,
    /// A key of the JSON in a secret of the stack.
    Secret(Handle<CfnSecret>, String),
}

/// A database instance. Logical IDs derive from the id given to [`DatabaseInstance::add`]:
/// `{id}Database`, `{id}DatabaseSubnetGroup`, `{id}DatabaseSecurityGroup`, `{id}DatabaseSecret`
/// (unless the password comes from another secret), `{id}DatabaseCluster` (Aurora), and
/// `{client}To{id}DatabaseIngress` / `…Egress` for each client security group.
///
/// The builder fills the master password only when the user's `customize_instance` (or
/// `customize_cluster` on Aurora) left `MasterUserPassword` and `ManageMasterUserPassword` unset:
/// it never overwrites a password the user set.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::rds::{DatabaseInstance, Engine};
///
/// let mut stack = Stack::new();
/// let db = DatabaseInstance::new(Engine::mysql("8.4.7"), "vpc-1", vec!["subnet-1", "subnet-2"])
///     .instance_class("db.t3.micro")
///     .allocated_storage_gib(20)
///     .add(&mut stack, "App");
/// assert_eq!(db.instance.logical_id(), "AppDatabase");
/// ```
pub struct DatabaseInstance {
    engine: Engine,
    instance_class: String,
    allocated_storage_gib: Option<u32>,
    database_name: Option<String>,
    availability_zone: Option<Typed<String>>,
    master_username: String,
    password: Password,
    vpc: Typed<VpcId>,
    subnets: Typed<Vec<SubnetId>>,
    clients: Vec<(String, Handle<CfnSecurityGroup>)>,
    depends_on: Vec<Symbol>,
    customize_instance: Customize<CfnDbInstance>,
    customize_cluster: Customize<CfnDbCluster>,
    customize_secret: Customize<CfnSecret>,
    customize_subnet_group: Customize<CfnDbSubnetGroup>,
    customize_security_group: Customize<CfnSecurityGroup>,
    customize_rules: CustomizeRules,
}

/// The resources a [`DatabaseInstance`] added.
#[derive(Clone, Debug)]
pub struct DatabaseHandles {
    /// The database instance.
    pub instance: Handle<CfnDbInstance>,
    /// The Aurora cluster the instance belongs to (Aurora engines only).
    pub cluster: Option<Handle<CfnDbCluster>>,
    /// The secret holding the password: the generated one (with `username` and `password`) or
    /// the one given to [`DatabaseInstance::master_password_secret`].
    pub secret: Handle<CfnSecret>,
    /// The database's security group.
    pub security_group: Handle<CfnSecurityGroup>,
    /// The subnet group.
    pub subnet_group: Handle<CfnDbSubnetGroup>,
}

impl DatabaseInstance {
    /// An instance of `engine` in `subnets` of `vpc`, on `db.t3.micro` unless
    /// [`DatabaseInstance::instance_class`] says otherwise. Sets `Engine`, `EngineVersion`,
    /// `DBInstanceClass`, and (not Aurora) gp3 storage in a single availability zone.
    pub fn new(
        engine: Engine,
        vpc: impl IntoValue<VpcId>,
        subnets: impl IntoValue<Vec<SubnetId>>,
    ) -> Self {
        DatabaseInstance {
            engine,
            instance_class: "db.t3.micro".into(),
            allocated_storage_gib: None,
            database_name: None,
            availability_zone: None,
            master_username: "admin".into(),
            password: Password::Generated,
            vpc: Typed::new(vpc),
            subnets: Typed::new(subnets),
            clients: Vec::new(),
            depends_on: Vec::new(),
            customize_instance: Vec::new(),
            customize_cluster: Vec::new(),
            customize_secret: Vec::new(),
            customize_subnet_group: Vec::new(),
            customize_security_group: Vec::new(),
            customize_rules: CustomizeRules::default(),
        }
    }

    /// The instance class. Default: `db.t3.micro`. Sets `DBInstanceClass`.
    #[must_use]
    pub fn instance_class(mut self, class: &str) -> Self {
        self.instance_class = class.to_owned();
        self
    }

    /// Storage in GiB (MySQL on gp3: at least 20; Aurora grows its own and ignores it).
    /// Sets `AllocatedStorage`.
    #[must_use]
    pub fn allocated_storage_gib(mut self, gib: u32) -> Self {
        self.allocated_storage_gib = Some(gib);
        self
    }

    /// The database created at launch. Sets `DBName` (Aurora: the cluster's `DatabaseName`).
    #[must_use]
    pub fn database_name(mut self, name: &str) -> Self {
        self.database_name = Some(name.to_owned());
        self
    }

    /// The master user. Default: `admin`. Sets `MasterUsername`.
    #[must_use]
    pub fn master_username(mut self, name: &str) -> Self {
        self.master_username = name.to_owned();
        self
    }

    /// Reads the master password from key `json_key` of `secret`, any Secrets Manager secret
    /// of the stack, instead of generating one; no `{id}DatabaseSecret` is added.
    /// Sets `MasterUserPassword` to a `{{resolve:secretsmanager:…}}` dynamic reference.
    #[must_use]
    pub fn master_password_secret(mut self, secret: &Handle<CfnSecret>, json_key: &str) -> Self {
        self.password = Password::Secret(secret.clone(), json_key.to_owned());
        self
    }

    /// The availability zone. Default: one RDS picks. Sets `AvailabilityZone`.
    #[must_use]
    pub fn availability_zone(mut self, zone: impl IntoValue<String>) -> Self {
        self.availability_zone = Some(Typed::new(zone));
        self
    }

    /// Lets `group` connect on the engine's port; its rules are named `{client}To{id}Database…`.
    /// Adds an `AWS::EC2::SecurityGroupIngress` and an `AWS::EC2::SecurityGroupEgress`.
    #[must_use]
    pub fn allow_from(mut self, client: &str, group: &Handle<CfnSecurityGroup>) -> Self {
        self.clients.push((client.to_owned(), group.clone()));
        self
    }

    /// Creates the database and its resources only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.depends_on.push(other.symbol().clone());
        self
    }

    /// The generated database instance (a `DeletionPolicy`, say), applied after the builder's
    /// settings. A `MasterUserPassword` or `ManageMasterUserPassword` set here is kept.
    #[must_use]
    pub fn customize_instance(
        mut self,
        f: impl FnOnce(CfnDbInstance) -> CfnDbInstance + 'static,
    ) -> Self {
        self.customize_instance.push(Box::new(f));
        self
    }

    /// The generated Aurora cluster (Aurora engines only), applied after the builder's
    /// settings. A `MasterUserPassword` or `ManageMasterUserPassword` set here is kept.
    #[must_use]
    pub fn customize_cluster(
        mut self,
        f: impl FnOnce(CfnDbCluster) -> CfnDbCluster + 'static,
    ) -> Self {
        self.customize_cluster.push(Box::new(f));
        self
    }

    /// The generated secret (not made with [`DatabaseInstance::master_password_secret`]),
    /// applied after the builder's settings.
    #[must_use]
    pub fn customize_secret(mut self, f: impl FnOnce(CfnSecret) -> CfnSecret + 'static) -> Self {
        self.customize_secret.push(Box::new(f));
        self
    }

    /// The generated subnet group, applied after the builder's settings.
    #[must_use]
    pub fn customize_subnet_group(
        mut self,
        f: impl FnOnce(CfnDbSubnetGroup) -> CfnDbSubnetGroup + 'static,
    ) -> Self {
        self.customize_subnet_group.push(Box::new(f));
        self
    }

    /// The generated security group, applied after the builder's settings.
    #[must_use]
    pub fn customize_security_group(
        mut self,
        f: impl FnOnce(CfnSecurityGroup) -> CfnSecurityGroup + 'static,
    ) -> Self {
        self.customize_security_group.push(Box::new(f));
        self
    }

    /// The generated ingress rules (one per client), applied after the builder's settings.
    #[must_use]
    pub fn customize_ingress(
        mut self,
        f: impl Fn(CfnSecurityGroupIngress) -> CfnSecurityGroupIngress + 'static,
    ) -> Self {
        self.customize_rules.ingress.push(Box::new(f));
        self
    }

    /// The generated egress rules (one per client), applied after the builder's settings.
    #[must_use]
    pub fn customize_egress(
        mut self,
        f: impl Fn(CfnSecurityGroupEgress) -> CfnSecurityGroupEgress + 'static,
    ) -> Self {
        self.customize_rules.egress.push(Box::new(f));
        self
    }

    /// Adds the database, its network and its secret to `stack`, their logical IDs starting
    /// with `id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, id: &str) -> DatabaseHandles {
        let p = id;
        let (secret, key) = match std::mem::replace(&mut self.password, Password::Generated) {
            Password::Secret(secret, key) => (secret, key),
            Password::Generated => {
                let secret = self.secret(p);
                let secret = apply(&mut self.customize_secret, secret);
                let secret = stack.add(&format!("{p}DatabaseSecret"), self.with_depends_on(secret));
                (secret, PASSWORD_KEY.to_owned())
            }
        };
        let subnet_group = CfnDbSubnetGroup::new(CfnDbSubnetGroupRequired {
            db_subnet_group_description: format!("{p} Database Subnet Group"),
            subnet_ids: self.subnets.clone(),
        })
        .tags(vec![name_tag("-db-subnet-group")]);
        let subnet_group = apply(&mut self.customize_subnet_group, subnet_group);
        let subnet_group = stack.add(
            &format!("{p}DatabaseSubnetGroup"),
            self.with_depends_on(subnet_group),
        );
        let security_group = self.security_group(p);
        let security_group = apply(&mut self.customize_security_group, security_group);
        let security_group = stack.add(
            &format!("{p}DatabaseSecurityGroup"),
            self.with_depends_on(security_group),
        );
        let mut instance = CfnDbInstance::new()
            .engine(self.engine.name)
            .db_instance_class(self.instance_class.as_str())
            .db_subnet_group_name(&subnet_group)
            .tags(vec![name_tag("-db")]);
        if let Some(zone) = self.availability_zone.clone() {
            instance = instance.availability_zone(zone);
        }
        let cluster = if self.engine.aurora {
            let cluster = self.cluster(&subnet_group, &security_group);
            let cluster = apply(&mut self.customize_cluster, cluster);
            let cluster = fill_password(cluster, secret_reference(&secret, &key));
            let cluster = stack.add(
                &format!("{p}DatabaseCluster"),
                self.with_depends_on(cluster),
            );
            instance = instance.db_cluster_identifier(&cluster);
            Some(cluster)
        } else {
            instance = self.standalone(instance, &security_group);
            None
        };
        let instance = apply(&mut self.customize_instance, instance);
        let instance = match cluster {
            Some(_) => instance,
            None => fill_password(instance, secret_reference(&secret, &key)),
        };
        let instance = stack.add(&format!("{p}Database"), self.with_depends_on(instance));
        for (client, group) in std::mem::take(&mut self.clients) {
            self.allow(stack, p, &client, &group, &security_group);
        }
        DatabaseHandles {
            instance,
            cluster,
            secret,
            security_group,
            subnet_group,
        }
    }

    /// A non-Aurora instance keeps its own storage, version and credentials.
    fn standalone(
        &self,
        mut instance: CfnDbInstance,
        security_group: &Handle<CfnSecurityGroup>,
    ) -> CfnDbInstance {
        instance = instance
            .engine_version(self.engine.version.as_str())
            .storage_type("gp3")
            .multi_az(false)
            .master_username(self.master_username.as_str())
            .vpc_security_groups(vec![security_group.attr_group_id()]);
        if let Some(gib) = self.allocated_storage_gib {
            instance = instance.allocated_storage(gib.to_string());
        }
        if let Some(name) = &self.database_name {
            instance = instance.db_name(name.as_str());
        }
        instance
    }

    /// The Aurora cluster holds the version, credentials, network and database name.
    fn cluster(
        &self,
        subnet_group: &Handle<CfnDbSubnetGroup>,
        security_group: &Handle<CfnSecurityGroup>,
    ) -> CfnDbCluster {
        let mut cluster = CfnDbCluster::new()
            .engine(self.engine.name)
            .engine_version(self.engine.version.as_str())
            .master_username(self.master_username.as_str())
            .db_subnet_group_name(subnet_group)
            .vpc_security_group_ids(vec![security_group.attr_group_id()])
            .storage_encrypted(true);
        if let Some(name) = &self.database_name {
            cluster = cluster.database_name(name.as_str());
        }
        cluster
    }

    fn with_depends_on<R: Resource>(&self, mut resource: R) -> R {
        resource
            .body_mut()
            .attributes
            .depends_on
            .extend(self.depends_on.iter().cloned());
        resource
    }

    /// A generated password, without characters that need quoting in a connection string.
    fn secret(&self, prefix: &str) -> CfnSecret {
        let generate = GenerateSecretString::new()
            .secret_string_template(format!(r#"{{"username":"{}"}}"#, self.master_username))
            .generate_string_key(PASSWORD_KEY)
            .password_length(32)
            .exclude_punctuation(true);
        CfnSecret::new()
            .description(format!("{prefix} database master credentials"))
            .generate_secret_string(generate)
    }

    /// Outbound traffic is closed by a rule no packet matches (RDS never calls out).
    fn security_group(&self, prefix: &str) -> CfnSecurityGroup {
        let no_egress = Egress::new(EgressRequired {
            ip_protocol: "icmp",
        })
        .from_port(-1)
        .to_port(-1)
        .cidr_ip("192.0.2.0/32");
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!(" {prefix} Database Security Group"))
                .build(),
        })
        .vpc_id(self.vpc.clone())
        .security_group_egress(vec![no_egress])
        .tags(vec![name_tag("-db-sg")])
    }

    #[track_caller]
    fn allow(
        &self,
        stack: &mut Stack,
        p: &str,
        client: &str,
        client_group: &Handle<CfnSecurityGroup>,
        database: &Handle<CfnSecurityGroup>,
    ) {
        let port = self.engine.port;
        TcpTraffic {
            from: client_group,
            to: database,
            ports: (port, port),
        }
        .allow(
            stack,
            &format!("{client}To{p}Database"),
            &self.customize_rules,
        );
    }
}

/// The dynamic reference to key `key` of `secret`.
fn secret_reference(secret: &Handle<CfnSecret>, key: &str) -> Value<String> {
    Sub::new()
        .text("{{resolve:secretsmanager:")
        .var(secret)
        .text(&format!(":SecretString:{key}}}}}"))
        .build()
}

/// Sets `MasterUserPassword` unless the user's customization already chose the password
/// (`MasterUserPassword`, or `ManageMasterUserPassword` for an RDS-managed one).
fn fill_password<R: MasterPassword>(resource: R, password: Value<String>) -> R {
    unless_customized(
        resource,
        &["MasterUserPassword", "ManageMasterUserPassword"],
        |r| r.set_master_password(password),
    )
}

/// The resources that take a master password.
trait MasterPassword: HasProps {
    fn set_master_password(self, password: Value<String>) -> Self;
}

impl MasterPassword for CfnDbInstance {
    fn set_master_password(self, password: Value<String>) -> Self {
        self.master_user_password(password)
    }
}

impl MasterPassword for CfnDbCluster {
    fn set_master_password(self, password: Value<String>) -> Self {
        self.master_user_password(password)
    }
}

fn name_tag(suffix: &str) -> Tag {
    Tag::new(
        "Name",
        Sub::new().var(&Pseudo::StackName).text(suffix).build(),
    )
}
