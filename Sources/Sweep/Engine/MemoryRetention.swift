#if canImport(Glibc)
import Glibc
#endif

/// The C allocator's behaviour for a process that simulates many runs one after another.
///
/// A summary-only run allocates and frees about 1.5 MB (its sample grid, the solver's saved
/// states, the summary's series). With glibc's defaults the freed top of the heap is handed back
/// to the kernel after every run (`M_TRIM_THRESHOLD` follows the largest block, ≈ 0.4 MB here) and
/// the next run faults the same pages in again: about 320 page faults per run, ≈ 20% of a
/// population's time spent in the kernel (`/usr/bin/time` on `benzosim population … --count 256
/// --threads 1`: 0.28 s system against 1.0 s user time; with the settings below 0.00 s).
/// Process-wide, so the entry point of a program calls it (the `benzosim` CLI does, as do the
/// throughput benchmarks); a library never changes it behind its caller's back.
public enum MemoryRetention {
    /// Freed memory kept for reuse at the top of each heap (bytes) before any is returned to the system.
    public static let retainedBytes: Int32 = 64 << 20
    /// Blocks below this size (bytes) come from the heap, so they are reused, rather than from
    /// a fresh `mmap` that is faulted in and unmapped on every run.
    public static let heapBlockLimit: Int32 = 32 << 20

    /// Keeps up to `retainedBytes` of freed memory per heap for the next run and serves blocks below
    /// `heapBlockLimit` from the heap (glibc `mallopt`; nothing elsewhere). The memory a run uses
    /// is unchanged; what stays mapped between runs is bounded by these two sizes per thread.
    public static func retainBetweenRuns() {
        #if canImport(Glibc)
        // `malloc.h` is not in Swift's Glibc module: the function is looked up in the process, with
        // its parameter numbers from glibc's `malloc.h` (M_TRIM_THRESHOLD −1, M_MMAP_THRESHOLD −3).
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
        _ = mallopt(-1, retainedBytes)
        _ = mallopt(-3, heapBlockLimit)
        #endif
    }
}
