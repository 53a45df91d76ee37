//! Parses `sub!("template ${x} …", name = expr, …)` into literal text and placeholders.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Token};

use crate::ctxt::Ctxt;

/// The macro input: the template string and the explicit bindings.
pub(crate) struct SubInput {
    pub(crate) template: LitStr,
    pub(crate) bindings: Vec<Binding>,
}

/// `name = expr` after the template string.
pub(crate) struct Binding {
    pub(crate) name: Ident,
    pub(crate) value: Expr,
}

impl Parse for SubInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let template: LitStr = input.parse()?;
        let mut bindings = Vec::new();
        if input.parse::<Option<Token![,]>>()?.is_some() {
            let list = Punctuated::<Binding, Token![,]>::parse_terminated(input)?;
            bindings.extend(list);
        }
        Ok(SubInput { template, bindings })
    }
}

impl Parse for Binding {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.parse()?;
        input.parse::<Token![=]>()?;
        let value = input.parse()?;
        Ok(Binding { name, value })
    }
}

/// One piece of the template string.
#[derive(Debug, PartialEq)]
pub(crate) enum Piece {
    /// Literal text (a `${!x}` escape already turned into `${x}`).
    Text(String),
    /// `${AWS::…}`.
    Pseudo(String),
    /// `${name}`, `${name.field.path}`, `${name.Attr.Path}` or `${name.field.Attr.Path}`:
    /// lower-case segments are Rust fields, the first capitalised segment starts a CloudFormation
    /// attribute (attribute names are always capitalised).
    Var {
        name: String,
        fields: Vec<String>,
        attribute: Option<String>,
    },
}

/// The parsed template, with the span every error points at (the string literal: stable Rust
/// cannot point inside a literal).
pub(crate) struct Template {
    pub(crate) pieces: Vec<Piece>,
    pub(crate) span: Span,
}

/// Splits the template string into pieces; unterminated or empty placeholders are errors.
pub(crate) fn template(input: &SubInput, cx: &mut Ctxt) -> Template {
    let span = input.template.span();
    let pieces = split(&input.template.value()).unwrap_or_else(|message| {
        cx.error(span, message);
        Vec::new()
    });
    Template { pieces, span }
}

fn split(s: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        text.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}').ok_or_else(|| {
            format!(
                "`${{` at byte {} is never closed with `}}`",
                s.len() - rest.len() + start
            )
        })?;
        let inner = &after[..end];
        rest = &after[end + 1..];
        if let Some(escaped) = inner.strip_prefix('!') {
            text.push_str("${");
            text.push_str(escaped);
            text.push('}');
            continue;
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        pieces.push(placeholder(inner)?);
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn placeholder(inner: &str) -> Result<Piece, String> {
    let inner = inner.trim();
    if inner.is_empty() {
        return Err(
            "empty placeholder `${}`: name a handle, an attribute, a parameter or `AWS::…`".into(),
        );
    }
    if inner.starts_with("AWS::") {
        return Ok(Piece::Pseudo(inner.to_owned()));
    }
    let mut segments = inner.split('.');
    let name = segments.next().unwrap_or_default().to_owned();
    let rest: Vec<&str> = segments.collect();
    let attribute_start = rest
        .iter()
        .position(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))
        .unwrap_or(rest.len());
    let fields = rest[..attribute_start]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let attribute = (attribute_start < rest.len()).then(|| rest[attribute_start..].join("."));
    Ok(Piece::Var {
        name,
        fields,
        attribute,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_placeholders_and_escapes() {
        let pieces = split("a-${x}-${db.Endpoint.Address}-${AWS::Region}-${!Keep}").unwrap();
        assert_eq!(
            pieces,
            vec![
                Piece::Text("a-".into()),
                Piece::Var {
                    name: "x".into(),
                    fields: vec![],
                    attribute: None
                },
                Piece::Text("-".into()),
                Piece::Var {
                    name: "db".into(),
                    fields: vec![],
                    attribute: Some("Endpoint.Address".into())
                },
                Piece::Text("-".into()),
                Piece::Pseudo("AWS::Region".into()),
                Piece::Text("-${Keep}".into()),
            ]
        );
    }

    #[test]
    fn lower_case_segments_are_fields_and_capitalised_ones_attributes() {
        assert_eq!(
            split("${p.image_tag}${svc.load_balancer.DNSName}").unwrap(),
            vec![
                Piece::Var {
                    name: "p".into(),
                    fields: vec!["image_tag".into()],
                    attribute: None
                },
                Piece::Var {
                    name: "svc".into(),
                    fields: vec!["load_balancer".into()],
                    attribute: Some("DNSName".into())
                },
            ]
        );
    }

    #[test]
    fn unclosed_placeholder_is_an_error() {
        assert!(split("x ${y").unwrap_err().contains("never closed"));
    }
}
