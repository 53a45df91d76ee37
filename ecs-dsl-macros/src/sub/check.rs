//! Checks what the macro can know without type information: pseudo parameter names,
//! identifiers, attribute paths, and bindings that no placeholder uses.

use super::parse::{Piece, SubInput, Template};
use crate::ctxt::Ctxt;

/// The pseudo parameters CloudFormation defines, with their `Pseudo` variant names.
pub(crate) const PSEUDO_PARAMETERS: [(&str, &str); 8] = [
    ("AWS::AccountId", "AccountId"),
    ("AWS::NotificationARNs", "NotificationArns"),
    ("AWS::NoValue", "NoValue"),
    ("AWS::Partition", "Partition"),
    ("AWS::Region", "Region"),
    ("AWS::StackId", "StackId"),
    ("AWS::StackName", "StackName"),
    ("AWS::URLSuffix", "UrlSuffix"),
];

/// The `Pseudo` variant of a pseudo parameter name.
pub(crate) fn pseudo_variant(name: &str) -> Option<&'static str> {
    PSEUDO_PARAMETERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
}

fn pseudo_names() -> impl Iterator<Item = &'static str> {
    PSEUDO_PARAMETERS.iter().map(|(n, _)| *n)
}

/// Records an error for every placeholder that can be rejected before type checking.
pub(crate) fn placeholders(template: &Template, input: &SubInput, cx: &mut Ctxt) {
    for piece in &template.pieces {
        match piece {
            Piece::Pseudo(name) if pseudo_variant(name).is_none() => {
                let hint = ecs_dsl_names::closest(name, pseudo_names())
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                cx.error(
                    template.span,
                    format!("`${{{name}}}` is not a pseudo parameter{hint}"),
                );
            }
            Piece::Var { name, .. } if syn::parse_str::<syn::Ident>(name).is_err() => {
                cx.error(template.span, format!("`${{{name}}}` does not name a Rust variable; placeholders name a handle, attribute or parameter in scope, or `AWS::…`"));
            }
            Piece::Var { name, fields, .. }
                if fields
                    .iter()
                    .any(|f| syn::parse_str::<syn::Ident>(f).is_err()) =>
            {
                cx.error(template.span, format!("`${{{name}.{}}}`: a lower-case segment names a Rust field and must be an identifier", fields.join(".")));
            }
            Piece::Var {
                name,
                attribute: Some(path),
                ..
            } if !path.split('.').all(is_attribute_segment) => {
                cx.error(template.span, format!("`{name}.{path}` is not an attribute path: attribute names are letters, digits and `_`, separated by dots; for any other name bind the value: `sub!(\"${{x}}\", x = {name}.get_att(\"…\"))`"));
            }
            _ => {}
        }
    }
    for binding in &input.bindings {
        let used = template.pieces.iter().any(|p| matches!(p, Piece::Var { name, fields, attribute: None } if fields.is_empty() && binding.name == name));
        if !used {
            cx.error(
                binding.name.span(),
                format!(
                    "`{}` is bound but no `${{{}}}` placeholder uses it",
                    binding.name, binding.name
                ),
            );
        }
    }
}

/// Letters and digits, as in the specification's attribute names, or `_`, which custom resource
/// attributes may have (`MYSQL_PASSWORD`).
fn is_attribute_segment(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether an attribute path can only be a custom resource's: the specification's attribute
/// names have no `_`.
pub(crate) fn is_custom_attribute(path: &str) -> bool {
    path.contains('_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_pseudo_parameter() {
        let closest = |name| ecs_dsl_names::closest(name, pseudo_names());
        assert_eq!(closest("AWS::Regoin"), Some("AWS::Region"));
        assert_eq!(closest("AWS::Nothing"), None);
    }
}
