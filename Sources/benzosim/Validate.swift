import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim validate`: check scenario files and event tables and report every problem, without running.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files (.yaml/.yml/.toml/.json), event tables (.csv) and regimen text without simulating.",
        discussion: """
        Each input is read and checked exactly as simulate reads it with the same options (--regimen, --set, --every, --until, size limits, …), without simulating: a .csv file as simulate --events FILE reads it (with --species, --set, the table options), any other file as a scenario file (the commands that simulate take an event table only as --events FILE). Every problem is reported as file:line:column: field: message, with simulate's exit code for the same input: 0 if all inputs are valid, 64 for a usage error (e.g. a file name without a scenario extension), 65 for a problem in the data, 66 if a file cannot be read; with several inputs, the highest.

        Examples:
          benzosim validate Examples/scenarios/*.yaml
          benzosim validate --regimen "10mg po q24h for 180d; then taper 10% q14d"
          benzosim validate Examples/scenarios/abrupt_stop.yaml --set age=80
          benzosim validate --doses Examples/scenarios/taper_10pct_2wk.yaml
          benzosim validate study.csv --species mouse   (as simulate --events study.csv --species mouse)
        """)

    /// The options of `benzosim simulate` (--regimen, --events, --set, --every, --until, --rtol, …),
    /// applied to every file; the first file is this group's scenario argument.
    @OptionGroup var scenario: ScenarioOptions

    @Argument(help: "More files to check (.yaml/.yml/.toml/.json scenarios, .csv event tables), each as simulate reads it with the options given.")
    var files: [String] = []

    @Flag(help: "Print every dose of each valid input (time, amount, route), as simulate will give them.")
    var doses = false

    func validate() throws {
        let paths = (scenario.scenario.map { [$0] } ?? []) + files
        if let events = scenario.events, let table = paths.first(where: { $0.lowercased().hasSuffix(".csv") }) {
            throw ValidationError("\(table) and --events \(events) are both event tables: give every table as a file "
                                  + "(benzosim validate \(table) \(events)), or one with --events and the scenario files it goes with")
        }
    }

    /// The inputs: each file with the options (a `.csv` as `--events FILE`), or, without files,
    /// the options alone (`--regimen`, `--events`).
    var inputs: [(name: String, options: ScenarioOptions)] {
        let paths = (scenario.scenario.map { [$0] } ?? []) + files
        guard !paths.isEmpty else { return [(scenario.regimen != nil ? "--regimen" : scenario.events ?? "--regimen", scenario)] }
        return paths.map { path in
            var options = scenario
            if path.lowercased().hasSuffix(".csv") {
                options.scenario = nil
                options.events = path
            } else {
                options.scenario = path
            }
            return (path, options)
        }
    }

    func run() throws {
        // simulate's exit code for each input; the highest (66 unreadable > 65 data > 64 usage) wins.
        var worst: Int32 = 0
        func report(_ error: InputError) {
            for problem in error.problems { FileHandle.standardError.write(Data("benzosim: error: \(problem)\n".utf8)) }
            worst = max(worst, error.exitCode)
        }
        // Each input is read as `simulate` reads it (the same options, the same checks).
        for (name, options) in inputs {
            do throws(InputError) {
                if let text = options.regimen ?? options.scenario.flatMap({ try? ScenarioFile.load(path: $0) })?.regimenText, text.contains("{") {
                    try options.resolve(applyingSet: false).check(budget: options.budget)
                    print("ok: \(name) (regimen placeholders are filled by sweeps or --set)")
                    continue
                }
                let (_, subjects, overrides) = try options.subjects()
                if let events = options.events { EventTableOptions.printNotes(overrides, file: events) }
                try options.checkBeforeRunning(subjects)
                if options.events != nil {
                    print("ok: \(name) (event table, \(subjects.count) subjects)")
                } else {
                    let s = subjects[0].scenario
                    let perKilogram = s.regimen.amountsPerKilogram ? " in mg/kg × \(CSVFormat.format(s.covariates.weight)) kg" : ""
                    print("ok: \(name) (\(s.regimen.doses.count) doses\(perKilogram), until \(s.endTime) h)")
                }
                if doses { printDoses(subjects) }
            } catch {
                report(error)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// `id,time_h,amount_mg,route` for every dose of every subject; when any dose is at steady
    /// state (`ss` in the regimen language, SS rows of an event table) also `ss,ii_h`: 1 (replaces
    /// the state) or 2 (adds to it) and the interval, as NONMEM's SS and II; 0 and empty otherwise.
    func printDoses(_ subjects: [(id: String, scenario: Scenario)]) {
        let anySteadyState = subjects.contains { !$0.scenario.regimen.steadyStates.isEmpty }
        print(anySteadyState ? "id,time_h,amount_mg,route,ss,ii_h" : "id,time_h,amount_mg,route")
        for subject in subjects {
            let regimen = subject.scenario.resolvedRegimen()   // mg/kg × the subject's weight
            var steadyStates: [Int: SteadyStateDose] = [:]   // dose index → its steady state
            for ss in regimen.steadyStates {
                if let d = regimen.doses.indices.first(where: { steadyStates[$0] == nil && regimen.doses[$0] == ss.dose }) {
                    steadyStates[d] = ss
                }
            }
            for (d, dose) in regimen.doses.enumerated() {
                var row = "\(subject.id),\(CSVFormat.format(dose.time)),\(CSVFormat.format(dose.amount)),\(Self.route(dose.route))"
                if anySteadyState {
                    row += steadyStates[d].map { ",\($0.additive ? 2 : 1),\(CSVFormat.format($0.interval))" } ?? ",0,"
                }
                print(row)
            }
        }
    }

    /// The route as the regimen language writes it.
    static func route(_ route: Dose.Route) -> String {
        switch route {
        case .oral: return "po"
        case .intraperitoneal: return "ip"
        case .intravenousBolus: return "iv"
        case .infusion(let duration): return "iv over \(CSVFormat.format(duration))h"
        case .infusionAtRate(let rate): return "iv at \(CSVFormat.format(rate)) mg/h"
        case .depotInfusion(let duration): return "depot over \(CSVFormat.format(duration))h"
        case .depotInfusionAtRate(let rate): return "depot at \(CSVFormat.format(rate)) mg/h"
        }
    }
}
