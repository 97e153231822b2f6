// Percentile bands (issue 11): what `population --percentiles 5,50,95` adds to a 10,000-subject
// population's run time. Target: less than 10%.
//
//   cd Benchmarks && swift package benchmark --target BandsBenchmarks
//
// Both benchmarks run the same 10,000 virtual subjects (CL ω 0.3, V1 ω 0.2, weight CV 0.2) of
// 10 mg/day for 182 days then an abrupt stop, sampled daily to day 450 (451 samples), through
// `ParallelExecutor` on all cores with their summary rows, as `benzosim population` does:
// - "population 10,000 × 450 d, summaries": the population alone;
// - "…, summaries + bands 5,50,95": each worker also evaluates the 26 outputs at every sample
//   (`PercentileBands.sampleValues`), the emitting thread stores them (8·N·T·K = 0.94 GB), and at
//   the end the exact type-7 percentiles of all 451 × 26 cells are computed and formatted as CSV.
// The overhead is the ratio of the two p50 wall-clock times.
import Benchmark
import Foundation
import Pharmacology
import Sweep

/// OpenBLAS is loaded but unused by the model: keep it from starting threads of its own.
func limitOpenBLASThreads() {
    setenv("OPENBLAS_NUM_THREADS", "1", 1)
    if let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "openblas_set_num_threads") {
        typealias Setter = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: Setter.self)(1)
    }
}

let subjectCount = 10_000

func populationSetup() throws -> (base: Scenario, plan: RunPlan, writer: SummaryWriter) {
    let text = """
        species: human
        regimen: "10mg po q24h for 182d; then stop"
        sampling: {every: 1d, until: 450d}
        """
    let base = try ScenarioFile.parse(text: text, format: .yaml, file: "bands.yaml", baseDirectory: ".")
    let variability = ["CL": 0.3, "V1": 0.2].sorted { $0.key < $1.key }.map { name, omega in
        (parameter: name, typicalValue: base.parameters[ParameterName(name: name)!], omega: omega)
    }
    let plan = try SweepPlan.population(count: subjectCount, seed: 1, variability: variability,
                                        covariates: CovariateDistributions(weight: .init(median: 70, cv: 0.2, range: 40...150)))
    return (base, plan, SummaryWriter(assignmentNames: plan.assignmentNames))
}

func registerPopulation(bands: Bool) {
    let label = bands ? "summaries + bands 5,50,95" : "summaries"
    Benchmark("population 10,000 × 450 d, \(label)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], timeUnits: .milliseconds,
                                   warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)) { benchmark in
        let (base, plan, writer) = try populationSetup()
        let threads = ParallelExecutor.defaultThreadCount
        for _ in benchmark.scaledIterations {
            var rows = 0
            var accumulator = bands ? try PercentileBands(percentiles: [5, 50, 95], columns: PercentileBands.variables.map(\.columnName)) : nil
            accumulator?.expectedSubjects = plan.count
            let report = ParallelExecutor.run(plan, threads: threads, body: {
                base.output(for: $0, individual: true, summary: writer, trajectories: nil, samples: bands)
            }, emit: { (output: RunOutput) in
                rows += output.summaryRow.utf8.count
                if output.status == .ok { try? accumulator?.add(subject: "", times: output.sampleTimes, values: output.sampleValues) }
            })
            precondition(report.failed == 0, "population runs failed")
            if let accumulator {
                precondition(accumulator.subjects == plan.count, "every subject in the bands")
                blackHole(accumulator.csv(threads: threads).utf8.count)
            }
            blackHole(rows)
        }
    }
}

/// The bands' own cost without the simulations: 10,000 subjects of 451 × 26 stored values (added
/// as the emitting thread does), then the percentiles and the CSV, on all cores.
func registerBandsOnly() {
    Benchmark("bands only: store 10,000 × 451 × 26 values, percentiles 5,50,95, CSV",
              configuration: .init(metrics: [.wallClock, .cpuTotal], timeUnits: .milliseconds, warmupIterations: 0,
                                   maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        let times = (0...450).map { Double($0) * 24 }, columns = PercentileBands.variables.map(\.columnName)
        var generator = SystemRandomNumberGenerator()
        let subject = (0..<(times.count * columns.count)).map { _ in Double.random(in: 0...1, using: &generator) }
        for _ in benchmark.scaledIterations {
            var bands = try PercentileBands(percentiles: [5, 50, 95], columns: columns)
            bands.expectedSubjects = subjectCount
            for s in 0..<subjectCount {
                // A different permutation of values per subject, so the cells are not all sorted alike.
                let shift = (s * 7919) % subject.count
                try bands.add(subject: "", times: times, values: Array(subject[shift...] + subject[..<shift]))
            }
            blackHole(bands.csv().utf8.count)
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    limitOpenBLASThreads()
    registerPopulation(bands: false)
    registerPopulation(bands: true)
    registerBandsOnly()
}
