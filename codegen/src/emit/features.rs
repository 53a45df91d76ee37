//! The service features of `ecs-dsl/Cargo.toml`: one per namespace module, and `all-services`.
//! They sit between two marker lines of the manifest; the generator rewrites only that block.

use crate::plan::Plan;

/// The line that opens the generated block in `ecs-dsl/Cargo.toml`.
pub const BEGIN: &str = "# BEGIN service features (written by ecs-dsl-codegen; do not edit)";
/// The line that closes it.
pub const END: &str = "# END service features";

/// The block, markers included.
pub fn block(plan: &Plan) -> String {
    let mut out = format!("{BEGIN}\n");
    out.push_str(
        "# One feature per AWS namespace of the generated L1 types (`ecs_dsl::cfn::<service>`). A property\n\
         # that refers to a resource of a disabled service takes a plain string instead.\n",
    );
    out.push_str("all-services = [\n");
    for s in &plan.services {
        out.push_str(&format!("    \"{}\",\n", s.module));
    }
    out.push_str("]\n");
    for s in &plan.services {
        out.push_str(&format!("{} = []\n", s.module));
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// `manifest` with its block replaced by `block`; `None` when the markers are missing.
pub fn splice(manifest: &str, block: &str) -> Option<String> {
    let start = manifest.find(BEGIN)?;
    let end = start + manifest[start..].find(END)? + END.len();
    let end = end + usize::from(manifest[end..].starts_with('\n'));
    Some(format!("{}{block}{}", &manifest[..start], &manifest[end..]))
}

/// Whether `manifest` holds exactly `block` between its markers, once.
pub fn is_current(manifest: &str, block: &str) -> bool {
    manifest.matches(BEGIN).count() == 1 && splice(manifest, block).as_deref() == Some(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(block: &str) -> String {
        format!("[features]\ndefault = [\"ecs\"]\n{block}\n[dependencies]\n")
    }

    #[test]
    fn a_changed_or_duplicated_block_is_not_current() {
        let block = format!("{BEGIN}\necs = []\niam = []\n{END}\n");
        assert!(is_current(&manifest(&block), &block));
        let hand_added = block.replace("iam = []\n", "iam = []\nmine = []\n");
        assert!(!is_current(&manifest(&hand_added), &block));
        let stale = block.replace("iam = []\n", "");
        assert!(!is_current(&manifest(&stale), &block));
        assert!(!is_current(&manifest(&format!("{block}{block}")), &block));
        assert!(!is_current("[features]\n", &block));
    }
}
