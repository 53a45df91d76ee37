//! Naming rules that must agree across crates, written once.
//!
//! - The code generator names an attribute accessor `attr_<suffix>`, and `sub!` turns
//!   `${db.Endpoint.Address}` into a call of the same accessor: both use
//!   [`attribute_method_suffix`], so they cannot drift apart.
//! - Every "did you mean …?" (pseudo parameters in `sub!`, compose keys) comes from [`closest`].

use heck::ToSnakeCase;

/// The snake-case suffix of the accessor of a CloudFormation attribute: heck's `snake_case` of
/// the name with every `.` replaced by `_`, with no acronym fix-ups (`Endpoint.Address` →
/// `endpoint_address`, `DNSName` → `dns_name`).
pub fn attribute_method_suffix(attribute: &str) -> String {
    attribute.replace('.', "_").to_snake_case()
}

/// The candidate closest to `name` (ignoring ASCII case), if it is close enough to be a likely
/// typo: at most a third of the candidate's length, and at least 2, edits away.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// The Levenshtein distance between two strings, counted in chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_suffixes() {
        assert_eq!(
            attribute_method_suffix("Endpoint.Address"),
            "endpoint_address"
        );
        assert_eq!(attribute_method_suffix("DNSName"), "dns_name");
        assert_eq!(attribute_method_suffix("Arn"), "arn");
        assert_eq!(
            attribute_method_suffix("TaskDefinitionArn"),
            "task_definition_arn"
        );
        assert_eq!(
            attribute_method_suffix("LoadBalancerFullName"),
            "load_balancer_full_name"
        );
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("enviroment", "environment"), 1);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn closest_is_a_likely_typo_or_nothing() {
        let pseudo = ["AWS::Region", "AWS::AccountId", "AWS::StackName"];
        assert_eq!(closest("AWS::Regoin", pseudo), Some("AWS::Region"));
        assert_eq!(closest("aws::region", pseudo), Some("AWS::Region"));
        assert_eq!(closest("AWS::Nothing", pseudo), None);
    }
}
