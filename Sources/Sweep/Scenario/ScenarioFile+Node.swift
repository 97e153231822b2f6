// The format-neutral document tree that the YAML, TOML and JSON readers produce and the schema
// reader consumes: values with their 1-based line and column (counted in Unicode scalars, as
// libyaml does), so that every problem can point into the file.

import Pharmacology

extension ScenarioFile {
    /// A place in a text file: 1-based line and 1-based column in Unicode scalars.
    struct Position: Equatable, Sendable {
        var line: Int
        var column: Int
    }

    /// One value of a scenario document.
    struct Node: Sendable {
        /// A key of a mapping, where it was written, and its value.
        struct Entry: Sendable {
            var key: String
            var keyPosition: Position?
            var value: Node

            /// Document order: by key position; entries without one last, by key.
            static func documentOrder(_ a: Entry, _ b: Entry) -> Bool {
                switch (a.keyPosition, b.keyPosition) {
                case let (p?, q?): return (p.line, p.column) < (q.line, q.column)
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return a.key < b.key
                }
            }
        }

        enum Value: Sendable {
            /// A mapping, in document order.
            case map([Entry])
            /// A list.
            case list([Node])
            /// Text. `plain` is true for an unquoted YAML scalar, whose type is decided by the field
            /// reading it (`70` is a number for `weight`, a word nowhere).
            case text(String, plain: Bool)
            /// A number typed as such by TOML or JSON.
            case number(Double)
            /// A boolean typed as such by TOML or JSON.
            case bool(Bool)
            /// An empty value (`key:` in YAML, `null` in JSON).
            case null
            /// Anything else (a TOML date, …), described for messages.
            case other(String)
        }

        var value: Value
        /// Where the value starts, when known.
        var position: Position?
        /// For a single-line string whose characters are written literally in the file (no escapes
        /// or folding): the column of its first character, so that a column inside the string maps to
        /// a column of the file.
        var contentColumn: Int?

        init(_ value: Value, at position: Position?, contentColumn: Int? = nil) {
            self.value = value
            self.position = position
            self.contentColumn = contentColumn
        }

        /// How the value reads in a message: `"seventy"`, `70`, `true`, `a mapping`, `a list`, `nothing`.
        var found: String {
            switch value {
            case .map: return "a mapping"
            case .list: return "a list"
            case .text(let s, _): return "\"\(s)\""
            case .number(let x): return ScenarioFile.format(x)
            case .bool(let b): return b ? "true" : "false"
            case .null: return "nothing"
            case .other(let what): return what
            }
        }
    }

    /// The column of the first character of `string` if it is written literally on `line`
    /// starting at `column` (after one opening quote when `quoted`), else `nil`.
    static func literalContentColumn(of string: String, in lines: [Substring], line: Int, column: Int, quoted: Bool) -> Int? {
        guard line >= 1, line <= lines.count, !string.contains("\n") else { return nil }
        let scalars = Array(lines[line - 1].unicodeScalars)
        let start = column - 1 + (quoted ? 1 : 0)
        let wanted = Array(string.unicodeScalars)
        guard start >= 0, start + wanted.count <= scalars.count,
              Array(scalars[start..<(start + wanted.count)]) == wanted else { return nil }
        return start + 1
    }

    /// The text's lines, split on `\n` (a trailing `\r` is kept but never matters for columns
    /// before it).
    static func lines(of text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// A number as a person writes it: `24`, not `24.0`; `0.1`, `1e-08`, `inf`, `nan`.
    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let text = "\(x)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `format(x)` followed by a unit (none for `"1"` or an empty unit).
    static func format(_ x: Double, unit: String) -> String {
        unit.isEmpty || unit == "1" ? format(x) : "\(format(x)) \(unit)"
    }

    /// `text` without leading and trailing spaces, tabs and line breaks.
    static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }

    /// The candidate closest to `name` (a likely typo; see `Spelling.closest`).
    static func closest(to name: String, among candidates: [String]) -> String? {
        Spelling.closest(to: name, among: candidates)
    }

    /// `a, b or c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    /// What to expect among `choices`: `a or b`, or `one of a, b or c`.
    static func choices(_ items: [String]) -> String {
        items.count <= 2 ? list(items) : "one of " + list(items)
    }
}
