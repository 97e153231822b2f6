/// The coefficients of an embedded Rosenbrock (Rosenbrock–Wanner) method in the transformed form
/// of Hairer & Wanner (*Solving ODEs II*, §IV.7, eq. (7.25) and their code RODAS), which needs no
/// matrix–vector product with the Jacobian.
///
/// With `W = I/(hγ) − J`, `J = ∂f/∂y(t₀, y₀)` and `f_t = ∂f/∂t(t₀, y₀)`, a step of size `h` computes
/// the stage increments `u_1 … u_s` from
///
/// `W u_i = f(t₀ + c_i h, y₀ + Σ_{j<i} a_ij u_j) + Σ_{j<i} (C_ij / h) u_j + h d_i f_t`
///
/// and then `y₁ = y₀ + Σ m_i u_i`, with the local error estimate `Σ e_i u_i` (the difference between
/// `y₁` and the embedded solution). In the classical notation, `u = Γ k` with `Γ = (γ_ij)` lower
/// triangular, `γ_ii = γ`; then `a = α Γ⁻¹`, `C = diag(1/γ) − Γ⁻¹`, `m = Γ⁻ᵀ b`, `c_i = Σ_j α_ij`
/// and `d_i = Σ_j γ_ij`.
///
/// The dense output is that of Hairer's RODAS and OrdinaryDiffEq.jl (`H` rows `K_r = Σ_i H_ri u_i`):
///
/// `y(t₀ + θh) = (1 − θ) y₀ + θ (y₁ + (1 − θ)(K_1 + θ (K_2 + θ (K_3 + …))))`,
///
/// a polynomial of degree `H.count + 1` in θ; `monomialWeights` expands it into powers of θ.
public struct RosenbrockTableau: Sendable {
    /// Order of the propagated solution `y₁`.
    public let order: Int
    /// Order of the embedded solution that the error estimate compares against.
    public let estimatorOrder: Int
    /// Diagonal coefficient `γ` (dimensionless); the matrix factored is `I/(hγ) − J`.
    public let gamma: Double
    /// Stage-argument coefficients: `a[i]` has `i` entries (`a_ij`, `j < i`).
    public let a: [[Double]]
    /// Coupling coefficients: `C[i]` has `i` entries (`C_ij`, `j < i`), used as `C_ij / h`.
    public let C: [[Double]]
    /// Nodes: stage `i` evaluates `f` at `t₀ + c_i h`.
    public let c: [Double]
    /// Coefficients of the time-derivative term `h d_i f_t` (`d_i = Σ_j γ_ij`).
    public let d: [Double]
    /// Weights of `y₁ = y₀ + Σ m_i u_i`.
    public let m: [Double]
    /// Weights of the local error estimate `Σ e_i u_i`.
    public let e: [Double]
    /// Dense-output rows `H[r]` (one entry per stage), in the nested form above.
    public let H: [[Double]]
    /// Step-size controller tuning recommended for this method.
    public let controller: PIController.Parameters

    /// Number of stages `s`.
    public var stageCount: Int { c.count }
    /// Degree in θ of the dense output.
    public var interpolantDegree: Int { H.count + 1 }

    /// Creates a tableau; checks only the shapes (consistency of the coefficients is tested).
    public init(order: Int, estimatorOrder: Int, gamma: Double, a: [[Double]], C: [[Double]],
                c: [Double], d: [Double], m: [Double], e: [Double], H: [[Double]],
                controller: PIController.Parameters) {
        let s = c.count
        precondition(s >= 1 && gamma > 0, "Rosenbrock tableau: need at least one stage and γ > 0")
        precondition(a.count == s && C.count == s, "Rosenbrock tableau: a and C need one row per stage")
        precondition(a.enumerated().allSatisfy { $0.element.count == $0.offset }, "Rosenbrock tableau: a must be strictly lower triangular")
        precondition(C.enumerated().allSatisfy { $0.element.count == $0.offset }, "Rosenbrock tableau: C must be strictly lower triangular")
        precondition(d.count == s && m.count == s && e.count == s, "Rosenbrock tableau: d, m and e need one entry per stage")
        precondition(!H.isEmpty && H.allSatisfy { $0.count == s }, "Rosenbrock tableau: H needs at least one row of s entries")
        self.order = order
        self.estimatorOrder = estimatorOrder
        self.gamma = gamma
        self.a = a
        self.C = C
        self.c = c
        self.d = d
        self.m = m
        self.e = e
        self.H = H
        self.controller = controller
    }

    /// The dense output as monomials: `y(t₀ + θh) = y₀ + Σ_{p=1}^{degree} θ^p Σ_i w[p-1][i] u_i`.
    ///
    /// Expanding `θ y₁ − θ y₀ + θ(1 − θ) Σ_r θ^(r−1) K_r` with `y₁ − y₀ = Σ m_i u_i` gives
    /// `w_1 = m + H_1`, `w_p = H_p − H_(p−1)` for `2 ≤ p ≤ R`, and `w_(R+1) = −H_R` (`R = H.count`).
    public var monomialWeights: [[Double]] {
        let s = stageCount, rows = H.count
        var w = [[Double]](repeating: [Double](repeating: 0, count: s), count: rows + 1)
        for i in 0..<s {
            w[0][i] = m[i] + H[0][i]
            for p in 1..<rows { w[p][i] = H[p][i] - H[p - 1][i] }
            w[rows][i] = -H[rows - 1][i]
        }
        return w
    }
}

/// A Rosenbrock method: a name and a tableau. Adding one is a file declaring a caseless enum that
/// conforms (see `Rodas5P`), plus one case in `ODEMethod`.
public protocol RosenbrockMethod {
    /// The method's coefficients.
    static var tableau: RosenbrockTableau { get }
    /// Short name used in reports, e.g. `"Rodas5P"`.
    static var name: String { get }
}
