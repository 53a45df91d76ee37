//! The type names taken in one generated file, so that no two items share one.

use std::collections::BTreeSet;

use anyhow::{Result, bail};

use crate::naming;

/// Names decided so far in one file, to keep every type name unique.
#[derive(Default)]
pub(super) struct Names {
    pub(super) taken: BTreeSet<String>,
}

impl Names {
    pub(super) fn claim(&mut self, name: &str, what: &str, type_name: &str) -> Result<()> {
        if naming::RESERVED_TYPE_NAMES.contains(&name) || !self.taken.insert(name.to_owned()) {
            bail!(
                "{type_name}: the {what} name `{name}` is already taken in its file; add a naming rule"
            );
        }
        Ok(())
    }
}
