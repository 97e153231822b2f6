import ArgumentParser

/// `benzosim taper`: Design a taper that keeps predicted withdrawal under a ceiling.
struct Taper: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taper",
        abstract: "Design a taper that keeps predicted withdrawal under a ceiling.")

    func run() throws {
        throw ValidationError("'benzosim taper' is not implemented yet")
    }
}
