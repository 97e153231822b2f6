// Solver throughput: every method on the problems of the issues, with the solver's own work
// counters reported beside the times as custom metrics (steps, f evals, J evals, LU), and malloc
// counts of a whole solve (setup and results only: the steps themselves allocate nothing).
//
//   cd Benchmarks && swift package benchmark --target SolverBenchmarks
//
// Problems: the 60-dose linear PK problem (depot → central ↔ peripheral, 10 mg every 24 h,
// stopping exactly at each dose, hourly saves), one period of the Arenstorf orbit, Robertson to
// t = 1e5, and Van der Pol (μ = 1000, t = 0…3000). Explicit methods are not run on the stiff
// problems (they need millions of steps there; the tests assert that on the work counts).
import Benchmark
import ODE

/// Linear oral PK, amounts in mg, rates in 1/h (same constants as the unit tests).
struct OralTwoCompartment: ODESystem {
    var ka = 1.2, k10 = 0.1, k12 = 0.3, k21 = 0.15
    var dimension: Int { 3 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -ka * y[0]
        dy[1] = ka * y[0] - (k10 + k12) * y[1] + k21 * y[2]
        dy[2] = k12 * y[1] - k21 * y[2]
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j.zero()
        j[0, 0] = -ka
        j[1, 0] = ka; j[1, 1] = -(k10 + k12); j[1, 2] = k21
        j[2, 1] = k12; j[2, 2] = -k21
    }
}

/// Restricted three-body problem (Hairer, Nørsett & Wanner I, §II.0).
struct Arenstorf: ODESystem {
    static let period = 17.0652165601579625588917206249
    static let initialState: [Double] = [0.994, 0, 0, -2.00158510637908252240537862224]
    var dimension: Int { 4 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let mu = 0.012277471, mup = 1 - mu
        let r1 = (y[0] + mu) * (y[0] + mu) + y[1] * y[1]
        let r2 = (y[0] - mup) * (y[0] - mup) + y[1] * y[1]
        let d1 = r1 * r1.squareRoot(), d2 = r2 * r2.squareRoot()
        dy[0] = y[2]
        dy[1] = y[3]
        dy[2] = y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2
        dy[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2
    }
}

/// Robertson's kinetics (Hairer & Wanner II, §IV.1) with its analytic Jacobian.
struct Robertson: ODESystem {
    var dimension: Int { 3 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
        dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
        dy[2] = 3e7 * y[1] * y[1]
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = -0.04; j[0, 1] = 1e4 * y[2]; j[0, 2] = 1e4 * y[1]
        j[1, 0] = 0.04; j[1, 1] = -1e4 * y[2] - 6e7 * y[1]; j[1, 2] = -1e4 * y[1]
        j[2, 0] = 0; j[2, 1] = 6e7 * y[1]; j[2, 2] = 0
    }
}

/// Van der Pol as MATLAB's vdp1000: y1' = y2, y2' = μ(1 − y1²)y2 − y1, analytic Jacobian.
struct VanDerPol: ODESystem {
    var mu = 1000.0
    var dimension: Int { 2 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = y[1]
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = 0; j[0, 1] = 1
        j[1, 0] = -2 * mu * y[0] * y[1] - 1; j[1, 1] = mu * (1 - y[0] * y[0])
    }
}

let steps = BenchmarkMetric.custom("steps", polarity: .prefersSmaller, useScalingFactor: false)
let evaluations = BenchmarkMetric.custom("f evals", polarity: .prefersSmaller, useScalingFactor: false)
let jacobians = BenchmarkMetric.custom("J evals", polarity: .prefersSmaller, useScalingFactor: false)
let factorizations = BenchmarkMetric.custom("LU", polarity: .prefersSmaller, useScalingFactor: false)

func record(_ benchmark: Benchmark, _ solution: ODESolution) {
    let s = solution.statistics
    benchmark.measurement(steps, s.steps)
    benchmark.measurement(evaluations, s.rhsEvaluations)
    benchmark.measurement(jacobians, s.jacobianEvaluations)
    benchmark.measurement(factorizations, s.luFactorizations)
    blackHole(solution.finalState)
}

/// One benchmark that solves `problem` with `method` per iteration.
func register<S: ODESystem>(_ name: String, _ problem: ODEProblem<S>, _ method: ODEMethod, rtol: Double, atol: Double) {
    let options = SolverOptions(rtol: rtol, atol: .scalar(atol))
    Benchmark("\(name), \(method.rawValue), rtol \(rtol)") { benchmark in
        for _ in benchmark.scaledIterations { record(benchmark, try problem.solve(method: method, options: options)) }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput, steps, evaluations, jacobians, factorizations],
        maxDuration: .seconds(2), maxIterations: 10_000)

    var pk = ODEProblem(system: OralTwoCompartment(), initialState: [0, 0, 0], from: 0, to: 60 * 24)
    pk.stopTimes = (0..<60).map { Double($0) * 24 }
    pk.onStop = { _, _, y in y[0] += 10 }
    pk.saveTimes = Array(stride(from: 0.0, through: 60 * 24, by: 1))
    let orbit = ODEProblem(system: Arenstorf(), initialState: Arenstorf.initialState, from: 0, to: Arenstorf.period)
    let robertson = ODEProblem(system: Robertson(), initialState: [1, 0, 0], from: 0, to: 1e5)
    let vanDerPol = ODEProblem(system: VanDerPol(), initialState: [2, 0], from: 0, to: 3000)

    for rtol in [1e-6, 1e-10] {
        for method in ODEMethod.allCases {
            register("PK 60 doses", pk, method, rtol: rtol, atol: 1e-12)
        }
        for method in [ODEMethod.dormandPrince54, .dop853, .auto] {
            register("Arenstorf orbit", orbit, method, rtol: rtol, atol: rtol * 1e-2)
        }
    }
    for method in [ODEMethod.rodas5P, .bdf, .auto] {
        register("Robertson to 1e5", robertson, method, rtol: 1e-8, atol: 1e-14)
        register("Van der Pol mu=1000", vanDerPol, method, rtol: 1e-6, atol: 1e-6)
    }
}
