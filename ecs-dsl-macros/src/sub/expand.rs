//! Writes the code of a checked `sub!`: a chain of `Sub` builder calls.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::parse::{Piece, SubInput, Template};
use crate::ctxt::Ctxt;

/// The expansion: the builder chain, preceded by any errors recorded.
pub(crate) fn sub(template: &Template, input: &SubInput, cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    if !errors.is_empty() {
        return quote! {{ #errors ::ecs_dsl::__private::Sub::new().build() }};
    }
    let calls = template
        .pieces
        .iter()
        .map(|piece| piece_call(piece, template.span, input));
    quote! {{
        ::ecs_dsl::__private::Sub::new() #(#calls)* .build()
    }}
}

/// The expansion after a parse error: the error and a value of the right type.
pub(crate) fn fallback(cx: Ctxt) -> TokenStream {
    let errors = cx.into_compile_errors();
    quote! {{ #errors ::ecs_dsl::__private::Sub::new().build() }}
}

fn piece_call(piece: &Piece, span: Span, input: &SubInput) -> TokenStream {
    match piece {
        Piece::Text(text) => quote! { .text(#text) },
        Piece::Pseudo(name) => {
            // `check` rejected unknown names; an unknown one here expands to nothing.
            let Some(variant) = super::check::pseudo_variant(name) else {
                return TokenStream::new();
            };
            let variant = format_ident!("{}", variant);
            quote! { .var(&::ecs_dsl::__private::Pseudo::#variant) }
        }
        Piece::Var {
            name,
            fields,
            attribute,
        } => {
            if let Some(binding) = input
                .bindings
                .iter()
                .find(|b| fields.is_empty() && attribute.is_none() && b.name == name.as_str())
            {
                let value = &binding.value;
                return quote! { .bind(#name, ::ecs_dsl::__private::string_node(#value)) };
            }
            let ident = format_ident!("{}", name, span = span);
            let fields = fields.iter().map(|f| format_ident!("{}", f, span = span));
            let label = std::iter::once(name.as_str())
                .chain(attribute.as_deref())
                .collect::<Vec<_>>()
                .join(".");
            match attribute {
                None => quote_spanned! {span=> .var_named(#label, &#ident #(.#fields)*) },
                Some(path) if super::check::is_custom_attribute(path) => quote_spanned! {span=>
                    .var_named(#label, &::ecs_dsl::__private::custom_attribute(&#ident #(.#fields)*, #path))
                },
                Some(path) => {
                    // Resolved at the macro's own site: rustc then makes no "similar method"
                    // suggestion that would replace the whole string literal.
                    let method_span = span.resolved_at(Span::mixed_site());
                    let method =
                        format_ident!("attr_{}", attribute_method(path), span = method_span);
                    quote_spanned! {span=> .var_named(#label, &#ident #(.#fields)* .#method()) }
                }
            }
        }
    }
}

/// The method suffix of a CloudFormation attribute name: the code generator's own rule.
fn attribute_method(path: &str) -> String {
    ecs_dsl_names::attribute_method_suffix(path)
}
