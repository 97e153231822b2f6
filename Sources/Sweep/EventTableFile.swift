import Foundation
import Pharmacology

/// Reads a NONMEM-style event table from a file, reporting every problem with file, line and column.
public enum EventTableFile {
    /// Loads and parses `path`.
    /// - Throws: `InputError` `.noInput` for an unreadable file, `.data` with every table problem.
    /// - Parameter separator: the field separator, or `nil` to detect it from the header.
    public static func load(path: String, separator: EventTableSeparator? = nil) throws(InputError) -> EventTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file"
            throw InputError(.noInput, file: path, "cannot read the event table: \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(.data, file: path, "the event table is not UTF-8 text")
        }
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
