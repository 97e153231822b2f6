import Foundation
import Pharmacology

/// What produced an output, written beside it as `<output>.manifest.json` so a result can be
/// reproduced: the program version, the full command line, the seed, the solver and tolerances,
/// the shard and threads, the number of runs, every parameter value of the base scenario, the
/// values its subject's model actually uses, and the names the plan varies.
///
/// JSON keys (sorted, pretty-printed): `assignments`, `command`, `count`, `method`,
/// `parameters`, `resolved` (absent if the model could not be built), `seed` (absent without one),
/// `settings`, `shard`, `threads`, `tolerances` (`atol`, `rtol`), `version`. Non-finite numbers are written as the strings `"nan"`, `"inf"`,
/// `"-inf"`.
public struct RunManifest: Codable, Sendable, Equatable {
    /// Tolerances of the solver.
    public struct Tolerances: Codable, Sendable, Equatable {
        /// Relative tolerance.
        public var rtol: Double
        /// Absolute tolerance.
        public var atol: Double

        /// Creates tolerances.
        public init(rtol: Double, atol: Double) {
            self.rtol = rtol
            self.atol = atol
        }
    }

    /// Version of benzosim.
    public var version: String
    /// The full command line, one element per argument (`CommandLine.arguments`).
    public var command: [String]
    /// The seed of random plans (`nil` when nothing is random).
    public var seed: UInt64?
    /// The solver method's name (e.g. `rodas5p`).
    public var method: String
    /// The solver tolerances.
    public var tolerances: Tolerances
    /// The shard, `K/N` (`1/1` when unsharded).
    public var shard: String
    /// Worker threads used.
    public var threads: Int
    /// Runs in the whole (unsharded) plan.
    public var count: Int
    /// Every parameter value of the base scenario, by name (before per-run assignments): the
    /// reference values the covariates and species scaling act on.
    public var parameters: [String: Double]
    /// The values the base scenario's subject is simulated with, by name
    /// (`DiazepamModel.resolvedParameters`: volumes and clearances after covariates, half-lives,
    /// PD rates after species scaling). Per-subject values of a population: `--subject-parameters`.
    public var resolved: [String: Double]?
    /// The names the plan assigns per run (the assignment columns of the summary).
    public var assignments: [String]
    /// Other inputs of the base scenario as text (e.g. `species`, `weight`, `regimen`,
    /// `sampling`, `end_time_h`, `pk`, `max_step_h`), by name.
    public var settings: [String: String]

    /// Creates a manifest.
    public init(version: String, command: [String], seed: UInt64?, method: String, tolerances: Tolerances,
                shard: Shard = .whole, threads: Int, count: Int, parameters: [String: Double],
                assignments: [String], settings: [String: String] = [:], resolved: [String: Double]? = nil) {
        self.version = version
        self.command = command
        self.seed = seed
        self.method = method
        self.tolerances = tolerances
        self.shard = shard.description
        self.threads = threads
        self.count = count
        self.parameters = parameters
        self.assignments = assignments
        self.settings = settings
        self.resolved = resolved
    }

    /// `model.resolvedParameters` by name, for `resolved`.
    public static func resolvedValues(of model: DiazepamModel) -> [String: Double] {
        Dictionary(model.resolvedParameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// `<output>.manifest.json`, or `nil` for standard output (`-`).
    public static func path(beside output: String) -> String? {
        output == "-" ? nil : output + ".manifest.json"
    }

    /// The manifest as pretty-printed JSON with sorted keys, ending in a line feed.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Decodes a manifest written by `json()`.
    public static func decode(_ json: String) throws -> RunManifest {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(RunManifest.self, from: Data(json.utf8))
    }

    /// Writes the manifest atomically (see `AtomicOutput`) to `path(beside: output)`; does nothing
    /// for standard output.
    /// - Returns: the manifest's path, or `nil` for standard output.
    @discardableResult
    public func write(beside output: String) throws(OutputError) -> String? {
        guard let path = Self.path(beside: output) else { return nil }
        let text: String
        do {
            text = try json()
        } catch {
            throw OutputError(.write, path: path, reason: "cannot encode the manifest: \(error)")
        }
        let file = try AtomicOutput(path: path)
        try file.write(text)
        try file.commit()
        return path
    }
}
