/// Rodas5P: an eight-stage, stiffly accurate, L-stable Rosenbrock method of order 5 with an
/// embedded order-4 solution (also L-stable) and a fourth-order continuous extension of degree 4.
///
/// G. Steinebach, "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks
/// within the Julia Differential Equations package", BIT Numer. Math. 63 (2023), article 27,
/// doi:10.1007/s10543-023-00967-x. Coefficients as tabulated (17 significant digits) in
/// OrdinaryDiffEq.jl, `lib/OrdinaryDiffEqRosenbrock/src/rosenbrock_tableaus.jl`, `Rodas5PTableau`
/// (`A` → `a`, `C`, `c`, `d`, `H`). Independently checked when this file was written (40-digit
/// arithmetic, and again in `RosenbrockTests`): all 17 order conditions through order 5 hold to
/// 1e-14 for `y₁`, all 8 through order 4 for the embedded solution, the dense output satisfies the
/// order-4 conditions at every θ, and `R(∞) = 0` for both solutions.
///
/// Stiffly accurate: the stage-8 argument is the embedded solution, `y₁ = that + u₈`, and the error
/// estimate is `u₈` alone. Controller: PI with `β₁ = 0.7/k`, `β₂ = 0.4/k`, `k = 5` (Gustafsson's
/// recommendation, Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.4, and OrdinaryDiffEq.jl's
/// default gains for a fifth-order method), step ratio limits `1/5 … 6` and safety 0.9 as in
/// Hairer's RODAS.
public enum Rodas5P: RosenbrockMethod {
    /// `"Rodas5P"`.
    public static let name = "Rodas5P"

    /// The coefficients.
    public static let tableau = RosenbrockTableau(
        order: 5, estimatorOrder: 4, gamma: 0.21193756319429014,
        a: a, C: C, c: c, d: d, m: m, e: e, H: H,
        // β₁ = 1/5 − 0.75 β₂ = 0.14 = 0.7/5 in PIController's parametrisation.
        controller: .init(beta2: 0.08, safety: 0.9, minFactor: 0.2, maxFactor: 6))

    static let a: [[Double]] = [
        [],
        [3.0],
        [2.849394379747939, 0.45842242204463923],
        [-6.954028509809101, 2.489845061869568, -10.358996098473584],
        [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
        [-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946],
        [-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946, 1],
        [-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256, 0.030198172008377946, 1, 1],
    ]

    static let C: [[Double]] = [
        [],
        [-14.155112264123755],
        [-17.97296035885952, -2.859693295451294],
        [147.12150275711716, -1.41221402718213, 71.68940251302358],
        [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
        [24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471],
        [30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623,
         -28.087943162872662],
        [37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002,
         -54.66780262877968, -9.48861652309627],
    ]

    static let c: [Double] = [0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716,
                              0.4288403609558664, 1, 1, 1]

    static let d: [Double] = [0.21193756319429014, -0.42387512638858027, -0.3384627126235924,
                              1.8046452872882734, 2.325825639765069, 0, 0, 0]

    /// `y₁ = (stage-8 argument) + u₈`.
    static let m: [Double] = [-7.502846399306121, 2.561846144803919, -11.627539656261098,
                              -0.18268767659942256, 0.030198172008377946, 1, 1, 1]

    /// `y₁ − ŷ₁ = u₈`.
    static let e: [Double] = [0, 0, 0, 0, 0, 0, 0, 1]

    static let H: [[Double]] = [
        [25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204,
         0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493],
        [-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796,
         20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372],
        [11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643,
         -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722],
    ]
}
