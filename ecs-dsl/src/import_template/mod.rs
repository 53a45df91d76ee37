//! `ecs-dsl import-template`: a CloudFormation template turned into an ecs-dsl program on the
//! generated resource types.
//!
//! Logical IDs, parameters, conditions, mappings, outputs, resource policies and metadata are
//! kept; every `Ref`, `Fn::GetAtt`, `Fn::If`, `Fn::FindInMap` and `Condition` names a handle,
//! parameter, condition or mapping of the program; `Fn::Sub` becomes `sub!`. What the typed API
//! cannot hold is kept verbatim ([`rt::Verbatim`]) with a coded note (module `notes`): a function
//! ecs-dsl does not model with [`rt::as_written`], a resource attribute it cannot type with
//! `attribute_as_written`.
//!
//! [`rt`] is what the printed programs call; it is always compiled. The importer itself is
//! behind the feature `import-template` (it carries the catalog of every resource type).

pub mod rt;

#[cfg(feature = "import-template")]
mod catalog;
#[cfg(feature = "import-template")]
mod names;
#[cfg(feature = "import-template")]
pub mod notes;
#[cfg(feature = "import-template")]
mod program;

#[cfg(feature = "import-template")]
pub use program::{Imported, import};

/// Imports a template file's text: JSON, or YAML with short tags (`!Ref`, `!Sub`, …).
#[cfg(feature = "import-template")]
pub fn import_text(bytes: &[u8]) -> Result<Imported, Vec<notes::Note>> {
    let (json, _) = crate::template::text::parse(bytes).map_err(|e| {
        vec![notes::Note {
            code: notes::NOT_A_TEMPLATE,
            place: String::new(),
            detail: e.to_string(),
        }]
    })?;
    import(&json)
}
