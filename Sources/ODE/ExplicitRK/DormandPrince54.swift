/// Dormand–Prince 5(4): the seven-stage FSAL pair of `ode45`, fifth-order steps with a
/// fourth-order error estimate and Shampine's fourth-degree dense output.
///
/// J. R. Dormand and P. J. Prince, "A family of embedded Runge–Kutta formulae",
/// J. Comput. Appl. Math. 6 (1980) 19–26; L. F. Shampine, "Some practical Runge–Kutta formulas",
/// Math. Comp. 46 (1986) 135–150. Controller as in Hairer's DOPRI5 (β₂ = 0.04).
/// A good default for non-stiff problems at tolerances from 1e-3 to about 1e-8.
public enum DormandPrince54: ExplicitRKMethod {
    /// `"DP5"`.
    public static let name = "DP5"
    /// The tableau (coefficients in `DormandPrince54Coefficients.swift`).
    public static let tableau = ExplicitRKTableau(
        order: 5, estimatorOrder: 4, stageCount: 7, isFSAL: true,
        c: c, a: a, b: b, errorWeights: e, interpolation: interpolation,
        controller: .init(beta2: 0.04, safety: 0.9, minFactor: 0.2, maxFactor: 10),
        stabilityBoundary: 3.25)
}
