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

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads \(threads) must be at least 1") }
        if let shard {
            do { _ = try Shard(parse: shard) } catch { throw ValidationError(error.problems.map(\.message).joined(separator: "; ")) }
        }
    }

    var selectedShard: Shard { shard.map { try! Shard(parse: $0) } ?? .whole }
}

/// Runs a plan on the base scenario and writes the summary (and trajectories), then the manifest.
/// Exits 3 if some runs failed (their rows say why).
/// `individual`: the plan's parameter values are virtual subjects' (population), checked only
/// against physical bounds.
/// `events`: the runs use an event table's individuals (`EventTableSubjects`), as a population
/// (run i on individual i mod n) or a sweep (`plan` from `sweepPlan`); `common` is then already in them.
func execute(plan: [RunSpec], base: Scenario, common: [Assignment], individual: Bool = false, seed: UInt64?,
             output: OutputOptions, execution: ExecutionOptions,
             events: (subjects: EventTableSubjects, population: Bool)? = nil,
             columns: EventTableTrajectoryWriter? = nil) throws {
    // Catch misspelt names and bad values before any output exists: try the first run.
    if let first = plan.first {
        let individuals = individual ? Set(first.assignments.map(\.name)) : []
        do { _ = try base.applying(common + first.assignments, individualParameters: individuals) } catch { throw fail(error) }
    }
    let names = SweepPlan.assignmentNames(of: plan)      // the whole plan: every shard has the same header
    let shard = execution.selectedShard
    let selected = shard.select(plan)
    let writer = SummaryWriter(assignmentNames: names)
    let format: TrajectoryFormat? = execution.trajectories == nil ? nil : output.trajectoryFormat
    let report: ExecutionReport
    do {
        let summaryFile = try AtomicOutput(path: output.output)
        let trajectoryFile = try execution.trajectories.map { path throws(OutputError) in try AtomicOutput(path: path) }
        do {
            try summaryFile.write(writer.header)
            if let format { try trajectoryFile?.write(columns?.header ?? format.header) }
            let progress = ProgressReporter(total: selected.count, quiet: output.quiet)
            report = try ParallelExecutor.run(selected, threads: execution.threads, progress: progress,
                                              body: { run in
                                                  guard let events else {
                                                      return base.output(for: run, common: common, individual: individual, summary: writer, trajectories: format, columns: columns)
                                                  }
                                                  if events.population {
                                                      let (scenario, adjusted) = events.subjects.populationRun(run, total: plan.count)
                                                      return scenario.output(for: adjusted, individual: individual, summary: writer, trajectories: format, columns: columns)
                                                  }
                                                  return events.subjects.sweepScenario(run).output(for: run, summary: writer, trajectories: format, columns: columns)
                                              },
                                              emit: { (result: RunOutput) throws(OutputError) in
                                                  try summaryFile.write(result.summaryRow)
                                                  if !result.trajectoryRows.isEmpty { try trajectoryFile?.write(result.trajectoryRows) }
                                              })
            try summaryFile.commit()
            try trajectoryFile?.commit()
        } catch {
            summaryFile.discard()
            trajectoryFile?.discard()
            throw error
        }
        if !output.noManifest {
            try Manifests.make(for: base, count: plan.count, seed: seed, shard: shard, threads: execution.threads,
                               assignments: names).write(beside: output.output)
        }
    } catch let error as OutputError {
        throw fail(error)
    }
    if report.failed > 0 {
        FileHandle.standardError.write(Data("benzosim: \(report.failed) of \(selected.count) runs failed; their rows have status 'failed' and the reason\n".utf8))
        throw ExitCode(3)
    }
    if !output.quiet && output.output != "-" {
        FileHandle.standardError.write(Data(String(format: "benzosim: wrote %@ (%d runs in %.1f s)\n", output.output, selected.count, report.seconds).utf8))
    }
}
