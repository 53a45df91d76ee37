//! `StackParameters`: a struct of typed parameters, declared at once.
//!
//! It lives with `Stack` (not with `template::Parameter`) because declaring needs the stack, and
//! the template model never depends on the stack.

/// A struct whose fields are the parameters of a stack; derive it with
/// `#[derive(StackParameters)]`.
pub trait StackParameters: Sized {
    /// Declares every parameter in `stack` and returns their typed handles.
    fn declare(stack: &mut super::Stack) -> Self;
}
