//! A custom resource of a `Custom::Name` type, with its own properties.

use crate::cfn::cloudformation::CfnCustomResource;
use crate::cfn::cloudformation::custom_resource::CfnCustomResourceRequired;
use crate::intrinsic::{IntoValue, Resource};
use crate::template::Node;

/// A custom resource: CloudFormation sends its properties to the Lambda function (or SNS topic)
/// of `ServiceToken` and waits for its answer.
#[derive(Clone, Debug)]
pub struct CustomResource(CfnCustomResource);

impl CustomResource {
    /// A resource of type `type_name` (`Custom::` and up to 60 letters, digits, `_@-`), handled
    /// by `service_token` (a Lambda function ARN, typically). Synth reports an invalid type name.
    pub fn new(type_name: &str, service_token: impl IntoValue<String>) -> Self {
        let mut resource = CfnCustomResource::new(CfnCustomResourceRequired { service_token });
        resource.body_mut().type_name = type_name.to_owned().into();
        CustomResource(resource)
    }

    /// Sets a property the handler reads from `ResourceProperties`.
    #[must_use]
    pub fn property(mut self, name: &'static str, value: impl IntoValue<String>) -> Self {
        self.0.body_mut().props.set(name, value.into_node());
        self
    }

    /// Sets a property to any value (lists, maps, numbers).
    #[must_use]
    pub fn raw_property(mut self, name: &'static str, value: Node) -> Self {
        self.0.body_mut().props.set(name, value);
        self
    }

    /// The generated resource underneath.
    pub fn into_cfn(self) -> CfnCustomResource {
        self.0
    }
}
