import Pharmacology
import Sweep

/// A sensitivity analysis of the diazepam model: a design evaluated on a scenario by the sweep
/// engine (`SweepPlan`-style run specs, `ParallelExecutor`, `Shard`), giving the samples CSV (one
/// row per run: design columns, input values, outputs) and the tidy table of indices.
///
/// ```swift
/// import Analysis
/// import Sweep
///
/// let scenario = try ScenarioFile.load(path: "Examples/scenarios/abrupt_stop.yaml")
/// let ranges = try SensitivityDefaults.ranges(
///     names: ["Ki_tspo_dz", "h_homeo", "k_ampa"],
///     overrides: [ParameterRange("Ki_tspo_dz", lower: 1, upper: 1000, scale: .log)], species: .human)
/// let run = try SensitivityRun(scenario: scenario, design: .sobol(ranges, baseSamples: 256),
///                              outputs: ["withdrawal_peak", "synapses_min"])
/// let result = run.execute()                       // all cores; identical for any thread count
/// for row in result.indices where row.index == "ST" { print(row.parameter, row.output, row.value) }
/// ```
///
/// Runs are identified by their position in the design (`id` = position + 1); every run is the
/// scenario with `common` and then the run's input values applied (`Scenario.applying`), so
/// input values are checked like `--set` (names, plausible ranges).
public struct SensitivityRun: Sendable {
    /// The base scenario.
    public let scenario: Scenario
    /// Assignments applied to every run before its own (e.g. `--set`).
    public let common: [Assignment]
    /// The design.
    public let design: SensitivityDesign
    /// The outputs analysed: summary columns (`SummaryWriter.summaryColumns`).
    public let outputs: [String]
    /// Position of each output among `SummaryWriter.summaryColumns`.
    let columns: [Int]

    /// An analysis of `outputs` over `design` on `scenario`.
    /// - Throws: a usage `InputError` for an output that is not a summary column; an `InputError`
    ///   from `Scenario.applying` (field: the input) when a range's bound is not a valid value of
    ///   its input (unknown name, outside the plausible range).
    public init(scenario: Scenario, common: [Assignment] = [], design: SensitivityDesign,
                outputs: [String] = SensitivityDefaults.outputs) throws(InputError) {
        var problems: [InputProblem] = []
        var columns: [Int] = []
        for name in outputs {
            if let k = SummaryWriter.summaryColumns.firstIndex(of: name) { columns.append(k) } else {
                problems.append(InputProblem(field: "--outputs", message: "\(name) is not a summary column; use one of \(SummaryWriter.summaryColumns.joined(separator: ", "))"))
            }
        }
        if outputs.isEmpty { problems.append(InputProblem(field: "--outputs", message: "no outputs: give at least one summary column")) }
        if !problems.isEmpty { throw InputError(.usage, problems) }
        // Both ends of every range (the local design's own values) must be acceptable inputs.
        for (i, p) in design.parameters.enumerated() {
            let ends = design.base.isEmpty ? [p.lower, p.upper] : [design.base[i]]
            for x in ends { _ = try scenario.applying(common + [Assignment(p.name, .number(x))]) }
        }
        self.scenario = scenario
        self.common = common
        self.design = design
        self.outputs = outputs
        self.columns = columns
    }

    /// The design as a lazy plan: run r has index r, id `r + 1` and one assignment per parameter.
    public var plan: RunPlan {
        let design = design
        return RunPlan(count: design.count, assignmentNames: design.parameters.map(\.name)) { r in
            RunSpec(index: r, id: String(r + 1),
                    assignments: zip(design.parameters, design.values(ofRun: r)).map { Assignment($0.name, .number($1)) })
        }
    }

    /// What an execution produced.
    public struct Result: Sendable {
        /// The samples CSV of the runs executed (header first), in run order.
        public var samples: String
        /// The output values of the runs executed, row-major (`outputs.count` per run; NaN for a
        /// failed run).
        public var values: [Double]
        /// The indices (empty for a shard: they need every run).
        public var indices: [SensitivityIndex]
        /// Runs executed, failed, and the time taken.
        public var report: ExecutionReport
    }

    /// Runs the design's runs of `shard` on `threads` worker threads, hands each samples row to
    /// `emit` in run order, and (for the whole design) computes the indices.
    /// - Returns: the output values, the indices (empty for a partial shard) and the report.
    public func execute<E: Error>(shard: Shard = .whole, threads: Int = ParallelExecutor.defaultThreadCount,
                                  bootstrap: Bootstrap = Bootstrap(), progress: ProgressReporter? = nil,
                                  emit: (String) throws(E) -> Void) throws(E) -> (values: [Double], indices: [SensitivityIndex], report: ExecutionReport) {
        let selected = shard.select(plan)
        var values: [Double] = []
        values.reserveCapacity(selected.count * outputs.count)
        let k = outputs.count, firstOutput = 4 + design.parameters.count
        let report = try ParallelExecutor.run(selected, threads: threads, progress: progress,
                                              body: { [self] in output(for: $0) },
                                              emit: { (output: RunOutput) throws(E) in
                                                  values += Self.numbers(in: output.summaryRow, from: firstOutput, count: k)
                                                  try emit(output.summaryRow)
                                              })
        let indices = shard.isWhole ? design.analyze(outputs: values, names: outputs, bootstrap: bootstrap) : []
        return (values, indices, report)
    }

    /// `execute(shard:threads:bootstrap:progress:emit:)` collecting the samples CSV in memory.
    public func execute(shard: Shard = .whole, threads: Int = ParallelExecutor.defaultThreadCount,
                        bootstrap: Bootstrap = Bootstrap()) -> Result {
        var samples = samplesHeader
        let (values, indices, report) = execute(shard: shard, threads: threads, bootstrap: bootstrap) { samples += $0 }
        return Result(samples: samples, values: values, indices: indices, report: report)
    }
}
