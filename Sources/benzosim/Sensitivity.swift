import Analysis
import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim sensitivity`: local, Morris or Sobol' indices of summary outputs with respect to
/// parameters, on the sweep engine.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sensitivity analysis: local, Morris or Sobol indices of summary outputs.",
        discussion: """
        Writes a tidy CSV (parameter,output,index,value,ci_low,ci_high), the samples CSV (every run: its inputs and outputs, to recompute the indices elsewhere) and a manifest. Default parameters: every parameter with a finite plausible range (benzosim params), log-uniform for rate constants (1/h) and affinities (nM); the TSPO affinities are open-ended, give them a --range. Output identical for any --threads; --shard K/N writes that slice of the samples, and --from-samples computes the indices from the slices concatenated. See Docs/SENSITIVITY.md.

        Examples (from the repository's directory):
          benzosim sensitivity Examples/scenarios/abrupt_stop.yaml \\
              --method local -o local.csv --plot local.svg
          benzosim sensitivity Examples/scenarios/abrupt_stop.yaml \\
              --method local --params CL,V2,h_homeo --every 1d \\
              --time-resolved dz_plasma_ng_per_mL,withdrawal -o local.csv
          benzosim sensitivity Examples/scenarios/abrupt_stop.yaml \\
              --method morris -o morris.csv
          benzosim sensitivity Examples/scenarios/abrupt_stop.yaml \\
              --params h_homeo,k_ampa,k_nmda,Ki_tspo_dz \\
              --range Ki_tspo_dz=1:1000:log --count 1024 -o sobol.csv
        """)

    /// The scenario arguments of `benzosim simulate` (file, --regimen, --set, --until, --rtol, …),
    /// parsed by `ScenarioOptions`; `--method` being the analysis here, the ODE solver is `--solver`.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The scenario file and options of benzosim simulate (--regimen, --events, --set NAME=VALUE, --every, --until, --pk, --rtol, --atol), with --solver NAME for the ODE solver.", valueName: "scenario"))
    var scenarioArguments: [String] = []

    /// `scenarioArguments` parsed, `--solver` passed on as `ScenarioOptions`' `--method`.
    var scenario: ScenarioOptions {
        get throws {
            var arguments = scenarioArguments
            for i in arguments.indices {
                if arguments[i] == "--solver" { arguments[i] = "--method" }
                if arguments[i].hasPrefix("--solver=") { arguments[i] = "--method=" + arguments[i].dropFirst(9) }
            }
            do { return try ScenarioOptions.parse(arguments) } catch {
                throw ValidationError(ScenarioOptions.message(for: error))
            }
        }
    }

    @Option(help: ArgumentHelp("local (normalised coefficients ∂y/∂p·p/y), morris (elementary effects μ*, μ, σ) or sobol (first-order S1 and total ST).", valueName: "local|morris|sobol"))
    var method: String = "sobol"

    @Option(help: ArgumentHelp("Parameters to vary, comma-separated (default: every parameter with a finite plausible range; for local, every parameter).", valueName: "NAME,..."))
    var params: String?

    @Option(help: ArgumentHelp("Range of an input: NAME=LOW:HIGH or NAME=LOW:HIGH:log, overriding the table's (repeatable; morris and sobol). Without --params, adds the input.", valueName: "NAME=range"))
    var range: [String] = []

    @Option(help: ArgumentHelp("Outputs: summary columns, comma-separated (default: \(SensitivityDefaults.outputs.joined(separator: ","))).", valueName: "NAME,..."))
    var outputs: String?

    @Option(help: "Sobol: base samples N (N·(d+2) runs, default 1024); Morris: trajectories r (r·(d+1) runs, default 20).")
    var count: Int?

    @Option(help: "Morris: grid levels (even, default 4).")
    var levels: Int = 4

    @Option(help: "Local: relative step h (ln p step for log-scale parameters); default ∛max(ε, rtol).")
    var step: Double?

    @Option(help: "Seed of the Morris trajectories and of the bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Bootstrap resamples for confidence intervals of S1, ST and μ* (0: none).")
    var bootstrap: Int = 1000

    @Option(help: "Confidence level of the intervals.")
    var confidence: Double = 0.95

    @Option(help: ArgumentHelp("Worker threads (default: all cores). The output is identical for any value.", valueName: "n"))
    var threads: Int = ParallelExecutor.defaultThreadCount

    @Option(help: ArgumentHelp("Run only the K-th of N slices of the design; writes only --samples (slices concatenate, header once, to the whole).", valueName: "K/N"))
    var shard: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Indices CSV, or - for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: ArgumentHelp("Also draw the indices as an SVG bar chart: a panel per output, a bar per parameter and index (S1 and ST, mu_star and sigma, or the normalised coefficient) with its interval.", valueName: "file.svg"))
    var plot: String?

    @Option(help: ArgumentHelp("Samples CSV (default: beside --output as NAME.samples.csv; none for standard output).", valueName: "file"))
    var samples: String?

    @Option(help: ArgumentHelp("Compute the indices from this samples CSV (e.g. the shards' concatenated) instead of running; give the same design options.", valueName: "file"))
    var fromSamples: String?

    @Option(help: ArgumentHelp("Local: also write time-resolved coefficients ∂y(t)/∂p·p/y(t) of these trajectory columns (those of benzosim simulate, e.g. dz_plasma_ng_per_mL,withdrawal) at the scenario's sample times (--every, --until).", valueName: "NAME,..."))
    var timeResolved: String?

    @Option(help: ArgumentHelp("CSV of --time-resolved: time_h,parameter,output,coefficient,derivative (default: beside --output as NAME.time_resolved.csv).", valueName: "file"))
    var timeResolvedOutput: String?

    @Option(help: ArgumentHelp("Also draw the --time-resolved coefficients as an SVG figure: a panel per output, a line per parameter against time.", valueName: "file.svg"))
    var timeResolvedPlot: String?

    @Flag(help: "No progress bar on standard error.")
    var quiet = false

    @Flag(help: "Do not write the JSON run manifest.")
    var noManifest = false

    func validate() throws {
        try scenario.requireScenarioFile()
        guard ["local", "morris", "sobol"].contains(method) else {
            throw ValidationError("--method '\(method)' is not a method; use local, morris or sobol")
        }
        if method == "local" {
            if count != nil { throw ValidationError("--count applies to morris and sobol; local runs 2 per parameter plus the base") }
            if !range.isEmpty { throw ValidationError("--range applies to morris and sobol; local steps around the scenario's values (use --set to move them)") }
        }
        if let count, count < 2 { throw ValidationError("--count \(count) must be at least 2") }
        guard threads >= 1 else { throw ValidationError("--threads \(threads) must be at least 1") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap \(bootstrap) must be ≥ 0") }
        guard confidence > 0 && confidence < 1 else { throw ValidationError("--confidence \(confidence) must be between 0 and 1, e.g. 0.95") }
        if samples == "-" && output == "-" && shard == nil && fromSamples == nil {
            throw ValidationError("--samples - and the indices both on standard output: give -o FILE or --samples FILE")
        }
        if let shard {
            do { _ = try Shard(parse: shard) } catch { throw ValidationError(error.problems.map(\.message).joined(separator: "; ")) }
            guard samples != nil else { throw ValidationError("--shard writes only the samples: give --samples FILE") }
            guard output == "-" else { throw ValidationError("--shard computes no indices: drop --output; run --from-samples on the concatenated slices") }
            guard fromSamples == nil else { throw ValidationError("--from-samples reads a whole design: drop --shard") }
            guard plot == nil else { throw ValidationError("--shard computes no indices to plot: drop --plot; plot with --from-samples on the concatenated slices") }
        }
        if timeResolved != nil {
            guard method == "local" else { throw ValidationError("--time-resolved needs --method local (central differences around the scenario's values)") }
            guard shard == nil && fromSamples == nil else {
                throw ValidationError("--time-resolved runs the local design itself (2 runs per parameter and the base): drop --shard and --from-samples")
            }
            if timeResolvedOutput == nil && output == "-" {
                throw ValidationError("--time-resolved with the indices on standard output needs --time-resolved-output FILE")
            }
            if timeResolvedOutput == "-" && output == "-" {
                throw ValidationError("--time-resolved-output - and the indices both on standard output: give -o FILE or --time-resolved-output FILE")
            }
        } else if timeResolvedOutput != nil || timeResolvedPlot != nil {
            throw ValidationError("--time-resolved-output and --time-resolved-plot need --time-resolved NAME,...")
        }
        if timeResolvedPlot == "-" { throw ValidationError("--time-resolved-plot must be a file, not standard output") }
        if let plot, plot == "-" || plot == output || plot == samples {
            throw ValidationError("--plot \(plot) must be a file of its own, not standard output nor another output")
        }
    }

    func run() throws {
        let analysis: SensitivityRun, base: Scenario
        let options = try scenario
        var timeResolved: TimeResolvedLocalSensitivity? = nil
        let shard = shard.map { try! Shard(parse: $0) } ?? .whole
        let samplesPath = fromSamples != nil ? nil : samples ?? (output == "-" ? nil : Self.samplesPath(beside: output))
        let timeResolvedPath = self.timeResolved == nil ? nil : timeResolvedOutput ?? Self.timeResolvedPath(beside: output)
        let outputPaths: [(option: String, path: String?)] = [
            ("-o", shard.isWhole ? output : nil), ("--samples", samplesPath), ("--plot", plot), ("--time-resolved-output", timeResolvedPath),
            ("--time-resolved-plot", timeResolvedPlot),
        ]
        let manifestPath = noManifest ? nil : outputPaths.lazy.compactMap(\.path)
            .first { !AtomicOutput.isSpecialFile($0) }.flatMap(RunManifest.path(beside:))
        do {
            try OutputFiles.check(outputPaths, manifest: manifestPath,
                                  inputs: options.inputFiles + [("--from-samples", fromSamples)])
            base = try options.resolve(applyingSet: false)
            let common = try options.setAssignments()
            analysis = try SensitivityRun(scenario: base, common: common, design: try design(at: try base.applying(common)),
                                          outputs: outputs.map(Self.list) ?? SensitivityDefaults.outputs)
            if let columns = self.timeResolved {
                let resolved = try TimeResolvedLocalSensitivity(analysis, outputs: Self.list(columns))
                try checkMemory(resolved, samples: try base.applying(common).sampleTimes().count)
                timeResolved = resolved
            }
        } catch {
            throw fail(error)
        }
        let settings = Bootstrap(resamples: bootstrap, confidence: confidence, seed: seed)
        let values: [Double], indices: [SensitivityIndex]
        var failed = 0
        let files = OutputSet()
        let written: [String]
        do {
            do {
                if let fromSamples {
                    guard let data = FileManager.default.contents(atPath: fromSamples) else {
                        throw InputError(.noInput, file: fromSamples, "cannot read the samples")
                    }
                    values = try analysis.readSamples(String(decoding: data, as: UTF8.self), file: fromSamples)
                    indices = analysis.design.analyze(outputs: values, names: analysis.outputs, bootstrap: settings)
                } else {
                    (values, indices, failed) = try execute(analysis, shard: shard, bootstrap: settings,
                                                            samples: try samplesPath.map { path throws(OutputError) in try files.open(path) })
                }
                if shard.isWhole {
                    let file = try files.open(output)
                    try file.write(SensitivityIndex.csvHeader)
                    for row in indices { try file.write(row.csvRow) }
                    if let plot {
                        let chart = Self.barChart(indices, method: analysis.design.method.name,
                                                  parameters: analysis.design.parameters.map(\.name), outputs: analysis.outputs)
                        try files.open(plot).write(chart.svg())
                    }
                }
                if let timeResolved, let timeResolvedPath {
                    // The same runs as the samples': a run that failed there fails here too.
                    let result = try write(timeResolved, to: try files.open(timeResolvedPath))
                    failed = max(failed, result.failures.count)
                    if let timeResolvedPlot {
                        let figure = Self.timeResolvedFigure(result, parameters: analysis.design.parameters.map(\.name),
                                                             outputs: timeResolved.outputs.map(\.columnName))
                        try files.open(timeResolvedPlot).write(figure.svg())
                    }
                }
                try OutputFiles.add(manifest(analysis, base: base, shard: shard, samplesPath: samplesPath ?? fromSamples, timeResolved: timeResolved),
                                    at: manifestPath, to: files)
                written = try files.commit()
            } catch {
                files.discard()
                throw error
            }
        } catch let error as OutputError {
            throw fail(error)
        } catch let error as InputError {
            throw fail(error)
        }
        warnAboutNonFiniteOutputs(analysis, values, firstRun: fromSamples == nil ? shard.range(inPlanOf: analysis.design.count).lowerBound : 0)
        OutputFiles.announce(written, "\(analysis.design.count) runs", quiet: quiet)
        if failed > 0 {
            FileHandle.standardError.write(Data("benzosim: \(failed) runs failed; their samples rows have status 'failed' and the reason, and the indices of every output are nan\n".utf8))
            throw ExitCode(3)
        }
    }

    /// The run manifest: the scenario's settings, the design, and where the samples went.
    func manifest(_ analysis: SensitivityRun, base: Scenario, shard: Shard, samplesPath: String?,
                  timeResolved: TimeResolvedLocalSensitivity?) -> RunManifest {
        var manifest = Manifests.make(for: base, count: analysis.design.count, seed: seed, shard: shard, threads: threads,
                                      assignments: analysis.design.parameters.map(\.name))
        manifest.settings["sensitivity_method"] = analysis.design.method.name
        manifest.settings["sensitivity_outputs"] = analysis.outputs.joined(separator: ",")
        manifest.settings["sensitivity_ranges"] = analysis.design.parameters
            .map { "\($0.name)=\(CSVFormat.format($0.lower)):\(CSVFormat.format($0.upper)):\($0.scale.rawValue)" }.joined(separator: ",")
        manifest.settings["sensitivity_design"] = "\(analysis.design.method)"
        manifest.settings["sensitivity_bootstrap"] = "\(bootstrap) resamples, confidence \(confidence)"
        if let samplesPath { manifest.settings["sensitivity_samples"] = samplesPath }
        if let timeResolved {
            manifest.settings["sensitivity_time_resolved"] = timeResolved.outputs.map(\.columnName).joined(separator: ",")
        }
        return manifest
    }

    /// Runs the design (or a shard), streaming the samples to `samples`.
    func execute(_ analysis: SensitivityRun, shard: Shard, bootstrap: Bootstrap, samples file: AtomicOutput?) throws(OutputError)
        -> (values: [Double], indices: [SensitivityIndex], failed: Int) {
        try file?.write(analysis.samplesHeader)
        let progress = ProgressReporter(total: shard.range(inPlanOf: analysis.design.count).count, quiet: quiet)
        let result = try analysis.execute(shard: shard, threads: threads, bootstrap: bootstrap, progress: progress) {
            (row: String) throws(OutputError) in try file?.write(row)
        }
        if !quiet {
            FileHandle.standardError.write(Data(String(format: "benzosim: %d runs in %.1f s\n", result.report.completed, result.report.seconds).utf8))
        }
        return (result.values, result.indices, result.report.failed)
    }

    /// The design from the options; `resolved` is the scenario with `--set` applied (its values are
    /// the local base, its species chooses the table ranges).
    func design(at resolved: Scenario) throws(InputError) -> SensitivityDesign {
        let names = params.map(Self.list)
        switch method {
        case "local":
            let (ranges, values) = try SensitivityDefaults.localParameters(names: names, scenario: resolved)
            return try .local(ranges, at: values, relativeStep: step ?? SensitivityDesign.defaultLocalStep(rtol: resolved.solver.rtol))
        default:
            var overrides: [ParameterRange] = []
            var problems: [InputProblem] = []
            for text in range {
                do { overrides.append(try ParameterRange(parse: text)) } catch { problems += error.problems }
            }
            if !problems.isEmpty { throw InputError(.usage, problems) }
            let ranges = try SensitivityDefaults.ranges(names: names, overrides: overrides, species: resolved.species)
            return method == "morris"
                ? try .morris(ranges, trajectories: count ?? 20, levels: levels, seed: seed)
                : try .sobol(ranges, baseSamples: count ?? 1024)
        }
    }

    /// Prints, for each output not finite in every run, how many runs and the first id.
    func warnAboutNonFiniteOutputs(_ analysis: SensitivityRun, _ values: [Double], firstRun: Int) {
        let k = analysis.outputs.count
        for (j, name) in analysis.outputs.enumerated() {
            let column = stride(from: j, to: values.count, by: k)
            let bad = column.filter { !values[$0].isFinite }
            guard let first = bad.first else {
                if analysis.design.method.name == "sobol", values.count > j, column.allSatisfy({ values[$0] == values[j] }) {
                    FileHandle.standardError.write(Data("benzosim: warning: \(name) is the same in every run: it has no variance to apportion, its indices are nan\n".utf8))
                }
                continue
            }
            FileHandle.standardError.write(Data("benzosim: warning: \(name) is not finite in \(bad.count) runs (first: id \(firstRun + first / k + 1)); its indices are nan (e.g. synapse_recovery_h is nan when synapses have not recovered by the end: simulate longer)\n".utf8))
        }
    }

    /// Runs the time-resolved coefficients and writes them to `file`; failed runs are reported.
    /// - Returns: the coefficients, and the runs that failed.
    func write(_ timeResolved: TimeResolvedLocalSensitivity, to file: AtomicOutput) throws(OutputError) -> TimeResolvedLocalSensitivity.Result {
        let result = timeResolved.execute(threads: threads, progress: ProgressReporter(total: timeResolved.analysis.design.count, quiet: quiet))
        try file.write(TimeResolvedLocalSensitivity.csvHeader)
        for row in result.coefficients { try file.write(row.csvRow) }
        if let first = result.failures.first {
            FileHandle.standardError.write(Data("benzosim: warning: --time-resolved: \(result.failures.count) runs failed (first: id \(first.id): \(first.message)); the coefficients that need them are nan\n".utf8))
        }
        return result
    }

    /// Refuses a time-resolved analysis whose stored values (every run's outputs at every sample)
    /// would take more than half of this machine's memory.
    func checkMemory(_ timeResolved: TimeResolvedLocalSensitivity, samples: Int) throws(InputError) {
        let bytes = 8 * timeResolved.storedValues(samples: samples)
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        guard bytes > memory / 2 else { return }
        throw InputError(.usage, field: "--time-resolved", String(format: "%d runs × %d samples × %d outputs need %.1f GB, more than half of this machine's %.1f GB: sample coarser (e.g. --every 1d), or give fewer --params or outputs", timeResolved.analysis.design.count, samples, timeResolved.outputs.count, bytes / 1e9, memory / 1e9))
    }

    /// `local.csv` → `local.time_resolved.csv`.
    static func timeResolvedPath(beside output: String) -> String {
        output.hasSuffix(".csv") ? String(output.dropLast(4)) + ".time_resolved.csv" : output + ".time_resolved.csv"
    }

    /// `sobol.csv` → `sobol.samples.csv`.
    static func samplesPath(beside output: String) -> String {
        output.hasSuffix(".csv") ? String(output.dropLast(4)) + ".samples.csv" : output + ".samples.csv"
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
