import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim simulate`: one scenario → trajectory CSV (+ summary row).
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate one scenario and write its trajectory (and optionally its summary) as CSV.",
        discussion: """
        Samples at a dose time are the state just before the dose (a trough). With --events, every individual of the table is simulated to its own last row (or --until) and written one at a time: one output row per EVID 0 and EVID 2 row, in row order, a row after a dose row at the same TIME seeing the dose (Docs/EVENT_TABLES.md). --carry-out copies input columns, --tad adds the time after dose, --outputs selects columns.

        Examples (from the repository's directory):
          benzosim simulate Examples/scenarios/taper_10pct_2wk.yaml -o taper.csv
          benzosim simulate --regimen "10mg po q24h for 28d; then stop" \\
              --until 60d -o out.csv
          benzosim simulate Examples/scenarios/young_vs_elderly.yaml --set age=80 \\
              --summary elderly.csv -o -
          benzosim simulate --regimen=-5mg ...   (a regimen starting with '-' needs '=')
          benzosim simulate --events study.csv --carry-out DV,EVID --tad \\
              --outputs dz_plasma_ng_per_mL -o pred.csv
        """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(help: ArgumentHelp("Also write the per-run summary row (CSV) to this file.", valueName: "file"))
    var summary: String?

    @OptionGroup var figures: FigureOutputOptions

    func validate() throws {
        try scenario.requireScenarioFile()
    }

    func run() throws {
        // One subject, or every individual of an event table, simulated and written one at a time
        // (memory does not grow with the number of individuals).
        let resolved: Scenario
        var table: EventTable? = nil
        var columns: EventTableColumns? = nil
        var overrides: [String] = []
        let writer: EventTableTrajectoryWriter
        let manifestPath = OutputFiles.manifestPath(for: outputOptions)
        do {
            try OutputFiles.check([("-o", outputOptions.output), ("--summary", summary)], manifest: manifestPath, inputs: scenario.inputFiles)
            resolved = try scenario.resolve(applyingEvents: false)
            if let path = scenario.events {
                let loaded = try EventTableFile.load(path: path, separator: scenario.table.selectedSeparator)
                EventTableOptions.printNotes(of: loaded, file: path)
                if let until = scenario.until.flatMap(DurationSyntax.hours), !scenario.keepsSampling {
                    let late = loaded.subjects.flatMap(\.records).filter { $0.isOutput && $0.time > until }
                    if let first = late.first {
                        FileHandle.standardError.write(Data("benzosim: note: \(path): \(late.count) row\(late.count == 1 ? "" : "s") after --until \(scenario.until!) not written (the first on line \(first.line)); drop --until to write every row\n".utf8))
                    }
                }
                table = loaded
                let read = try scenario.table.columns(of: loaded, file: path)
                if !outputOptions.quiet { EventTableOptions.printUsage(read) }
                overrides = SetOverrides.notes(assignments: try scenario.setAssignments(), table: loaded, columns: read)
                EventTableOptions.printNotes(overrides, file: path)
                columns = read
            } else {
                try scenario.checkBeforeRunning([("1", resolved)])
            }
            writer = try scenario.table.writer(format: outputOptions.trajectoryFormat, table: table, file: scenario.events)
        } catch {
            throw fail(error)
        }
        let until = scenario.until.flatMap(DurationSyntax.hours)
        let count = table?.subjects.count ?? 1
        let name = scenario.scenario.map(PlotInputs.baseName) ?? resolved.regimenText ?? "simulation"
        var plotRuns: [PlotRun] = []
        var samples = 0, steps = 0
        let files = OutputSet()
        let written: [String]
        do {
            do {
                let trajectoryFile = try files.open(outputOptions.output)
                let summaryFile = try summary.map { path throws(OutputError) in try files.open(path) }
                var manifest = Manifests.make(for: resolved, count: count, seed: nil, shard: .whole, threads: 1, assignments: [])
                if let columns { manifest.describe(columns, setOverrides: overrides) }
                try OutputFiles.add(manifest, at: manifestPath, to: files)
                let summaryWriter = SummaryWriter(assignmentNames: [])
                try trajectoryFile.write(writer.header)
                try summaryFile?.write(summaryWriter.header)
                // One individual at a time: memory does not grow with the number of individuals.
                for index in 0..<count {
                    let id = table?.subjects[index].id ?? "1"
                    let subjectScenario: Scenario
                    let result: ScenarioResult
                    do {
                        if let table {
                            subjectScenario = try resolved.forSubject(table.subjects[index], keepSampling: scenario.keepsSampling,
                                                                      until: until, columns: columns)
                            try scenario.checkBeforeRunning([(id, subjectScenario)])
                        } else {
                            subjectScenario = resolved
                        }
                    } catch {
                        files.discard()
                        throw fail(error)
                    }
                    do {
                        result = try subjectScenario.run(budget: scenario.budget)
                    } catch {
                        files.discard()
                        switch error {
                        case .input(let input): throw fail(input)
                        case .solver:
                            FileHandle.standardError.write(Data("benzosim: error: subject \(id): \(error)\n".utf8))
                            throw ExitCode(70)
                        }
                    }
                    let run = RunSpec(index: index, id: id, assignments: [])
                    try trajectoryFile.write(writer.rows(id: id, result: result, regimen: subjectScenario.regimen))
                    try summaryFile?.write(summaryWriter.row(run: run, summary: result.summary))
                    samples += result.trajectory.times.count
                    steps += result.trajectory.statistics.steps
                    if figures.isRequested {
                        plotRuns.append(PlotRun(name: count == 1 ? name : "\(name):\(id)", scenario: subjectScenario, result: result))
                    }
                }
                written = try files.commit()
            } catch let error as OutputError {
                files.discard()
                throw error
            }
        } catch let error as OutputError {
            throw fail(error)
        }
        if figures.isRequested { try figures.write(runs: plotRuns, bands: [], title: name) }
        OutputFiles.announce(written, "\(count) subject\(count == 1 ? "" : "s"), \(samples) samples; \(steps) solver steps",
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
