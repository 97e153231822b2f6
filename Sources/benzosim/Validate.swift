import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim validate`: check scenario files and event tables and report every problem, without running.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files (.yaml/.yml/.toml/.json), event tables (.csv) and regimen text without simulating.",
        discussion: """
        Each input is read and checked exactly as simulate reads it (size limits included), without simulating. Every problem is reported as file:line:column: field: message. Exit code 0 if all inputs are valid, 65 if any has a problem, 66 if a file cannot be read.

        Examples:
          benzosim validate Examples/scenarios/*.yaml
          benzosim validate --regimen "10mg po q24h for 180d; then taper 10% q14d min 0.5mg"
          benzosim validate --doses Examples/scenarios/taper_10pct_2wk.yaml
        """)

    @Argument(help: "Files to check.")
    var files: [String] = []

    @Option(help: ArgumentHelp("Also check this regimen text.", valueName: "text"))
    var regimen: String?

    @Flag(help: "Print every dose of each valid input (time, amount, route), as simulate will give them.")
    var doses = false

    func validate() throws {
        if files.isEmpty && regimen == nil { throw ValidationError("give files to check or --regimen TEXT") }
    }

    func run() throws {
        var worst: InputError.Kind? = nil
        func report(_ error: InputError) {
            for problem in error.problems { FileHandle.standardError.write(Data("benzosim: error: \(problem)\n".utf8)) }
            if worst != .noInput { worst = error.kind == .noInput ? .noInput : .data }
        }
        // Each input is read as `simulate` reads it (the same options, the same checks).
        var inputs = files.map { ($0, $0.lowercased().hasSuffix(".csv") ? ["--events", $0] : [$0]) }
        if let regimen { inputs.append(("--regimen", ["--regimen", regimen])) }
        for (name, arguments) in inputs {
            do throws(InputError) {
                let options: ScenarioOptions
                do { options = try ScenarioOptions.parse(arguments) } catch {
                    throw InputError(.usage, field: name, ScenarioOptions.message(for: error))
                }
                if let text = options.regimen ?? options.scenario.flatMap({ try? ScenarioFile.load(path: $0) })?.regimenText, text.contains("{") {
                    try options.resolve(applyingSet: false).check(budget: options.budget)
                    print("ok: \(name) (regimen placeholders are filled by sweeps or --set)")
                    continue
                }
                let (_, subjects) = try options.subjects()
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
        if let worst { throw ExitCode(worst == .noInput ? 66 : 65) }
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
