import Pharmacology
import Sweep

/// Time-resolved local sensitivity: the normalised coefficient ∂y(t)/∂p · p/y(t) of trajectory
/// outputs (the wide columns of `benzosim simulate`, e.g. `dz_plasma_ng_per_mL`, `withdrawal`) at
/// every sample time of the scenario, for every parameter of a local design.
///
/// The runs are the local design's own (base, then `minus` and `plus` for each parameter, the
/// same per-parameter steps as the scalar coefficients, `SensitivityDesign.local`), simulated on
/// the sweep engine; at each sample time the coefficient is the scalar one's central (or, at a
/// range bound, one-sided) difference applied to y(t). Where y(t) = 0 (e.g. before the first
/// dose, or `withdrawal` while X ≤ 1) the normalised coefficient is undefined and is NaN; the
/// unnormalised derivative ∂y(t)/∂p, in output unit per parameter unit, is given beside it and is
/// defined there too.
///
/// ```swift
/// let analysis = try SensitivityRun(scenario: scenario, design: .local(ranges, at: base, relativeStep: 0.01))
/// let timeResolved = try TimeResolvedLocalSensitivity(analysis, outputs: ["dz_plasma_ng_per_mL"])
/// let result = timeResolved.execute(threads: 2)     // identical for any thread count
/// print(TimeResolvedLocalSensitivity.csvHeader + result.coefficients.map(\.csvRow).joined())
/// ```
public struct TimeResolvedLocalSensitivity: Sendable {
    /// The local analysis whose runs and steps are used (its scalar outputs are not needed here).
    public let analysis: SensitivityRun
    /// The trajectory outputs, in the order given.
    public let outputs: [OutputVariable]

    /// Time-resolved coefficients of `outputs` (wide trajectory column names,
    /// `OutputVariable.columnName`) over the runs of `analysis`.
    /// - Throws: a usage `InputError` when the design is not local, or an output is not a
    ///   trajectory column (with the closest name), or none is given.
    public init(_ analysis: SensitivityRun, outputs names: [String]) throws(InputError) {
        guard case .local = analysis.design.method else {
            throw InputError(.usage, field: "--time-resolved", "time-resolved coefficients need --method local (they are central differences around the scenario's values)")
        }
        guard !names.isEmpty else {
            throw InputError(.usage, field: "--time-resolved", "no outputs: give trajectory columns, e.g. dz_plasma_ng_per_mL,withdrawal")
        }
        let columns = OutputVariable.allCases.map(\.columnName)
        var problems: [InputProblem] = []
        var chosen: [OutputVariable] = []
        for name in names {
            if let k = columns.firstIndex(of: name) {
                if chosen.contains(OutputVariable.allCases[k]) {
                    problems.append(InputProblem(field: "--time-resolved", message: "\(name) is given more than once: expected each output once"))
                } else {
                    chosen.append(OutputVariable.allCases[k])
                }
            } else {
                let hint = Assignment.suggestion(for: name, among: columns)
                problems.append(InputProblem(field: "--time-resolved", message: "\(name) is not a trajectory column\(hint.isEmpty ? "; use the column names of benzosim simulate's wide output, e.g. dz_plasma_ng_per_mL, withdrawal, synapses" : hint)"))
            }
        }
        if !problems.isEmpty { throw InputError(.usage, problems) }
        self.analysis = analysis
        self.outputs = chosen
    }

    /// One row of the result.
    public struct Coefficient: Sendable, Equatable {
        /// The sample time (h).
        public var time: Double
        /// The parameter.
        public var parameter: String
        /// The trajectory output (its wide column name).
        public var output: String
        /// ∂y(t)/∂p · p/y(t), dimensionless; NaN where y(t) = 0, where a run failed, or where the
        /// parameter could not be stepped inside its range.
        public var normalized: Double
        /// ∂y(t)/∂p, in the output's unit per the parameter's unit; NaN where a run failed or the
        /// parameter could not be stepped.
        public var derivative: Double

        /// `time_h,parameter,output,coefficient,derivative` values as CSV (with its line feed):
        /// numbers round-trip exactly, `nan` where undefined.
        public var csvRow: String {
            var text = ""
            CSVFormat.append(time, to: &text)
            text += "," + CSVFormat.escape(parameter) + "," + CSVFormat.escape(output) + ","
            CSVFormat.append(normalized, to: &text)
            text += ","
            CSVFormat.append(derivative, to: &text)
            return text + "\n"
        }
    }

    /// The CSV header `time_h,parameter,output,coefficient,derivative` (with its line feed):
    /// `coefficient` is the normalised one, `derivative` the unnormalised.
    public static let csvHeader = CSVFormat.row(["time_h", "parameter", "output", "coefficient", "derivative"])

    /// What an execution produced.
    public struct Result: Sendable {
        /// The sample times (h), the base run's.
        public var times: [Double]
        /// Every coefficient, time-major: for each time, each parameter (design order), each output.
        public var coefficients: [Coefficient]
        /// The runs that failed: id (position in the design + 1) and why.
        public var failures: [(id: String, message: String)]
        /// Runs executed, failed, and the time taken.
        public var report: ExecutionReport
    }

    /// Doubles held while running: every run's value of every output at every sample time.
    /// - Parameter samples: sample times per run (`Scenario.sampleTimes().count`).
    public func storedValues(samples: Int) -> Double {
        Double(analysis.design.count) * Double(samples) * Double(outputs.count)
    }

    /// Simulates the design's runs on `threads` worker threads and computes the coefficients.
    /// A failed run (or one sampled at other times than the base) makes the coefficients that
    /// need it NaN and is listed in `failures`; nothing is thrown. Identical for any `threads`.
    public func execute(threads: Int = ParallelExecutor.defaultThreadCount, progress: ProgressReporter? = nil) -> Result {
        let analysis = analysis, outputs = outputs
        var runs: [(times: [Double], values: [Double])] = []
        runs.reserveCapacity(analysis.design.count)
        var failures: [(id: String, message: String)] = []
        let report = ParallelExecutor.run(analysis.plan, threads: threads, progress: progress,
                                          body: { run in Self.output(for: run, analysis: analysis, outputs: outputs) },
                                          emit: { (output: RunOutput) in
                                              if case .failed(let message) = output.status {
                                                  failures.append((String(runs.count + 1), message))
                                              }
                                              runs.append((output.sampleTimes, output.sampleValues))
                                          })
        let times = runs.first?.times ?? []
        let k = outputs.count
        // A run sampled elsewhere than the base cannot be differenced with it.
        for r in runs.indices.dropFirst() where !runs[r].values.isEmpty && runs[r].times != times {
            failures.append((String(r + 1), "sampled at other times than the base run (\(runs[r].times.count) vs \(times.count) samples)"))
            runs[r].values = []
        }
        failures.sort { Int($0.id)! < Int($1.id)! }
        let design = analysis.design
        var coefficients: [Coefficient] = []
        coefficients.reserveCapacity(times.count * design.parameters.count * k)
        var f = [Double](repeating: .nan, count: design.count)
        for (s, time) in times.enumerated() {
            for (i, parameter) in design.parameters.enumerated() {
                for (j, output) in outputs.enumerated() {
                    for r in [0, 1 + 2 * i, 2 + 2 * i] {
                        f[r] = runs[r].values.isEmpty ? .nan : runs[r].values[s * k + j]
                    }
                    var (derivative, normalized) = LocalEstimator.coefficients(f, design: design, parameter: i)
                    // 0/0 or g/0: undefined, NaN (never ±inf).
                    if f[0] == 0 || !f[0].isFinite { normalized = .nan }
                    coefficients.append(Coefficient(time: time, parameter: parameter.name, output: output.columnName,
                                                    normalized: normalized, derivative: derivative))
                }
            }
        }
        return Result(times: times, coefficients: coefficients, failures: failures, report: report)
    }

    /// One run: the scenario with the run's values, simulated, its outputs at every sample
    /// (time-major) in `sampleValues`; a failed run has none and says why.
    static func output(for run: RunSpec, analysis: SensitivityRun, outputs: [OutputVariable]) -> RunOutput {
        let message: String
        do {
            let result = try analysis.scenario.applying(analysis.common + run.assignments).run()
            let trajectory = result.trajectory
            var values: [Double] = []
            values.reserveCapacity(trajectory.times.count * outputs.count)
            for sample in trajectory.times.indices {
                let state = trajectory.state(at: sample)
                let derived = result.model.outputs(at: state)
                for output in outputs { values.append(output.value(state: state, outputs: derived)) }
            }
            var output = RunOutput(summaryRow: "")
            output.sampleTimes = trajectory.times
            output.sampleValues = values
            return output
        } catch let error as InputError {
            message = error.description
        } catch let error as ScenarioRunError {
            message = error.description
        } catch {
            message = String(describing: error)
        }
        return RunOutput(summaryRow: "", status: .failed(message: message.split(separator: "\n").joined(separator: "; ")))
    }
}
