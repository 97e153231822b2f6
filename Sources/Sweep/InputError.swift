/// One problem in the user's input: where it is (file, line, column, or the field/option), and
/// what is wrong and expected. `description` reads `file:line:column: field: message`.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    /// File the problem is in (`nil` for command-line input).
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// The field, key or option concerned (e.g. `covariates.weight`, `--set`).
    public var field: String?
    /// What is wrong and what is expected, e.g. `dose = -5 mg: expected an amount > 0 mg`.
    public var message: String

    /// Creates a problem.
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: field: message`, leaving out what is unknown; a column without a line
    /// (command-line text such as `--regimen`) reads `field: column N: message`.
    public var description: String {
        var location = ""
        if let file { location = file }
        if let line { location += (location.isEmpty ? "line " : ":") + "\(line)" }
        if let column, line != nil { location += ":\(column)" }
        var text = location.isEmpty ? "" : location + ": "
        if let field { text += field + ": " }
        if let column, line == nil { text += "column \(column): " }
        return text + message
    }
}

/// Bad input: every problem found, and whether it is a usage error (options, flags: exit 64) or a
/// data error (files, values: exit 65), following sysexits.h.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Usage errors are about how the command was called; data errors about what it was given.
    public enum Kind: Sendable, Equatable {
        /// Wrong options or arguments (exit code 64, EX_USAGE).
        case usage
        /// Malformed or invalid input data (exit code 65, EX_DATAERR).
        case data
        /// A file that cannot be read (exit code 66, EX_NOINPUT).
        case noInput
    }

    /// The kind, which decides the exit code.
    public var kind: Kind
    /// Every problem found (at least one).
    public var problems: [InputProblem]

    /// Creates an error.
    public init(_ kind: Kind, _ problems: [InputProblem]) {
        self.kind = kind
        self.problems = problems
    }

    /// A single-problem error.
    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        self.init(kind, [InputProblem(file: file, line: line, column: column, field: field, message: message)])
    }

    /// The process exit code for this kind (sysexits.h).
    public var exitCode: Int32 {
        switch kind { case .usage: return 64; case .data: return 65; case .noInput: return 66 }
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
