import Foundation

extension ScenarioFile {
    /// Reads JSON into a document tree, or returns `nil` for a text that is only white space.
    ///
    /// Values come from Foundation's `JSONSerialization`. It reports a syntax error only as a
    /// character offset and says nothing of where values are, so `JSONLocator` scans the text as
    /// well: it finds the position of every key and value, duplicate keys (which
    /// `JSONSerialization` accepts, keeping the last), and a syntax error's exact line and column.
    ///
    /// The locator runs first and stops at `limits.maxDepth`, so that nothing recursive (its own
    /// scan, `JSONSerialization`, `convert`) ever sees a deeper document.
    ///
    /// - Throws: a nesting deeper than `limits.maxDepth`, the syntax error, or every duplicate
    ///   key, located.
    static func readJSON(_ text: String, file: String, limits: Limits) throws(InputError) -> Node? {
        if text.allSatisfy({ $0.isWhitespace }) { return nil }
        var locator = JSONLocator(text, maxDepth: limits.maxDepth)
        locator.run()
        if let at = locator.tooDeep { throw depthError(file: file, at: at, limits: limits) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            if let (message, at) = locator.syntaxError {
                throw InputError(.data, file: file, line: at.line, column: at.column, "invalid JSON: \(message)")
            }
            throw jsonSerializationError(error, text: text, file: file)
        }
        if let (message, at) = locator.syntaxError {
            // Accepted by JSONSerialization (e.g. a trailing comma) but not JSON.
            throw InputError(.data, file: file, line: at.line, column: at.column, "invalid JSON: \(message)")
        }
        if !locator.duplicates.isEmpty {
            throw InputError(.data, locator.duplicates.map { duplicate in
                InputProblem(file: file, line: duplicate.at.line, column: duplicate.at.column, field: duplicate.path,
                             message: "duplicate key '\(duplicate.key)'; each key may appear once")
            })
        }
        return convert(object, path: "", locator: locator, lines: lines(of: text), at: locator.values[""])
    }

    /// The error of `JSONSerialization`, with its "around character N" turned into a line and column.
    private static func jsonSerializationError(_ error: Error, text: String, file: String) -> InputError {
        var message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var at: Position? = nil
        if let range = message.range(of: " around character ") {
            let digits = message[range.upperBound...].prefix(while: { $0.isNumber })
            if let offset = Int(digits) { at = positionOfUTF8Offset(offset, in: text) }
            message = String(message[..<range.lowerBound])
        }
        if message.hasSuffix(".") { message.removeLast() }
        if message.hasSuffix(" is not representable in Swift") {  // "Number 1e400 is not representable in Swift"
            message = String(message.dropLast(" in Swift".count)) + " as a double"
        }
        if let first = message.first { message = first.lowercased() + message.dropFirst() }
        return InputError(.data, file: file, line: at?.line, column: at?.column, "invalid JSON: \(message)")
    }

    private static func convert(_ value: Any, path: String, locator: JSONLocator, lines: [Substring], at position: Position?) -> Node {
        if let dictionary = value as? [String: Any] {
            var entries: [Node.Entry] = []
            for (key, child) in dictionary {
                let childPath = path.isEmpty ? key : path + "." + key
                entries.append(Node.Entry(key: key, keyPosition: locator.keys[childPath],
                                          value: convert(child, path: childPath, locator: locator, lines: lines,
                                                         at: locator.values[childPath])))
            }
            entries.sort(by: Node.Entry.documentOrder)
            return Node(.map(entries), at: position)
        }
        if let array = value as? [Any] {
            return Node(.list(array.enumerated().map { index, child in
                let childPath = "\(path)[\(index)]"
                return convert(child, path: childPath, locator: locator, lines: lines, at: locator.values[childPath])
            }), at: position)
        }
        if let string = value as? String {
            let content = position.flatMap {
                literalContentColumn(of: string, in: lines, line: $0.line, column: $0.column, quoted: true)
            }
            return Node(.text(string, plain: false), at: position, contentColumn: content)
        }
        if let number = value as? NSNumber {
            // JSON booleans arrive as NSNumbers of type "c" (char); numbers never do.
            if String(cString: number.objCType) == "c" { return Node(.bool(number.boolValue), at: position) }
            return Node(.number(number.doubleValue), at: position)
        }
        if value is NSNull { return Node(.null, at: position) }
        return Node(.other("\(value)"), at: position)
    }
}

/// Scans JSON text for the position of every key and value (by path: `a.b`, `a.c[2]`), duplicate
/// keys, and the first syntax error (strict RFC 8259: no trailing commas, comments or NaN). It
/// recurses once per level, so it stops at the first list or object nested deeper than `maxDepth`.
struct JSONLocator {
    private struct Failure: Error {}

    private let scalars: [Unicode.Scalar]
    private let maxDepth: Int
    private var depth = 0
    private var index = 0
    private var line = 1
    private var column = 1
    /// Where each key was written.
    private(set) var keys: [String: ScenarioFile.Position] = [:]
    /// Where each value starts (`""` is the whole document).
    private(set) var values: [String: ScenarioFile.Position] = [:]
    /// Keys written twice in one object: the second occurrence.
    private(set) var duplicates: [(key: String, path: String, at: ScenarioFile.Position)] = []
    /// The first syntax error and where it is.
    private(set) var syntaxError: (String, ScenarioFile.Position)? = nil
    /// The opening bracket or brace nested deeper than `maxDepth`, if any (the scan stops there).
    private(set) var tooDeep: ScenarioFile.Position? = nil

    init(_ text: String, maxDepth: Int) {
        scalars = Array(text.unicodeScalars)
        self.maxDepth = maxDepth
    }

    private var here: ScenarioFile.Position { ScenarioFile.Position(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        guard let c = current else { return }
        index += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    private mutating func fail(_ message: String) throws(Failure) -> Never {
        syntaxError = (message, here)
        throw Failure()
    }

    private var foundDescription: String {
        guard let c = current else { return "the end of the file" }
        return "'\(c)'"
    }

    mutating func run() {
        do {
            skipWhitespace()
            try value(path: "")
            skipWhitespace()
            if current != nil { try fail("unexpected \(foundDescription) after the end of the document") }
        } catch {}
    }

    private mutating func value(path: String) throws(Failure) {
        skipWhitespace()
        values[path] = here
        guard let c = current else { try fail("expected a value, found the end of the file") }
        switch c {
        case "{", "[":
            depth += 1
            if depth > maxDepth { tooDeep = here; throw Failure() }
            if c == "{" { try object(path: path) } else { try array(path: path) }
            depth -= 1
        case "\"": _ = try string()
        case "t", "f", "n": try literal()
        case "-", "0"..."9": try number()
        default: try fail("expected a value, found \(foundDescription)")
        }
    }

    private mutating func object(path: String) throws(Failure) {
        advance()
        skipWhitespace()
        if current == "}" { advance(); return }
        var seen = Set<String>()
        while true {
            skipWhitespace()
            guard current == "\"" else {
                try fail(current == "}" ? "expected a key after ',', found '}' (trailing comma)"
                                        : "expected a key in double quotes, found \(foundDescription)")
            }
            let at = here
            let key = try string()
            let childPath = path.isEmpty ? key : path + "." + key
            if !seen.insert(key).inserted {
                duplicates.append((key, childPath, at))
            } else {
                keys[childPath] = at
            }
            skipWhitespace()
            guard current == ":" else { try fail("expected ':' after the key \"\(key)\", found \(foundDescription)") }
            advance()
            try value(path: childPath)  // a duplicate's positions do not matter: it is an error
            skipWhitespace()
            if current == "," { advance(); continue }
            if current == "}" { advance(); return }
            try fail("expected ',' or '}' in an object, found \(foundDescription)")
        }
    }

    private mutating func array(path: String) throws(Failure) {
        advance()
        skipWhitespace()
        if current == "]" { advance(); return }
        var n = 0
        while true {
            skipWhitespace()
            if current == "]" { try fail("expected a value after ',', found ']' (trailing comma)") }
            try value(path: "\(path)[\(n)]")
            n += 1
            skipWhitespace()
            if current == "," { advance(); continue }
            if current == "]" { advance(); return }
            try fail("expected ',' or ']' in a list, found \(foundDescription)")
        }
    }

    private mutating func string() throws(Failure) -> String {
        advance()
        var text = ""
        while true {
            guard let c = current, c != "\n" else { try fail("unterminated string") }
            if c == "\"" { advance(); return text }
            if c == "\\" {
                advance()
                guard let e = current else { try fail("unterminated string") }
                switch e {
                case "\"", "\\", "/": text.unicodeScalars.append(e)
                case "b": text += "\u{8}"
                case "f": text += "\u{c}"
                case "n": text += "\n"
                case "r": text += "\r"
                case "t": text += "\t"
                case "u":
                    var hex = ""
                    for _ in 0..<4 {
                        advance()
                        guard let h = current, h.properties.isASCIIHexDigit else { try fail("invalid \\u escape in a string") }
                        hex.unicodeScalars.append(h)
                    }
                    if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { text.unicodeScalars.append(s) }
                default: try fail("invalid escape '\\\(e)' in a string")
                }
                advance()
                continue
            }
            text.unicodeScalars.append(c)
            advance()
        }
    }

    private mutating func literal() throws(Failure) {
        var word = ""
        while let c = current, c.properties.isAlphabetic { word.unicodeScalars.append(c); advance() }
        if !["true", "false", "null"].contains(word) {
            index -= word.unicodeScalars.count
            column -= word.unicodeScalars.count
            try fail("expected a value (true, false, null, a number, a string, a list or an object), found '\(word)'")
        }
    }

    private mutating func number() throws(Failure) {
        let start = (index, line, column)
        func digits(_ me: inout JSONLocator) -> Int {
            var n = 0
            while let c = me.current, ("0"..."9").contains(c) { me.advance(); n += 1 }
            return n
        }
        if current == "-" { advance() }
        if current == "0" {
            advance()
            if let c = current, ("0"..."9").contains(c) {
                (index, line, column) = start
                try fail("a number may not start with a leading zero")
            }
        } else if digits(&self) == 0 {
            try fail("expected digits in a number, found \(foundDescription)")
        }
        if current == "." {
            advance()
            if digits(&self) == 0 { try fail("expected digits after the decimal point, found \(foundDescription)") }
        }
        if current == "e" || current == "E" {
            advance()
            if current == "+" || current == "-" { advance() }
            if digits(&self) == 0 { try fail("expected digits in the exponent, found \(foundDescription)") }
        }
    }
}
