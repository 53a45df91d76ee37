//! The functions of the `AWS::LanguageExtensions` transform: `Fn::Length`, `Fn::ToJsonString`
//! and the `DefaultValue` of `Fn::FindInMap`. CloudFormation rejects them in a template that
//! does not declare the transform, so synth declares it for a stack that uses them (first, as
//! the transform must run before SAM's).

use super::{Intrinsic, Node};

/// The name of the transform.
pub const LANGUAGE_EXTENSIONS: &str = "AWS::LanguageExtensions";

impl Intrinsic {
    /// Whether this function (not its arguments) needs the `AWS::LanguageExtensions` transform.
    pub fn needs_language_extensions(&self) -> bool {
        matches!(
            self,
            Intrinsic::Length(_) | Intrinsic::ToJsonString(_) | Intrinsic::FindInMap(.., Some(_))
        )
    }
}

impl Node {
    /// Whether a function below this node needs the `AWS::LanguageExtensions` transform.
    pub fn needs_language_extensions(&self) -> bool {
        let mut found = false;
        self.walk(&mut |n| {
            found |= n
                .as_intrinsic()
                .is_some_and(Intrinsic::needs_language_extensions);
        });
        found
    }
}
