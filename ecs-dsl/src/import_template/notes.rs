//! The coded notes of `import-template`: what the printed program keeps verbatim (a note) and
//! what stops the import (an error). Every code is declared here once, with its help line.

use std::fmt;

/// One code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    /// `IMP001`.
    pub code: &'static str,
    /// What happened.
    pub title: &'static str,
    /// What to do about it.
    pub help: &'static str,
}

macro_rules! codes {
    ($($name:ident = $code:literal, $title:literal, $help:literal;)+) => {
        $(
            #[doc = $title]
            pub const $name: Code = Code { code: $code, title: $title, help: $help };
        )+
        /// Every code.
        pub const ALL: &[Code] = &[$($name),+];
    };
}

codes! {
    UNKNOWN_TYPE = "IMP001", "resource type not in the specification: an untyped resource with its type name and properties kept",
        "if it is a registry or third-party type, keep the note; otherwise check the type name";
    UNKNOWN_PROPERTY = "IMP002", "property not in the specification: set verbatim",
        "check the property name against the resource type's reference page";
    VERBATIM_SUB = "IMP003", "Fn::Sub kept verbatim: a placeholder names no handle, parameter or attribute sub! can resolve",
        "rewrite it with sub! once the placeholder names a handle, a parameter or AWS::…";
    UNTYPED_PARAMETER = "IMP004", "parameter type with no Rust type: declared as String",
        "pick the closest parameter type by hand";
    VERBATIM_POLICY = "IMP005", "UpdatePolicy or CreationPolicy kept verbatim",
        "rewrite it with UpdatePolicy or CreationPolicy";
    UNKNOWN_REFERENCE = "IMP006", "a reference names nothing in the template: kept verbatim",
        "declare the parameter or resource it names";
    UNSUPPORTED_SECTION = "IMP100", "template section the importer does not handle",
        "move the section's content into the program by hand";
    MISSING_REQUIRED = "IMP007", "a required property is missing, so the typed constructor cannot be called: an untyped resource",
        "add the property (CloudFormation rejects the resource without it), then use the typed type";
    CYCLE = "IMP102", "resources refer to each other in a cycle",
        "break the cycle (CloudFormation rejects it too)";
    NOT_A_TEMPLATE = "IMP103", "not a CloudFormation template",
        "pass a JSON or YAML template with a Resources section";
    UNSUPPORTED_VALUE = "IMP104", "a value the importer cannot express",
        "write that part of the program by hand";
    VERBATIM_SECTION = "IMP110", "top-level section the typed API does not model (Rules, SAM Globals, …): kept as written with Stack::section",
        "no action needed; CloudFormation reads the section as before";
    UNMODELLED_FUNCTION = "IMP111", "intrinsic function ecs-dsl does not model (Fn::Transform, a macro's function, …): kept as written with rt::as_written, unchecked",
        "check it by hand: synth writes it unchanged and checks nothing it names";
    INTRINSIC_POLICY = "IMP112", "DeletionPolicy or UpdateReplacePolicy written as an intrinsic function: kept as written with attribute_as_written",
        "no action needed; or pick the policy (Delete, Retain, RetainExceptOnCreate, Snapshot) in Rust per stack";
    UNMODELLED_SHAPE = "IMP113", "intrinsic function in a shape ecs-dsl does not model (a computed map name, Fn::If on an undeclared condition, …): kept as written with rt::as_written, unchecked",
        "rewrite it in the documented shape, or check it by hand";
    UNDECLARED_TARGET = "IMP114", "Ref or Fn::GetAtt of a resource the template does not declare, in a template without SAM's transform",
        "declare the resource, or import the processed template where the generated resources are declared";
    INTRINSIC_PROPERTIES = "IMP115", "Properties written as an intrinsic function (an Fn::If choosing whole property sets): an untyped resource with Properties kept as written",
        "move the Fn::If into each property it changes to use the typed resource";
    UNMODELLED_ATTRIBUTE = "IMP116", "resource attribute ecs-dsl does not model (such as the legacy Version): kept as written with attribute_as_written",
        "no action needed (CloudFormation ignores Version); or drop the attribute";
    FOR_EACH = "IMP117", "Fn::ForEach loop as an entry of a section: a macro's loop the program cannot express",
        "import the processed template (the AWS::LanguageExtensions output), or write the loop in Rust";
    GENERATED_TARGET = "IMP118", "Ref or Fn::GetAtt of a resource SAM's transform generates: kept as written with rt::as_written, unchecked",
        "no action needed; CloudFormation resolves it after the transform";
}

/// A note or error at a place of the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The code.
    pub code: Code,
    /// Where: `Resources.Bucket.Properties.Name`.
    pub place: String,
    /// Detail.
    pub detail: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {}: {}",
            self.code.code, self.place, self.code.title
        )?;
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        write!(f, "\n  help: {}", self.code.help)
    }
}
