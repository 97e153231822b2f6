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

        Examples:
          benzosim simulate Examples/scenarios/taper_10pct_2wk.yaml -o taper.csv
          benzosim simulate --regimen "10mg po q24h for 28d; then stop" --until 60d -o out.csv
          benzosim simulate young_vs_elderly.yaml --set age=80 --summary elderly.csv -o -
          benzosim simulate --events study.csv --carry-out DV,EVID --tad --outputs dz_plasma_ng_per_mL -o pred.csv
        """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var outputOptions: OutputOptions

    @Option(help: ArgumentHelp("Also write the per-run summary row (CSV) to this file.", valueName: "file"))
    var summary: String?

    func run() throws {
        // One subject, or every individual of an event table, simulated and written one at a time
        // (memory does not grow with the number of individuals).
        let resolved: Scenario
        var table: EventTable? = nil
        var columns: EventTableColumns? = nil
        let writer: EventTableTrajectoryWriter
        do {
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
                columns = read
            }
            writer = try scenario.table.writer(format: outputOptions.trajectoryFormat, table: table, file: scenario.events)
        } catch {
            throw fail(error)
        }
        let until = scenario.until.flatMap(DurationSyntax.hours)
        let count = table?.subjects.count ?? 1
        var samples = 0, steps = 0
        do {
            let trajectoryFile = try AtomicOutput(path: outputOptions.output)
            let summaryFile = try summary.map { path throws(OutputError) in try AtomicOutput(path: path) }
            let summaryWriter = SummaryWriter(assignmentNames: [])
            do {
                try trajectoryFile.write(writer.header)
                try summaryFile?.write(summaryWriter.header)
                for index in 0..<count {
                    let id = table?.subjects[index].id ?? "1"
                    let subjectScenario: Scenario
                    if let table {
                        do {
                            subjectScenario = try resolved.forSubject(table.subjects[index], keepSampling: scenario.keepsSampling,
                                                                      until: until, columns: columns)
                        } catch {
                            trajectoryFile.discard()
                            summaryFile?.discard()
                            throw fail(error)
                        }
                    } else {
                        subjectScenario = resolved
                    }
                    let result: ScenarioResult
                    do {
                        result = try subjectScenario.run()
                    } catch {
                        trajectoryFile.discard()
                        summaryFile?.discard()
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
                }
                try trajectoryFile.commit()
                try summaryFile?.commit()
            } catch let error as OutputError {
                trajectoryFile.discard()
                summaryFile?.discard()
                throw error
            }
            if !outputOptions.noManifest {
                var manifest = Manifests.make(for: resolved, count: count, seed: nil, shard: .whole, threads: 1, assignments: [])
                if let columns { manifest.describe(columns) }
                try manifest.write(beside: outputOptions.output)
            }
        } catch let error as OutputError {
            throw fail(error)
        }
        if outputOptions.output != "-" && !outputOptions.quiet {
            FileHandle.standardError.write(Data("benzosim: wrote \(outputOptions.output) (\(count) subject\(count == 1 ? "" : "s"), \(samples) samples; \(steps) solver steps)\n".utf8))
        }
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
                           assignments: assignments, settings: settings)
    }
}
