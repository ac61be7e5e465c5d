//! The `polity` command: everything lives in the library; this turns its outcome into an
//! exit code, after one allocator setting that keeps large fact folders lean.

fn main() -> std::process::ExitCode {
    fixed_mmap_threshold();
    polity::cli::main()
}

/// Keeps glibc's malloc from holding on to memory loading has freed.
///
/// Loading a large folder allocates big per-file buffers on the parsing threads and frees
/// them once the facts are assembled. glibc raises its mmap threshold each time such a block
/// is freed, so later big blocks come from the heap and, once freed, stay mapped: at a
/// million relations about 90 MiB of the peak is such freed memory. A fixed threshold (the
/// default 128 KiB, no longer adjusted) returns every big block to the system when it is
/// freed, at no measurable cost in time. A user who tunes malloc through its documented
/// `MALLOC_*_` environment variables keeps their setting.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn fixed_mmap_threshold() {
    if std::env::vars_os().any(|(k, _)| k.to_string_lossy().starts_with("MALLOC_")) {
        return;
    }
    // SAFETY: `mallopt` only sets an allocator parameter; it is called before any other
    // thread exists, and a refusal (return value 0) leaves the default behaviour.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fixed_mmap_threshold() {}
