import CLAPACK

/// The exact solution of a linear, constant-coefficient system `dx/dt = A x + r` with a constant
/// input `r`, through the eigendecomposition `A = V Λ V⁻¹`.
///
/// In modal coordinates `z = V⁻¹ x` the modes decouple: with `s = V⁻¹ r`,
///
///     z_k(t₀ + τ) = e^{λ_k τ} z_k(t₀) + s_k · (e^{λ_k τ} − 1)/λ_k      ((e^{λτ} − 1)/λ = τ at λ = 0)
///
/// so the state at any time after a jump costs one exponential per mode, with no step size and no
/// truncation error. That is what linear pharmacokinetics between doses needs: the solution
/// between two events is a sum of exponentials, and a dose is a jump in `x` (a new `z(t₀)`).
///
/// Only matrices with real eigenvalues and a well-conditioned eigenvector basis are accepted
/// (every mammillary or catenary compartment model with distinct rate constants qualifies). For
/// anything else `init` throws and the caller integrates the system numerically instead: near a
/// repeated eigenvalue the basis degenerates and `V⁻¹` would amplify rounding errors.
public struct LinearPropagator: Sendable {
    /// Largest accepted 1-norm condition number of `V`: rounding errors in `x` grow by at most
    /// about this factor times the machine epsilon (here ≈ 2e-10 relative).
    public static let maximumCondition = 1e6

    /// Number of states `m`.
    public let dimension: Int
    /// The eigenvalues `λ_k` of `A` (1/time unit), in LAPACK's order.
    public let eigenvalues: [Double]
    /// `V`, column-major `m × m`: column `k` is the eigenvector of `λ_k`.
    public let eigenvectors: [Double]
    /// `V⁻¹`, column-major `m × m`.
    public let inverseEigenvectors: [Double]
    /// The 1-norm condition number of `V`.
    public let condition: Double

    /// Decomposes the column-major `m × m` matrix `matrix` (LAPACK `dgeev`).
    /// - Throws: `LinearPropagatorError` when the eigenvalues are not all real, the eigenvector
    ///   basis is ill-conditioned (`condition > maximumCondition`), or `V Λ V⁻¹` does not
    ///   reproduce `A` to 1e-12 relative.
    public init(matrix: [Double], dimension m: Int) throws(LinearPropagatorError) {
        precondition(m > 0 && matrix.count == m * m, "LinearPropagator needs an m × m column-major matrix")
        if matrix.contains(where: { !$0.isFinite }) { throw .nonFinite }
        var a = matrix
        var real = [Double](repeating: 0, count: m), imaginary = real
        var left = [Double](repeating: 0, count: 1)
        var right = [Double](repeating: 0, count: m * m)
        let n32 = Int32(m)
        let info = LAPACKE_dgeev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "V")), n32,
                                 &a, n32, &real, &imaginary, &left, 1, &right, n32)
        guard info == 0 else { throw .decompositionFailed }
        if let k = imaginary.firstIndex(where: { $0 != 0 }) {
            throw .complexEigenvalues(real: real[k], imaginary: imaginary[k])
        }
        // V⁻¹ column by column from one LU factorisation.
        let lu = LUFactorization(dimension: m)
        for j in 0..<m { for i in 0..<m { lu.matrix[i, j] = right[i + j * m] } }
        do { try lu.factor() } catch { throw .illConditioned(condition: .infinity) }
        var inverse = [Double](repeating: 0, count: m * m)
        inverse.withUnsafeMutableBufferPointer { inv in
            for j in 0..<m {
                inv[j + j * m] = 1
                lu.solve(inv.baseAddress! + j * m)
            }
        }
        let condition = Self.oneNorm(right, m) * Self.oneNorm(inverse, m)
        guard condition.isFinite, condition <= Self.maximumCondition else { throw .illConditioned(condition: condition) }
        // V Λ V⁻¹ must give A back: guards against a silently inaccurate decomposition.
        var scale = 0.0, residual = 0.0
        for j in 0..<m {
            for i in 0..<m {
                var sum = 0.0
                for k in 0..<m { sum += right[i + k * m] * real[k] * inverse[k + j * m] }
                residual = max(residual, abs(sum - matrix[i + j * m]))
                scale = max(scale, abs(matrix[i + j * m]))
            }
        }
        guard residual <= 1e-12 * max(scale, .leastNormalMagnitude) else { throw .inaccurate(relativeResidual: residual / scale) }
        dimension = m
        eigenvalues = real
        eigenvectors = right
        inverseEigenvectors = inverse
        self.condition = condition
    }

    /// Writes `z = V⁻¹ x` (modal coordinates of a state or of an input).
    @inlinable
    public func modal(of x: UnsafePointer<Double>, into z: UnsafeMutablePointer<Double>) {
        for k in 0..<dimension {
            var sum = 0.0
            for i in 0..<dimension { sum += inverseEigenvectors[k + i * dimension] * x[i] }
            z[k] = sum
        }
    }

    /// Writes the state `x = V z(τ)` a time `τ ≥ 0` after a start with modal state `z0` under the
    /// constant modal input `s` (pass `nil` for no input).
    @inlinable
    public func state(after tau: Double, from z0: UnsafePointer<Double>, input s: UnsafePointer<Double>?,
                      into x: UnsafeMutablePointer<Double>) {
        for i in 0..<dimension { x[i] = 0 }
        for k in 0..<dimension {
            let zk = Self.mode(eigenvalue: eigenvalues[k], after: tau, start: z0[k], input: s?[k] ?? 0)
            for i in 0..<dimension { x[i] += eigenvectors[i + k * dimension] * zk }
        }
    }

    /// One mode: `e^{λτ} z0 + s (e^{λτ} − 1)/λ`, exact also for `λτ → 0` (through `expm1`).
    @inlinable @inline(__always)
    public static func mode(eigenvalue lambda: Double, after tau: Double, start z0: Double, input s: Double) -> Double {
        let x = lambda * tau
        var value = exp(x) * z0
        if s != 0 { value += s * (x == 0 ? tau : expm1(x) / lambda) }
        return value
    }

    /// The weights `c_k = Σ_i w_i V[i, k]` that turn a linear functional `w · x` of the state into
    /// `Σ_k c_k z_k` over the modes (e.g. a concentration-weighted sum).
    public func modalWeights(of w: [Double]) -> [Double] {
        precondition(w.count == dimension)
        return (0..<dimension).map { k in (0..<dimension).reduce(0.0) { $0 + w[$1] * eigenvectors[$1 + k * dimension] } }
    }

    static func oneNorm(_ a: [Double], _ m: Int) -> Double {
        (0..<m).map { j in (0..<m).reduce(0.0) { $0 + abs(a[$1 + j * m]) } }.max() ?? 0
    }
}

/// Why a matrix was not accepted by `LinearPropagator` (the caller should integrate numerically).
public enum LinearPropagatorError: Error, Equatable, CustomStringConvertible {
    /// The matrix has a NaN or infinite entry.
    case nonFinite
    /// LAPACK's `dgeev` did not converge.
    case decompositionFailed
    /// An eigenvalue is complex (oscillating modes are not supported).
    case complexEigenvalues(real: Double, imaginary: Double)
    /// The eigenvector basis is (nearly) degenerate, e.g. two equal rate constants.
    case illConditioned(condition: Double)
    /// `V Λ V⁻¹` does not reproduce the matrix to 1e-12 relative.
    case inaccurate(relativeResidual: Double)

    /// What happened, for logs.
    public var description: String {
        switch self {
        case .nonFinite: return "the matrix has a NaN or infinite entry"
        case .decompositionFailed: return "the eigendecomposition did not converge"
        case let .complexEigenvalues(re, im): return "complex eigenvalue \(re) ± \(im)i"
        case let .illConditioned(c): return "eigenvector basis ill-conditioned (condition \(c)): repeated or nearly repeated rate constants"
        case let .inaccurate(r): return "eigendecomposition inaccurate (relative residual \(r))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
