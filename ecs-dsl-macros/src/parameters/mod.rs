//! `#[derive(StackParameters)]`: parse → check → expand.

mod ast;
mod expand;

use proc_macro2::TokenStream;

use crate::ctxt::Ctxt;

/// Expands one derive.
pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let input = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let model = ast::Parameters::from_ast(&input, &mut cx);
    expand::impl_stack_parameters(&input, model.as_ref(), cx)
}
