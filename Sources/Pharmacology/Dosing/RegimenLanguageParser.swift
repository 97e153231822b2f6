// Reads regimen text into phases (syntax and checks that need only the phase itself), then lays
// the phases end to end in time with the validated builders (checks that need the phase before,
// such as what a taper starts from). The grammar and semantics are documented on `RegimenLanguage`.

extension RegimenLanguage {
    /// One phase as read, before it is placed in time.
    struct PhaseNode: Sendable {
        /// What the phase does.
        enum Kind: Sendable {
            /// `amount` every `interval` h, for a duration (h) or a number of doses; with
            /// `steadyState` (`ss`), the subject is at the steady state of this dosing at the start.
            case repeated(amount: Double, route: Dose.Route, interval: Double, length: Length, steadyState: Bool)
            /// `amount` at each of `hours` (h after the start of each day) for `days` days.
            case hoursOfDay(amount: Double, route: Dose.Route, hours: [Double], days: Int)
            /// `amount` at each of `offsets` (h after the phase start, ascending, each `< 24`).
            case single(amount: Double, route: Dose.Route, offsets: [Double])
            /// A taper of the previous phase's dose.
            case taper(cut: Taper.Cut, stepDays: Double, smallestStep: Double?, tabletSize: Double?)
            /// No doses for `hours` h.
            case gap(hours: Double)
            /// The end of dosing.
            case stop
        }

        /// How long a repeated phase lasts.
        enum Length: Sendable {
            /// This many hours: doses while the time since the phase start is below it.
            case hours(Double)
            /// This many doses; the phase lasts `count · interval` h.
            case count(Int)
        }

        /// What the phase does.
        let kind: Kind
        /// 1-based column of its first character.
        let column: Int
        /// Its text as written, from its first to its last token.
        let text: String

        /// Whether the phase is `wait` or `pause`.
        var isGap: Bool {
            if case .gap = kind { return true }
            return false
        }
    }

    /// A recursive-descent parser over the tokens of one regimen text.
    struct Parser {
        /// The text, one element per character (columns index into it).
        let characters: [Character]
        /// Its tokens.
        let tokens: [Token]
        /// Index of the next token to read.
        private var position = 0
        /// The first amount read, which fixes the unit of every amount: per kg of body weight
        /// (`5mg/kg`) or in mg (`5mg`), with its column and text for messages.
        private(set) var unit: (perKilogram: Bool, column: Int, text: String)?

        /// Tokenizes `text`.
        ///
        /// - Throws: `RegimenSyntaxError` for an unsubstituted `{placeholder}`.
        init(_ text: String) throws(RegimenSyntaxError) {
            characters = Array(text)
            tokens = try RegimenLanguage.tokenize(characters)
        }

        // MARK: Tokens

        /// The next token, or `nil` at the end of the text.
        private var current: Token? { position < tokens.count ? tokens[position] : nil }

        /// The token `k` places after the next one, or `nil` past the end.
        private func peek(_ k: Int) -> Token? { position + k < tokens.count ? tokens[position + k] : nil }

        /// Reads the next token (the caller has checked there is one).
        private mutating func advance() -> Token {
            defer { position += 1 }
            return tokens[position]
        }

        /// The last token read.
        private var previous: Token { tokens[position - 1] }

        /// Column of the end of the text (where a phase cut short is reported).
        private var endColumn: Int { characters.count + 1 }

        /// The text from the start of `first` to the end of `last`, as written.
        func text(from first: Token, to last: Token) -> String {
            String(characters[(first.column - 1)..<(last.endColumn - 1)])
        }

        // MARK: Errors

        /// `'text'`, or `the end of the text` for `""`.
        private static func quote(_ found: String) -> String { found.isEmpty ? "the end of the text" : "'\(found)'" }

        /// `what` ("a duration", "an amount") with "the" for its article, to say what is wrong with it.
        private static func the(_ what: String) -> String {
            if what.hasPrefix("a ") { return "the " + what.dropFirst(2) }
            if what.hasPrefix("an ") { return "the " + what.dropFirst(3) }
            return what
        }

        /// "expected `what`, found <token>" at `token` (or at the end of the text).
        private func expected(_ what: String, at token: Token?) -> RegimenSyntaxError {
            let found = token?.text ?? ""
            return RegimenSyntaxError(column: token?.column ?? endColumn, found: found,
                                      message: "expected \(what), found \(Self.quote(found))")
        }

        /// "`problem`: expected `what`, found <text from first to last>" at `first`.
        private func invalid(_ problem: String, expected what: String, from first: Token, to last: Token) -> RegimenSyntaxError {
            let found = text(from: first, to: last)
            return RegimenSyntaxError(column: first.column, found: found,
                                      message: "\(problem): expected \(what), found '\(found)'")
        }

        // MARK: Regimen

        /// Reads the whole text: phases separated by `;`, `; then` or `then`, and nothing after.
        ///
        /// - Throws: `RegimenSyntaxError` at the first problem.
        mutating func parsePhases() throws(RegimenSyntaxError) -> [PhaseNode] {
            guard current != nil else {
                throw RegimenSyntaxError(column: 1, found: "",
                                         message: "the regimen is empty: expected at least one phase such as '10mg po q24h for 7d'")
            }
            var nodes: [PhaseNode] = []
            while true {
                let node = try parsePhase()
                nodes.append(node)
                guard let next = current else { break }
                if case .stop = node.kind {
                    throw expected("the end of the text after 'stop', which ends the regimen (for a gap before "
                                   + "dosing again, write 'wait 14d' instead)", at: next)
                }
                if next.isSymbol(";") {
                    let separator = advance()
                    if current?.isWord("then") == true { _ = advance() }
                    if current == nil {
                        throw expected("a phase after '\(text(from: separator, to: previous))'", at: nil)
                    }
                } else if next.isWord("then") {
                    _ = advance()
                    if current == nil { throw expected("a phase after 'then'", at: nil) }
                } else {
                    throw expected("';', 'then' or the end of the text after the phase '\(node.text)'", at: next)
                }
            }
            return nodes
        }

        /// Reads one phase: a dosing phase (it starts with its amount), a taper, a gap or `stop`.
        private mutating func parsePhase() throws(RegimenSyntaxError) -> PhaseNode {
            let first = current
            if let first, first.number != nil || first.spellsNonFiniteNumber
                || ((first.isSymbol("-") || first.isSymbol("+")) && peek(1)?.spellsNonFiniteNumber == true) {
                return try parseDosing()
            }
            if let first, first.kind == .word {
                switch first.lowercased {
                case "taper": return try parseTaper()
                case "wait", "pause":
                    _ = advance()
                    let hours = try parseDuration("a gap length", example: "14d", after: first)
                    return node(.gap(hours: hours), from: first)
                case "stop":
                    _ = advance()
                    return node(.stop, from: first)
                default: break
                }
            }
            throw expected("a phase: doses such as '10mg po q24h for 7d', 'taper', 'wait', 'pause' or 'stop'", at: first)
        }

        /// A node of `kind` spanning `first` to the last token read.
        private func node(_ kind: PhaseNode.Kind, from first: Token) -> PhaseNode {
            PhaseNode(kind: kind, column: first.column, text: text(from: first, to: previous))
        }

        // MARK: Dosing phases

        /// `amount route schedule`.
        private mutating func parseDosing() throws(RegimenSyntaxError) -> PhaseNode {
            let first = current!
            let amount = try parseAmount("an amount", example: "10mg")
            let route = try parseRoute()
            guard let word = current, word.kind == .word else {
                throw expectedSchedule(at: current)
            }
            switch word.lowercased {
            case "once":
                _ = advance()
                try rejectLength(afterSingleDose: word)
                return node(.single(amount: amount, route: route, offsets: [0]), from: first)
            case "at":
                _ = advance()
                let times = try parseTimes()
                if current?.isWord("daily") == true {
                    let daily = advance()
                    let hours = try validatedTimesOfDay(times)
                    let days = try parseDays(after: daily)
                    return node(.hoursOfDay(amount: amount, route: route, hours: hours, days: days), from: first)
                }
                let offsets = try validatedOffsets(times)
                try rejectLength(afterSingleDose: word)
                return node(.single(amount: amount, route: route, offsets: offsets), from: first)
            default:
                guard let (interval, intervalStart) = try parseInterval() else { throw expectedSchedule(at: word) }
                let intervalEnd = previous
                // `ss`: at steady state from the start; without a length, one interval (one dose).
                if current?.isWord("ss") == true {
                    _ = advance()
                    let length = current == nil || current?.isSymbol(";") == true || current?.isWord("then") == true
                        ? PhaseNode.Length.count(1)
                        : try parseLength(interval: interval, intervalFrom: intervalStart, to: intervalEnd)
                    return node(.repeated(amount: amount, route: route, interval: interval, length: length, steadyState: true), from: first)
                }
                let length = try parseLength(interval: interval, intervalFrom: intervalStart, to: intervalEnd)
                return node(.repeated(amount: amount, route: route, interval: interval, length: length, steadyState: false), from: first)
            }
        }

        /// The error for a missing or unknown schedule after the route.
        private func expectedSchedule(at token: Token?) -> RegimenSyntaxError {
            expected("when to give it: a dose interval (q24h, daily, bid, tid, qid, every 12h), 'once', "
                     + "or 'at' and times such as 'at 0h' or 'at 8h,20h daily'", at: token)
        }

        /// A single-dose phase takes no length: `for`, `x`, an interval or `daily` after it is an error
        /// that says what to write instead (anything else is left to the separator check).
        private func rejectLength(afterSingleDose keyword: Token) throws(RegimenSyntaxError) {
            guard let next = current,
                  next.isWord(oneOf: ["for", "x", "daily", "bid", "tid", "qid", "q", "every"]) || next.isSymbol("×")
            else { return }
            let single = keyword.isWord("once") ? "'once'" : "'at' without 'daily'"
            throw expected("the end of the phase after a single dose (\(single)), which "
                           + "takes no length; for repeated doses write e.g. '10mg po q24h for 7d' or "
                           + "'5mg po at 8h,20h daily for 4w', and for a gap after the dose add '; wait 14d'", at: next)
        }

        /// `number unit` in mg, converted from µg or g.
        ///
        /// - Parameters:
        ///   - what: the quantity for messages, with its article ("an amount", "the smallest step").
        ///   - example: an example value, e.g. `10mg`.
        ///   - units: what may follow the number, for the message when the unit is missing.
        private mutating func parseAmount(_ what: String, example: String,
                                          units: String = "a unit of amount (mg, µg or g)") throws(RegimenSyntaxError) -> Double {
            guard let first = current else { throw expected("\(what) such as \(example)", at: nil) }
            // nan / inf, as left by substituting a non-finite value into `{dose}mg`.
            if first.spellsNonFiniteNumber || ((first.isSymbol("-") || first.isSymbol("+")) && peek(1)?.spellsNonFiniteNumber == true) {
                if first.kind == .symbol { _ = advance() }
                let word = advance()
                throw invalid("\(Self.the(what)) must be a finite number", expected: "\(what) such as \(example)", from: first, to: word)
            }
            guard let value = first.number else { throw expected("\(what) such as \(example)", at: first) }
            _ = advance()
            guard let unit = current, unit.kind == .word else {
                var hint = ""
                if let comma = current, comma.isSymbol(","), peek(1)?.number != nil {
                    hint = " (decimals are written with a point, e.g. 2.5mg)"
                }
                throw expected("\(units) after '\(first.text)'\(hint)", at: current)
            }
            let amount: Double
            switch unit.lowercased {
            case "mg": amount = value
            case "g": amount = value * 1000
            case "ug", "µg", "μg", "mcg": amount = value / 1000
            default:
                throw expected("\(units) after '\(first.text)'", at: unit)
            }
            _ = advance()
            let perKilogram = try parsePerKilogram(value: value, number: first, unit: unit)
            guard amount.isFinite, amount > 0 else {
                throw invalid("\(Self.the(what)) must be \(amount.isFinite ? "greater than 0" : "a finite number")",
                              expected: "\(what) such as \(example)", from: first, to: previous)
            }
            // One unit for the whole regimen: a mix of mg and mg/kg is a slip, not a plan.
            let written = text(from: first, to: previous)
            if let unit = self.unit, unit.perKilogram != perKilogram {
                let expected = unit.perKilogram
                    ? "an amount per kg such as 0.5mg/kg (every amount of a regimen is in one unit, and its first, "
                        + "'\(unit.text)' at column \(unit.column), is per kg)"
                    : "an amount in mg, µg or g such as 0.5mg (every amount of a regimen is in one unit, and its first, "
                        + "'\(unit.text)' at column \(unit.column), is in mg; write every amount per kg, or none)"
                throw RegimenSyntaxError(column: first.column, found: written, message: "expected \(expected), found '\(written)'")
            }
            if self.unit == nil { self.unit = (perKilogram, first.column, written) }
            return amount
        }

        /// `/kg` right after the unit of amount `unit` (no spaces): whether the amount is per kg of
        /// body weight. Nothing read and `false` without a `/`.
        ///
        /// - Throws: `RegimenSyntaxError` at the amount's number for spaces around `/`, a missing
        ///   or unknown unit of weight after it (`/g` says what it is per kg).
        private mutating func parsePerKilogram(value: Double, number first: Token, unit: Token) throws(RegimenSyntaxError) -> Bool {
            guard let slash = current, slash.isSymbol("/") else { return false }
            _ = advance()
            // A word after a space is the unit of weight only if it is `kg` (`5mg/ ip` lacks it).
            var per: Token? = nil
            if let word = current, word.kind == .word, word.column == slash.endColumn || word.isWord("kg") { per = advance() }
            let written = text(from: first, to: per ?? slash)
            let example = "\(first.text)\(unit.text)/kg"
            func error(_ message: String) -> RegimenSyntaxError {
                RegimenSyntaxError(column: first.column, found: written, message: "\(message), found '\(written)'")
            }
            guard let per else {
                throw error("a dose per body weight needs 'kg' after '/': expected an amount such as \(example)")
            }
            if slash.column != unit.endColumn || per.column != slash.endColumn {
                throw error("a dose per body weight is written without spaces around '/': expected \(example)")
            }
            switch per.lowercased {
            case "kg":
                if let again = current, again.isSymbol("/") {
                    let rest = peek(1)?.kind == .word ? peek(1)! : again
                    let whole = text(from: first, to: rest)
                    throw RegimenSyntaxError(column: first.column, found: whole,
                                             message: "a dose per kg per time is written as the dose and its interval: expected "
                                                 + "\(example) followed by the route and 'daily' or 'q24h', found '\(whole)'")
                }
                return true
            case "g":
                throw error("doses are per kg of body weight, not per g: expected \(formatNumber(value * 1000))\(unit.text)/kg "
                            + "(\(first.text) \(unit.text)/g is 1000 times that per kg)")
            default:
                throw error("unknown unit of body weight '\(per.text)': expected mg/kg, µg/kg or g/kg, as in \(example)")
            }
        }

        /// `po`, `oral`, `ip`, `iv`, `iv over <duration>` or `infusion over <duration>`.
        private mutating func parseRoute() throws(RegimenSyntaxError) -> Dose.Route {
            let routes = "po (oral), ip (intraperitoneal), iv (bolus), or iv over 2h / infusion over 2h "
                + "(zero-order infusion into the central compartment)"
            guard let word = current, word.kind == .word else { throw expected("a route: \(routes)", at: current) }
            switch word.lowercased {
            case "po", "oral":
                _ = advance()
                return .oral
            case "ip":
                _ = advance()
                return .intraperitoneal
            case "iv", "infusion":
                _ = advance()
                guard current?.isWord("over") == true else {
                    if word.lowercased == "iv" { return .intravenousBolus }
                    throw expected("'over' and a duration after 'infusion', as in 'infusion over 2h'", at: current)
                }
                let over = advance()
                let hours = try parseDuration("an infusion duration", example: "2h", after: over)
                return .infusion(duration: hours)
            default:
                throw RegimenSyntaxError(column: word.column, found: word.text,
                                         message: "unknown route: expected \(routes), found '\(word.text)'")
            }
        }

        /// `q<duration>`, `every <duration>`, `daily`, `bid`, `tid` or `qid`: the interval (h) and the
        /// token it starts at, or `nil` (nothing read) if the next token starts none of these.
        private mutating func parseInterval() throws(RegimenSyntaxError) -> (Double, Token)? {
            guard let word = current, word.kind == .word else { return nil }
            let fixed: [String: Double] = ["daily": 24, "bid": 12, "tid": 8, "qid": 6]
            if let hours = fixed[word.lowercased] {
                _ = advance()
                return (hours, word)
            }
            guard word.isWord(oneOf: ["q", "every"]) else { return nil }
            _ = advance()
            return (try parseDuration("a dose interval", example: "q24h", after: word), word)
        }

        /// `for <duration>` or `x <whole number>` after the interval `interval` (h), which runs from
        /// `intervalFrom` to `intervalTo` in the text.
        private mutating func parseLength(interval: Double, intervalFrom: Token, to intervalTo: Token) throws(RegimenSyntaxError) -> PhaseNode.Length {
            let how = "how long to give it: 'for' and a duration such as 'for 7d', or 'x' and a number of doses such as 'x7'"
            guard let word = current else { throw expected(how, at: nil) }
            if word.isWord("for") {
                _ = advance()
                let hours = try parseDuration("a duration", example: "180d", after: word, mentioningPrefix: true)
                guard interval <= hours else {
                    throw invalid("the dose interval (\(formatQuantity(interval, "h"))) is longer than the phase "
                                  + "(\(formatQuantity(hours, "h")))",
                                  expected: "an interval of at most \(formatQuantity(hours, "h")), or a longer phase",
                                  from: intervalFrom, to: intervalTo)
                }
                return .hours(hours)
            }
            if word.isWord("x") || word.isSymbol("×") {
                _ = advance()
                return .count(try parseDoseCount(after: word))
            }
            throw expected(how, at: word)
        }

        /// The whole number after `x` (1 … `Regimen.maximumDoseCount`).
        private mutating func parseDoseCount(after x: Token) throws(RegimenSyntaxError) -> Int {
            let what = "a whole number of doses from 1 to \(Regimen.maximumDoseCount) after '\(x.text)', such as x7"
            guard let token = current, let value = token.number else { throw expected(what, at: current) }
            _ = advance()
            guard value >= 1, value <= Double(Regimen.maximumDoseCount), value == value.rounded() else {
                throw RegimenSyntaxError(column: token.column, found: token.text, message: "expected \(what), found '\(token.text)'")
            }
            return Int(value)
        }

        /// `<duration> { "," <duration> }` after `at`: each time (h, `≥ 0`) with its token range.
        private mutating func parseTimes() throws(RegimenSyntaxError) -> [(hours: Double, first: Token, last: Token)] {
            var times: [(hours: Double, first: Token, last: Token)] = []
            repeat {
                if !times.isEmpty { _ = advance() }  // the comma
                let first = current
                let hours = try parseDuration("a time", example: "8h", allowZero: true)
                times.append((hours, first!, previous))
            } while current?.isSymbol(",") == true
            return times
        }

        /// Times of day for `at … daily`: each in [0, 24) h and given once, sorted.
        private func validatedTimesOfDay(_ times: [(hours: Double, first: Token, last: Token)]) throws(RegimenSyntaxError) -> [Double] {
            for time in times where time.hours >= 24 {
                throw invalid("a time of day must be before 24h", expected: "a time from 0h up to (not including) 24h",
                              from: time.first, to: time.last)
            }
            try rejectRepeatedTimes(times, "each time of day once (for a larger dose, change the amount)")
            return times.map(\.hours).sorted()
        }

        /// Dose times of a single-dose phase (`at` without `daily`): each before 24 h and given once, sorted.
        private func validatedOffsets(_ times: [(hours: Double, first: Token, last: Token)]) throws(RegimenSyntaxError) -> [Double] {
            for time in times where time.hours >= 24 {
                throw invalid("a phase of single doses lasts 24h",
                              expected: "a time before 24h after the start of the phase (for a later dose, put "
                                  + "'wait …;' before the phase; for a dose every day, add 'daily for …')",
                              from: time.first, to: time.last)
            }
            try rejectRepeatedTimes(times, "each dose time once (for a larger dose, change the amount)")
            return times.map(\.hours).sorted()
        }

        /// Rejects a time given twice in one `at` list (`what` is what is expected instead).
        private func rejectRepeatedTimes(_ times: [(hours: Double, first: Token, last: Token)], _ what: String) throws(RegimenSyntaxError) {
            for (i, time) in times.enumerated() where times[..<i].contains(where: { $0.hours == time.hours }) {
                throw invalid("the time \(text(from: time.first, to: time.last)) is given twice", expected: what,
                              from: time.first, to: time.last)
            }
        }

        /// `for <whole number of days>` after `at … daily`.
        private mutating func parseDays(after daily: Token) throws(RegimenSyntaxError) -> Int {
            guard let word = current, word.isWord("for") else {
                throw expected("'for' and a whole number of days after 'daily', such as 'for 28d' or 'for 4w'", at: current)
            }
            _ = advance()
            let first = current
            let hours = try parseDuration("a duration", example: "28d", after: word, mentioningPrefix: true)
            let days = hours / 24
            guard days == days.rounded(), days <= Double(Regimen.maximumDoseCount) else {
                throw invalid("doses at given times of day need a whole number of days",
                              expected: "a duration such as 28d or 4w", from: first!, to: previous)
            }
            return Int(days)
        }

        // MARK: Tapers

        /// `taper <cut> (q|every) <duration> { min <amount> | tablet <amount> }`.
        private mutating func parseTaper() throws(RegimenSyntaxError) -> PhaseNode {
            let keyword = advance()
            let cut: Taper.Cut
            if let number = current, let value = number.number, peek(1)?.isSymbol("%") == true {
                _ = advance()
                let percent = advance()
                guard value > 0, value < 100 else {
                    throw invalid("a taper cut must be more than 0% and less than 100%",
                                  expected: "a percentage such as 10% (for 100%, write 'stop')", from: number, to: percent)
                }
                cut = .fraction(value / 100)
            } else if current?.number != nil || current?.spellsNonFiniteNumber == true {
                cut = .amount(try parseAmount("a cut", example: "2.5mg or 10%", units: "'%' or a unit of amount (mg, µg or g)"))
            } else {
                throw expected("how much to cut after 'taper': a percentage such as 10% or an amount such as 2.5mg", at: current)
            }
            guard let every = current, every.isWord(oneOf: ["q", "every"]) else {
                throw expected("how often to cut: 'q' or 'every' and a duration, such as q14d or every 2w", at: current)
            }
            _ = advance()
            let stepHours = try parseDuration("a step length", example: "q14d", after: every, units: ["h", "d", "w"])
            var smallestStep: Double? = nil
            var tabletSize: Double? = nil
            while let option = current, option.isWord(oneOf: ["min", "tablet"]) {
                _ = advance()
                let isMin = option.isWord("min")
                guard (isMin ? smallestStep : tabletSize) == nil else {
                    throw RegimenSyntaxError(column: option.column, found: option.text,
                                             message: "'\(option.lowercased)' is given twice: expected each taper option "
                                                 + "('min', 'tablet') at most once, found '\(option.text)'")
                }
                let amount = try parseAmount(isMin ? "a smallest step" : "a tablet size", example: "0.5mg")
                if isMin { smallestStep = amount } else { tabletSize = amount }
            }
            // The 0.5 mg defaults are tablets in mg; per kg there is no such default.
            if unit?.perKilogram == true, smallestStep == nil, tabletSize == nil {
                let written = text(from: keyword, to: previous)
                throw RegimenSyntaxError(column: keyword.column, found: written,
                                         message: "a taper of a dose per kg rounds to steps per kg, and the 0.5mg default "
                                             + "is a tablet in mg: expected 'min' or 'tablet' per kg, as in '\(written) min "
                                             + "0.1mg/kg', found '\(written)'")
            }
            return node(.taper(cut: cut, stepDays: stepHours / 24, smallestStep: smallestStep, tabletSize: tabletSize),
                        from: keyword)
        }

        // MARK: Durations

        /// Hours per unit of time, and whether the number is divided by the factor instead (minutes).
        private static let timeUnits: [String: (factor: Double, divides: Bool)] = [
            "h": (1, false), "hr": (1, false), "hrs": (1, false), "hour": (1, false), "hours": (1, false),
            "d": (24, false), "day": (24, false), "days": (24, false),
            "w": (168, false), "wk": (168, false), "wks": (168, false), "week": (168, false), "weeks": (168, false),
            "min": (60, true), "mins": (60, true), "minute": (60, true), "minutes": (60, true),
        ]

        /// The short names of units of time, for messages.
        private static let shortTimeUnits = ["h", "d", "w", "min"]

        /// `number unit` in hours, `> 0` (or `≥ 0` with `allowZero`).
        ///
        /// - Parameters:
        ///   - what: the quantity for messages, with its article ("a duration", "a dose interval").
        ///   - example: an example as written, e.g. `180d` or `q24h`.
        ///   - prefix: the keyword before the duration (`for`, `q`, `over`, `wait`): messages quote it,
        ///     and an invalid value is shown from it (`q0h`).
        ///   - mentioningPrefix: whether "after '<prefix>'" is added to "expected a duration" messages.
        ///   - units: the accepted units (short names; longer spellings of the same units too).
        private mutating func parseDuration(_ what: String, example: String, after prefix: Token? = nil,
                                            mentioningPrefix: Bool = false, units: [String] = shortTimeUnits,
                                            allowZero: Bool = false) throws(RegimenSyntaxError) -> Double {
            let after = mentioningPrefix ? " after '\(prefix!.text)'" : ""
            let unitList = units.count == 4 ? "h, d, w or min" : "h, d or w"
            guard let number = current else { throw expected("\(what) such as \(example)\(after)", at: nil) }
            let shownFrom = prefix.flatMap { $0.endColumn == number.column ? $0 : nil } ?? number
            if number.spellsNonFiniteNumber {
                _ = advance()
                throw invalid("\(Self.the(what)) must be a finite number", expected: "\(what) such as \(example)", from: shownFrom, to: number)
            }
            guard let value = number.number else { throw expected("\(what) such as \(example)\(after)", at: number) }
            _ = advance()
            guard let unit = current, unit.kind == .word else {
                throw expected("a unit of time (\(unitList)) after '\(number.text)'", at: current)
            }
            let known = Self.timeUnits[unit.lowercased]
            // The taper's `min` option follows its step: "q14 min 0.5mg" is a missing unit, not 14 minutes.
            guard let known, units.contains(where: { Self.timeUnits[$0]! == known }) else {
                throw expected("a unit of time (\(unitList)) after '\(number.text)'", at: unit)
            }
            _ = advance()
            let hours = known.divides ? value / known.factor : value * known.factor
            guard hours.isFinite, hours > 0 || (allowZero && hours == 0) else {
                let problem = !hours.isFinite ? "\(Self.the(what)) must be a finite number"
                    : allowZero ? "\(Self.the(what)) cannot be negative" : "\(Self.the(what)) must be greater than 0"
                throw invalid(problem, expected: "\(what) such as \(example)", from: shownFrom, to: unit)
            }
            return hours
        }
    }
}
