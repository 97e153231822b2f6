import Foundation
import Pharmacology

/// Reads a NONMEM-style event table from a file, reporting every problem with file, line and column.
public enum EventTableFile {
    /// Loads and parses `path`.
    /// - Throws: `InputError` `.noInput` for an unreadable file, `.data` with every table problem
    ///   or for a file larger than `maxBytes` (refused before it is parsed).
    /// - Parameters:
    ///   - separator: the field separator, or `nil` to detect it from the header.
    ///   - maxBytes: the size limit (default: `maxBytes(environment:)`, 256 MiB unless
    ///     `BENZOSIM_EVENTS_MAX_BYTES` says otherwise).
    public static func load(path: String, separator: EventTableSeparator? = nil, maxBytes: Int? = nil) throws(InputError) -> EventTable {
        let limit: Int
        if let maxBytes { limit = maxBytes } else { limit = try Self.maxBytes() }
        let text = try readText(path: path, maxBytes: limit)
        do {
            return try EventTable(csv: text, separator: separator)
        } catch {
            throw InputError(.data, problems(error, file: path))
        }
    }

    /// The table's problems as located input problems.
    public static func problems(_ error: EventTableError, file: String) -> [InputProblem] {
        error.problems.map { problem in
            // The table's messages often start with the column name already ("AMT \"-5\" is …").
            let field = problem.columnName.flatMap { problem.message.hasPrefix($0 + " ") ? nil : $0 }
            return InputProblem(file: file, line: problem.line, column: problem.column, field: field, message: problem.message)
        }
    }
}
