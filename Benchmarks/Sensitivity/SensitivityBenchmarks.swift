// Sensitivity (issue 13): a Sobol' analysis of 8 parameters with N = 1024 base samples, i.e.
// 1024 × (8 + 2) = 10,240 runs of six months of diazepam 10 mg/day and the washout to day 450
// (Examples/scenarios/abrupt_stop.yaml; its hourly samples are not simulated: a sensitivity run
// reads summary columns only, `Scenario.run(sampled: false)`), on all cores, with the indices and their
// bootstrap intervals (1000 resamples) of the six default outputs. Target: under a minute on the
// 2-core development machine. One iteration: the figure is the wall time of the whole analysis.
//
//   cd Benchmarks && swift package benchmark --target SensitivityBenchmarks
//
// The same work from the command line (release build of benzosim):
//   benzosim sensitivity Examples/scenarios/abrupt_stop.yaml --count 1024 \
//     --params Ki_tspo_dz,Ki_tspo_ndz,k_engulf,k_syn,k_ampa,k_nmda,w_ampa,h_homeo \
//     --range Ki_tspo_dz=1:1000:log --range Ki_tspo_ndz=1:1000:log -o sobol.csv
import Analysis
import Benchmark
import Foundation
import Sweep

let runsPerSecond = BenchmarkMetric.custom("runs/s", polarity: .prefersLarger, useScalingFactor: false)

/// The analysis: the scenario file beside this package, the 8 parameters and their ranges.
func sobolSetup() throws -> SensitivityRun {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let scenario = try ScenarioFile.load(path: root.appendingPathComponent("Examples/scenarios/abrupt_stop.yaml").path)
    let tspo = ["Ki_tspo_dz", "Ki_tspo_ndz"].map { ParameterRange($0, lower: 1, upper: 1000, scale: .log) }
    let ranges = try SensitivityDefaults.ranges(
        names: ["Ki_tspo_dz", "Ki_tspo_ndz", "k_engulf", "k_syn", "k_ampa", "k_nmda", "w_ampa", "h_homeo"],
        overrides: tspo, species: scenario.species)
    return try SensitivityRun(scenario: scenario, design: .sobol(ranges, baseSamples: 1024))
}

let benchmarks: @Sendable () -> Void = {
    // The process set-up of the `benzosim` CLI, unless `BENZOSIM_DEFAULT_MALLOC` is set.
    if getenv("BENZOSIM_DEFAULT_MALLOC") == nil { MemoryRetention.retainBetweenRuns() }
    Benchmark("sobol 8 parameters × N 1024 (10,240 runs of 450 d), all cores",
              configuration: .init(metrics: [.wallClock, .cpuTotal, runsPerSecond], maxDuration: .seconds(1), maxIterations: 1)) { benchmark in
        let analysis = try sobolSetup()
        for _ in benchmark.scaledIterations {
            var bytes = 0
            let (_, indices, report) = analysis.execute(threads: ParallelExecutor.defaultThreadCount) { bytes += $0.utf8.count }
            precondition(report.failed == 0 && report.completed == 10_240, "sensitivity runs failed")
            benchmark.measurement(runsPerSecond, Int((Double(report.completed) / report.seconds).rounded()))
            blackHole(indices.count + bytes)
        }
    }
}
