//! `sub!`: parse → check → expand.

mod check;
mod expand;
mod parse;

use proc_macro2::TokenStream;

use crate::ctxt::Ctxt;

/// Expands one `sub!` invocation.
pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let parsed = match syn::parse2::<parse::SubInput>(input) {
        Ok(p) => p,
        Err(e) => {
            cx.syn_error(e);
            return expand::fallback(cx);
        }
    };
    let template = parse::template(&parsed, &mut cx);
    check::placeholders(&template, &parsed, &mut cx);
    expand::sub(&template, &parsed, cx)
}
