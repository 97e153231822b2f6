import ArgumentParser

/// `benzosim report`: Write a self-contained HTML report of one or more runs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of one or more runs.")

    func run() throws {
        throw ValidationError("'benzosim report' is not implemented yet")
    }
}
