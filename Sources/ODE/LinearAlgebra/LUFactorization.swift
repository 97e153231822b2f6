/// Which implementation an `LUFactorization` uses.
public enum LUBackend: Sendable {
    /// Hand-written below `LUFactorization.crossoverDimension`, LAPACK from there on.
    case automatic
    /// The Swift LU in this module: no call overhead, fastest for small systems.
    case handWritten
    /// LAPACKE `dgetrf`/`dgetrs` from OpenBLAS: blocked, fastest for larger systems.
    case lapack
}

/// Failure of a dense linear-algebra kernel.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
    /// The matrix is singular to working precision: at elimination step `column` (zero-based)
    /// the pivot was exactly zero, or it was NaN or infinite because the matrix held such values.
    case singular(column: Int)

    /// A one-line English explanation, for logs and error messages.
    public var description: String {
        switch self {
        case .singular(let column):
            return "matrix is singular: the pivot in column \(column) is zero or not finite"
        }
    }
}

/// Reusable LU factorisation with partial pivoting of an `n × n` matrix, and solves with it.
///
/// This is the linear-algebra kernel of the stiff solvers, which factor a Newton matrix such as
/// `I − h·γ·J` once and then solve with it several times. Usage:
/// fill `matrix`, call `factor()`, then call `solve(_:)` as often as needed.
///
/// All buffers are allocated once in `init`; `factor()` and `solve(_:)` never allocate. An
/// instance is not thread-safe (it owns mutable scratch); give each thread its own.
public final class LUFactorization {
    /// Systems with `dimension >= crossoverDimension` use LAPACK under `.automatic`, smaller
    /// ones the hand-written LU. Chosen for a stiff step's workload (one factorisation, several
    /// solves), not for a lone factor + solve, where LAPACKE already ties at n = 52.
    // Measured (release, ns per call, p50 unless noted, OpenBLAS single-threaded, 2-core VM):
    //   cd Benchmarks && swift package benchmark --target LinearAlgebraBenchmarks
    // fill + factor + solve, hand-written vs LAPACKE:
    //   n = 48: 11280–11485 vs 11911–12337 (four runs; hand ≈ 5 % faster)
    //   n = 52: 14090 vs 14017 (p0 13724 vs 13680: tie)
    //   n = 56: 16302 vs 16130 (p0 16103 vs 15853; LAPACKE 1–10 % faster over four runs)
    //   n = 64: 23691 vs 22413
    // re-solve with existing factors: hand-written faster at every n up to 64 (1347 vs 1570).
    // With Rodas5P's 8 solves per factorisation (factor + solve + 7 re-solves) the totals are
    // 24394 vs 26448 at n = 56 and 33120 vs 33403 at n = 64: the break-even moves to about 64,
    // and BDF, which reuses factors across steps, favours the hand-written LU further.
    public static let crossoverDimension: Int = 64

    /// Number of equations `n`.
    public let dimension: Int
    /// The implementation in use, resolved in `init`: never `.automatic`.
    public let backend: LUBackend

    /// `n * n` doubles, column-major: the matrix to factor, then its LU factors.
    @usableFromInline
    let storage: UnsafeMutablePointer<Double>
    /// Zero-based row interchanges of the hand-written path (empty for LAPACK).
    @usableFromInline
    let rowPivots: UnsafeMutablePointer<Int>
    /// One-based row interchanges in LAPACK's integer type (empty for the hand-written path).
    @usableFromInline
    let lapackPivots: UnsafeMutablePointer<Int32>
    /// `backend == .lapack`, stored as a flag so the hot paths test a `Bool`, not an enum.
    @usableFromInline
    let usesLapack: Bool

    /// Allocates the scratch for `dimension × dimension` systems (`dimension >= 1`) and resolves
    /// `.automatic` against `crossoverDimension`.
    public init(dimension: Int, backend: LUBackend = .automatic) {
        precondition(dimension >= 1, "LUFactorization needs dimension >= 1")
        let resolved: LUBackend
        switch backend {
        case .automatic:
            resolved = dimension >= Self.crossoverDimension ? .lapack : .handWritten
        case .handWritten, .lapack:
            resolved = backend
        }
        self.dimension = dimension
        self.backend = resolved
        usesLapack = resolved == .lapack
        if usesLapack {
            precondition(dimension <= Int(Int32.max), "LAPACK dimensions are 32-bit")
            LapackLU.prepare()
        }
        storage = .allocate(capacity: dimension * dimension)
        storage.initialize(repeating: 0, count: dimension * dimension)
        rowPivots = .allocate(capacity: usesLapack ? 0 : dimension)
        lapackPivots = .allocate(capacity: usesLapack ? dimension : 0)
    }

    deinit {
        storage.deallocate()
        rowPivots.deallocate()
        lapackPivots.deallocate()
    }

    /// The `n × n` column-major scratch: the caller writes the matrix to factor here
    /// (e.g. `I − h·γ·J`); `factor()` overwrites it with the LU factors. Valid while `self` lives.
    @inlinable
    public var matrix: MatrixView {
        MatrixView(base: storage, rows: dimension, columns: dimension)
    }

    /// Factors `matrix` in place with partial pivoting.
    ///
    /// Throws `LinearAlgebraError.singular(column:)` if a pivot is zero or not finite. After a
    /// throw, `matrix` holds garbage and `solve(_:)` must not be called until a later `factor()`
    /// succeeds.
    @inlinable
    public func factor() throws(LinearAlgebraError) {
        if usesLapack {
            try LapackLU.factor(storage, dimension: dimension, pivots: lapackPivots)
        } else {
            try HandWrittenLU.factor(storage, dimension: dimension, pivots: rowPivots)
        }
    }

    /// Overwrites the `dimension` doubles at `b` with the solution `x` of `A x = b`, where `A`
    /// is the matrix of the last successful `factor()`. Can be repeated with new right-hand sides.
    @inlinable
    public func solve(_ b: UnsafeMutablePointer<Double>) {
        if usesLapack {
            LapackLU.solve(storage, dimension: dimension, pivots: lapackPivots, b)
        } else {
            HandWrittenLU.solve(storage, dimension: dimension, pivots: rowPivots, b)
        }
    }
}
