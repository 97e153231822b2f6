/// One problem in an event table, at a line (1-based, counting every line of the text, the header
/// included) and, where it concerns one cell, a column (1-based) and its header name.
public struct EventTableProblem: Hashable, Sendable, CustomStringConvertible {
    /// Line number in the text, from 1.
    public var line: Int
    /// Column number, from 1, or `nil` when the problem concerns the whole line or file.
    public var column: Int?
    /// The column's name as written in the header, or `nil` with `column`.
    public var columnName: String?
    /// What is wrong, the value found and what is expected, e.g.
    /// `"\"-5\" is negative; expected an amount ≥ 0 mg"`.
    public var message: String

    /// A problem at `line` (and `column`, named `columnName`).
    public init(line: Int, column: Int? = nil, columnName: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    /// `"line 4, column 3 (AMT): <message>"`, or `"line 4: <message>"` without a column.
    public var description: String {
        guard let column else { return "line \(line): \(message)" }
        let name = columnName.map { " (\($0))" } ?? ""
        return "line \(line), column \(column)\(name): \(message)"
    }
}

/// An event table that cannot be used, with every problem found (not just the first), in line
/// order, so that a user can fix a file in one pass.
public struct EventTableError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, sorted by line, then column (problems about a whole line or file last).
    public var problems: [EventTableProblem]

    /// An error holding `problems`.
    public init(problems: [EventTableProblem]) {
        self.problems = problems
    }

    /// How many problems `description` lists before summarising the rest.
    public static let listedProblemLimit = 50

    /// One problem per line, the first `listedProblemLimit` of them, then a count of the rest.
    public var description: String {
        let count = problems.count
        var lines = [count == 1 ? "the event table has 1 problem:" : "the event table has \(count) problems:"]
        lines += problems.prefix(Self.listedProblemLimit).map { "  \($0)" }
        if count > Self.listedProblemLimit {
            lines.append("  … and \(count - Self.listedProblemLimit) more")
        }
        return lines.joined(separator: "\n")
    }
}
