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

    @Option(help: ArgumentHelp("Simulate up to this time, e.g. 450d (default: the file's, or 14 days after the last dose).", valueName: "duration"))
    var until: String?

    @Option(help: ArgumentHelp("Sample at these times (h), comma-separated, e.g. 0,1,2.5,24.", valueName: "list"))
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

    @OptionGroup var table: EventTableOptions

    func validate() throws {
        if scenario == nil && regimen == nil && events == nil {
            throw ValidationError("give a scenario file, --regimen or --events (benzosim simulate --help shows an example)")
        }
        if let rtol, !(rtol > 0 && rtol < 1) {
            throw ValidationError("--rtol \(rtol) must be a number between 0 and 1 (e.g. 1e-8)")
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
        if species != nil && scenario != nil {
            throw ValidationError("--species applies only without a scenario file; set `species:` in the file instead")
        }
        if [every, times, afterEachDose].compactMap({ $0 }).count > 1 {
            throw ValidationError("give only one of --every, --times and --after-each-dose")
        }
        if let every, !((DurationSyntax.hours(every) ?? -1) > 0) {
            throw ValidationError("--every '\(every)' is not a duration > 0; expected \(DurationSyntax.expected)")
        }
        if let until, !((DurationSyntax.hours(until) ?? -1) > 0) {
            throw ValidationError("--until '\(until)' is not a duration > 0; expected \(DurationSyntax.expected)")
        }
        for (flag, list) in [("--times", times), ("--after-each-dose", afterEachDose)] {
            if let list, Self.hours(list) == nil {
                throw ValidationError("\(flag) '\(list)' must be comma-separated numbers of hours ≥ 0, e.g. 0,1,2.5")
            }
        }
    }

    /// Whether a sampling option replaces an event table's rows as the output.
    var keepsSampling: Bool { every != nil || times != nil || afterEachDose != nil }

    /// Comma-separated hours, each ≥ 0; nil if malformed.
    static func hours(_ list: String) -> [Double]? {
        let values = list.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
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
