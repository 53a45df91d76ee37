//! How a value of one stack reaches another: the kinds of cross-stack reference CloudFormation
//! offers, from the strongest to the weakest.

use std::borrow::Cow;
use std::sync::Arc;

use crate::intrinsic::{Intrinsic, RefTarget, StackId, Symbol};
use crate::template::Node;

/// The kind of reference that carries a value from the stack that owns it to a stack that uses
/// it, chosen with [`super::App::share`]. A value shared without a choice is an [`Share::Export`]
/// named `STACK:LogicalId` (`Ref`) or `STACK:LogicalId:Attribute` (`Fn::GetAtt`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Share {
    /// An output with `Export.Name` in the owning stack, `Fn::ImportValue` where it is used.
    /// CloudFormation deploys the owner first and refuses to change or delete the export while a
    /// stack imports it, so the app checks the previous manifest for exports still imported.
    Export {
        /// `Export.Name`: unique in the account and region.
        name: String,
    },
    /// An `AWS::SSM::Parameter` (`Name`, `Type: String`, `Value`) in the owning stack; the using
    /// stack declares a parameter of type `AWS::SSM::Parameter::Value<String>` whose `Default` is
    /// that name. The value is read when the using stack is deployed: the owner may change or
    /// delete it at any time, and CloudFormation does not stop it.
    SsmParameter {
        /// The SSM parameter name, such as `/todobackend/secrets-key`.
        name: String,
    },
    /// An output (not exported) in the owning stack and a `String` parameter in the using stack,
    /// which the deployer fills from that output; the manifest says which. CloudFormation knows
    /// nothing of the link.
    StackOutput,
}

impl Share {
    /// [`Share::Export`] under `name`.
    pub fn export(name: &str) -> Share {
        Share::Export {
            name: name.to_owned(),
        }
    }

    /// [`Share::SsmParameter`] under the SSM parameter `name`.
    pub fn ssm_parameter(name: &str) -> Share {
        Share::SsmParameter {
            name: name.to_owned(),
        }
    }

    /// [`Share::StackOutput`].
    pub fn stack_output() -> Share {
        Share::StackOutput
    }

    /// The name the manifest gives this kind.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Share::Export { .. } => "export",
            Share::SsmParameter { .. } => "ssm-parameter",
            Share::StackOutput => "stack-output",
        }
    }

    /// The export or SSM parameter name, if the kind has one.
    pub(crate) fn name(&self) -> Option<&str> {
        match self {
            Share::Export { name } | Share::SsmParameter { name } => Some(name),
            Share::StackOutput => None,
        }
    }
}

/// A value of one stack that another stack uses: `Ref` of a resource or parameter, or
/// `Fn::GetAtt` of a resource attribute.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SharedValue {
    pub(crate) stack: StackId,
    pub(crate) name: Arc<str>,
    pub(crate) attribute: Option<Cow<'static, str>>,
}

impl SharedValue {
    pub(crate) fn new(symbol: &Symbol, attribute: Option<Cow<'static, str>>) -> Self {
        SharedValue {
            stack: symbol.stack,
            name: symbol.name.clone(),
            attribute,
        }
    }

    /// `LogicalId` or `LogicalId.Attribute`, as the manifest and the diagnostics show it.
    pub(crate) fn label(&self) -> String {
        match &self.attribute {
            None => self.name.to_string(),
            Some(a) => format!("{}.{a}", self.name),
        }
    }

    /// Letters and digits naming the value inside a template: `LogicalIdAttribute`.
    pub(crate) fn id_part(&self) -> String {
        let attribute = self
            .attribute
            .as_deref()
            .unwrap_or_default()
            .replace('.', "");
        format!("{}{attribute}", self.name)
    }

    /// The export name used when the app is not told one: `STACK:LogicalId[:Attribute]`.
    pub(crate) fn default_export_name(&self, stack_name: &str) -> String {
        match &self.attribute {
            None => format!("{stack_name}:{}", self.name),
            Some(a) => format!("{stack_name}:{}:{}", self.name, a.replace('.', ":")),
        }
    }

    /// The `Ref` or `Fn::GetAtt` that reads the value inside the stack that owns it.
    pub(crate) fn node(&self) -> Node {
        let symbol = Symbol {
            stack: self.stack,
            name: self.name.clone(),
        };
        match &self.attribute {
            None => Intrinsic::Ref(RefTarget::Symbol(symbol)).into(),
            Some(a) => Intrinsic::GetAtt(symbol, a.clone()).into(),
        }
    }
}
