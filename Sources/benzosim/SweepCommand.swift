import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim sweep`: a grid, an explicit list or a Latin hypercube over any parameter, covariate or
/// regimen placeholder → one summary row per run.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid, a list or a Latin hypercube over parameters, covariates or regimen placeholders.",
        discussion: """
        Names are parameters (benzosim params), covariates (weight, age, sex, cyp2c19, tspo_knockout) or {placeholders} in the regimen text, e.g. regimen "{dose}mg po q24h for 182d; then stop". One summary row per run, in plan order, whatever --threads; --shard K/N slices concatenate to the whole.

        Examples (from the repository's directory):
          benzosim sweep Examples/scenarios/sweep_dose_and_tspo.yaml \\
              --grid dose=5,10,20 --grid cut=10,25 -o grid.csv
          benzosim sweep Examples/scenarios/abrupt_stop.yaml \\
              --lhs Ki_tspo_dz=1:1000:log --count 200 -o lhs.csv
          benzosim sweep Examples/scenarios/abrupt_stop.yaml \\
              --grid k_syn=0.002,0.005,0.01 --shard 2/3 -o part2.csv
          benzosim sweep Examples/scenarios/abrupt_stop.yaml \\
              --grid V1=10,50 --allow-outside-range -o beyond.csv
        """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var execution: ExecutionOptions

    @Option(help: ArgumentHelp("A grid axis: NAME=v1,v2,… (repeatable; the first axis varies slowest).", valueName: "NAME=values"))
    var grid: [String] = []

    @Option(help: ArgumentHelp("An explicit list of runs: a CSV whose header names the inputs and whose rows give their values.", valueName: "file"))
    var list: String?

    @Option(help: ArgumentHelp("A Latin-hypercube range: NAME=LOW:HIGH or NAME=LOW:HIGH:log (repeatable; needs --count).", valueName: "NAME=range"))
    var lhs: [String] = []

    @Option(help: "Number of Latin-hypercube runs (e.g. 200 or 1e4).")
    var count: RunCount?

    @Option(help: "Random seed of the Latin hypercube.")
    var seed: UInt64 = 1

    @OptionGroup var figures: FigureOutputOptions

    @Flag(help: "Let swept parameter values step past their plausible range on purpose (physical bounds, e.g. ≥ 0 and fractions ≤ 1, still apply, and so do the magnitudes the arithmetic can use, 2^-511 to 2^511).")
    var allowOutsideRange = false

    func validate() throws {
        try scenario.requireScenarioFile(list: true)
        let designs = [!grid.isEmpty, list != nil, !lhs.isEmpty].filter { $0 }.count
        guard designs == 1 else {
            throw ValidationError("give exactly one design: --grid (repeatable), --list FILE or --lhs (repeatable) with --count")
        }
        if !lhs.isEmpty { guard count != nil else { throw ValidationError("--lhs needs --count N with N ≥ 1") } }
        if lhs.isEmpty && count != nil { throw ValidationError("--count applies to --lhs only") }
        try figures.validate(trajectories: execution.trajectories, bands: false)
    }

    func run() throws {
        var plan: RunPlan
        let base: Scenario
        let common: [Assignment]
        var events: EventTableSubjects? = nil, columns: EventTableTrajectoryWriter? = nil, eventSettings: [String: String] = [:]
        do {
            base = try scenario.resolve(applyingSet: false, applyingEvents: false)
            common = try scenario.setAssignments()
            plan = try makePlan()
            // With --events: every design point for every individual of the table (Docs/EVENT_TABLES.md).
            // (Without --events the base is not needed: its placeholders are filled per run.)
            let typical = scenario.events == nil ? base : try base.applying(common)
            (events, columns, eventSettings) = try EventTableOptions.subjects(scenario, typical: typical,
                                                               format: outputOptions.trajectoryFormat, quiet: outputOptions.quiet)
            if let events { plan = RunPlan(events.sweepPlan(Array(plan))) }
        } catch {
            throw fail(error)
        }
        try execute(plan: plan, base: base, common: common, individual: allowOutsideRange, seed: lhs.isEmpty ? nil : seed,
                    budget: execution.budget(scenario), inputs: scenario.inputFiles + [("the run list --list", list)],
                    output: outputOptions, execution: execution, events: events.map { ($0, false) }, columns: columns,
                    settings: eventSettings)
        if figures.isRequested {
            let loaded = try figures.load(trajectories: execution.trajectories, bands: nil)
            try figures.write(runs: loaded.runs, bands: [], title: scenario.scenario.map(PlotInputs.baseName) ?? "sweep",
                              summaries: outputOptions.output == "-" ? [] : [outputOptions.output],
                              regimen: base.regimenText, parameterChanges: PlotRun.changes(of: base))
        }
    }

    func makePlan() throws(InputError) -> RunPlan {
        if !grid.isEmpty {
            var axes: [(name: String, values: [Assignment.Value])] = []
            for text in grid {
                guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                    throw InputError(.usage, field: "--grid", "'\(text)' must be NAME=v1,v2,…")
                }
                let name = String(text[..<eq])
                let values = text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if values.contains(where: \.isEmpty) {
                    throw InputError(.usage, field: "--grid", "'\(text)' has an empty value; expected NAME=v1,v2,…")
                }
                axes.append((name, values.map { Double($0).map(Assignment.Value.number) ?? .text($0) }))
            }
            let size = axes.map { Double($0.values.count) }.reduce(1, *)
            try execution.budget(scenario).checkRuns(size, field: "--grid", "the grid (\(axes.map { String($0.values.count) }.joined(separator: " × ")))")
            try checkRepresentable(axes.flatMap { axis in axis.values.map { (Assignment(axis.name, $0), "--grid \(axis.name)") } })
            return try SweepPlan.grid(axes)
        }
        if let list {
            let rows = try Self.readList(list)
            try checkRepresentable(rows.enumerated().flatMap { i, row in row.map { ($0, "--list \(list), run \(i + 1)") } })
            return try SweepPlan.list(rows)
        }
        var ranges: [(name: String, lower: Double, upper: Double, scale: SweepPlan.Scale)] = []
        for text in lhs {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let bounds = parts.count == 2 ? parts[1].split(separator: ":").map(String.init) : []
            guard parts.count == 2, !parts[0].isEmpty, bounds.count == 2 || bounds.count == 3,
                  let low = Double(bounds[0]), let high = Double(bounds[1]), low.isFinite, high.isFinite, low < high,
                  bounds.count == 2 || SweepPlan.Scale(rawValue: bounds[2]) != nil else {
                throw InputError(.usage, field: "--lhs", "'\(text)' must be NAME=LOW:HIGH or NAME=LOW:HIGH:log with LOW < HIGH")
            }
            let scale = bounds.count == 3 ? SweepPlan.Scale(rawValue: bounds[2])! : .linear
            if scale == .log && low <= 0 { throw InputError(.usage, field: "--lhs", "'\(text)': a log range needs LOW > 0") }
            ranges.append((parts[0], low, high, scale))
        }
        try checkRepresentable(ranges.flatMap { r in
            [r.lower, r.upper].map { (Assignment(r.name, .number($0)), "--lhs \(r.name)=\(Assignment.Value.number(r.lower)):\(Assignment.Value.number(r.upper))") }
        })
        let budget = execution.budget(scenario)
        let runs = try count!.checked(budget, option: "--count", text: countText)
        return try SweepPlan.latinHypercube(ranges: ranges, count: runs, seed: seed)
    }

    /// Refuses, before anything runs, a design value of a parameter that the model's arithmetic
    /// cannot use (`ParameterSet.checkRepresentable`: beyond 2^±511, 0 for a volume or affinity, ∞
    /// but for an affinity), also with --allow-outside-range, which admits physiologically unusual
    /// values, not numerically meaningless ones. The values are the design's own (grid values, list
    /// rows, Latin-hypercube bounds: every sample lies between them), not the runs, which a large
    /// plan only makes on demand. One problem per parameter, at its first bad value.
    func checkRepresentable(_ values: [(assignment: Assignment, context: String)]) throws(InputError) {
        let note = allowOutsideRange ? "; --allow-outside-range admits physiologically unusual values, not these" : ""
        var problems: [InputProblem] = [], reported: Set<String> = []
        for (a, context) in values where !reported.contains(a.name) {
            guard let p = ParameterName(name: a.name), case .number(let x) = a.value else { continue }
            do { try ParameterSet.checkRepresentable(p, x) } catch {
                reported.insert(a.name)
                problems.append(InputProblem(field: a.name, message: "\(error.description) (\(context))\(note)"))
            }
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
    }

    /// `--count` as typed (for messages).
    var countText: String { count.map { RunBudget.count($0.value) } ?? "" }

    /// A CSV of runs: header = input names, one row per run.
    static func readList(_ path: String) throws(InputError) -> [[Assignment]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(.noInput, file: path, "cannot read the run list")
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw InputError(.data, file: path, "the run list is empty: expected a header of input names and one row per run") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count > 1 else { throw InputError(.data, file: path, line: 1, "the run list has a header but no runs") }
        var rows: [[Assignment]] = []
        var problems: [InputProblem] = []
        for (i, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == names.count else {
                problems.append(InputProblem(file: path, line: i + 2, message: "\(fields.count) values for \(names.count) names (\(names.joined(separator: ",")))"))
                continue
            }
            rows.append(zip(names, fields).map { Assignment($0, Double($1).map(Assignment.Value.number) ?? .text($1)) })
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
        return rows
    }
}
