import CLAPACK

/// LU factorisation with partial pivoting through LAPACKE (OpenBLAS), for the larger systems
/// where blocked LAPACK beats the hand-written loops.
///
/// Uses the `_work` entry points: the plain `LAPACKE_dgetrf` scans the input for NaN first,
/// which costs 20–30 % at n = 10 and duplicates the finiteness check done here on `U`'s
/// diagonal. Not `@inlinable`: the body is a foreign call anyway, and keeping it opaque means
/// client modules never need to import `CLAPACK`. Nothing here allocates.
@usableFromInline
enum LapackLU {
    /// Pins OpenBLAS to one thread, once per process. The application runs its own threads and
    /// the systems are small, so OpenBLAS's thread pool would only add contention.
    private static let singleThreaded: Void = openblas_set_num_threads(1)

    /// Called from `LUFactorization.init` so that `factor` and `solve` never pay for the
    /// once-check.
    @usableFromInline
    static func prepare() {
        _ = singleThreaded
    }

    /// Factors the `n × n` column-major matrix at `a` in place (`dgetrf`); `pivots` receives
    /// LAPACK's one-based row interchanges.
    ///
    /// Throws `.singular(column: k)` (zero-based) if `U[k, k]` is exactly zero (reported by
    /// LAPACK) or not finite (checked here, since LAPACK does not look for NaN or infinity).
    @usableFromInline
    static func factor(
        _ a: UnsafeMutablePointer<Double>,
        dimension n: Int,
        pivots: UnsafeMutablePointer<Int32>
    ) throws(LinearAlgebraError) {
        let n32 = Int32(n)
        let info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n32, n32, a, n32, pivots)
        precondition(info >= 0, "LAPACKE_dgetrf_work rejected argument \(-info)")
        if info > 0 {
            throw .singular(column: Int(info) - 1)
        }
        var k = 0
        while k < n {
            guard a[k &+ k &* n].isFinite else {
                throw .singular(column: k)
            }
            k &+= 1
        }
    }

    /// Solves `A x = b` in place for one right-hand side from the output of `factor` (`dgetrs`).
    @usableFromInline
    static func solve(
        _ a: UnsafePointer<Double>,
        dimension n: Int,
        pivots: UnsafePointer<Int32>,
        _ b: UnsafeMutablePointer<Double>
    ) {
        let n32 = Int32(n)
        let info = LAPACKE_dgetrs_work(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), n32, 1, a, n32, pivots, b, n32)
        precondition(info == 0, "LAPACKE_dgetrs_work rejected argument \(-info)")
    }
}
