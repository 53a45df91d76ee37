//! A database instance reachable from one security group, its master password generated into a
//! Secrets Manager secret (never a template parameter).

use crate::cfn::Tag;
use crate::cfn::ec2::security_group::{CfnSecurityGroupRequired, Egress, EgressRequired};
use crate::cfn::ec2::security_group_egress::CfnSecurityGroupEgressRequired;
use crate::cfn::ec2::security_group_ingress::CfnSecurityGroupIngressRequired;
use crate::cfn::ec2::subnet::SubnetId;
use crate::cfn::ec2::vpc::VpcId;
use crate::cfn::ec2::{CfnSecurityGroup, CfnSecurityGroupEgress, CfnSecurityGroupIngress};
use crate::cfn::rds::db_subnet_group::CfnDbSubnetGroupRequired;
use crate::cfn::rds::{CfnDbInstance, CfnDbSubnetGroup};
use crate::cfn::secretsmanager::CfnSecret;
use crate::cfn::secretsmanager::secret::GenerateSecretString;
use crate::intrinsic::{Handle, IntoValue, Pseudo, Sub, Typed};
use crate::stack::Stack;

/// The key of the generated password inside the secret's JSON.
pub const PASSWORD_KEY: &str = "password";

/// A database instance. Logical IDs derive from the prefix: `{prefix}Database`,
/// `{prefix}DatabaseSubnetGroup`, `{prefix}DatabaseSecurityGroup`, `{prefix}DatabaseSecret`, and
/// `{client}To{prefix}DatabaseIngress` / `…Egress` for each client security group.
#[derive(Clone, Debug)]
pub struct DatabaseInstance {
    prefix: String,
    instance: CfnDbInstance,
    engine_port: i64,
    master_username: String,
    vpc: Typed<VpcId>,
    subnets: Typed<Vec<SubnetId>>,
}

/// The resources a [`DatabaseInstance`] added.
#[derive(Clone, Debug)]
pub struct DatabaseHandles {
    /// The database instance.
    pub instance: Handle<CfnDbInstance>,
    /// The secret holding `username` and `password`.
    pub secret: Handle<CfnSecret>,
    /// The database's security group.
    pub security_group: Handle<CfnSecurityGroup>,
    /// The subnet group.
    pub subnet_group: Handle<CfnDbSubnetGroup>,
}

impl DatabaseInstance {
    /// A MySQL instance of `version` (such as `8.4.7`) on `instance_class` (such as
    /// `db.t3.micro`), in `subnets` of `vpc`. Sets `Engine`, `EngineVersion`, `DBInstanceClass`.
    pub fn mysql(
        prefix: &str,
        version: &str,
        instance_class: &str,
        vpc: impl IntoValue<VpcId>,
        subnets: impl IntoValue<Vec<SubnetId>>,
    ) -> Self {
        let instance = CfnDbInstance::new()
            .engine("mysql")
            .engine_version(version)
            .db_instance_class(instance_class)
            .storage_type("gp3")
            .multi_az(false);
        DatabaseInstance {
            prefix: prefix.to_owned(),
            instance,
            engine_port: 3306,
            master_username: "admin".into(),
            vpc: Typed::new(vpc),
            subnets: Typed::new(subnets),
        }
    }

    /// Storage in GiB (MySQL on gp3: at least 20). Sets `AllocatedStorage`.
    #[must_use]
    pub fn allocated_storage_gib(mut self, gib: u32) -> Self {
        self.instance = self.instance.allocated_storage(gib.to_string());
        self
    }

    /// The database created at launch. Sets `DBName`.
    #[must_use]
    pub fn database_name(mut self, name: &str) -> Self {
        self.instance = self.instance.db_name(name);
        self
    }

    /// The master user; its password is generated into the secret. Default: `admin`.
    /// Sets `MasterUsername`.
    #[must_use]
    pub fn master_username(mut self, name: &str) -> Self {
        self.master_username = name.to_owned();
        self
    }

    /// The availability zone. Default: one RDS picks. Sets `AvailabilityZone`.
    #[must_use]
    pub fn availability_zone(mut self, zone: impl IntoValue<String>) -> Self {
        self.instance = self.instance.availability_zone(zone);
        self
    }

    /// The generated resource underneath, for properties this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnDbInstance) -> CfnDbInstance) -> Self {
        self.instance = f(self.instance);
        self
    }

    /// Adds the database and its network and secret to `stack`; `clients` are the security
    /// groups allowed to connect, each given with the prefix its rules are named after.
    #[track_caller]
    pub fn add(
        self,
        stack: &mut Stack,
        clients: &[(&str, &Handle<CfnSecurityGroup>)],
    ) -> DatabaseHandles {
        let p = self.prefix.clone();
        let secret = stack.add(&format!("{p}DatabaseSecret"), self.secret());
        let subnet_group = stack.add(
            &format!("{p}DatabaseSubnetGroup"),
            CfnDbSubnetGroup::new(CfnDbSubnetGroupRequired {
                db_subnet_group_description: format!("{p} Database Subnet Group"),
                subnet_ids: self.subnets.clone(),
            })
            .tags(vec![name_tag("-db-subnet-group")]),
        );
        let security_group = stack.add(&format!("{p}DatabaseSecurityGroup"), self.security_group());
        let password = Sub::new()
            .text("{{resolve:secretsmanager:")
            .var(&secret)
            .text(&format!(":SecretString:{PASSWORD_KEY}}}}}"))
            .build();
        let instance = self
            .instance
            .clone()
            .master_username(self.master_username.as_str())
            .master_user_password(password)
            .db_subnet_group_name(&subnet_group)
            .vpc_security_groups(vec![security_group.attr_group_id()])
            .tags(vec![name_tag("-db")]);
        let instance = stack.add(&format!("{p}Database"), instance);
        for (client, group) in clients {
            self.allow(stack, client, group, &security_group);
        }
        DatabaseHandles {
            instance,
            secret,
            security_group,
            subnet_group,
        }
    }

    /// A generated password, without characters that need quoting in a connection string.
    fn secret(&self) -> CfnSecret {
        let generate = GenerateSecretString::new()
            .secret_string_template(format!(r#"{{"username":"{}"}}"#, self.master_username))
            .generate_string_key(PASSWORD_KEY)
            .password_length(32)
            .exclude_punctuation(true);
        CfnSecret::new()
            .description(format!("{} database master credentials", self.prefix))
            .generate_secret_string(generate)
    }

    /// Outbound traffic is closed by a rule no packet matches (RDS never calls out).
    fn security_group(&self) -> CfnSecurityGroup {
        let no_egress = Egress::new(EgressRequired {
            ip_protocol: "icmp",
        })
        .from_port(-1)
        .to_port(-1)
        .cidr_ip("192.0.2.0/32");
        CfnSecurityGroup::new(CfnSecurityGroupRequired {
            group_description: Sub::new()
                .var(&Pseudo::StackName)
                .text(&format!(" {} Database Security Group", self.prefix))
                .build(),
        })
        .vpc_id(self.vpc.clone())
        .security_group_egress(vec![no_egress])
        .tags(vec![name_tag("-db-sg")])
    }

    fn allow(
        &self,
        stack: &mut Stack,
        client: &str,
        client_group: &Handle<CfnSecurityGroup>,
        database: &Handle<CfnSecurityGroup>,
    ) {
        let p = &self.prefix;
        let port = self.engine_port;
        stack.add(
            &format!("{client}To{p}DatabaseIngress"),
            CfnSecurityGroupIngress::new(CfnSecurityGroupIngressRequired { ip_protocol: "tcp" })
                .from_port(port)
                .to_port(port)
                .group_id(database)
                .source_security_group_id(client_group),
        );
        stack.add(
            &format!("{client}To{p}DatabaseEgress"),
            CfnSecurityGroupEgress::new(CfnSecurityGroupEgressRequired {
                group_id: client_group,
                ip_protocol: "tcp",
            })
            .from_port(port)
            .to_port(port)
            .destination_security_group_id(database),
        );
    }
}

fn name_tag(suffix: &str) -> Tag {
    Tag::new(
        "Name",
        Sub::new().var(&Pseudo::StackName).text(suffix).build(),
    )
}
