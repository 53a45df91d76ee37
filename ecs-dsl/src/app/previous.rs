//! The "deadly embrace": CloudFormation refuses to update a stack that removes or changes an
//! export another stack still imports, and it says so only when the deploy runs. The manifest of
//! the previous synth tells which exports the deployed stacks import, so synth refuses first and
//! spells out the two deploys that get there.

use super::manifest::{Manifest, ManifestReference};
use super::share::Share;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Every export imported in `previous` must still be exported, with the same value.
pub(crate) fn check_kept_exports(
    previous: &Manifest,
    current: &[ManifestReference],
    problems: &mut Diagnostics,
) {
    for old in &previous.references {
        let Share::Export { name } = &old.share else {
            continue;
        };
        if old.used_by.is_empty() {
            continue;
        }
        let importers = old
            .used_by
            .iter()
            .map(|u| format!("`{}`", u.stack))
            .collect::<Vec<_>>()
            .join(", ");
        let now = current
            .iter()
            .find(|r| matches!(&r.share, Share::Export { name: n } if n == name));
        let path = format!("{}/Outputs.{}", old.stack, old.published_by);
        match now {
            None => problems.push(
                Diagnostic::error(
                    "APP003",
                    path,
                    format!(
                        "the export `{name}` (`{}` of stack `{}`) is removed, but the deployed stack {importers} still imports it: CloudFormation would refuse to update `{}`",
                        old.value, old.stack, old.stack
                    ),
                )
                .help(format!(
                    "deploy in two steps: (1) keep the export, with `app.share(&<{}>, Share::export(\"{name}\"))`, while {importers} stops using it, and deploy; (2) then remove it and deploy again",
                    old.value
                )),
            ),
            Some(new) if (new.stack.as_str(), new.value.as_str()) != (old.stack.as_str(), old.value.as_str()) => {
                problems.push(
                    Diagnostic::error(
                        "APP003",
                        path,
                        format!(
                            "the export `{name}` changes from `{}` of stack `{}` to `{}` of stack `{}`, but the deployed stack {importers} imports it: CloudFormation refuses to change an export that is imported",
                            old.value, old.stack, new.value, new.stack
                        ),
                    )
                    .help(format!(
                        "deploy in two steps: (1) share the new value under a new export name and keep `{name}` exporting `{}`, and deploy, so {importers} switches to the new name; (2) then remove `{name}` and deploy again",
                        old.value
                    )),
                );
            }
            Some(_) => {}
        }
    }
}
