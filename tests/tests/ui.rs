//! Compile-fail cases: every `tests/ui/<category>/<mistake-in-kebab-case>.rs` must fail to
//! compile with exactly the error in the `.stderr` file next to it. The `.stderr` files are
//! documentation of what a user sees, so keep them readable.
//!
//! After an intended change of a message, regenerate the expectations with
//! `TRYBUILD=overwrite cargo test -p ecs-dsl-tests --test ui` and review the diff.
//!
//! Compiler messages change between releases, so the comparison runs only on the pinned
//! toolchain (rustc 1.95); elsewhere the test prints why it skipped.

use std::io::Write;
use std::process::Command;

/// The toolchain the `.stderr` files were written with.
const PINNED_RUSTC: &str = "rustc 1.95.";

#[test]
fn ui() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(&rustc)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    match version {
        Ok(v) if v.starts_with(PINNED_RUSTC) => {
            trybuild::TestCases::new().compile_fail("ui/*/*.rs")
        }
        other => {
            let found = other.map_or_else(
                |e| format!("`{rustc} --version` failed: {e}"),
                |v| v.trim().to_owned(),
            );
            // Straight to stderr: the test harness would swallow `eprintln!` of a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED ui cases: they expect {PINNED_RUSTC}x, found {found}"
            );
        }
    }
}
