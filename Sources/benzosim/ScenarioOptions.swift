import ArgumentParser
import ODE
import Pharmacology
import Sweep

/// How a scenario is given: a file and/or options that override it. Shared by every command that
/// simulates.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "Scenario file (.yaml, .yml, .toml or .json). Optional when --regimen or --events is given.")
    var scenario: String?

    @Option(help: ArgumentHelp("Regimen in the regimen language, e.g. \"10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop\" (see Docs/REGIMEN_LANGUAGE.md). Overrides the file's regimen.", valueName: "text"))
    var regimen: String?

    @Option(help: ArgumentHelp("NONMEM-style event table (CSV: ID, TIME, AMT, CMT, EVID, RATE, II, ADDL; WT and AGE columns are covariates). simulate runs every subject.", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("Species when no scenario file is given: human or mouse.", valueName: "name"))
    var species: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set a parameter, covariate (weight, age, sex, cyp2c19, tspo_knockout) or regimen {placeholder}, overriding the file. Repeatable.", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("Sample every this long, e.g. 1h, 30min, 1d.", valueName: "duration"))
    var every: String?

    @Option(help: ArgumentHelp("Simulate up to this time, e.g. 450d or 6mo (default: the file's, or 14 days after the last dose).", valueName: "duration"))
    var until: String?

    @Option(help: ArgumentHelp("Sample at these times, comma-separated, in hours or with a unit, e.g. 0,1,2.5,24 or 1d,1w,6mo.", valueName: "list"))
    var times: String?

    @Option(help: ArgumentHelp("Sample at these offsets after every dose (h), comma-separated, e.g. 0,1,2,4,8 (0 = trough).", valueName: "list"))
    var afterEachDose: String?

    @Option(help: ArgumentHelp("ODE solver (benzosim methods lists them).", valueName: "name"))
    var method: String?

    @Option(help: ArgumentHelp("How the linear PK is solved: exact (closed form between doses, the default) or integrated (all 12 states by the solver).", valueName: "exact|integrated"))
    var pk: String?

    @Option(help: "Relative tolerance (> 0).")
    var rtol: Double?

    @Option(help: "Absolute tolerance (> 0; mg for drug amounts).")
    var atol: Double?

    @Option(help: ArgumentHelp("Most samples per subject (a guard against typos such as --every 1e-9h).", valueName: "n"))
    var maxSamples: Int = RunBudget.standard.samplesPerSubject

    @Option(help: ArgumentHelp("Longest simulated span (a guard against typos such as --until 1e12h).", valueName: "duration"))
    var maxSpan: String = "36525d"

    /// The input files, which no output may overwrite.
    var inputFiles: [(option: String, path: String?)] {
        [("the scenario file", scenario), ("the event table --events", events)]
    }

    /// The size limits given by `--max-samples` and `--max-span` (runs per plan: the default).
    var budget: RunBudget {
        RunBudget(samplesPerSubject: maxSamples, span: DurationSyntax.hours(maxSpan) ?? RunBudget.standard.span)
    }

    @OptionGroup var table: EventTableOptions

    func validate() throws {
        if scenario == nil && regimen == nil && events == nil {
            throw ValidationError("give a scenario file, --regimen or --events (benzosim simulate --help shows an example)")
        }
        if let regimen, let events {
            // The table's dose rows replace any regimen: --regimen would be silently ignored.
            throw ValidationError("--regimen '\(regimen)' and --events \(events) both give the doses, and an event table's "
                                  + "dose rows are the doses: drop --regimen, or write its doses as rows of \(events)")
        }
        if let rtol, !(rtol > 0 && rtol < 1) {
            throw ValidationError("--rtol \(rtol) must be a number between 0 and 1 (e.g. 1e-8)")
        }
        if let rtol, rtol < RunBudget.smallestRelativeTolerance {
            throw ValidationError("--rtol \(rtol) is below \(RunBudget.smallestRelativeTolerance), the smallest relative tolerance double precision can honour (e.g. 1e-10)")
        }
        guard maxSamples >= 1 else { throw ValidationError("--max-samples \(maxSamples) must be at least 1") }
        guard let span = DurationSyntax.hours(maxSpan), span > 0, span.isFinite else {
            throw ValidationError("--max-span '\(maxSpan)' is not a finite duration > 0; expected \(DurationSyntax.expected)")
        }
        if let atol, !(atol > 0) {
            throw ValidationError("--atol \(atol) must be a number > 0 (e.g. 1e-10)")
        }
        if let method, ODEMethod(rawValue: method.lowercased()) == nil {
            throw ValidationError("--method '\(method)' is not a solver; use one of \(ODEMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let pk, PKSolution(rawValue: pk.lowercased()) == nil {
            throw ValidationError("--pk '\(pk)' is not a PK solution; use exact or integrated")
        }
        if let species, Species(rawValue: species) == nil {
            throw ValidationError("--species '\(species)' is not a species; use human or mouse")
        }
        if species != nil && scenario != nil && !scenarioIsEventTable {
            throw ValidationError("--species applies only without a scenario file; set `species:` in the file instead")
        }
        if [every, times, afterEachDose].compactMap({ $0 }).count > 1 {
            throw ValidationError("give only one of --every, --times and --after-each-dose")
        }
        for (flag, text) in [("--every", every), ("--until", until)] {
            if let text, !((DurationSyntax.hours(text) ?? -1) > 0) {
                throw ValidationError("\(flag) '\(text)' is not a duration > 0; expected \(DurationSyntax.expected)")
            }
            if let text, !DurationSyntax.hours(text)!.isFinite {
                throw ValidationError("\(flag) '\(text)' is not finite; expected \(DurationSyntax.expected)")
            }
        }
        do {
            if let until { try budget.checkSpan(DurationSyntax.hours(until)!, kind: .usage, field: "--until", "--until \(until)") }
            if let every, let until {
                let samples = (DurationSyntax.hours(until)! / DurationSyntax.hours(every)!).rounded(.down) + 1
                try budget.checkSamples(samples, kind: .usage, field: nil, "--every \(every) --until \(until)")
            }
        } catch {
            throw ValidationError(error.problems.map(\.description).joined(separator: "; "))
        }
        for (flag, list) in [("--times", times), ("--after-each-dose", afterEachDose)] {
            if let list, Self.hours(list) == nil {
                throw ValidationError("\(flag) '\(list)' must be comma-separated times ≥ 0, in hours or with a unit (min, h, d, w, mo), e.g. 0,1,2.5,1d")
            }
        }
    }

    /// Whether the scenario argument is an event table (a `.csv` file): `validate` checks it as
    /// `--events FILE`; the commands that simulate refuse it (`requireScenarioFile`).
    var scenarioIsEventTable: Bool { scenario?.lowercased().hasSuffix(".csv") == true }

    /// Refuses an event table in the scenario argument, with the fix. A scenario file and an event
    /// table combine (the file is the subject the table's individuals are built on), so the argument
    /// is never read as the table: `simulate a.yaml --events b.csv` would otherwise be ambiguous
    /// with `simulate b.csv`, and in `sweep` a `.csv` may as well be a run list.
    /// - Parameter list: also name `--list FILE` (sweep's run list is a CSV too).
    func requireScenarioFile(list: Bool = false) throws {
        guard let scenario, scenarioIsEventTable else { return }
        throw ValidationError("\(scenario) looks like an event table: pass it with --events \(scenario)"
                              + (list ? " (or, if it is a list of runs, with --list \(scenario))" : "")
                              + "; the file argument is a scenario file (.yaml, .yml, .toml or .json)")
    }

    /// Whether a sampling option replaces an event table's rows as the output.
    var keepsSampling: Bool { every != nil || times != nil || afterEachDose != nil }

    /// Comma-separated times, each ≥ 0 and finite, in hours or with a unit (`0,30min,2h,1d,6mo`);
    /// nil if malformed.
    static func hours(_ list: String) -> [Double]? {
        let values = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { DurationSyntax.hours(String($0)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else { return nil }
        return values.map { $0! }
    }

    /// The scenario: the file (or defaults), then the options, then `--set`. With
    /// `applyingSet: false` the `--set` assignments are left for the caller (sweeps apply them per
    /// run, after filling regimen placeholders).
    /// With `applyingEvents: false` an event table is left for the caller too (applied per
    /// individual with `Scenario.forSubject`).
    func resolve(applyingSet: Bool = true, applyingEvents: Bool = true) throws(InputError) -> Scenario {
        var scenario: Scenario
        if let path = self.scenario {
            scenario = try ScenarioFile.load(path: path)
        } else {
            let chosen = Species(rawValue: species ?? "human") ?? .human
            scenario = Scenario(species: chosen, regimen: .empty, endTime: 24)
            scenario.endTime = .nan   // decided below from the regimen
        }
        if let text = regimen {
            scenario.regimenText = text
            if !text.contains("{") {
                do {
                    scenario.regimen = try RegimenLanguage.parse(text)
                } catch {
                    throw InputError(.data, column: error.column, field: "--regimen", error.message)
                }
            }
            scenario.resetTimes = []
        }
        if let path = events, applyingEvents {
            let subject = try Self.firstSubject(ofTable: path, separator: table.selectedSeparator)
            scenario = try scenario.forSubject(subject, keepSampling: keepsSampling, until: until.flatMap(DurationSyntax.hours))
        }
        if let every { scenario.sampling = .every(step: DurationSyntax.hours(every)!) }
        if let times { scenario.sampling = .times(Self.hours(times)!.sorted()) }
        if let afterEachDose { scenario.sampling = .doseRelative(offsets: Self.hours(afterEachDose)!.sorted()) }
        if let until {
            scenario.endTime = DurationSyntax.hours(until)!
        } else if events == nil && (self.scenario == nil || regimen != nil) {  // an event table's individuals end at their own last row
            if self.scenario == nil || !scenario.endTime.isFinite {
                scenario.endTime = (scenario.regimen.lastDoseTime ?? 0) + 14 * 24
            }
        }
        if let method { scenario.solver.method = ODEMethod(rawValue: method.lowercased())! }
        if let pk { scenario.solver.pharmacokinetics = PKSolution(rawValue: pk.lowercased())! }
        if let rtol { scenario.solver.rtol = rtol }
        if let atol { scenario.solver.atol = atol }
        return applyingSet ? try scenario.applying(try setAssignments()) : scenario
    }

    /// What `simulate` runs: the resolved scenario, and its one subject (id `1`) or every
    /// subject of the `--events` table; with a table, also the `--set` options its columns
    /// override (`SetOverrides.notes`).
    func subjects() throws(InputError) -> (resolved: Scenario, subjects: [(id: String, scenario: Scenario)], setOverrides: [String]) {
        let resolved = try resolve(applyingEvents: false)
        guard let path = events else { return (resolved, [("1", resolved)], []) }
        let table = try EventTableFile.load(path: path, separator: self.table.selectedSeparator)
        let columns = try self.table.columns(of: table, file: path)
        let until = self.until.flatMap(DurationSyntax.hours)
        return (resolved, try table.subjects.map { subject throws(InputError) in
            (subject.id, try resolved.forSubject(subject, keepSampling: keepsSampling, until: until, columns: columns))
        }, SetOverrides.notes(assignments: try setAssignments(), table: table, columns: columns))
    }

    /// The checks made on every subject before any is simulated (`simulate` and `validate` run
    /// exactly these): the budget (`Scenario.check(budget:)`) and the model's covariates.
    /// Problems name the subject when there are several.
    func checkBeforeRunning(_ subjects: [(id: String, scenario: Scenario)]) throws(InputError) {
        for subject in subjects {
            do {
                try subject.scenario.check(budget: budget)
                _ = try subject.scenario.makeModel()
            } catch {
                // The values come from the table or the file (options were checked already).
                let file = events ?? scenario
                throw InputError(error.kind, error.problems.map { problem in
                    var p = problem
                    if p.file == nil && regimen == nil { p.file = file }
                    if subjects.count > 1 { p.message = "subject \(subject.id): " + p.message }
                    return p
                })
            }
        }
    }

    /// The parsed `--set NAME=VALUE` options.
    func setAssignments() throws(InputError) -> [Assignment] {
        var parsed: [Assignment] = []
        var problems: [InputProblem] = []
        for text in assignments {
            do { parsed.append(try Assignment.parse(text)) } catch { problems += error.problems }
        }
        if !problems.isEmpty { throw InputError(.usage, problems.map { var p = $0; p.field = p.field ?? "--set"; return p }) }
        return parsed
    }

    static func firstSubject(ofTable path: String, separator: EventTableSeparator?) throws(InputError) -> EventTable.Subject {
        let table = try EventTableFile.load(path: path, separator: separator)
        guard let first = table.subjects.first else {
            throw InputError(.data, file: path, "the event table has no subjects")
        }
        return first
    }
}

import Foundation
