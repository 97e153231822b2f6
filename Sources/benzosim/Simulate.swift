import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim simulate`: one scenario → trajectory CSV (+ summary row).
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate one scenario and write its trajectory (and optionally its summary) as CSV.",
        discussion: """
        Samples at a dose time are the state just before the dose (a trough). With --events, every subject of the table is simulated and its ID written in the id column.

        Examples (from the repository's directory):
          benzosim simulate Examples/scenarios/taper_10pct_2wk.yaml -o taper.csv
          benzosim simulate --regimen "10mg po q24h for 28d; then stop" \\
              --until 60d -o out.csv
          benzosim simulate Examples/scenarios/young_vs_elderly.yaml --set age=80 \\
              --summary elderly.csv -o -
          benzosim simulate --regimen=-5mg ...   (a regimen starting with '-' needs '=')
        """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(help: ArgumentHelp("Also write the per-run summary row (CSV) to this file.", valueName: "file"))
    var summary: String?

    @OptionGroup var figures: FigureOutputOptions

    func run() throws {
        // One subject, or every subject of an event table (its IDs in the `id` column).
        var subjects: [(id: String, scenario: Scenario)] = []
        let resolved: Scenario
        let manifestPath = OutputFiles.manifestPath(for: outputOptions)
        do {
            try OutputFiles.check([("-o", outputOptions.output), ("--summary", summary)], manifest: manifestPath, inputs: scenario.inputFiles)
            (resolved, subjects) = try scenario.subjects()
            try scenario.checkBeforeRunning(subjects)
        } catch {
            throw fail(error)
        }
        var results: [(run: RunSpec, result: ScenarioResult)] = []
        for (index, subject) in subjects.enumerated() {
            do {
                results.append((RunSpec(index: index, id: subject.id, assignments: []), try subject.scenario.run(budget: scenario.budget)))
            } catch {
                switch error {
                case .input(let input): throw fail(input)
                case .solver:
                    FileHandle.standardError.write(Data("benzosim: error: subject \(subject.id): \(error)\n".utf8))
                    throw ExitCode(70)
                }
            }
        }
        let format = outputOptions.trajectoryFormat
        let files = OutputSet()
        let written: [String]
        do {
            do {
                let trajectoryFile = try files.open(outputOptions.output)
                let summaryFile = try summary.map { path throws(OutputError) in try files.open(path) }
                try OutputFiles.add(Manifests.make(for: resolved, count: results.count, seed: nil, shard: .whole, threads: 1, assignments: []),
                                    at: manifestPath, to: files)
                try trajectoryFile.write(format.header)
                for (run, result) in results {
                    try trajectoryFile.write(format.rows(id: run.id, trajectory: result.trajectory, model: result.model))
                }
                if let summaryFile {
                    let writer = SummaryWriter(assignmentNames: [])
                    try summaryFile.write(writer.header)
                    for (run, result) in results { try summaryFile.write(writer.row(run: run, summary: result.summary)) }
                }
                written = try files.commit()
            } catch {
                files.discard()
                throw error
            }
        } catch let error as OutputError {
            throw fail(error)
        }
        if figures.isRequested {
            let name = scenario.scenario.map(PlotInputs.baseName) ?? resolved.regimenText ?? "simulation"
            let runs = results.indices.map { k in
                PlotRun(name: results.count == 1 ? name : "\(name):\(results[k].run.id)", scenario: subjects[k].scenario, result: results[k].result)
            }
            try figures.write(runs: runs, bands: [], title: name)
        }
        let samples = results.map(\.result.trajectory.times.count).reduce(0, +)
        let steps = results.map(\.result.trajectory.statistics.steps).reduce(0, +)
        OutputFiles.announce(written, "\(results.count) subject\(results.count == 1 ? "" : "s"), \(samples) samples; \(steps) solver steps",
                             quiet: outputOptions.quiet)
    }
}

/// Run manifests: what was run, with which settings and every parameter value.
enum Manifests {
    static func make(for scenario: Scenario, count: Int, seed: UInt64?, shard: Shard, threads: Int,
                     assignments: [String]) -> RunManifest {
        var parameters: [String: Double] = [:]
        for p in ParameterName.allCases { parameters[p.definition.name] = scenario.parameters[p] }
        let c = scenario.covariates
        var settings = [
            "species": scenario.species.rawValue, "weight_kg": "\(c.weight)", "age_years": "\(c.age)",
            "sex": c.sex.rawValue, "cyp2c19": c.cyp2c19.rawValue, "tspo_knockout": "\(scenario.tspoKnockout)",
            "end_time_h": "\(scenario.endTime)", "sampling": "\(scenario.sampling)",
            "pk": scenario.solver.pharmacokinetics.rawValue, "max_step_h": "\(scenario.solver.maxStep)",
        ]
        if let text = scenario.regimenText { settings["regimen"] = text }
        return RunManifest(version: BenzosimVersion.current, command: commandLine, seed: seed,
                           method: scenario.solver.method.rawValue,
                           tolerances: .init(rtol: scenario.solver.rtol, atol: scenario.solver.atol),
                           shard: shard, threads: threads, count: count, parameters: parameters,
                           assignments: assignments, settings: settings,
                           resolved: (try? scenario.makeModel()).map(RunManifest.resolvedValues(of:)))
    }
}
