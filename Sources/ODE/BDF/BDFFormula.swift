/// The family of implicit multistep formulas a `BDFStepper` uses.
///
/// Both are written in backward differences on a quasi-constant step (Shampine & Reichelt,
/// "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18 (1997) 1–22, §2.3):
///
/// `Σ_{m=1}^{k} (1/m) ∇^m y_{n+1} − h f(t_{n+1}, y_{n+1}) − κ_k γ_k (y_{n+1} − y⁽⁰⁾_{n+1}) = 0`,
///
/// with `γ_k = Σ_{j=1}^{k} 1/j` and `y⁽⁰⁾` the predictor. `κ = 0` gives the classical BDFs.
public enum BDFFormula: Sendable, Equatable, CustomStringConvertible {
    /// The backward differentiation formulas of orders 1–5 (Gear; `κ_k = 0`).
    case backwardDifferentiation
    /// Klopfenstein–Shampine numerical differentiation formulas (`ode15s`' default and scipy's
    /// `BDF`): `κ = (−0.1850, −1/9, −0.0823, −0.0415, 0)` for orders 1–5 (Shampine & Reichelt 1997,
    /// Table 1). Orders 1–4 have smaller truncation-error constants than the BDFs (so larger steps
    /// for the same accuracy) at a modest loss of stability angle for orders 3 and 4; order 5 is the BDF.
    case numericalDifferentiation

    /// `"BDF"` or `"NDF"`.
    public var description: String {
        switch self {
        case .backwardDifferentiation: return "BDF"
        case .numericalDifferentiation: return "NDF"
        }
    }

    /// `κ_k` for order `k` in 1...5 (dimensionless).
    @inlinable
    public func kappa(order k: Int) -> Double {
        switch self {
        case .backwardDifferentiation:
            return 0
        case .numericalDifferentiation:
            switch k {
            case 1: return -0.1850
            case 2: return -1.0 / 9.0
            case 3: return -0.0823
            case 4: return -0.0415
            default: return 0
            }
        }
    }
}

/// Constant tables of the variable-order formulas (indices are orders, 0 unused where meaningless).
///
/// Notation of Shampine & Reichelt (1997) and scipy's `integrate/_ivp/bdf.py`:
/// `γ_k = Σ_{j=1}^{k} 1/j`, `α_k = (1 − κ_k) γ_k` (the leading coefficient, so the Newton matrix is
/// `I − (h/α_k) J`), and the local truncation error of order `k` is
/// `C_k h^{k+1} y^{(k+1)} ≈ C_k ∇^{k+1} y_{n+1}` with `C_k = κ_k γ_k + 1/(k+1)`.
@usableFromInline
enum BDFTables {
    /// Largest order supported (BDF6+ are not zero-stable enough for stiff use).
    @usableFromInline static let maxOrder = 5

    /// `γ_k` for `k = 0 ... maxOrder + 1`.
    static func gamma() -> [Double] {
        var g = [0.0]
        for k in 1...(maxOrder + 1) { g.append(g[k - 1] + 1 / Double(k)) }
        return g
    }

    /// `α_k = (1 − κ_k) γ_k` for `k = 0 ... maxOrder + 1`.
    static func alpha(_ formula: BDFFormula) -> [Double] {
        let g = gamma()
        return (0...(maxOrder + 1)).map { k in k == 0 ? 0 : (1 - formula.kappa(order: k)) * g[k] }
    }

    /// Error constants `C_k = κ_k γ_k + 1/(k+1)` for `k = 0 ... maxOrder + 1` (the `k + 1` entry
    /// estimates the error a higher order would make, for order selection).
    static func errorConstants(_ formula: BDFFormula) -> [Double] {
        let g = gamma()
        return (0...(maxOrder + 1)).map { k in formula.kappa(order: k) * g[k] + 1 / Double(k + 1) }
    }

    /// Monomial coefficients of the Newton basis of the step interpolant:
    /// `φ_j(θ) = Π_{m=0}^{j−1} (θ − 1 + m)/(m + 1)`, so that on the step from `t_n` to `t_{n+1}`
    /// the interpolating polynomial through `y_{n+1}, …, y_{n+1−k}` is `Σ_{j=0}^{k} φ_j(θ) ∇^j y_{n+1}`
    /// (`t = t_n + θh`; scipy's `BdfDenseOutput` in the variable θ).
    /// Row-major, `(maxOrder + 1) × (maxOrder + 1)`: entry `[j][p]` is the coefficient of `θ^p` in `φ_j`.
    static func interpolationBasis() -> [Double] {
        let width = maxOrder + 1
        var table = [Double](repeating: 0, count: width * width)
        table[0] = 1
        for j in 1..<width {
            // φ_j = φ_{j−1} · (θ + j − 2) / j
            let shift = Double(j - 2)
            for p in 0...j {
                let fromLower = p > 0 ? table[(j - 1) * width + p - 1] : 0
                let fromSame = p < j ? table[(j - 1) * width + p] : 0
                table[j * width + p] = (fromLower + shift * fromSame) / Double(j)
            }
        }
        return table
    }
}
