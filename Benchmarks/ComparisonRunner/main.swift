// BenzoSim side of the comparison harness (Benchmarks/Comparison/run.sh): the same four problems
// as cvode_problems.c and scipy_problems.py, same tolerances, doses and sample times.
//
//   swift build -c release --product ComparisonRunner      (from Benchmarks/)
//   ComparisonRunner <robertson|vdp|pk|diazepam> [integrated-]<rodas5p|bdf|auto|dp5|dop853> <rtol> <repeats> [trajectory-file]
//
// Prints one CSV line: solver,problem,rtol,median_seconds,steps,rhs_evals,jac_evals and writes the
// sampled trajectory of the last repeat ("t y1 ... yn" per line, %.17g; the last line is the end).
// One timed solve is everything `solve`/`simulate` does, including setup and result arrays.
import Foundation
import BenchmarkProblems
import ODE
import Pharmacology
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
}

struct Run { var times: [Double]; var values: [Double]; var dimension: Int; var statistics: SolverStatistics }

func solveGeneric<S: ODESystem>(_ problem: ODEProblem<S>, _ method: ODEMethod, _ options: SolverOptions) throws -> Run {
    let s = try problem.solve(method: method, options: options)
    return Run(times: s.times, values: s.values, dimension: s.dimension, statistics: s.statistics)
}

func FileHandle_stderr(_ s: String) { FileHandle.standardError.write(s.data(using: .utf8)!) }

let args = CommandLine.arguments
// Environment: MAX_STEP=<h> overrides the diazepam run's largest step (default 24 h; the reference
// run uses 6 h).
// "integrated-<method>" integrates all twelve diazepam states (the PK too) instead of the
// default closed-form PK; the label printed is the argument as given.
let methodName = args.count > 2 ? args[2] : ""
let integratedPK = methodName.hasPrefix("integrated-")
guard args.count >= 5, let method = ODEMethod(rawValue: integratedPK ? String(methodName.dropFirst(11)) : methodName),
      let rtol = Double(args[3]), let repeats = Int(args[4]) else {
    FileHandle_stderr("usage: ComparisonRunner <robertson|vdp|pk|diazepam> [integrated-]<rodas5p|bdf|auto|dp5|dop853> <rtol> <repeats> [trajectory-file]\n")
    exit(1)
}
let name = args[1]

let solveOnce: () throws -> Run
switch name {
case "robertson":
    var p = ODEProblem(system: Robertson(), initialState: [1, 0, 0], from: 0, to: 1e5)
    p.saveTimes = (-5...5).map { pow(10.0, Double($0)) }
    let o = SolverOptions(rtol: rtol, atol: .perComponent([rtol * 1e-2, rtol * 1e-8, rtol * 1e-2]))
    solveOnce = { try solveGeneric(p, method, o) }
case "vdp":
    var p = ODEProblem(system: VanDerPol(), initialState: [2, 0], from: 0, to: 3000)
    p.saveTimes = (1...30).map { 100.0 * Double($0) }
    let o = SolverOptions(rtol: rtol, atol: .scalar(rtol * 1e-2))
    solveOnce = { try solveGeneric(p, method, o) }
case "pk":
    var p = ODEProblem(system: OralTwoCompartment(), initialState: [10, 0, 0], from: 0, to: 1440)
    p.stopTimes = (1..<60).map { 24.0 * Double($0) }
    p.onStop = { _, _, y in y[0] += 10 }
    p.saveTimes = (0..<1440).map { Double($0) + 0.5 } + [1440]
    let o = SolverOptions(rtol: rtol, atol: .scalar(rtol * 1e-2))
    solveOnce = { try solveGeneric(p, method, o) }
case "diazepam":
    let model = try DiazepamModel()
    let regimen = try Regimen.repeated(10, every: 24, count: 365)
    let samples = Array(stride(from: 0.0, through: 450 * 24, by: 24))
    var o = SimulationOptions(method: method, rtol: rtol, atol: rtol * 1e-2)
    o.pharmacokinetics = integratedPK ? .integrated : .exact
    if let m = ProcessInfo.processInfo.environment["MAX_STEP"], let v = Double(m) { o.maxStep = v }
    solveOnce = {
        let tr = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 450 * 24, options: o)
        return Run(times: tr.times, values: tr.states, dimension: 12, statistics: tr.statistics)
    }
default:
    FileHandle_stderr("unknown problem \(name)\n")
    exit(1)
}

var seconds: [Double] = []
var last: Run? = nil
for _ in 0..<max(1, repeats) {
    let t0 = now()
    let r = try solveOnce()
    seconds.append(now() - t0)
    last = r
}
seconds.sort()
let n = seconds.count
let median = n % 2 == 1 ? seconds[n / 2] : 0.5 * (seconds[n / 2 - 1] + seconds[n / 2])
let run = last!
let st = run.statistics
print("benzosim-\(methodName),\(name),\(String(format: "%g", rtol)),\(String(format: "%.9g", median)),\(st.steps),\(st.rhsEvaluations),\(st.jacobianEvaluations)")
if args.count > 5 {
    guard let fp = fopen(args[5], "w") else { FileHandle_stderr("cannot write \(args[5])\n"); exit(1) }
    for (k, t) in run.times.enumerated() {
        var line = String(format: "%.17g", t)
        for i in 0..<run.dimension { line += String(format: " %.17g", run.values[k * run.dimension + i]) }
        line += "\n"
        fputs(line, fp)
    }
    fclose(fp)
}
