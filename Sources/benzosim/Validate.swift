import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim validate`: check scenario files and event tables and report every problem, without running.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files (.yaml/.yml/.toml/.json), event tables (.csv) and regimen text without simulating.",
        discussion: """
        Every problem is reported as file:line:column: field: message. Exit code 0 if all inputs are valid, 65 if any has a problem, 66 if a file cannot be read.

        Examples:
          benzosim validate Examples/scenarios/*.yaml
          benzosim validate --regimen "10mg po q24h for 180d; then taper 10% q14d min 0.5mg"
        """)

    @Argument(help: "Files to check.")
    var files: [String] = []

    @Option(help: ArgumentHelp("Also check this regimen text.", valueName: "text"))
    var regimen: String?

    func validate() throws {
        if files.isEmpty && regimen == nil { throw ValidationError("give files to check or --regimen TEXT") }
    }

    func run() throws {
        var worst: InputError.Kind? = nil
        func report(_ error: InputError) {
            for problem in error.problems { FileHandle.standardError.write(Data("benzosim: error: \(problem)\n".utf8)) }
            if worst != .noInput { worst = error.kind == .noInput ? .noInput : .data }
        }
        for file in files {
            do {
                if file.lowercased().hasSuffix(".csv") {
                    let table = try EventTableFile.load(path: file)
                    print("ok: \(file) (event table, \(table.subjects.count) subjects)")
                } else {
                    let scenario = try ScenarioFile.load(path: file)
                    if scenario.regimenText?.contains("{") == true {
                        print("ok: \(file) (regimen placeholders are filled by sweeps or --set)")
                    } else {
                        print("ok: \(file) (\(scenario.regimen.doses.count) doses, until \(scenario.endTime) h)")
                    }
                }
            } catch {
                report(error)
            }
        }
        if let regimen {
            do {
                let parsed = try RegimenLanguage.parse(regimen)
                print("ok: --regimen (\(parsed.doses.count) doses, last at \(parsed.lastDoseTime ?? 0) h)")
            } catch {
                report(InputError(.data, column: error.column, field: "--regimen", error.message))
            }
        }
        if let worst { throw ExitCode(worst == .noInput ? 66 : 65) }
    }
}
