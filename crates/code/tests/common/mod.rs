//! Shared by the integration tests: where the shared data is.

use std::path::PathBuf;

/// `../shared` beside the repository (or `$DYAD_SHARED`); `None`, with a message saying the test is
/// skipped, when it is absent.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if dir.join("gold").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: shared data not found at {} (set DYAD_SHARED)",
            dir.display()
        );
        None
    }
}
