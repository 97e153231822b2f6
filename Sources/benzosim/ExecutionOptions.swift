import ArgumentParser
import Foundation
import Sweep

/// Parallel and sharded execution of a plan (sweeps and populations).
struct ExecutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Worker threads (default: all cores). The output is identical for any value.", valueName: "n"))
    var threads: Int = ParallelExecutor.defaultThreadCount

    @Option(help: ArgumentHelp("Run only the K-th of N deterministic slices; the N outputs concatenated (header once) equal the whole run's.", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Also write every run's trajectory to this CSV file (- for standard output).", valueName: "file"))
    var trajectories: String?

    @Option(help: ArgumentHelp("Most runs in one plan (a guard against typos such as --count 1e10; a shard may select from a larger plan up to this).", valueName: "n"))
    var maxRuns: Int = RunBudget.standard.runsPerPlan

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads \(threads) must be at least 1") }
        guard maxRuns >= 1 else { throw ValidationError("--max-runs \(maxRuns) must be at least 1") }
        if let shard {
            do { _ = try Shard(parse: shard) } catch { throw ValidationError(error.problems.map(\.message).joined(separator: "; ")) }
        }
    }

    var selectedShard: Shard { shard.map { try! Shard(parse: $0) } ?? .whole }

    /// `scenario`'s budget with `--max-runs`.
    func budget(_ scenario: ScenarioOptions) -> RunBudget {
        var budget = scenario.budget
        budget.runsPerPlan = maxRuns
        return budget
    }
}

/// A number of runs as users type it: `10000`, or in scientific notation `1e6` (a whole number
/// ≥ 1; checked against `--max-runs` before it becomes an `Int`).
struct RunCount: ExpressibleByArgument {
    /// The number as given.
    let value: Double

    init?(argument: String) {
        guard let x = Double(argument.replacingOccurrences(of: "_", with: "")), x >= 1, x == x.rounded() else { return nil }
        value = x
    }

    /// `value` as an `Int` once checked against `budget` (the message quotes `option`).
    func checked(_ budget: RunBudget, option: String, text: String) throws(InputError) -> Int {
        try budget.checkRuns(value, field: option, "\(option) \(text)")
        return Int(value)
    }
}

/// Runs a plan on the base scenario and writes the summary (and trajectories) and the manifest,
/// committed together. Exits 3 if some runs failed (their rows say why).
/// `individual`: the plan's parameter values are virtual subjects' (population), checked only
/// against physical bounds. `inputs`: the input files, which no output may be.
/// `bands`: also write per-time percentile bands of every output over the successful runs.
/// `events`: the runs use an event table's individuals (`EventTableSubjects`), as a population
/// (run i on individual i mod n) or a sweep (`plan` from `sweepPlan`); `common` is then already in them.
/// `columns`: the event-table trajectory layout (output selection, carried columns, tad).
/// `subjectParameters`: also write each subject's resolved values to this file
/// (`population --subject-parameters`), committed with the other outputs.
/// `settings`: added to the manifest's settings (the event table's report, `RunManifest.settings(describing:setOverrides:)`).
func execute(plan: RunPlan, base: Scenario, common: [Assignment], individual: Bool = false, seed: UInt64?,
             budget: RunBudget, inputs: [(option: String, path: String?)],
             output: OutputOptions, execution: ExecutionOptions, bands: BandRequest? = nil,
             events: (subjects: EventTableSubjects, population: Bool)? = nil,
             columns: EventTableTrajectoryWriter? = nil, subjectParameters: String? = nil,
             settings: [String: String] = [:]) throws {
    let manifestPath = OutputFiles.manifestPath(for: output)
    do throws(InputError) {
        try budget.checkRuns(Double(plan.count), field: nil, "the plan")
        try OutputFiles.check([("-o", output.output), ("--trajectories", execution.trajectories), ("--bands", bands?.path),
                               ("--subject-parameters", subjectParameters)],
                              manifest: manifestPath, inputs: inputs)
        // Catch misspelt names, bad values and runs over budget before any output exists: try the first run.
        if let first = plan.first {
            let individuals = individual ? Set(first.assignments.map(\.name)) : []
            if let events {
                // An event table's individual carries its own doses and end time.
                let (scenario, run) = events.population ? events.subjects.populationRun(first, total: plan.count)
                                                        : (events.subjects.sweepScenario(first), first)
                try scenario.applying(run.assignments, individualParameters: individuals).check(budget: budget)
            } else {
                try base.applying(common + first.assignments, individualParameters: individuals).check(budget: budget)
            }
        }
    } catch {
        let names = plan.assignmentNames
        // A sweep that steps past a plausible range on purpose can say so.
        let hint = " (to sweep past it on purpose, add --allow-outside-range)"
        throw fail(individual ? error : InputError(error.kind, error.problems.map { problem in
            var p = problem
            if p.message.contains("outside its plausible range"), let field = p.field, names.contains(field) { p.message += hint }
            return p
        }))
    }
    let names = plan.assignmentNames      // the whole plan's: every shard has the same header
    let shard = execution.selectedShard
    let selected = shard.select(plan)
    let writer = SummaryWriter(assignmentNames: names)
    let format: TrajectoryFormat? = execution.trajectories == nil ? nil : output.trajectoryFormat
    let report: ExecutionReport
    var accumulator: PercentileBands? = nil
    if let bands {
        do { accumulator = try PercentileBands(percentiles: bands.percentiles, columns: PercentileBands.variables.map(\.columnName)) } catch { throw fail(error) }
        accumulator?.expectedSubjects = selected.count
    }
    var bandProblem: InputError? = nil
    let files = OutputSet()
    let written: [String]
    do {
        do {
            let summaryFile = try files.open(output.output)
            let trajectoryFile = try execution.trajectories.map { path throws(OutputError) in try files.open(path) }
            let bandFile = try bands.map { request throws(OutputError) in try files.open(request.path) }
            if let subjectParameters {
                try writeSubjectParameters(selected, base: base, common: common, to: try files.open(subjectParameters))
            }
            var manifest = Manifests.make(for: base, count: plan.count, seed: seed, shard: shard, threads: execution.threads,
                                          assignments: names)
            manifest.settings.merge(settings) { $1 }
            try OutputFiles.add(manifest, at: manifestPath, to: files)
            try summaryFile.write(writer.header)
            if let format { try trajectoryFile?.write(columns?.header ?? format.header) }
            let progress = ProgressReporter(total: selected.count, quiet: output.quiet)
            report = try ParallelExecutor.run(selected, threads: execution.threads, progress: progress,
                                              body: { run in
                                                  let samples = bands != nil
                                                  guard let events else {
                                                      return base.output(for: run, common: common, individual: individual, budget: budget,
                                                                         summary: writer, trajectories: format, samples: samples, columns: columns)
                                                  }
                                                  if events.population {
                                                      let (scenario, adjusted) = events.subjects.populationRun(run, total: plan.count)
                                                      return scenario.output(for: adjusted, individual: individual, budget: budget, summary: writer,
                                                                             trajectories: format, samples: samples, columns: columns)
                                                  }
                                                  return events.subjects.sweepScenario(run).output(for: run, budget: budget, summary: writer,
                                                                                                   trajectories: format, samples: samples, columns: columns)
                                              },
                                              emit: { (result: RunOutput) throws(OutputError) in
                                                  try summaryFile.write(result.summaryRow)
                                                  if !result.trajectoryRows.isEmpty { try trajectoryFile?.write(result.trajectoryRows) }
                                                  if result.status == .ok && bandProblem == nil {
                                                      do throws(InputError) { try accumulator?.add(subject: String(result.summaryRow.prefix { $0 != "," }), times: result.sampleTimes, values: result.sampleValues) }
                                                      catch { bandProblem = error }
                                                  }
                                              })
            if let bandProblem { throw bandProblem }
            if let accumulator { try bandFile?.write(accumulator.csv(threads: execution.threads)) }
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
    if report.failed > 0 {
        let hint = individual ? "" : " (a value outside its plausible range on purpose needs --allow-outside-range)"
        FileHandle.standardError.write(Data("benzosim: \(report.failed) of \(selected.count) runs failed; their rows have status 'failed' and the reason\(hint)\n".utf8))
        OutputFiles.announce(written, "\(selected.count) runs", quiet: output.quiet)
        throw ExitCode(3)
    }
    OutputFiles.announce(written, String(format: "%d runs in %.1f s", selected.count, report.seconds), quiet: output.quiet)
}

/// Percentile bands asked of a population: which percentiles, and the file to write.
struct BandRequest {
    var percentiles: [Double]
    var path: String
}
