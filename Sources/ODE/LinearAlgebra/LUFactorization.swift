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
    /// ones the hand-written LU.
    ///
    /// Measured with `cd Benchmarks && swift package benchmark --target LinearAlgebraBenchmarks`
    /// (release, p50 ns, one run on the 2-core dev machine), hand-written vs LAPACKE:
    /// fill+factor+solve n = 16: 949 vs 1609; 32: 4041 vs 5456; 44: 8864 vs 10478;
    /// 48: 12394 vs 11837; 56: 16679 vs 16245; 64: 24232 vs 22102. Re-solve with existing factors:
    /// n = 16: 244 vs 385; 32: 550 vs 669; 64: 1466 vs 2230. The stiff methods solve several times
    /// per factorisation (Rodas5P: 1 factor + 7 solves ≈ 34.5 µs hand-written vs 37.7 µs LAPACKE at
    /// n = 64), so the hand-written LU wins up to about 64; above that LAPACK's blocked kernels pull
    /// away as O(n³) dominates.
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
