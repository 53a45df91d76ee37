//! The input model of `#[derive(StackParameters)]`: one parameter per field, with the spans of
//! everything an error may point at.

use proc_macro2::Span;
use proc_macro2::TokenStream;
use syn::parse::ParseStream;
use syn::{Expr, ExprLit, Lit, LitStr, Meta, Token};

use crate::ctxt::Ctxt;

/// The struct: its parameters in field order.
pub(crate) struct Parameters {
    pub(crate) fields: Vec<Field>,
}

/// One field: a `Parameter<T>` and how to declare it.
pub(crate) struct Field {
    pub(crate) ident: syn::Ident,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) settings: Vec<Setting>,
}

/// A `#[parameter(key = value)]` setting, mapped to a `ParameterSpec` method.
pub(crate) struct Setting {
    pub(crate) method: &'static str,
    pub(crate) value: Option<TokenStream>,
}

/// The keys `#[parameter(…)]` accepts: (key, `ParameterSpec` method, takes a value).
const KEYS: [(&str, &str, bool); 10] = [
    ("default", "default", true),
    ("no_echo", "no_echo", false),
    ("allowed_values", "allowed_values", true),
    ("allowed_pattern", "allowed_pattern", true),
    ("min_length", "min_length", true),
    ("max_length", "max_length", true),
    ("min_value", "min_value", true),
    ("max_value", "max_value", true),
    ("constraint_description", "constraint_description", true),
    ("name", "", true),
];

impl Parameters {
    /// Reads the struct; records every mistake in `cx` and returns what it could read.
    pub(crate) fn from_ast(input: &syn::DeriveInput, cx: &mut Ctxt) -> Option<Parameters> {
        let syn::Data::Struct(data) = &input.data else {
            cx.error(
                input.ident.span(),
                "`StackParameters` derives only on a struct with named fields",
            );
            return None;
        };
        let syn::Fields::Named(named) = &data.fields else {
            cx.error(
                input.ident.span(),
                "`StackParameters` needs named fields: each field is one parameter",
            );
            return None;
        };
        let fields = named
            .named
            .iter()
            .filter_map(|f| Field::from_ast(f, cx))
            .collect();
        Some(Parameters { fields })
    }
}

impl Field {
    fn from_ast(field: &syn::Field, cx: &mut Ctxt) -> Option<Field> {
        let ident = field.ident.clone()?;
        if !is_parameter_type(&field.ty) {
            cx.error(type_span(&field.ty), format!("field `{ident}` must be a `Parameter<T>`: each field declares one stack parameter"));
        }
        let mut out = Field {
            name: pascal_case(&ident.to_string()),
            description: doc_comment(&field.attrs),
            ident,
            settings: Vec::new(),
        };
        let mut seen: Vec<String> = Vec::new();
        for attr in field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("parameter"))
        {
            let parsed = attr.parse_nested_meta(|meta| {
                let key = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let Some((_, method, takes_value)) = KEYS.iter().find(|(k, _, _)| *k == key) else {
                    let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
                    return Err(meta.error(format!(
                        "unknown key `{key}`; `#[parameter]` takes: {}",
                        known.join(", ")
                    )));
                };
                if seen.contains(&key) {
                    return Err(meta.error(format!("`{key}` is given twice")));
                }
                seen.push(key.clone());
                if key == "name" {
                    let name: LitStr = meta.value()?.parse().map_err(|e| {
                        syn::Error::new(
                            e.span(),
                            "`name` takes a string literal, the parameter's logical ID",
                        )
                    })?;
                    out.name = name.value();
                } else {
                    let value = if *takes_value {
                        Some(tokens_until_comma(meta.value()?)?)
                    } else {
                        None
                    };
                    out.settings.push(Setting { method, value });
                }
                Ok(())
            });
            if let Err(e) = parsed {
                cx.syn_error(e);
            }
        }
        Some(out)
    }
}

/// The tokens of one `key = value` value, up to the next top-level comma. Kept as tokens so any
/// expression works without syn's `full` feature (which would slow every build).
fn tokens_until_comma(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend(std::iter::once(input.parse::<proc_macro2::TokenTree>()?));
    }
    if tokens.is_empty() {
        return Err(input.error("expected a value after `=`"));
    }
    Ok(tokens)
}

fn is_parameter_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Parameter"))
}

fn type_span(ty: &syn::Type) -> Span {
    match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .first()
            .map_or_else(Span::call_site, |s| s.ident.span()),
        _ => Span::call_site(),
    }
}

/// The field's `///` doc comment, joined into one line: it becomes the `Description`.
fn doc_comment(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(LitStr::value(s).trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// `application_image_tag` → `ApplicationImageTag`.
fn pascal_case(snake: &str) -> String {
    heck::ToUpperCamelCase::to_upper_camel_case(snake)
}
