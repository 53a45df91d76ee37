//! Every deviation from the vendored specification, each a named fix-up with the reason and a
//! link to the documentation that supports it.
//!
//! The generator reads the specification as it is; whatever it changes is listed here, so a
//! reviewer can see every place where ecs-dsl knows better than the spec (and re-check each one
//! when the pin moves: [`check()`] fails on an entry that no longer applies). Rules that only map
//! spec types to Rust (naming, kinds) are not fix-ups.
//!
//! - [`relationships`](mod@relationships): which resources' attributes a property accepts.
//! - [`attributes`]: attribute types shared, borrowed from another resource, or standing for an
//!   AWS-specific parameter type.
//! - [`deprecations`]: the notes of deprecated properties and Lambda runtimes.
//! - [`types`]: string enums taken from cfn-lint, and union types.

pub mod attributes;
mod check;
pub mod deprecations;
pub mod relationships;
pub mod types;

pub use self::attributes::{
    FOREIGN_ATTRIBUTES, ForeignAttribute, PARAMETER_TYPES, ParameterType, SAME_ATTRIBUTE,
    SameAttribute,
};
pub use self::check::check;
pub use self::deprecations::{
    DEFAULT_DEPRECATION_NOTE, DEPRECATION_NOTES, DeprecationNote, LAMBDA_DEPRECATION_CUTOFF,
    LAMBDA_RUNTIME_PROPERTIES, LambdaRuntimeProperty, deprecated_value, deprecation_note,
};
pub use self::relationships::{
    ADDED_RELATIONSHIPS, AddedRelationship, DROPPED_RELATIONSHIPS, DroppedRelationship,
    DroppedTargets, relationships, resolve_relationship,
};
pub use self::types::{LINT_ENUM_MAX_VALUES, adopt_lint_enum, union_kind};

/// A property of a resource type or of one of its property types.
#[derive(Clone, Copy, Debug)]
pub struct PropertyAt {
    /// The resource type: `AWS::ECS::Service`.
    pub resource: &'static str,
    /// The property type that has the property (`PortMapping`), or `""` for the resource itself.
    pub owner: &'static str,
    /// The property: `Cluster`.
    pub property: &'static str,
}

impl PropertyAt {
    /// Whether this is `property` of `owner` (`""` for the resource) in `resource`.
    pub fn is(&self, resource: &str, owner: &str, property: &str) -> bool {
        self.resource == resource && self.owner == owner && self.property == property
    }
}

/// A `Fn::GetAtt` attribute, or the `Ref` identifier, of a resource type.
#[derive(Clone, Copy, Debug)]
pub struct AttributeAt {
    /// The resource type: `AWS::EC2::VPC`.
    pub resource: &'static str,
    /// The attribute or `Ref` identifier: `VpcId`.
    pub attribute: &'static str,
}

/// The reason and the link of every fix-up entry, for the test that none lacks them.
#[cfg(test)]
fn reasons_and_links() -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    out.extend(DROPPED_RELATIONSHIPS.iter().map(|f| (f.reason, f.link)));
    out.extend(ADDED_RELATIONSHIPS.iter().map(|f| (f.reason, f.link)));
    out.extend(SAME_ATTRIBUTE.iter().map(|f| (f.reason, f.link)));
    out.extend(FOREIGN_ATTRIBUTES.iter().map(|f| (f.reason, f.link)));
    out.extend(PARAMETER_TYPES.iter().map(|f| (f.reason, f.link)));
    out.extend(DEPRECATION_NOTES.iter().map(|f| (f.reason, f.link)));
    out.extend(LAMBDA_RUNTIME_PROPERTIES.iter().map(|f| (f.reason, f.link)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixup_has_a_reason_and_a_documentation_link() {
        let entries = reasons_and_links();
        assert!(
            entries.len() >= 30,
            "the tables lost entries: {}",
            entries.len()
        );
        for (reason, link) in entries {
            assert!(
                !reason.trim().is_empty(),
                "a fix-up without a reason (link {link})"
            );
            assert!(
                link.starts_with("https://docs.aws.amazon.com/") && !link.contains(' '),
                "the fix-up `{reason}` has no AWS documentation link: `{link}`"
            );
        }
    }
}
