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
