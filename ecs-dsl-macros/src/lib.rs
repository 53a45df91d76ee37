//! Procedural macros of ecs-dsl.
use proc_macro::TokenStream;

/// Checked `Fn::Sub`.
#[proc_macro]
pub fn sub(input: TokenStream) -> TokenStream {
    input
}
