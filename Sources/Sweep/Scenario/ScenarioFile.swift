#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads scenario files (YAML, TOML or JSON) into validated `Scenario`s, reporting every problem
/// with its file, line, column and key path. The schema is documented in `Docs/SCENARIO_FILES.md`.
///
/// ```yaml
/// species: human                  # human | mouse (default human)
/// covariates: {weight: 70, age: 30, sex: male, cyp2c19: normal}   # kg, years
/// tspo_knockout: false
/// parameters: {k_syn: 0.006, Ki_tspo_dz: 100}   # any parameter (`benzosim params`), range-checked
/// regimen: "10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop"
/// # or: event_table: subjects.csv  (relative to this file; its first subject is the scenario)
/// sampling: {every: 1h, until: 450d}  # or times: [0, 1, 2.5] (h), or after_each_dose: [0, 1, 2, 4, 8]
/// solver: {method: rodas5p, rtol: 1e-8, atol: 1e-10}
/// ```
///
/// - Every key is optional except one of `regimen` or `event_table`.
/// - Durations (`every`, `until`, `times`, `after_each_dose`, `max_step`) are numbers of hours or
///   strings with a unit: `30min`, `12h`, `450d`, `2w` (see `DurationSyntax`).
/// - `until` (the end of the simulation) defaults to the last dose time + 14 days, or the last
///   explicit sample time if that is later. A regimen with `{placeholders}` needs an explicit
///   `until`, because its last dose is not known until `Scenario.applying(_:)` fills them.
/// - Unknown keys are errors with a "did you mean" suggestion.
public enum ScenarioFile {
    /// A scenario file format, decided by the file's extension.
    public enum Format: String, Sendable, CaseIterable, CustomStringConvertible {
        /// YAML 1.1 (via Yams): `.yaml` or `.yml`.
        case yaml
        /// TOML 1.0 (via TOMLKit): `.toml`.
        case toml
        /// JSON (via Foundation's `JSONSerialization`): `.json`.
        case json

        /// The format of a file named `path` (extension compared case-insensitively), or `nil`.
        public init?(path: String) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "yaml", "yml": self = .yaml
            case "toml": self = .toml
            case "json": self = .json
            default: return nil
            }
        }

        /// `yaml`, `toml` or `json`.
        public var description: String { rawValue }
    }

    /// The extensions `Format(path:)` recognises, for messages: `.yaml, .yml, .toml or .json`.
    public static let recognisedExtensions = ".yaml, .yml, .toml or .json"

    /// Reads and validates the scenario file at `path`; relative paths inside it (`event_table`)
    /// are resolved against the file's directory.
    ///
    /// - Parameter limits: size, nesting and alias ceilings; `nil` for `Limits.fromEnvironment()`.
    /// - Throws: `InputError` with kind `.usage` for an extension that is not `.yaml`, `.yml`,
    ///   `.toml` or `.json` (or a bad limit in the environment); `.noInput` when the file (or the
    ///   event table it names) cannot be read, with the operating system's reason; `.data` listing
    ///   every problem in the file otherwise, or the limit it exceeds.
    public static func load(path: String, limits requested: Limits? = nil) throws(InputError) -> Scenario {
        guard let format = Format(path: path) else {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let ext = name.lastIndex(of: ".").map { "\"\(name[$0...])\"" } ?? "(none)"
            throw InputError(.usage, file: path,
                             "cannot tell the scenario format from the extension \(ext): expected \(recognisedExtensions)")
        }
        let limits: Limits
        if let requested { limits = requested } else { limits = try Limits.fromEnvironment() }
        let text: String
        switch readText(path: path, maxBytes: limits.maxBytes) {
        case .success(let t): text = t
        case .failure(let failure):
            switch failure {
            case .unreadable(let reason):
                throw InputError(.noInput, file: path, "cannot read the scenario file: \(reason)")
            case .notUTF8:
                throw InputError(.data, file: path, "the scenario file is not UTF-8 text")
            case .tooLarge:
                throw sizeError(file: path, limits: limits)
            }
        }
        return try parse(text: text, format: format, file: path, baseDirectory: directory(of: path), limits: limits)
    }

    /// Reads and validates a scenario from `text`.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - format: how to read it.
    ///   - file: the name problems are reported under.
    ///   - baseDirectory: the directory relative paths in the file (`event_table`) are resolved
    ///     against (`""` or `"."` for the working directory).
    ///   - limits: size, nesting and alias ceilings, checked before the text is parsed.
    /// - Throws: `InputError` (`.data`) listing every problem found, each with file, line, column
    ///   and key path, or the limit the text exceeds; `.noInput` if the only problem is an event
    ///   table that cannot be read.
    public static func parse(text: String, format: Format, file: String, baseDirectory: String,
                             limits: Limits = .default) throws(InputError) -> Scenario {
        var text = text
        if text.utf8.count > limits.maxBytes { throw sizeError(file: file, limits: limits) }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let root: Node?
        switch format {
        case .yaml: root = try readYAML(text, file: file, limits: limits)
        case .toml: root = try readTOML(text, file: file, limits: limits)
        case .json: root = try readJSON(text, file: file, limits: limits)
        }
        guard let root else {
            throw InputError(.data, file: file, "file is empty: expected a scenario with at least a regimen")
        }
        var reader = ScenarioReader(file: file, baseDirectory: baseDirectory, text: text, limits: limits)
        return try reader.read(root)
    }

    // MARK: Files

    /// Why a file could not be read.
    enum ReadFailure: Error {
        /// The operating system's reason (`No such file or directory`, `Permission denied`, …).
        case unreadable(String)
        /// The bytes are not UTF-8.
        case notUTF8
        /// The file has more than the bytes allowed.
        case tooLarge
    }

    /// The contents of the file at `path` as UTF-8 text, reading no more than `maxBytes` + 1 bytes
    /// (a file larger than `maxBytes` is `.tooLarge`).
    static func readText(path: String, maxBytes: Int = .max) -> Result<String, ReadFailure> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            if n > maxBytes - bytes.count { return .failure(.tooLarge) }
            bytes.append(contentsOf: buffer[0..<n])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.notUTF8) }
        return .success(text)
    }

    /// The directory part of `path` (`"."` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` resolved against `base` (unchanged if absolute or if `base` is the working directory).
    static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") || base.isEmpty || base == "." { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
