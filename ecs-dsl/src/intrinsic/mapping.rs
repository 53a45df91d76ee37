//! Named mappings of the `Mappings` section.

use super::Symbol;

/// A mapping declared with [`crate::Stack::mapping`]; read with `Func::find_in_map`.
#[derive(Clone, Debug, PartialEq)]
pub struct MappingName(pub(crate) Symbol);

impl MappingName {
    /// The stack symbol of the mapping.
    pub fn symbol(&self) -> &Symbol {
        &self.0
    }
}
