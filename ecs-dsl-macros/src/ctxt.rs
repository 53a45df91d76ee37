//! Collects errors so a macro reports every mistake at once (serde_derive's `Ctxt`).

use proc_macro2::{Span, TokenStream};

/// An error collector.
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    /// Records an error at a span.
    pub(crate) fn error(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// Records a `syn` error.
    pub(crate) fn syn_error(&mut self, e: syn::Error) {
        self.errors.push(e);
    }

    /// The `compile_error!` invocations of every recorded error (empty when there are none).
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        self.errors
            .into_iter()
            .map(|e| e.to_compile_error())
            .collect()
    }
}
