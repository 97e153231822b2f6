import TOMLKit

extension ScenarioFile {
    /// Reads TOML into a document tree, or returns `nil` for a document without content (empty,
    /// or only comments). TOMLKit gives the values but no positions, so `TOMLLocator` scans the
    /// text once more to find where each key and value was written.
    ///
    /// - Throws: what toml++ would abort on or a nesting past `limits` (checked first, see
    ///   `checkTOMLBeforeParsing`), or the syntax error, located by toml++'s source region.
    static func readTOML(_ text: String, file: String, limits: Limits) throws(InputError) -> Node? {
        try checkTOMLBeforeParsing(text, file: file, limits: limits)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw InputError(.data, file: file, line: error.source.begin.line, column: error.source.begin.column,
                             "invalid TOML: \(error.description)")
        } catch {
            throw InputError(.data, file: file, "invalid TOML: \(error)")
        }
        if table.isEmpty { return nil }
        var locator = TOMLLocator(text)
        locator.run()
        let lines = lines(of: text)
        return convert(table, path: "", locator: locator, lines: lines, at: Position(line: 1, column: 1))
    }

    private static func convert(_ value: TOMLValueConvertible, path: String, locator: TOMLLocator,
                                lines: [Substring], at position: Position?) -> Node {
        switch value.type {
        case .table:
            guard let table = value.table else { return Node(.other("a table"), at: position) }
            var entries: [Node.Entry] = []
            for (key, child) in table {
                let childPath = path.isEmpty ? key : path + "." + key
                entries.append(Node.Entry(key: key, keyPosition: locator.keys[childPath],
                                          value: convert(child, path: childPath, locator: locator, lines: lines,
                                                         at: locator.values[childPath])))
            }
            // TOMLKit returns keys sorted; put them back in document order.
            entries.sort(by: Node.Entry.documentOrder)
            return Node(.map(entries), at: position)
        case .array:
            guard let array = value.array else { return Node(.other("an array"), at: position) }
            var items: [Node] = []
            for index in 0..<array.count {
                let childPath = "\(path)[\(index)]"
                items.append(convert(array[index], path: childPath, locator: locator, lines: lines,
                                     at: locator.values[childPath]))
            }
            return Node(.list(items), at: position)
        case .string:
            let s = value.string ?? ""
            let content = position.flatMap {
                literalContentColumn(of: s, in: lines, line: $0.line, column: $0.column, quoted: true)
            }
            return Node(.text(s, plain: false), at: position, contentColumn: content)
        case .int:
            return Node(.number(Double(value.int ?? 0)), at: position)
        case .double:
            return Node(.number(value.double ?? .nan), at: position)
        case .bool:
            return Node(.bool(value.bool ?? false), at: position)
        case .date:
            return Node(.other("a date"), at: position)
        case .time:
            return Node(.other("a time of day"), at: position)
        case .dateTime:
            return Node(.other("a date and time"), at: position)
        }
    }
}

/// Finds where each key and value of a TOML document is written, keyed by path (`a.b`, `a.c[2]`).
/// It runs only on text that toml++ has accepted, so it can be lenient: it never fails, and at
/// worst a path has no position.
struct TOMLLocator {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    /// Where each key was written (its last segment, for dotted keys and table headers).
    private(set) var keys: [String: ScenarioFile.Position] = [:]
    /// Where each value starts (for a table, its header; for an array of tables, the `[[`).
    private(set) var values: [String: ScenarioFile.Position] = [:]
    private var arrayTableCounts: [String: Int] = [:]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    private var here: ScenarioFile.Position { ScenarioFile.Position(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        let i = index + offset
        return i >= 0 && i < scalars.count ? scalars[i] : nil
    }

    private mutating func advance() {
        guard let c = current else { return }
        index += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// Skips spaces, newlines and comments.
    private mutating func skipBlank() {
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance()
            } else if c == "#" {
                while let d = current, d != "\n" { advance() }
            } else {
                return
            }
        }
    }

    private func joined(_ base: String, _ key: String) -> String { base.isEmpty ? key : base + "." + key }

    mutating func run() {
        var table = ""
        while true {
            skipBlank()
            guard let c = current else { return }
            if c == "[" {
                let start = here
                advance()
                let isArray = current == "["
                if isArray { advance() }
                let path = readKey(base: "")
                if isArray {
                    let n = arrayTableCounts[path, default: 0]
                    arrayTableCounts[path] = n + 1
                    if values[path] == nil { values[path] = start }
                    table = "\(path)[\(n)]"
                    values[table] = start
                } else {
                    table = path
                    values[table] = start
                }
                while let d = current, d != "\n" { advance() }
            } else {
                let path = readKey(base: table)
                skipSpaces()
                if current == "=" { advance() }
                skipSpaces()
                readValue(path: path)
                while let d = current, d != "\n" { advance() }
            }
        }
    }

    /// Reads a possibly dotted key and returns its full path under `base`, recording where each
    /// segment was written.
    private mutating func readKey(base: String) -> String {
        var path = base
        while true {
            skipSpaces()
            let start = here
            var segment = ""
            if current == "\"" || current == "'" {
                let quote = current!
                advance()
                while let c = current, c != quote, c != "\n" {
                    if c == "\\", quote == "\"" { advance() }
                    if let d = current { segment.unicodeScalars.append(d) }
                    advance()
                }
                advance()
            } else {
                while let c = current, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
                    segment.unicodeScalars.append(c)
                    advance()
                }
            }
            path = joined(path, segment)
            if keys[path] == nil { keys[path] = start }
            skipSpaces()
            if current == "." { advance(); continue }
            if current == "]" { advance(); if current == "]" { advance() } }
            return path
        }
    }

    private mutating func readValue(path: String) {
        values[path] = here
        guard let c = current else { return }
        switch c {
        case "\"", "'":
            let quote = c
            if peek(1) == quote, peek(2) == quote {
                advance(); advance(); advance()
                while current != nil {
                    if current == "\\", quote == "\"" { advance(); advance(); continue }
                    if current == quote, peek(1) == quote, peek(2) == quote {
                        advance(); advance(); advance()
                        while current == quote { advance() }  // up to two quotes may end the content
                        return
                    }
                    advance()
                }
            } else {
                advance()
                while let d = current, d != quote, d != "\n" {
                    if d == "\\", quote == "\"" { advance() }
                    advance()
                }
                advance()
            }
        case "[":
            advance()
            var n = 0
            while true {
                skipBlank()
                guard let d = current else { return }
                if d == "]" { advance(); return }
                if d == "," { advance(); continue }
                let before = index
                readValue(path: "\(path)[\(n)]")
                if index == before { advance() }
                n += 1
            }
        case "{":
            advance()
            while true {
                skipBlank()
                guard let d = current else { return }
                if d == "}" { advance(); return }
                if d == "," { advance(); continue }
                let key = readKey(base: path)
                skipSpaces()
                if current == "=" { advance() }
                skipSpaces()
                let before = index
                readValue(path: key)
                if index == before { advance() }
            }
        default:
            while let d = current, !(d == "," || d == "]" || d == "}" || d == "#" || d == "\n" || d == "\r") {
                // Dates may contain one space between date and time; other bare values do not.
                if d == " " || d == "\t" {
                    guard let next = peek(1), ("0"..."9").contains(next), peek(-1).map({ ("0"..."9").contains($0) }) == true else { break }
                }
                advance()
            }
        }
    }
}
