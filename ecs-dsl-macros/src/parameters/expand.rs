//! Writes `impl StackParameters`: one `stack.parameter(…)` call per field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ast::Parameters;
use crate::ctxt::Ctxt;

/// The impl, preceded by any errors; after errors, a fallback impl that declares nothing keeps
/// the rest of the program type-checking.
pub(crate) fn impl_stack_parameters(
    input: &syn::DeriveInput,
    model: Option<&Parameters>,
    cx: Ctxt,
) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = cx.into_compile_errors();
    let body = match model {
        Some(model) if errors.is_empty() => declare_fields(model),
        _ => {
            quote! { ::core::unimplemented!("`StackParameters` could not be derived; see the compile errors") }
        }
    };
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics ::ecs_dsl::stack::StackParameters for #ident #ty_generics #where_clause {
            fn declare(stack: &mut ::ecs_dsl::Stack) -> Self {
                #body
            }
        }
    }
}

fn declare_fields(model: &Parameters) -> TokenStream {
    let fields = model.fields.iter().map(|f| {
        let ident = &f.ident;
        let name = &f.name;
        let description = f.description.as_ref().map(|d| quote! { .description(#d) });
        let settings = f.settings.iter().map(|s| {
            let method = format_ident!("{}", s.method);
            match &s.value {
                Some(v) => quote! { .#method(#v) },
                None => quote! { .#method() },
            }
        });
        quote! { #ident: stack.parameter(#name, ::ecs_dsl::ParameterSpec::new() #description #(#settings)*) }
    });
    quote! { Self { #(#fields),* } }
}
