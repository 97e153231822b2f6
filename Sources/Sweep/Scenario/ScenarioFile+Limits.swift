import Foundation

extension ScenarioFile {
    /// Ceilings checked before a scenario file is parsed, so that a hostile or broken file (a
    /// 20,000-deep list, a YAML "billion laughs", a file of gigabytes) is a one-line error naming
    /// the limit instead of a stack overflow or an exhausted machine.
    ///
    /// A real scenario is far inside every default: a few kilobytes, nested three levels deep
    /// (`sampling.times[0]`), with no aliases. Each limit can be raised from the environment
    /// (`fromEnvironment`), which is what `load(path:)` uses.
    public struct Limits: Sendable, Equatable {
        /// The largest scenario file, in bytes (UTF-8). Default 16 MiB.
        public var maxBytes: Int
        /// The deepest nesting of lists and mappings (TOML: tables, dotted keys, arrays and inline
        /// tables), the document's own mapping being level 1. Default 64.
        public var maxDepth: Int
        /// The most nodes (values, keys, lists, mappings) that YAML aliases may add to the document
        /// when expanded. Default 100,000.
        public var maxAliasNodes: Int

        /// Creates limits.
        public init(maxBytes: Int = 16 << 20, maxDepth: Int = 64, maxAliasNodes: Int = 100_000) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxAliasNodes = maxAliasNodes
        }

        /// The defaults: 16 MiB, 64 levels, 100,000 alias nodes.
        public static let `default` = Limits()

        /// The environment variable that raises `maxBytes`.
        public static let maxBytesVariable = "BENZOSIM_SCENARIO_MAX_BYTES"
        /// The environment variable that raises `maxDepth`.
        public static let maxDepthVariable = "BENZOSIM_SCENARIO_MAX_DEPTH"
        /// The environment variable that raises `maxAliasNodes`.
        public static let maxAliasNodesVariable = "BENZOSIM_SCENARIO_MAX_ALIAS_NODES"

        /// The defaults, with any limit set by `BENZOSIM_SCENARIO_MAX_BYTES`,
        /// `BENZOSIM_SCENARIO_MAX_DEPTH` or `BENZOSIM_SCENARIO_MAX_ALIAS_NODES` in `environment`.
        ///
        /// - Throws: `InputError` (`.usage`) for a value that is not a whole number ≥ 1.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
            throws(InputError) -> Limits {
            var limits = Limits.default
            func read(_ name: String, into value: inout Int) throws(InputError) {
                guard let text = environment[name] else { return }
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
                    throw InputError(.usage, field: name, "\"\(text)\" is not a whole number ≥ 1")
                }
                value = n
            }
            try read(maxBytesVariable, into: &limits.maxBytes)
            try read(maxDepthVariable, into: &limits.maxDepth)
            try read(maxAliasNodesVariable, into: &limits.maxAliasNodes)
            return limits
        }
    }

    /// The error for a file nested deeper than `limits.maxDepth`, at the opening that crosses it.
    static func depthError(file: String, at position: Position?, limits: Limits) -> InputError {
        InputError(.data, file: file, line: position?.line, column: position?.column,
                   "lists and mappings nested more than \(limits.maxDepth) levels deep (a scenario needs 3); "
                   + "this is the limit for scenario files: set \(Limits.maxDepthVariable) to raise it")
    }

    /// The error for a file larger than `limits.maxBytes`.
    static func sizeError(file: String, limits: Limits) -> InputError {
        InputError(.data, file: file,
                   "the scenario file is larger than \(limits.maxBytes) bytes, the limit for scenario files "
                   + "(a scenario is a few kilobytes): set \(Limits.maxBytesVariable) to raise it")
    }
}
