import ArgumentParser

/// `benzosim sensitivity`: Sensitivity analysis: local, Morris or Sobol indices of summary outputs.
struct Sensitivity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Sensitivity analysis: local, Morris or Sobol indices of summary outputs.")

    func run() throws {
        throw ValidationError("'benzosim sensitivity' is not implemented yet")
    }
}
