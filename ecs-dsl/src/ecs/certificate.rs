//! An ACM certificate validated through DNS, for an HTTPS [`super::Listener`].

use crate::cfn::certificatemanager::CfnCertificate;
use crate::cfn::certificatemanager::certificate::{CfnCertificateRequired, DomainValidationOption};
use crate::intrinsic::{Handle, IntoValue, Typed};
use crate::stack::Stack;
use crate::template::{ConditionName, ResourceOptions};

use crate::customize::{Customize, apply};

/// A public ACM certificate for a domain name, validated by a DNS record. With
/// [`DnsValidatedCertificate::hosted_zone_id`] CloudFormation writes that record into the
/// Route 53 hosted zone itself and the stack waits until the certificate is issued.
pub struct DnsValidatedCertificate {
    domain_name: Typed<String>,
    hosted_zone_id: Option<Typed<String>>,
    alternative_names: Vec<Typed<String>>,
    condition: Option<ConditionName>,
    customize: Customize<CfnCertificate>,
}

impl DnsValidatedCertificate {
    /// A certificate for `domain_name`, such as `app.example.com`. Sets `DomainName` and
    /// `ValidationMethod: DNS`.
    pub fn new(domain_name: impl IntoValue<String>) -> Self {
        DnsValidatedCertificate {
            domain_name: Typed::new(domain_name),
            hosted_zone_id: None,
            alternative_names: Vec::new(),
            condition: None,
            customize: Vec::new(),
        }
    }

    /// The Route 53 hosted zone of the domain (and of the alternative names), where the
    /// validation records are written. Sets `DomainValidationOptions[].HostedZoneId`.
    #[must_use]
    pub fn hosted_zone_id(mut self, zone: impl IntoValue<String>) -> Self {
        self.hosted_zone_id = Some(Typed::new(zone));
        self
    }

    /// Another name the certificate covers, such as `www.example.com`.
    /// Sets `SubjectAlternativeNames`.
    #[must_use]
    pub fn alternative_name(mut self, name: impl IntoValue<String>) -> Self {
        self.alternative_names.push(Typed::new(name));
        self
    }

    /// Creates the certificate only when `condition` holds (say, when the stack is not given
    /// an existing certificate). Sets the resource's `Condition`.
    #[must_use]
    pub fn condition(mut self, condition: &ConditionName) -> Self {
        self.condition = Some(condition.clone());
        self
    }

    /// The generated certificate, applied after the builder's settings.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnCertificate) -> CfnCertificate + 'static) -> Self {
        self.customize.push(Box::new(f));
        self
    }

    /// Adds the certificate as `logical_id`.
    #[track_caller]
    pub fn add(mut self, stack: &mut Stack, logical_id: &str) -> Handle<CfnCertificate> {
        let mut certificate = CfnCertificate::new(CfnCertificateRequired {
            domain_name: self.domain_name.clone(),
        })
        .validation_method("DNS");
        if let Some(zone) = self.hosted_zone_id.take() {
            let names = std::iter::once(&self.domain_name).chain(&self.alternative_names);
            let options: Vec<DomainValidationOption> = names
                .map(|name| {
                    DomainValidationOption::new()
                        .domain_name(name.clone())
                        .hosted_zone_id(zone.clone())
                })
                .collect();
            certificate = certificate.domain_validation_options(options);
        }
        if !self.alternative_names.is_empty() {
            certificate = certificate.subject_alternative_names(self.alternative_names.clone());
        }
        if let Some(condition) = &self.condition {
            certificate = certificate.condition(condition);
        }
        let certificate = apply(&mut self.customize, certificate);
        stack.add(logical_id, certificate)
    }
}
