// Splits regimen text into tokens (numbers, words, single-character symbols), each with its
// 1-based character column, and rejects `{placeholders}` that the caller did not substitute.
// The grammar is documented on `RegimenLanguage`; the parser is in RegimenLanguageParser.swift.

extension RegimenLanguage {
    /// One token of regimen text.
    struct Token: Sendable {
        /// What the token is.
        enum Kind: Sendable, Equatable {
            /// A number such as `10`, `0.5`, `-5`, `.25` or `1e-3`, with its value (`inf` if too
            /// large for a double).
            case number(Double)
            /// A run of letters (`mg`, `po`, `q`, `µg`, `nan`), compared case-insensitively.
            case word
            /// Any other single character (`;`, `,`, `%`, `/`, `-`, …).
            case symbol
        }

        /// What the token is.
        let kind: Kind
        /// The token as written.
        let text: String
        /// `text` in lower case, for keyword matching.
        let lowercased: String
        /// 1-based character position of the first character.
        let column: Int
        /// 1-based character position just past the last character.
        let endColumn: Int

        /// The value of a number token, else `nil`.
        var number: Double? {
            if case .number(let x) = kind { return x }
            return nil
        }

        /// Whether this is the word `word` (lower case), in any case.
        func isWord(_ word: String) -> Bool { kind == .word && lowercased == word }

        /// Whether this is one of the words `words` (lower case), in any case.
        func isWord(oneOf words: Set<String>) -> Bool { kind == .word && words.contains(lowercased) }

        /// Whether this is the symbol `symbol`.
        func isSymbol(_ symbol: Character) -> Bool { kind == .symbol && text == String(symbol) }

        /// Whether this word spells a non-finite number (`nan`, `inf`, `infinity`, possibly glued to
        /// a unit, as in `nanmg` after substituting `{dose}` = nan), so that the message can say so.
        var spellsNonFiniteNumber: Bool {
            guard kind == .word else { return false }
            if lowercased.hasPrefix("nan") { return true }
            return lowercased.hasPrefix("inf") && !lowercased.hasPrefix("infusion")
        }
    }

    /// The tokens of `characters`, skipping whitespace (line breaks included).
    ///
    /// - Throws: `RegimenSyntaxError` at the first `{`: a placeholder left unsubstituted.
    static func tokenize(_ characters: [Character]) throws(RegimenSyntaxError) -> [Token] {
        let n = characters.count
        func isDigit(_ i: Int) -> Bool {
            guard i < n, let ascii = characters[i].asciiValue else { return false }
            return ascii >= 48 && ascii <= 57
        }
        /// Whether a number starts at `i`: a digit, `.5`, or a sign directly before either.
        func startsNumber(_ i: Int) -> Bool {
            var j = i
            if j < n, characters[j] == "+" || characters[j] == "-" { j += 1 }
            return isDigit(j) || (j < n && characters[j] == "." && isDigit(j + 1))
        }

        var tokens: [Token] = []
        var i = 0
        while i < n {
            let c = characters[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            let kind: Token.Kind
            if c == "{" {
                throw placeholderError(characters, at: i)
            } else if startsNumber(i) {
                if c == "+" || c == "-" { i += 1 }
                while isDigit(i) { i += 1 }
                if i < n, characters[i] == ".", isDigit(i + 1) {
                    i += 1
                    while isDigit(i) { i += 1 }
                }
                // An exponent only when digits follow (`1e-3`), so that `1e` stays a number and a word.
                if i < n, characters[i] == "e" || characters[i] == "E" {
                    var j = i + 1
                    if j < n, characters[j] == "+" || characters[j] == "-" { j += 1 }
                    if isDigit(j) {
                        i = j
                        while isDigit(i) { i += 1 }
                    }
                }
                // Every text scanned here is a valid Swift double literal; overflow gives ±inf.
                kind = .number(Double(String(characters[start..<i])) ?? .nan)
            } else if c.isLetter {
                while i < n, characters[i].isLetter { i += 1 }
                kind = .word
            } else {
                i += 1
                kind = .symbol
            }
            let text = String(characters[start..<i])
            tokens.append(Token(kind: kind, text: text, lowercased: text.lowercased(),
                                column: start + 1, endColumn: i + 1))
        }
        return tokens
    }

    /// The error for a `{` at `i`: an unsubstituted `{name}`, or a `{` that is never closed.
    private static func placeholderError(_ characters: [Character], at i: Int) -> RegimenSyntaxError {
        if let close = characters[(i + 1)...].firstIndex(of: "}") {
            let placeholder = String(characters[i...close])
            var name = characters[(i + 1)..<close]
            while let first = name.first, first.isWhitespace { name = name.dropFirst() }
            while let last = name.last, last.isWhitespace { name = name.dropLast() }
            return RegimenSyntaxError(column: i + 1, found: placeholder,
                                      message: "unsubstituted placeholder \(placeholder): give it a value with --set \(String(name))=…")
        }
        var end = i + 1
        while end < characters.count, !characters[end].isWhitespace { end += 1 }
        let found = String(characters[i..<end])
        return RegimenSyntaxError(column: i + 1, found: found,
                                  message: "'{' opens a placeholder that is never closed: expected a placeholder such as {dose} "
                                      + "(substituted before the regimen is read), found '\(found)'")
    }
}
