//! Doc comments: the first sentence(s) of the spec's Markdown, made safe for rustdoc, and links
//! to the CloudFormation reference pages.

/// Summaries shorter than this take the next sentence too.
const MIN_SUMMARY: usize = 40;
/// Summaries are cut at a sentence end once longer than this.
const MAX_SUMMARY: usize = 300;

const REFERENCE_BASE: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide";

/// The first sentence(s) of a Markdown text, on one line, safe for rustdoc. Empty when the text is.
pub fn summary(markdown: &str) -> String {
    let paragraph = markdown
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('>'))
        .unwrap_or("");
    // The CDK importer leaves a space before punctuation after links and code (`account .`).
    let mut text = paragraph
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" . ", ". ")
        .replace(" , ", ", ");
    if text.ends_with(" .") {
        text = text[..text.len() - 2].to_owned() + ".";
    }
    let mut end = text.len();
    for (i, _) in text.match_indices(". ") {
        if outside_code(&text[..i]) && i + 1 >= MIN_SUMMARY {
            end = i + 1;
            break;
        }
    }
    let mut sentence = text[..end].trim().to_owned();
    if sentence.len() > MAX_SUMMARY {
        sentence = truncate_words(&sentence, MAX_SUMMARY);
    }
    if !sentence.is_empty() && !sentence.ends_with(['.', '!', '?', ':']) {
        sentence.push('.');
    }
    sanitize(&sentence)
}

/// Whether a prefix has balanced backticks (so a `. ` after it is not inside code).
fn outside_code(prefix: &str) -> bool {
    prefix.matches('`').count().is_multiple_of(2)
        && prefix.matches('[').count() == prefix.matches(']').count()
}

fn truncate_words(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split(' ') {
        if out.len() + word.len() + 1 > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    balance_backticks(out)
}

fn balance_backticks(mut text: String) -> String {
    if text.matches('`').count() % 2 == 1 {
        text.push('`');
    }
    text
}

/// Escapes what rustdoc would misread: HTML-like `<…>` outside code, `[…]` that is not a
/// Markdown link (it would be an intra-doc link), and bare URLs.
fn sanitize(text: &str) -> String {
    let text = balance_backticks(text.to_owned());
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut in_link_target = false;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' if !in_code && i > 0 && chars[i - 1] == ']' => in_link_target = true,
            ')' if in_link_target => in_link_target = false,
            '`' if !in_link_target => in_code = !in_code,
            '<' | '>' if !in_code => {
                out.push_str(if c == '<' { "&lt;" } else { "&gt;" });
                i += 1;
                continue;
            }
            '[' if !in_code && !is_link(&chars[i..]) => out.push('\\'),
            ']' if !in_code && chars.get(i + 1).is_none_or(|n| *n != '(') => out.push('\\'),
            'h' if !in_code && !in_link_target && starts_bare_url(&chars, i) => {
                let url: String = chars[i..]
                    .iter()
                    .take_while(|c| !c.is_whitespace() && **c != ')')
                    .collect();
                let url = url.trim_end_matches(['.', ',', ';']).to_owned();
                out.push('<');
                out.push_str(&url);
                out.push('>');
                i += url.chars().count();
                continue;
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Whether `[` starts a `[text](url)` link.
fn is_link(rest: &[char]) -> bool {
    let Some(close) = rest.iter().position(|c| *c == ']') else {
        return false;
    };
    rest.get(close + 1) == Some(&'(')
}

/// Whether an `http(s)://` URL starts here outside a Markdown link target.
fn starts_bare_url(chars: &[char], i: usize) -> bool {
    let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
    (rest.starts_with("https://") || rest.starts_with("http://"))
        && (i == 0 || !matches!(chars[i - 1], '(' | '<'))
}

/// The reference page of a resource type.
pub fn resource_url(type_name: &str) -> String {
    let (service, resource) = split(type_name);
    format!("{REFERENCE_BASE}/aws-resource-{service}-{resource}.html")
}

/// The reference page of a property type of a resource.
pub fn property_type_url(type_name: &str, owner: &str) -> String {
    let (service, resource) = split(type_name);
    format!(
        "{REFERENCE_BASE}/aws-properties-{service}-{resource}-{}.html",
        owner.to_ascii_lowercase()
    )
}

/// The anchor of a property on its owner's reference page (`owner` is `""` for the resource).
pub fn property_url(type_name: &str, owner: &str, property: &str) -> String {
    let (service, resource) = split(type_name);
    let property = property.to_ascii_lowercase();
    if owner.is_empty() {
        format!(
            "{}#cfn-{service}-{resource}-{property}",
            resource_url(type_name)
        )
    } else {
        let owner_lc = owner.to_ascii_lowercase();
        format!(
            "{}#cfn-{service}-{resource}-{owner_lc}-{property}",
            property_type_url(type_name, owner)
        )
    }
}

/// The lower-case service and resource of `AWS::Service::Resource`.
fn split(type_name: &str) -> (String, String) {
    let mut parts = type_name.split("::").skip(1);
    let service = parts.next().unwrap_or_default().to_ascii_lowercase();
    let resource = parts.next().unwrap_or_default().to_ascii_lowercase();
    (service, resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_is_kept_and_made_safe() {
        let doc = "The number of days to retain the log events. If you omit it, events are kept forever.\n\nMore.";
        assert_eq!(summary(doc), "The number of days to retain the log events.");
        let short =
            "The name of the log group. If you omit it, CloudFormation generates one. More.";
        assert_eq!(
            summary(short),
            "The name of the log group. If you omit it, CloudFormation generates one."
        );
        assert_eq!(
            summary("A list<string> of [items] such as `a. b`."),
            "A list&lt;string&gt; of \\[items\\] such as `a. b`."
        );
        assert_eq!(
            summary("See https://example.com/x."),
            "See <https://example.com/x>."
        );
        assert_eq!(
            summary("See [docs](https://example.com/x)."),
            "See [docs](https://example.com/x)."
        );
        assert_eq!(summary(""), "");
        assert_eq!(
            summary("Creates a role for your AWS account ."),
            "Creates a role for your AWS account."
        );
        assert_eq!(
            summary("Set `Zip` for .zip file archives , or not."),
            "Set `Zip` for .zip file archives, or not."
        );
        assert_eq!(
            summary("See [OIDC](https://a.example/http://b.example/)."),
            "See [OIDC](https://a.example/http://b.example/)."
        );
    }

    #[test]
    fn reference_links() {
        assert_eq!(
            property_url("AWS::ECS::TaskDefinition", "PortMapping", "ContainerPort"),
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecs-taskdefinition-portmapping.html#cfn-ecs-taskdefinition-portmapping-containerport"
        );
    }
}
