import ArgumentParser

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
}

/// The version reported by `--version` and written into run manifests.
enum BenzosimVersion {
    static let current = "0.1.0"
}
