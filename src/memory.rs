//! Handing memory that loading freed back to the system.
//!
//! Loading a large folder builds per-file staging data on the parsing threads and frees it
//! once the facts are assembled. glibc's malloc keeps such freed memory mapped (in the
//! parsing threads' arenas, and below live blocks in the main heap) in case it is needed
//! again, and the graph that is built next rarely fits into those holes: at a million
//! relations about 115 MiB of the peak is memory nobody uses. One `malloc_trim` after
//! loading returns it, for a few milliseconds. Elsewhere this does nothing.

/// Returns freed heap memory to the system, where the allocator keeps it otherwise.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed() {
    // SAFETY: `malloc_trim` only returns free pages of malloc's own arenas to the system;
    // it takes malloc's locks itself and touches no memory a live allocation owns.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Returns freed heap memory to the system, where the allocator keeps it otherwise.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed() {}
