import ArgumentParser
import Foundation
import Sweep

/// `benzosim`: simulate diazepam regimens, sweep parameters and virtual populations, write CSV.
@main
struct Benzosim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benzosim",
        abstract: "Simulate diazepam pharmacokinetics, TSPO-mediated synapse loss, tolerance and withdrawal.",
        discussion: """
        Exit codes: 0 success; 64 usage error (options); 65 data error (scenario, regimen, table); 66 unreadable input file; 73/74 output file cannot be created/written; 70 a simulation failed; 3 some runs of a sweep or population failed (their rows say why).
        """,
        version: BenzosimVersion.current,
        subcommands: [Simulate.self, SweepCommand.self, Population.self, Taper.self, Sensitivity.self, Plot.self, BandsCommand.self, ReportCommand.self, Validate.self, Params.self, Methods.self],
        defaultSubcommand: nil)

    /// Installs the signal clean-up of temporary outputs and keeps freed memory between runs
    /// (`MemoryRetention`), then runs the command; every error is reported in one voice,
    /// `benzosim: error: …` followed by the usage hint.
    static func main() {
        AtomicOutput.removeTemporaryFilesOnSignals()
        MemoryRetention.retainBetweenRuns()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) != .success, !(error is ExitCode) else { exit(withError: error) }
            var lines = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.first, first.hasPrefix("Error: ") { lines[0] = "benzosim: error: " + first.dropFirst(7) }
            if let k = CommandLine.arguments.firstIndex(of: "--regimen"), k + 1 < CommandLine.arguments.count,
               CommandLine.arguments[k + 1].hasPrefix("-") {
                lines.insert("benzosim: note: a regimen that starts with '-' reads as an option; attach it with '=': --regimen=\"\(CommandLine.arguments[k + 1])\"", at: 1)
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n").utf8))
            exit(withError: ExitCode(exitCode(for: error).rawValue))
        }
    }
}

/// The version reported by `--version` and written into run manifests.
enum BenzosimVersion {
    static let current = "0.1.0"
}
