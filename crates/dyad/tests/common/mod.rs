//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `dyad` binary built for this test run.
pub fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("run the dyad binary")
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` (or `$DYAD_SHARED`), or `None` with a message saying the test is skipped.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    if p.join("README.md").exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: shared data not found at {} (set DYAD_SHARED)",
            p.display()
        );
        None
    }
}
