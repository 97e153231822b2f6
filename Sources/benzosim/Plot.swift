import ArgumentParser

/// `benzosim plot`: Draw trajectories or population bands as an SVG.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw trajectories or population bands as an SVG.")

    func run() throws {
        throw ValidationError("'benzosim plot' is not implemented yet")
    }
}
