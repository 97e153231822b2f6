/// Rodas4: Hairer & Wanner's six-stage, stiffly accurate, L-stable Rosenbrock method of order 4
/// with an embedded order-3 solution and a third-order dense output of degree 3.
///
/// E. Hairer and G. Wanner, *Solving Ordinary Differential Equations II*, 2nd ed., §IV.7,
/// Table 7.? (method RODAS) and their Fortran code `rodas.f` (METH = 1). Coefficients as
/// tabulated in OrdinaryDiffEq.jl, `lib/OrdinaryDiffEqRosenbrock/src/rosenbrock_tableaus.jl`,
/// `Rodas4Tableau`. Checked in `RosenbrockTests`: the 8 order conditions through order 4 for
/// `y₁`, the 4 through order 3 for the embedded solution and for the dense output, `R(∞) = 0`.
///
/// Controller: PI with `β₁ = 0.7/4`, `β₂ = 0.4/4` (Gustafsson; Hairer, Nørsett & Wanner,
/// *Solving ODEs I*, §II.4), step ratio limits `1/5 … 6` and safety 0.9 as in RODAS.
public enum Rodas4: RosenbrockMethod {
    /// `"Rodas4"`.
    public static let name = "Rodas4"

    /// The coefficients.
    public static let tableau = RosenbrockTableau(
        order: 4, estimatorOrder: 3, gamma: 0.25,
        a: a, C: C, c: c, d: d, m: m, e: e, H: H,
        // β₁ = 1/4 − 0.75 β₂ = 0.175 = 0.7/4.
        controller: .init(beta2: 0.1, safety: 0.9, minFactor: 0.2, maxFactor: 6))

    static let a: [[Double]] = [
        [],
        [1.544],
        [0.9466785280815826, 0.2557011698983284],
        [3.314825187068521, 2.896124015972201, 0.9986419139977817],
        [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950],
        [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1],
    ]

    static let C: [[Double]] = [
        [],
        [-5.6688],
        [-2.430093356833875, -0.2063599157091915],
        [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
        [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160],
        [8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054],
    ]

    static let c: [Double] = [0, 0.386, 0.21, 0.63, 1, 1]

    static let d: [Double] = [0.25, -0.1043, 0.1035, -0.0362, 0, 0]

    /// `y₁ = (stage-6 argument) + u₆`.
    static let m: [Double] = [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950, 1, 1]

    /// `y₁ − ŷ₁ = u₆`.
    static let e: [Double] = [0, 0, 0, 0, 0, 1]

    static let H: [[Double]] = [
        [10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0],
        [-0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0],
    ]
}
