/// DOP853: Dormand–Prince 8(5,3), twelve stages plus an FSAL stage, eighth-order steps with
/// Hairer's combined fifth/third-order error estimate and a seventh-degree dense output that
/// costs three extra stages (evaluated only when an interpolant is needed).
///
/// E. Hairer, S. P. Nørsett and G. Wanner, *Solving Ordinary Differential Equations I*, 2nd ed.,
/// Springer 1993, §II.10 and the DOP853 code; controller constants from that code
/// (safety 0.9, factor range 1/3 to 6, β₂ = 0). The method of choice for tight tolerances
/// (rtol ≤ 1e-8) on non-stiff problems.
public enum DOP853: ExplicitRKMethod {
    /// `"DOP853"`.
    public static let name = "DOP853"
    /// The tableau (coefficients in `DOP853Coefficients.swift`).
    public static let tableau = ExplicitRKTableau(
        order: 8, estimatorOrder: 7, stageCount: 13, isFSAL: true,
        c: c, a: a, b: b, errorWeights: e5, secondaryErrorWeights: e3, interpolation: interpolation,
        controller: .init(beta2: 0, safety: 0.9, minFactor: 1.0 / 3.0, maxFactor: 6),
        stabilityBoundary: 6.1)
}
