//! Cloud Map service discovery: ECS registers each task of a Fargate service as a DNS `A` record
//! `name.namespace` in a private DNS namespace.

use crate::cfn::servicediscovery::CfnService as CfnDiscoveryService;
use crate::cfn::servicediscovery::service::{
    DnsConfig, DnsConfigRequired, DnsRecord, DnsRecordRequired, HealthCheckCustomConfig,
};
use crate::intrinsic::{IntoValue, Typed};

use crate::customize::{Customize, apply};

/// A Cloud Map service in a private DNS namespace that a service's tasks register in. Defaults:
/// `A` records with a TTL of 60 seconds, `MULTIVALUE` routing, ECS reporting task health.
pub struct CloudMapDiscovery {
    namespace_id: Typed<String>,
    name: String,
    ttl_seconds: u32,
    pub(crate) customize: Customize<CfnDiscoveryService>,
}

impl CloudMapDiscovery {
    /// Tasks registered as `name` in the private DNS namespace `namespace_id` (the `Id` of an
    /// `AWS::ServiceDiscovery::PrivateDnsNamespace`). Sets `Name` and `DnsConfig.NamespaceId`.
    pub fn new(namespace_id: impl IntoValue<String>, name: &str) -> Self {
        CloudMapDiscovery {
            namespace_id: Typed::new(namespace_id),
            name: name.to_owned(),
            ttl_seconds: 60,
            customize: Vec::new(),
        }
    }

    /// Seconds resolvers cache a record. Default: 60. Sets `DnsConfig.DnsRecords[].TTL`.
    #[must_use]
    pub fn ttl_seconds(mut self, seconds: u32) -> Self {
        self.ttl_seconds = seconds;
        self
    }

    /// The generated Cloud Map service, applied after the builder's settings.
    #[must_use]
    pub fn customize(
        mut self,
        f: impl FnOnce(CfnDiscoveryService) -> CfnDiscoveryService + 'static,
    ) -> Self {
        self.customize.push(Box::new(f));
        self
    }

    pub(crate) fn into_cfn(mut self) -> CfnDiscoveryService {
        let record = DnsRecord::new(DnsRecordRequired {
            ttl: f64::from(self.ttl_seconds),
            type_: "A",
        });
        let dns = DnsConfig::new(DnsConfigRequired {
            dns_records: vec![record],
        })
        .namespace_id(self.namespace_id.clone())
        .routing_policy("MULTIVALUE");
        let service = CfnDiscoveryService::new()
            .name(self.name.as_str())
            .dns_config(dns)
            .health_check_custom_config(HealthCheckCustomConfig::new());
        apply(&mut self.customize, service)
    }
}
