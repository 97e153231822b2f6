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
// Diazepam year: the reference model with its defaults, 10 mg orally every 24 h for 365 days, then
// an abrupt stop, to day 450, daily samples (the comparison's workload), through `simulate` with
// the PK in closed form (default) and with all twelve states integrated.
import Benchmark
import BenchmarkProblems
import ODE
import Pharmacology

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

/// One benchmark that simulates the diazepam year per iteration.
func registerDiazepamYear(_ method: ODEMethod, pk: PKSolution, rtol: Double) {
    var options = SimulationOptions(method: method, rtol: rtol, atol: rtol * 1e-2)
    options.pharmacokinetics = pk
    Benchmark("Diazepam year, \(pk.rawValue) PK, \(method.rawValue), rtol \(rtol)") { benchmark in
        let model = try DiazepamModel()
        let regimen = try Regimen.repeated(10, every: 24, count: 365)
        let samples = Array(stride(from: 0.0, through: 450 * 24, by: 24))
        for _ in benchmark.scaledIterations {
            let trajectory = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 450 * 24, options: options)
            let s = trajectory.statistics
            benchmark.measurement(steps, s.steps)
            benchmark.measurement(evaluations, s.rhsEvaluations)
            benchmark.measurement(jacobians, s.jacobianEvaluations)
            benchmark.measurement(factorizations, s.luFactorizations)
            blackHole(trajectory.states.last)
        }
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
    for method in ODEMethod.allCases {
        registerDiazepamYear(method, pk: .exact, rtol: 1e-6)
        registerDiazepamYear(method, pk: .integrated, rtol: 1e-6)
    }
}
