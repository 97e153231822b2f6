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
    /// - A bare value (not a string, array or inline table) that is not a TOML 1.0 number,
    ///   boolean, date or time (`isBareValue`): toml++ guesses its type from its characters and
    ///   can abort on a wrong guess (`1979-05-27true32:00Z`, found by `scripts/fuzz.sh toml`).
    /// - Nesting deeper than `limits.maxDepth` (tables, dotted keys, arrays, inline tables; the
    ///   document is level 1), which `convert` and `TOMLLocator` would follow recursively.
    ///
    /// The scan follows statements, strings, comments and brackets well enough to find every
    /// header and value of a valid document; it stops at the first statement that is not a header
    /// or a key, leaving that error to toml++, and reports nothing but these problems.
    ///
    /// - Throws: the first such problem, located.
    static func checkTOMLBeforeParsing(_ text: String, file: String, limits: Limits) throws(InputError) {
        var scan = TOMLPrescan(text, maxDepth: limits.maxDepth)
        switch scan.run() {
        case nil:
            return
        case .tooDeep(let at)?:
            throw depthError(file: file, at: at, limits: limits)
        case .badValue(let found, let at)?:
            throw InputError(.data, file: file, line: at.line, column: at.column,
                             "invalid TOML: '\(found)' is not a value: expected a number, true or false, a date or time, "
                             + "or a text in quotes (\"\(found)\")")
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
        /// A value that is not a TOML number, boolean, date or time (nor a string, array or table).
        case badValue(String, ScenarioFile.Position)
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
            case " ", "\t", "\r":
                advance()
            case "." where inKey:
                open[open.count - 1].dots += 1
                if depth > maxDepth { return .tooDeep(here) }
                advance()
            default:
                if inKey { advance(); continue }
                let at = here
                let token = bareValue()
                // Other white space (U+00A0, …): toml++ stops there with "expected space or tab".
                if token.isEmpty { return nil }
                if !Self.isBareValue(token) { return .badValue(String(String.UnicodeScalarView(token)), at) }
            }
        }
        return nil
    }

    /// Reads a value that is not a string, array or inline table, up to what ends a value in toml++
    /// (white space, `,`, `]`, `}`, `#`); a date followed by a space and a digit goes on with the
    /// time (`1979-05-27 07:32:00`).
    private mutating func bareValue() -> [Unicode.Scalar] {
        var token: [Unicode.Scalar] = []
        func read(_ me: inout TOMLPrescan) {
            while let c = me.current, !(c.properties.isWhitespace || c == "," || c == "]" || c == "}" || c == "#") {
                token.append(c)
                me.advance()
            }
        }
        read(&self)
        if token.count == 10, token[4] == "-", current == " ", let next = peek(1), ("0"..."9").contains(next) {
            token.append(" ")
            advance()
            read(&self)
        }
        return token
    }

    /// Whether `s` is a TOML 1.0 boolean, integer, float, date, time or date-time (toml.io/en/v1.0.0,
    /// the ABNF), with a space allowed for the `T` of a date-time. toml++ is only given values that
    /// are: its classification of other text can end in an assertion (`1979-05-27true32:00Z`,
    /// found by `scripts/fuzz.sh toml`, aborted in `parse_time`).
    static func isBareValue(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        func at(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }
        func isDigit(_ c: Unicode.Scalar?, radix: Int = 10) -> Bool {
            guard let c else { return false }
            switch radix {
            case 2: return c == "0" || c == "1"
            case 8: return ("0"..."7").contains(c)
            case 16: return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
            default: return ("0"..."9").contains(c)
            }
        }
        func eat(_ c: Unicode.Scalar) -> Bool {
            guard at(0) == c else { return false }
            i += 1
            return true
        }
        /// digit *( ["_"] digit )
        func digits(radix: Int = 10) -> Bool {
            guard isDigit(at(0), radix: radix) else { return false }
            i += 1
            while isDigit(at(0), radix: radix) || (at(0) == "_" && isDigit(at(1), radix: radix)) { i += at(0) == "_" ? 2 : 1 }
            return true
        }
        /// Exactly `n` decimal digits.
        func fixed(_ n: Int) -> Bool {
            for k in 0..<n where !isDigit(at(k)) { return false }
            i += n
            return true
        }
        func time() -> Bool {
            guard fixed(2), eat(":"), fixed(2), eat(":"), fixed(2) else { return false }
            if eat(".") {  // fractional seconds: digits, no underscores
                guard isDigit(at(0)) else { return false }
                while isDigit(at(0)) { i += 1 }
            }
            return true
        }

        let text = String(String.UnicodeScalarView(s))
        if ["true", "false", "inf", "+inf", "-inf", "nan", "+nan", "-nan"].contains(text) { return true }
        if s.count > 2, s[0] == "0", let radix = ["x": 16, "o": 8, "b": 2][s[1]] {
            i = 2
            return digits(radix: radix) && i == s.count
        }
        if s.count >= 10, s[4] == "-" {  // a date, then maybe a time and an offset
            guard fixed(4), eat("-"), fixed(2), eat("-"), fixed(2) else { return false }
            if i == s.count { return true }
            guard eat("T") || eat("t") || eat(" "), time() else { return false }
            if i == s.count { return true }
            if eat("Z") || eat("z") { return i == s.count }
            guard eat("+") || eat("-"), fixed(2), eat(":"), fixed(2) else { return false }
            return i == s.count
        }
        if s.count >= 8, s[2] == ":" { return time() && i == s.count }
        _ = eat("+") || eat("-")
        if eat("0") {
            if isDigit(at(0)) || at(0) == "_" { return false }  // no leading zeros
        } else if !digits() {
            return false
        }
        if eat(".") { guard digits() else { return false } }
        if eat("e") || eat("E") {
            _ = eat("+") || eat("-")
            guard digits() else { return false }
        }
        return i == s.count
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
