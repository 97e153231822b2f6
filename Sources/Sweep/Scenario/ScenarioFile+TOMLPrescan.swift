extension ScenarioFile {
    /// Checks TOML text before toml++ sees it, for the things toml++ does not survive:
    ///
    /// - A table header whose first character (after `[` or `[[` and spaces) is not a bare-key
    ///   character (`A-Z a-z 0-9 _ -`), a quote, or `]`: toml++ 3 asserts on it instead of reporting
    ///   an error (`parse_table_header` calls `parse_key` without checking, and TOMLKit builds it with
    ///   assertions on), which aborts the process: `[é]`, `[#]`, `[.a]`, `[[[a]]]`.
    /// - Where an array expects a value (after `[` or `,`), a `}` or a Unicode line break (U+0085,
    ///   U+2028, U+2029): `parse_array` calls `parse_value`, which asserts that it is not at a value
    ///   terminator (found by `scripts/fuzz.sh toml`: `x = [\n[1],\n}`).
    /// - Nesting deeper than `limits.maxDepth` (tables, dotted keys, arrays, inline tables; the
    ///   document is level 1), which `convert` and `TOMLLocator` would follow recursively.
    ///
    /// The scan follows statements, strings, comments and brackets well enough to find every
    /// header of a valid document; it stops at the first statement that is not a header or a key,
    /// leaving that error to toml++, so that it never reports anything but these two problems.
    ///
    /// - Throws: the first such header or nesting, located.
    static func checkTOMLBeforeParsing(_ text: String, file: String, limits: Limits) throws(InputError) {
        var scan = TOMLPrescan(text, maxDepth: limits.maxDepth)
        switch scan.run() {
        case nil:
            return
        case .tooDeep(let at)?:
            throw depthError(file: file, at: at, limits: limits)
        case .badArrayValue(let found, let at)?:
            let what = found == "}" ? "'}'" : "a line break U+\(String(found.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            throw InputError(.data, file: file, line: at.line, column: at.column,
                             "invalid TOML: expected a value or ']' in the array, found \(what)")
        case .badHeader(let found, let name, let at)?:
            var message = "invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, found "
            if let found {
                message += "'\(found)'"
                let name = trimmed(name)
                if !name.contains("\"") { message += " (a name with other characters is written in quotes: [\"\(name)\"])" }
            } else {
                message += "the end of the line"
            }
            throw InputError(.data, file: file, line: at.line, column: at.column, message)
        }
    }
}

/// The scanner behind `ScenarioFile.checkTOMLBeforeParsing`.
struct TOMLPrescan {
    enum Problem: Equatable {
        /// A table header starting with what toml++ asserts on (`nil`: a line break), at that
        /// character, and the header's text up to `]` or the end of the line.
        case badHeader(Unicode.Scalar?, String, ScenarioFile.Position)
        /// A `}` or Unicode line break where an array expects a value, at that character.
        case badArrayValue(Unicode.Scalar, ScenarioFile.Position)
        /// Nesting past the limit, at the bracket, brace or dot that crosses it.
        case tooDeep(ScenarioFile.Position)
    }

    private let scalars: [Unicode.Scalar]
    private let maxDepth: Int
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ text: String, maxDepth: Int) {
        scalars = Array(text.unicodeScalars)
        self.maxDepth = maxDepth
    }

    private var here: ScenarioFile.Position { ScenarioFile.Position(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard let c = current else { return }
        index += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    private mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    private mutating func skipToEndOfLine() {
        while let c = current, c != "\n" { advance() }
    }

    /// Whether toml++ (without unreleased features) accepts `c` in a bare key.
    private static func isBareKey(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_" || c == "-"
    }

    /// Runs the scan: the first problem, or `nil`.
    mutating func run() -> Problem? {
        var tableDepth = 1  // the level of the current table: the document is 1
        while let c = current {
            if c == " " || c == "\t" || c == "\n" || c == "\r" { advance(); continue }
            if c == "#" { skipToEndOfLine(); continue }
            if c == "[" {
                let start = here
                advance()
                var isArray = false
                skipSpaces()
                if current == "[" { isArray = true; advance(); skipSpaces() }
                guard let first = current else { return nil }  // toml++: unexpected end of file
                if !(Self.isBareKey(first) || first == "\"" || first == "'" || first == "]") {
                    let at = here
                    var name = ""
                    while let c = current, c != "]", c != "\n", c != "\r" { name.unicodeScalars.append(c); advance() }
                    return .badHeader(first == "\n" || first == "\r" ? nil : first, name, at)
                }
                // The parents the dots make, then the table (in its list, for an array of tables).
                var depth = 1
                if let problem = readKey(until: "]", depth: &depth) { return problem }
                tableDepth = depth + 1 + (isArray ? 1 : 0)
                if tableDepth > maxDepth { return .tooDeep(start) }
                skipToEndOfLine()
            } else if Self.isBareKey(c) || c == "\"" || c == "'" {
                var depth = tableDepth
                if let problem = readKey(until: "=", depth: &depth) { return problem }
                if current == "=" { advance() }
                if let problem = value(depth: depth) { return problem }
            } else {
                return nil  // not a statement: toml++ reports it
            }
        }
        return nil
    }

    /// Reads a (dotted, possibly quoted) key up to `end`, a line break or the end of the text,
    /// stopping on `end`. Each dot makes the segment before it a table one level below `depth`,
    /// which ends as the level of the table holding the last segment.
    ///
    /// - Returns: the dot that makes a table deeper than `maxDepth`, or `nil`.
    private mutating func readKey(until end: Unicode.Scalar, depth: inout Int) -> Problem? {
        while let c = current, c != end, c != "\n" {
            if c == "\"" || c == "'" { skipSingleLineString(quote: c); continue }
            if c == "." {
                depth += 1
                if depth > maxDepth { return .tooDeep(here) }
            }
            advance()
        }
        return nil
    }

    /// Reads a value to the end of its statement (the line break outside every bracket), checking
    /// the nesting of its arrays, inline tables and the dotted keys inside them.
    private mutating func value(depth base: Int) -> Problem? {
        // The open brackets: `{` or `[`, and for an inline table the dots of its current key.
        var open: [(bracket: Unicode.Scalar, dots: Int)] = []
        var inKey = false  // between an inline table's `{` or `,` and its `=`
        var valueExpected = false  // after an array's `[` or `,`, before anything but blanks and comments
        var depth: Int { base + open.reduce(0) { $0 + 1 + $1.dots } }
        while let c = current {
            if valueExpected, !(c == " " || c == "\t" || c == "\n" || c == "\r" || c == "#") {
                if c == "}" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}" { return .badArrayValue(c, here) }
                valueExpected = false
            }
            switch c {
            case "\n":
                if open.isEmpty { return nil }
                advance()
            case "#":
                skipToEndOfLine()
            case "\"", "'":
                if peek(1) == c, peek(2) == c { skipMultiLineString(quote: c) } else { skipSingleLineString(quote: c) }
            case "[", "{":
                let at = here
                open.append((c, 0))
                inKey = c == "{"
                valueExpected = c == "["
                if depth > maxDepth { return .tooDeep(at) }
                advance()
            case "]", "}":
                if !open.isEmpty { open.removeLast() }
                inKey = false
                advance()
            case ",":
                if let last = open.last, last.bracket == "{" { open[open.count - 1].dots = 0; inKey = true }
                valueExpected = open.last?.bracket == "["
                advance()
            case "=":
                inKey = false
                advance()
            case ".":
                if inKey, !open.isEmpty {
                    open[open.count - 1].dots += 1
                    if depth > maxDepth { return .tooDeep(here) }
                }
                advance()
            default:
                advance()
            }
        }
        return nil
    }

    /// Skips a `"…"` (with escapes) or `'…'` string; an unterminated one ends at the line break.
    private mutating func skipSingleLineString(quote: Unicode.Scalar) {
        advance()
        while let c = current, c != "\n" {
            advance()
            if c == quote { return }
            if c == "\\", quote == "\"" { advance() }
        }
    }

    /// Skips a `"""…"""` (with escapes) or `'''…'''` string, including up to two quotes that end
    /// its content just before the closing three.
    private mutating func skipMultiLineString(quote: Unicode.Scalar) {
        advance(); advance(); advance()
        while let c = current {
            if c == "\\", quote == "\"" { advance(); advance(); continue }
            if c == quote, peek(1) == quote, peek(2) == quote {
                advance(); advance(); advance()
                if current == quote { advance() }
                if current == quote { advance() }
                return
            }
            advance()
        }
    }
}

private extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
