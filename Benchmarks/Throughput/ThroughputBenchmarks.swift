// Throughput (issue 6): how many subjects per second the ODE core, the CSV formatting and the
// Sweep engine get through.
//
//   cd Benchmarks && swift package benchmark --target ThroughputBenchmarks
//
// - "one-compartment 28 doses → memory": one subject of the one-compartment oral workload
//   (`OneCompartmentOral`: 100 mg every 24 h × 28, hourly samples to 672 h) per iteration, solved
//   with stop times for the doses; the 673 × 4 result columns (time, depot, central,
//   concentration) stay in memory. Target < 50 µs per subject.
// - "one-compartment 28 doses → CSV": the same, plus the 673 rows × 4 columns formatted as CSV
//   into a reused in-memory `CSVByteBuffer` (the bytes a file would receive; nothing is written
//   to disk). Target < 150 µs per subject.
// - "… exact (LinearPropagator)": the same workload in closed form (the model is linear): the
//   eigendecomposition per subject, then two exponentials per sample.
// - "diazepam population …": 64 virtual subjects (CL and V1 varied) of 10 mg/day for 91 days
//   then an abrupt stop, followed to day 225 with hourly samples, through
//   `ParallelExecutor` with summary rows, on one thread and on all cores (no trajectory format:
//   the hourly samples are not simulated, only the summary grid, `Scenario.run(sampled:)`); the custom metric
//   "subjects/s" is 64 / wall time of the iteration. Target: all cores ≥ 1.8 × one thread (2 cores).
//   The process keeps freed memory between runs as the CLI does (`MemoryRetention`);
//   `BENZOSIM_DEFAULT_MALLOC=1` measures with glibc's defaults instead.
//
// "max rel err (1e-12)" is the one-compartment solution's largest relative error against the
// exact superposition over depot and central at all 673 samples, relative to max(|exact|, 1e-3 mg)
// (amounts below 1e-5 of a dose count in absolute terms: atol is 1e-9 mg), in units of 1e-12,
// computed once per configuration.
import Benchmark
import BenchmarkProblems
import Foundation
import ODE
import Pharmacology
import Sweep

let subjectsPerSecond = BenchmarkMetric.custom("subjects/s", polarity: .prefersLarger, useScalingFactor: false)
let relativeError = BenchmarkMetric.custom("max rel err (1e-12)", polarity: .prefersSmaller, useScalingFactor: false)
let steps = BenchmarkMetric.custom("steps", polarity: .prefersSmaller, useScalingFactor: false)
let csvBytes = BenchmarkMetric.custom("CSV bytes", polarity: .prefersSmaller, useScalingFactor: false)

/// Amounts below this (mg) count in absolute terms in the accuracy figure.
let errorFloor = 1e-3

/// The model never calls LAPACK, but OpenBLAS starts its own threads when loaded: keep it to one
/// so the population threads have the cores. The variable covers anything loaded later; the
/// library is already loaded, so it is also told directly if it exports the setter.
func limitOpenBLASThreads() {
    setenv("OPENBLAS_NUM_THREADS", "1", 1)
    // The process's own handle searches every loaded library (RTLD_DEFAULT differs by platform).
    if let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "openblas_set_num_threads") {
        typealias Setter = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: Setter.self)(1)
    }
}

/// Per-subject result arrays reused across iterations: concentration (mg/L) is derived from the
/// central amount (mg) and V (L); the solver's own `times`/`values` arrays hold the rest.
final class OneCompartmentResults {
    var concentration = [Double](repeating: 0, count: Int(OneCompartmentOral.endTime) + 1)

    func fill(from solution: ODESolution) {
        let volume = OneCompartmentOral.volume
        solution.values.withUnsafeBufferPointer { values in
            concentration.withUnsafeMutableBufferPointer { c in
                for i in 0..<min(c.count, solution.times.count) { c[i] = values[2 * i + 1] / volume }
            }
        }
    }
}

/// Appends the subject's rows `time_h,depot_mg,central_mg,concentration_mg_per_L` to `buffer`.
func formatRows(_ solution: ODESolution, _ results: OneCompartmentResults, into buffer: inout CSVByteBuffer) {
    let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    solution.times.withUnsafeBufferPointer { times in
        solution.values.withUnsafeBufferPointer { values in
            results.concentration.withUnsafeBufferPointer { concentration in
                for i in 0..<times.count {
                    buffer.append(times[i])
                    buffer.append(byte: comma)
                    buffer.append(values[2 * i])
                    buffer.append(byte: comma)
                    buffer.append(values[2 * i + 1])
                    buffer.append(byte: comma)
                    buffer.append(concentration[i])
                    buffer.append(byte: newline)
                }
            }
        }
    }
}

func registerOneCompartment(method: ODEMethod, rtol: Double) {
    let problem = OneCompartmentOral.problem()
    let options = SolverOptions(rtol: rtol, atol: .scalar(1e-9))
    let label = "\(method.rawValue), rtol \(rtol), atol 1e-9"
    // Accuracy, once per configuration.
    let error: Double
    do {
        error = OneCompartmentOral().maximumRelativeError(of: try problem.solve(method: method, options: options), floor: errorFloor)
    } catch {
        fatalError("one-compartment solve failed: \(error)")
    }
    let errorUnits = Int((error * 1e12).rounded())

    Benchmark("one-compartment 28 doses → memory, \(label)") { benchmark in
        let results = OneCompartmentResults()
        for _ in benchmark.scaledIterations {
            let solution = try problem.solve(method: method, options: options)
            results.fill(from: solution)
            benchmark.measurement(steps, solution.statistics.steps)
            blackHole(results.concentration[Int(OneCompartmentOral.endTime)])
        }
        benchmark.measurement(relativeError, errorUnits)
    }

    Benchmark("one-compartment 28 doses → CSV, \(label)") { benchmark in
        let results = OneCompartmentResults()
        var buffer = CSVByteBuffer(capacity: 1 << 16)
        for _ in benchmark.scaledIterations {
            let solution = try problem.solve(method: method, options: options)
            results.fill(from: solution)
            buffer.removeAll()
            formatRows(solution, results, into: &buffer)
            benchmark.measurement(csvBytes, buffer.count)
            buffer.withUnsafeBytes { blackHole($0.last) }
        }
        benchmark.measurement(relativeError, errorUnits)
    }
}

/// The same workload in closed form (`LinearPropagator`: the eigendecomposition once per subject,
/// then two exponentials per sample), into memory and as CSV.
func registerOneCompartmentPropagated() {
    let model = OneCompartmentOral()
    let samples = Int(OneCompartmentOral.endTime) + 1
    var check = [Double](repeating: 0, count: 2 * samples)
    try! check.withUnsafeMutableBufferPointer { try model.propagate(into: $0.baseAddress!) }
    let errorUnits = Int((model.maximumRelativeError(ofPropagated: check, floor: errorFloor) * 1e12).rounded())
    let volume = OneCompartmentOral.volume

    Benchmark("one-compartment 28 doses → memory, exact (LinearPropagator)") { benchmark in
        var values = [Double](repeating: 0, count: 2 * samples)
        var concentration = [Double](repeating: 0, count: samples)
        for _ in benchmark.scaledIterations {
            try values.withUnsafeMutableBufferPointer { try model.propagate(into: $0.baseAddress!) }
            for i in 0..<samples { concentration[i] = values[2 * i + 1] / volume }
            blackHole(concentration[samples - 1])
        }
        benchmark.measurement(relativeError, errorUnits)
    }

    Benchmark("one-compartment 28 doses → CSV, exact (LinearPropagator)") { benchmark in
        var values = [Double](repeating: 0, count: 2 * samples)
        var buffer = CSVByteBuffer(capacity: 1 << 16)
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        for _ in benchmark.scaledIterations {
            try values.withUnsafeMutableBufferPointer { try model.propagate(into: $0.baseAddress!) }
            buffer.removeAll()
            for i in 0..<samples {
                buffer.append(Double(i))
                buffer.append(byte: comma)
                buffer.append(values[2 * i])
                buffer.append(byte: comma)
                buffer.append(values[2 * i + 1])
                buffer.append(byte: comma)
                buffer.append(values[2 * i + 1] / volume)
                buffer.append(byte: newline)
            }
            benchmark.measurement(csvBytes, buffer.count)
            buffer.withUnsafeBytes { blackHole($0.last) }
        }
        benchmark.measurement(relativeError, errorUnits)
    }
}

/// 64 subjects of 10 mg/day for 91 days then an abrupt stop, followed to day 225.
func populationSetup() throws -> (base: Scenario, plan: RunPlan, writer: SummaryWriter) {
    let text = """
        species: human
        regimen: "10mg po q24h for 91d; then stop"
        sampling: {every: 1h, until: 225d}
        """
    let base = try ScenarioFile.parse(text: text, format: .yaml, file: "throughput.yaml", baseDirectory: ".")
    let variability = ["CL": 0.3, "V1": 0.2].sorted { $0.key < $1.key }.map { name, omega in
        (parameter: name, typicalValue: base.parameters[ParameterName(name: name)!], omega: omega)
    }
    let plan = try SweepPlan.population(count: 64, seed: 1, variability: variability,
                                        covariates: CovariateDistributions(weight: .init(median: 70, cv: 0.2, range: 40...150)))
    return (base, plan, SummaryWriter(assignmentNames: plan.assignmentNames))
}

func registerPopulation(threads: Int, label: String) {
    Benchmark("diazepam population 64 × 225 d, \(label)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, subjectsPerSecond], maxDuration: .seconds(15), maxIterations: 12)) { benchmark in
        let (base, plan, writer) = try populationSetup()
        for _ in benchmark.scaledIterations {
            var rows = 0
            let report = ParallelExecutor.run(plan, threads: threads, body: {
                base.output(for: $0, individual: true, summary: writer, trajectories: nil)
            }, emit: { (output: RunOutput) in rows += output.summaryRow.utf8.count })
            precondition(report.failed == 0, "population runs failed")
            benchmark.measurement(subjectsPerSecond, Int((Double(plan.count) / report.seconds).rounded()))
            blackHole(rows)
        }
    }
}

/// Per-number formatting cost on the workload's own numbers: depot, central and concentration of
/// every sample (673 × 3 = 2,019 values, mostly 16–17 significant digits, some below 1e-6).
func registerNumberFormatting() {
    let solution = try! OneCompartmentOral.problem().solve(method: .dop853, options: SolverOptions(rtol: 1e-8, atol: .scalar(1e-9)))
    var numbers: [Double] = []
    for i in solution.times.indices {
        numbers += [solution.values[2 * i], solution.values[2 * i + 1], solution.values[2 * i + 1] / OneCompartmentOral.volume]
    }
    let label = "\(numbers.count) numbers"
    // `CSVFormat.append(_:to:)` still uses the String path the byte formatter replaced in the writers.
    Benchmark("CSV numbers, before: String + Double.write(to:), \(label)") { benchmark in
        var text = ""
        text.reserveCapacity(1 << 16)
        for _ in benchmark.scaledIterations {
            text.removeAll(keepingCapacity: true)
            for x in numbers { CSVFormat.append(x, to: &text); text += "," }
            blackHole(text.utf8.count)
        }
    }
    Benchmark("CSV numbers, after: CSVByteBuffer, \(label)") { benchmark in
        var buffer = CSVByteBuffer(capacity: 1 << 16)
        for _ in benchmark.scaledIterations {
            buffer.removeAll()
            for x in numbers { buffer.append(x); buffer.append(byte: UInt8(ascii: ",")) }
            blackHole(buffer.count)
        }
    }
}

/// The process set-up of the `benzosim` CLI (`MemoryRetention`), unless `BENZOSIM_DEFAULT_MALLOC`
/// is set (to measure with glibc's defaults, as before 2026-12-01).
func retainMemoryAsTheCLIDoes() {
    if getenv("BENZOSIM_DEFAULT_MALLOC") == nil { MemoryRetention.retainBetweenRuns() }
}

let benchmarks: @Sendable () -> Void = {
    limitOpenBLASThreads()
    retainMemoryAsTheCLIDoes()
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput, steps, csvBytes, relativeError],
        maxDuration: .seconds(2), maxIterations: 20_000)

    for method in [ODEMethod.dop853, .dormandPrince54] {
        for rtol in [1e-6, 1e-8] { registerOneCompartment(method: method, rtol: rtol) }
    }
    registerOneCompartmentPropagated()
    registerNumberFormatting()
    registerPopulation(threads: 1, label: "1 thread")
    registerPopulation(threads: ParallelExecutor.defaultThreadCount, label: "all cores (\(ParallelExecutor.defaultThreadCount) threads)")
}
