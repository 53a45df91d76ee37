//! Spec types the generator maps to other kinds: string properties whose enum comes from cfn-lint,
//! and union types.

use crate::model::SpecType;

/// **String enums taken from cfn-lint.**
///
/// Where the CDK spec has no `allowedValues` for a string property, the registry schema bundled
/// in cfn-lint often has an `enum` (ECS `NetworkMode`, Application Auto Scaling
/// `ScalableDimension`, CloudWatch `ComparisonOperator`, …). The vendored supplement carries
/// them and the generator turns them into enums like the spec's own, except lists longer than
/// [`LINT_ENUM_MAX_VALUES`] (region-specific catalogues such as instance types, which change
/// monthly and are better left as plain strings).
pub const LINT_ENUM_MAX_VALUES: usize = 80;

/// Whether a cfn-lint enum becomes a Rust enum ([`LINT_ENUM_MAX_VALUES`]).
pub fn adopt_lint_enum(values: &[String]) -> bool {
    values.len() <= LINT_ENUM_MAX_VALUES
}

/// **Union types.**
///
/// The spec types a few properties as a union. A union containing `json` (policy documents:
/// `string | json`) or several object types becomes `json`; a scalar next to `string`
/// (`integer | string`) becomes `string`, which CloudFormation accepts for every scalar; `T | T[]`
/// becomes `T[]`; any other mix (`boolean | CorsConfiguration`) becomes `json`.
pub fn union_kind(types: &[SpecType]) -> Option<SpecType> {
    let is = |f: fn(&SpecType) -> bool| types.iter().any(f);
    let json = SpecType::Json;
    if is(|t| matches!(t, SpecType::Json))
        || types
            .iter()
            .filter(|t| matches!(t, SpecType::Ref { .. }))
            .count()
            > 1
    {
        return Some(json);
    }
    let scalar = |t: &SpecType| {
        matches!(
            t,
            SpecType::String { .. }
                | SpecType::Integer { .. }
                | SpecType::Number
                | SpecType::Boolean
                | SpecType::DateTime
        )
    };
    if types.iter().all(scalar) {
        return Some(SpecType::String {
            allowed_values: None,
        });
    }
    if let [single, SpecType::Array { element }] | [SpecType::Array { element }, single] = types
        && same_shape(single, element)
    {
        return Some(SpecType::Array {
            element: element.clone(),
        });
    }
    // Any other mix (a scalar or a structure: `Boolean | CorsConfiguration` of the SAM
    // resources) has no single Rust kind; free-form JSON holds every alternative.
    Some(json)
}

fn same_shape(a: &SpecType, b: &SpecType) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}
