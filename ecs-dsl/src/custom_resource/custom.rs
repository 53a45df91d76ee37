//! A custom resource: CloudFormation sends its properties to a handler and waits for its answer.

use crate::cfn::cloudformation::CfnCustomResource;
use crate::cfn::cloudformation::custom_resource::CfnCustomResourceRequired;
use crate::intrinsic::{Handle, IntoValue, Resource};
use crate::stack::Stack;
use crate::template::{Node, ResourceOptions};

/// A custom resource: CloudFormation sends its properties to the Lambda function (or SNS topic)
/// of `ServiceToken` and waits for its answer.
///
/// ```
/// use ecs_dsl::custom_resource::CustomResource;
/// use ecs_dsl::prelude::*;
///
/// let mut stack = Stack::new();
/// let run = CustomResource::new("arn:aws:lambda:us-east-1:123456789012:function:f")
///     .resource_type("Custom::EcsTask")
///     .property("Cluster", "default")
///     .add(&mut stack, "Run");
/// assert_eq!(run.logical_id(), "Run");
/// ```
#[derive(Clone, Debug)]
pub struct CustomResource(CfnCustomResource);

impl CustomResource {
    /// A custom resource handled by `service_token` (a Lambda function ARN, typically), of type
    /// `AWS::CloudFormation::CustomResource` unless [`CustomResource::resource_type`] names it.
    pub fn new(service_token: impl IntoValue<String>) -> Self {
        CustomResource(CfnCustomResource::new(CfnCustomResourceRequired {
            service_token,
        }))
    }

    /// Names the type: `Custom::` and up to 60 letters, digits, `_@-` (synth reports an invalid
    /// name, `CFN006`). Sets the resource's `Type`.
    #[must_use]
    pub fn resource_type(mut self, type_name: &str) -> Self {
        self.0.body_mut().type_name = type_name.to_owned().into();
        self
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

    /// Creates the resource only after `other`. Sets `DependsOn`.
    #[must_use]
    pub fn depends_on<R: Resource>(mut self, other: &Handle<R>) -> Self {
        self.0 = self.0.depends_on(other);
        self
    }

    /// The generated resource underneath, for resource attributes this builder does not cover.
    #[must_use]
    pub fn customize(mut self, f: impl FnOnce(CfnCustomResource) -> CfnCustomResource) -> Self {
        self.0 = f(self.0);
        self
    }

    /// Adds the resource to `stack` under `logical_id`.
    #[track_caller]
    pub fn add(self, stack: &mut Stack, logical_id: &str) -> Handle<CfnCustomResource> {
        stack.add(logical_id, self.0)
    }
}
