// Reads the CSV text of an `EventTable`, collecting every problem instead of stopping at the first.
// The semantics are documented on `EventTable`; this file only implements them.

/// The NONMEM data items the table understands.
enum EventTableItem: String, CaseIterable {
    case id = "ID", time = "TIME", amt = "AMT", cmt = "CMT", evid = "EVID"
    case rate = "RATE", ii = "II", addl = "ADDL", ss = "SS"

    /// Without these a row cannot be read.
    static let required: [EventTableItem] = [.id, .time, .amt, .evid]
    /// NONMEM items that carry nothing BenzoSim uses; never taken for covariates.
    static let ignored: Set<String> = ["DV", "MDV", "PCMT", "CALL", "CONT", "C"]
    /// Covariate columns whose codes (numbers or words) the caller decodes from `Record.cells`.
    static let categorical: Set<String> = ["SEX", "CYP2C19"]
    /// Covariate columns that must hold numbers (any other column with text in it is a text column).
    static let numericCovariates: Set<String> = ["WT", "WEIGHT", "AGE"]
    /// Names people use for a required item, checked before edit distance.
    static let aliases: [String: EventTableItem] = [
        "AMOUNT": .amt, "DOSE": .amt, "SUBJECT": .id, "SUBJ": .id, "USUBJID": .id, "PATIENT": .id,
        "TIME_H": .time, "HOURS": .time, "T": .time,
    ]
}

struct EventTableParser {
    private let text: String
    private let requestedSeparator: EventTableSeparator?
    private var separator = EventTableSeparator.comma
    private var problems: [EventTableProblem] = []
    private var notes: [String] = []
    /// Header name of each column as written (for messages and covariate names).
    private var names: [String] = []
    /// Column index of each known item.
    private var index: [EventTableItem: Int] = [:]
    /// Column indices of the covariates.
    private var covariateColumns: [Int] = []
    /// Covariate columns found to hold text: not covariates after all.
    private var textColumns: Set<Int> = []

    init(text: String, separator: EventTableSeparator?) {
        self.text = text
        self.requestedSeparator = separator
    }

    // MARK: Problems

    private mutating func report(_ line: Int, _ column: Int?, _ message: String) {
        problems.append(EventTableProblem(line: line, column: column.map { $0 + 1 },
                                          columnName: column.flatMap { $0 < names.count ? names[$0] : nil }, message: message))
    }

    /// The error with the problems in line order, then column order, whole-line problems last;
    /// ties keep the order they were found in.
    private func failure() -> EventTableError {
        let sorted = problems.enumerated().sorted { a, b in
            (a.element.line, a.element.column ?? .max, a.offset) < (b.element.line, b.element.column ?? .max, b.offset)
        }
        return EventTableError(problems: sorted.map(\.element))
    }

    // MARK: Text

    /// A comment: a record whose first field starts with `#`, or is `C` (NONMEM's `IGNORE=C`
    /// convention of a first column holding C on excluded rows).
    private static func isComment(_ fields: [String]) -> Bool {
        guard let first = fields.first else { return false }
        return first.hasPrefix("#") || first == "C"
    }

    private static func isBlankRecord(_ fields: [String]) -> Bool { fields.allSatisfy(\.isEmpty) }

    /// Whether header-like fields name ID and TIME: a `#` line that does is the header (NONMEM
    /// datasets hide the header from `IGNORE=#` this way), any other `#` line is a comment.
    private static func namesIDAndTime(_ fields: [String]) -> Bool {
        let upper = Set(fields.map { $0.uppercased() })
        return upper.contains("ID") && upper.contains("TIME")
    }

    // MARK: Parse

    mutating func parse() throws(EventTableError) -> EventTable {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a byte-order mark from spreadsheet exports

        // The header: the first record with anything on it that is not a comment; a `#` line
        // naming ID and TIME is the header with its `#` dropped.
        var scan = EventTableSplitter(bytes: bytes, separator: .comma)
        var header: EventTableRecord? = nil
        var headerLine = 1
        while !scan.atEnd {
            var raw = scan.peekLine()
            let start = scan.line
            while let b = raw.first, b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { raw.removeFirst() }
            let hashed = raw.first == UInt8(ascii: "#")
            if hashed { raw.removeFirst() }
            let sep = requestedSeparator ?? EventTableSeparator.detect(in: raw)
            var one = EventTableSplitter(bytes: raw, separator: sep)
            let record = one.atEnd ? EventTableRecord(line: start, fields: [], problems: []) : one.next()
            scan.skipLine()
            if Self.isBlankRecord(record.fields) { continue }
            if (hashed || record.fields.first == "C") && !Self.namesIDAndTime(record.fields) { continue }
            separator = sep
            header = EventTableRecord(line: start, fields: record.fields, problems: record.problems)
            headerLine = start
            break
        }
        guard let header else {
            problems.append(EventTableProblem(line: 1, message:
                "the event table is empty; expected a header row (ID,TIME,AMT,EVID and optionally CMT,RATE,II,ADDL "
                + "and covariate columns) followed by one row per dose or observation"))
            throw failure()
        }
        names = header.fields
        for problem in header.problems { report(headerLine, problem.column.map { $0 - 1 }, problem.message) }
        readHeader(header.fields, line: headerLine)
        if EventTableItem.required.contains(where: { index[$0] == nil }) { throw failure() }

        var builders: [SubjectBuilder] = []
        var rows = 0
        var totalDoses = 0
        var lastKey: SubjectKey? = nil
        var firstBlockOf: [SubjectKey: Int] = [:]
        var splitter = EventTableSplitter(bytes: bytes, separator: separator)
        while splitter.line <= headerLine, !splitter.atEnd { splitter.skipLine() }
        while !splitter.atEnd {
            let record = splitter.next()
            let line = record.line
            let cells = record.fields
            if Self.isBlankRecord(cells) || Self.isComment(cells) { continue }
            rows += 1
            for problem in record.problems { report(line, problem.column.map { $0 - 1 }, problem.message) }
            guard cells.count == names.count else {
                report(line, nil, "has \(cells.count) fields but the header has \(names.count) columns; expected one value "
                       + "per column, separated by \(separator.described) (leave a field empty where it does not apply)"
                       + (requestedSeparator == nil ? "; the separator was detected from the header line \(headerLine): "
                          + "give --separator if that is wrong" : ""))
                continue
            }
            if !record.problems.isEmpty { continue }
            // NONMEM: a new individual starts whenever the ID differs from the previous data row's.
            let key = SubjectKey(cells[index[.id]!])
            if key != lastKey, !key.isEmpty {
                if let earlier = firstBlockOf[key] {
                    notes.append("ID \(cells[index[.id]!]) on line \(line) follows another ID: a new individual, as NONMEM "
                                 + "reads it (its first block starts on line \(builders[earlier].firstLine)); sort the rows by ID "
                                 + "to make them one subject")
                } else {
                    firstBlockOf[key] = builders.count
                }
                builders.append(SubjectBuilder(id: cells[index[.id]!], firstLine: line))
                lastKey = key
            }
            guard let row = readRow(cells, line: line, block: builders.count - 1) else { continue }
            add(row, cells: cells, to: &builders[builders.count - 1], totalDoses: &totalDoses)
        }
        if rows == 0 {
            problems.append(EventTableProblem(line: headerLine, message:
                "the event table has a header but no rows; expected one row per dose or observation after the header, "
                + "e.g. 1,0,10,1 under ID,TIME,AMT,EVID"))
        }
        if !problems.isEmpty { throw failure() }
        let additional = builders.map(\.additionalCancelledByReset).reduce(0, +)
        let written = builders.map(\.rowDosesCancelledByReset).reduce(0, +)
        if additional + written > 0 {
            var what: [String] = []
            if additional > 0 { what.append("\(additional) additional dose\(additional == 1 ? "" : "s") (ADDL) of earlier rows still to come") }
            if written > 0 {
                what.append("\(written) dose row\(written == 1 ? "" : "s") at a reset's TIME written before the reset row")
            }
            notes.append("resets (EVID 3/4) cancelled " + what.joined(separator: " and ")
                         + ", and stop infusions and lagged doses still running, as NONMEM does "
                         + "(mrgsolve would still give them): repeat the dose rows after the reset to keep them")
        }
        if !textColumns.isEmpty {
            let listed = textColumns.sorted().map { names[$0] }.joined(separator: ", ")
            notes.append("column\(textColumns.count == 1 ? "" : "s") \(listed) hold\(textColumns.count == 1 ? "s" : "") text: "
                         + "not used in the simulation (--carry-out copies \(textColumns.count == 1 ? "it" : "them") to the output)")
        }
        let subjects = builders.enumerated().map { b, builder in
            let values = (covariatesOf[b] ?? [:]).filter { !textColumns.contains($0.key) }
            var subject = builder.subject(covariates: Dictionary(uniqueKeysWithValues: values.map { (names[$0.key], $0.value.value) }))
            subject.timeVaryingColumns = Set((changingColumns[b] ?? []).filter { !textColumns.contains($0) }.map { names[$0] })
            return subject
        }
        return EventTable(subjects: subjects, covariateNames: covariateColumns.filter { !textColumns.contains($0) }.map { names[$0] },
                          columnNames: names,
                          separator: separator, notes: notes)
    }

    // MARK: Header

    private mutating func readHeader(_ cells: [String], line: Int) {
        names = cells
        var seen: [String: Int] = [:]
        for (c, name) in names.enumerated() {
            let key = name.uppercased()
            guard !key.isEmpty else {
                report(line, c, "the column has no name; expected a name in the header for every column")
                continue
            }
            if let first = seen[key] {
                report(line, c, "\"\(name)\" repeats column \(first + 1) (\(names[first])); expected each name once "
                       + "(names are case-insensitive): rename or remove one of them")
                continue
            }
            seen[key] = c
            if let item = EventTableItem(rawValue: key) {
                index[item] = c
            } else if !EventTableItem.ignored.contains(key) && !EventTableItem.categorical.contains(key) {
                covariateColumns.append(c)
            }
        }

        // Missing required columns, each with the most likely column the user meant.
        var claimed = Set<Int>()
        for item in EventTableItem.required where index[item] == nil {
            let suggestion = closestColumn(to: item, excluding: claimed)
            var message = "missing required column \(item.rawValue); expected a column named \(item.rawValue) "
                + "(any case) holding \(Self.meaning(item))"
            if names.count == 1, requestedSeparator == nil {
                message += "; the header line was read as one column \"\(names[0])\" separated by \(separator.described): "
                    + "give --separator comma, tab, semicolon or blank if the table uses another"
            }
            if let c = suggestion {
                claimed.insert(c)
                message += "; column \(c + 1) is named \"\(names[c])\": did you mean \(item.rawValue)?"
            }
            problems.append(EventTableProblem(line: line, column: suggestion.map { $0 + 1 },
                                              columnName: suggestion.map { names[$0] }, message: message))
        }
        // An optional column misspelt would silently become a covariate: say so instead.
        for c in covariateColumns where !claimed.contains(c) {
            let key = names[c].uppercased()
            for item in EventTableItem.allCases where index[item] == nil && Self.looksLikeMisspelling(key, of: item.rawValue) {
                report(line, c, "\"\(names[c])\" looks like a misspelling of \(item.rawValue); expected \(item.rawValue) "
                       + "(\(Self.meaning(item))), or a covariate name less like it")
                break
            }
        }
    }

    /// The non-standard column most like `item`: an alias, else edit distance ≤ 2 (and less than
    /// the name's length, so that "X" is not offered for "ID").
    private func closestColumn(to item: EventTableItem, excluding claimed: Set<Int>) -> Int? {
        let candidates = covariateColumns.filter { !claimed.contains($0) }
        if let c = candidates.first(where: { EventTableItem.aliases[names[$0].uppercased()] == item }) { return c }
        var best: (column: Int, distance: Int)? = nil
        for c in candidates {
            let d = Spelling.distance(names[c].uppercased(), item.rawValue)
            if d <= 2, d < item.rawValue.count, d < (best?.distance ?? .max) { best = (c, d) }
        }
        return best?.column
    }

    /// One edit away from an optional item's name. For names of up to 3 letters a substitution
    /// does not count (CRT is a plausible covariate, not CMT misspelt); a swap, an extra or a
    /// missing letter does.
    private static func looksLikeMisspelling(_ name: String, of item: String) -> Bool {
        guard name.count >= 3, item.count >= 3, Spelling.distance(name, item) == 1 else { return false }
        return item.count >= 4 || name.count != item.count || name.sorted() == item.sorted()
    }

    /// What a column holds, for messages.
    private static func meaning(_ item: EventTableItem) -> String {
        switch item {
        case .id: return "the subject identifier"
        case .time: return "the event time in h"
        case .amt: return "the dose amount in mg (0 on non-dose rows)"
        case .cmt: return "the dose compartment, 1 depot or 2 central"
        case .evid: return "the event type: 0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose"
        case .rate: return "the infusion rate in mg/h, 0 for a bolus"
        case .ii: return "the interval between additional doses in h"
        case .addl: return "the number of additional doses"
        case .ss: return "the steady-state flag: 0 none, 1 steady state (reset), 2 steady state added"
        }
    }

    // MARK: Rows

    /// One row's values, once every cell needed has been read.
    struct Row {
        var line: Int
        var id: String
        /// TIME on the internal continuous clock (h): the table's TIME plus the occasion's shift.
        var time: Double
        /// TIME as written (h).
        var tableTime: Double
        var evid: Int
        var amount: Double
        var compartment: DoseCompartment
        var rate: Double
        var interval: Double
        var additional: Int
        /// SS: 0, 1 or 2.
        var steadyState: Int
    }

    /// A number from column `c`, or `nil` if the cell is absent (`""` or `"."`). Reports text that
    /// is not a finite number (`what` says what was expected) and sets `ok` to false.
    private mutating func number(_ cells: [String], _ c: Int, line: Int, _ what: String, ok: inout Bool) -> Double? {
        let cell = cells[c]
        if cell.isEmpty || cell == "." { return nil }
        guard let x = Double(cell) else {
            if separator != .comma, Double(cell.replacingOccurrences(of: ",", with: ".")) != nil {
                report(line, c, "\"\(cell)\" is not a number (a decimal comma?); expected \(what), with a decimal point: "
                       + "\(cell.replacingOccurrences(of: ",", with: "."))")
            } else {
                report(line, c, "\"\(cell)\" is not a number; expected \(what)")
            }
            ok = false
            return nil
        }
        guard x.isFinite else {
            report(line, c, "\"\(cell)\" is not a finite number; expected \(what)")
            ok = false
            return nil
        }
        return x
    }

    private mutating func readRow(_ cells: [String], line: Int, block: Int) -> Row? {
        var ok = true
        let idColumn = index[.id]!, timeColumn = index[.time]!, evidColumn = index[.evid]!, amtColumn = index[.amt]!
        let id = String(cells[idColumn])
        if id.isEmpty || id == "." {
            report(line, idColumn, "the subject ID is empty; expected an identifier such as 1")
            ok = false
        }

        let timeWhat = "a time in h ≥ 0, e.g. 0 or 24.5"
        var timeRead = true
        var time = number(cells, timeColumn, line: line, timeWhat, ok: &timeRead)
        if time == nil && timeRead {
            report(line, timeColumn, "TIME is empty; expected \(timeWhat)")
        }
        if time == nil { ok = false }
        if let t = time, t < 0 {
            report(line, timeColumn, "\"\(cells[timeColumn])\" is negative; expected \(timeWhat) (every subject starts at 0 h)")
            ok = false
            time = nil
        }

        let evidWhat = "0 (observation), 1 (dose), 2 (other), 3 (reset) or 4 (reset and dose)"
        var evid: Int? = nil
        var evidRead = true
        if let e = number(cells, evidColumn, line: line, evidWhat, ok: &evidRead) {
            if e == e.rounded(), (0...4).contains(e) {
                evid = Int(e)
            } else {
                report(line, evidColumn, "EVID \"\(cells[evidColumn])\" is not an event type BenzoSim knows; expected \(evidWhat)")
            }
        } else if evidRead {
            report(line, evidColumn, "EVID is empty; expected \(evidWhat)")
        }
        if evid == nil { ok = false }
        let isDose = evid == 1 || evid == 4

        // Dose items: absent means 0.
        var amountRead = true
        var amount = number(cells, amtColumn, line: line, "an amount in mg ≥ 0", ok: &amountRead) ?? 0
        if amount < 0 {
            report(line, amtColumn, "AMT \"\(cells[amtColumn])\" is negative; expected an amount in mg ≥ 0 (> 0 on a dose row)")
            amountRead = false
            amount = 0
        }
        if !amountRead { ok = false }
        var rate = 0.0, interval = 0.0, additional = 0
        if let c = index[.rate] {
            rate = number(cells, c, line: line, "an infusion rate in mg/h, or 0 for a bolus", ok: &ok) ?? 0
            if rate == -1 || rate == -2 {
                report(line, c, "RATE \(formatNumber(rate)) (infusion \(rate == -1 ? "rate" : "duration") modelled in $PK) is not "
                       + "supported; expected the infusion rate in mg/h (RATE > 0), or 0 for a bolus")
                ok = false
            } else if rate < 0 {
                report(line, c, "RATE \"\(cells[c])\" is negative; expected an infusion rate in mg/h (> 0), or 0 for a bolus")
                ok = false
            }
        }
        if let c = index[.ii] {
            interval = number(cells, c, line: line, "an interdose interval in h ≥ 0", ok: &ok) ?? 0
            if interval < 0 {
                report(line, c, "II \"\(cells[c])\" is negative; expected an interdose interval in h ≥ 0")
                ok = false
            }
        }
        if let c = index[.addl] {
            let addlWhat = "a whole number of additional doses from 0 to \(Regimen.maximumDoseCount)"
            let a = number(cells, c, line: line, addlWhat, ok: &ok) ?? 0
            if a == a.rounded(), a >= 0, a <= Double(Regimen.maximumDoseCount) {
                additional = Int(a)
            } else {
                report(line, c, "ADDL \"\(cells[c])\" is not allowed; expected \(addlWhat)")
                ok = false
            }
        }
        var steadyState = 0
        if let c = index[.ss], let ss = number(cells, c, line: line, "0, 1 or 2", ok: &ok), ss != 0 {
            if (ss == 1 || ss == 2) && isDose {
                steadyState = Int(ss)
                if interval <= 0 {
                    report(line, index[.ii] ?? c, "SS \(Int(ss)) needs the dosing interval but II is "
                           + "\(index[.ii] == nil ? "missing" : formatNumber(interval)); expected II > 0 h (a steady state "
                           + "of a constant infusion, II 0, is not supported)")
                    ok = false
                }
            } else if ss == 1 || ss == 2 {
                report(line, c, "SS \"\(cells[c])\" on a row that is not a dose; expected 0 or empty (SS 1 or 2 go on "
                       + "dose rows, EVID 1 or 4)")
                ok = false
            } else {
                report(line, c, "SS \"\(cells[c])\" is not a steady-state flag; expected 0 (none), 1 (steady state, reset) "
                       + "or 2 (steady state added to the current state)")
                ok = false
            }
        }

        var compartment = DoseCompartment.depot
        if let evid, isDose {
            if amount == 0 && amountRead {
                report(line, amtColumn, "AMT is 0 on a dose row (EVID \(evid)); expected an amount in mg > 0, "
                       + "or EVID 0 for an observation or 2 for another event")
                ok = false
            }
            if additional > 0, interval <= 0, let addlColumn = index[.addl] {
                let c = index[.ii] ?? addlColumn
                report(line, c, "ADDL \(additional) needs an interval between the additional doses but II is "
                       + "\(index[.ii] == nil ? "missing" : formatNumber(interval)); expected II > 0 h")
                ok = false
            }
            if let c = index[.cmt], let x = number(cells, c, line: line, "1 (depot) or 2 (central)", ok: &ok), x != 0 {
                if x == 1 {
                    compartment = .depot
                } else if x == 2 {
                    compartment = .central
                } else {
                    report(line, c, "CMT \"\(cells[c])\" is not a dose compartment; expected 1 (depot: oral, i.p.) "
                           + "or 2 (central: IV bolus or infusion), or 0 for the default (depot)")
                    ok = false
                }
            }
        } else if let evid {
            // NONMEM: dose items must be 0 on observation, other-type and reset rows.
            let kind = evid == 0 ? "an observation row (EVID 0)" : evid == 2 ? "an other-event row (EVID 2)" : "a reset row (EVID 3)"
            let fix = evid == 3 ? "use EVID 4 to reset and dose" : "use EVID 1 for a dose"
            for (item, value) in [(EventTableItem.amt, amount), (.rate, rate), (.ii, interval), (.addl, Double(additional))]
            where value != 0 {
                let c = index[item]!
                report(line, c, "\(item.rawValue) \"\(cells[c])\" on \(kind); expected 0 or empty (\(fix))")
                ok = false
            }
            if let c = index[.cmt] { _ = number(cells, c, line: line, "a compartment number", ok: &ok) }
        }

        var covariates: [(column: Int, value: Double)] = []
        for c in covariateColumns where !textColumns.contains(c) {
            // A column of another name with a value that is not a number is a text column (a
            // treatment label, a date): not a covariate, still available to --carry-out.
            if !EventTableItem.numericCovariates.contains(names[c].uppercased()), !cells[c].isEmpty, cells[c] != ".",
               Double(cells[c]) == nil {
                textColumns.insert(c)
                continue
            }
            if let x = number(cells, c, line: line, "a number (covariates are numeric: code categories as numbers, e.g. SEX 0 or 1)", ok: &ok) {
                covariates.append((c, x))
            }
        }

        // Order and covariates are checked even when other cells are wrong, so that all problems show.
        var shift = 0.0
        if !id.isEmpty, id != "." {
            if let t = time {
                shift = checkOrder(block: block, id: id, time: t, line: line, resets: evid == 3 || evid == 4, timeColumn: timeColumn)
            }
            checkCovariates(block: block, id: id, covariates, line: line)
        }
        guard ok, let time, let evid else { return nil }
        return Row(line: line, id: id, time: time + shift, tableTime: time, evid: evid, amount: amount, compartment: compartment,
                   rate: rate, interval: interval, additional: additional, steadyState: steadyState)
    }

    /// Per subject: the last row's TIME as written and on the internal clock, its line, and the
    /// current occasion's shift (internal − written), for the ordering check.
    private var lastTime: [Int: (time: Double, clock: Double, line: Int, shift: Double)] = [:]

    /// Checks that TIME does not decrease within a subject except at a reset, and returns the
    /// shift from the table's TIME to the internal clock for this row (h).
    ///
    /// NONMEM lets TIME restart at a reset (EVID 3 or 4: "the time may be any non-negative number",
    /// NONMEM help, TIME data item; Users Guide VI §V.C). Such a reset starts a new occasion: the
    /// occasion is shifted so that its reset falls at the previous row's internal time, and its
    /// later rows keep the shift. Everything else sees one continuous clock; output rows keep the
    /// table's TIME.
    private mutating func checkOrder(block: Int, id: String, time: Double, line: Int, resets: Bool, timeColumn: Int) -> Double {
        guard let last = lastTime[block] else {
            lastTime[block] = (time, time, line, 0)
            return 0
        }
        if time < last.time {
            if resets {
                let shift = last.clock - time
                lastTime[block] = (time, last.clock, line, shift)
                return shift
            }
            report(line, timeColumn, "TIME \(formatNumber(time)) h is before \(formatNumber(last.time)) h on line \(last.line) "
                   + "for subject \(id) (unsorted times); expected times that never decrease within a subject except at a "
                   + "reset (EVID 3 or 4, which starts a new occasion): sort the subject's rows by TIME")
            return last.shift  // keep the larger time as the reference, so one misplaced row is one problem
        }
        lastTime[block] = (time, time + last.shift, line, last.shift)
        return last.shift
    }

    /// Each subject's covariate values: column → (value, line where first given).
    private var covariatesOf: [Int: [Int: (value: Double, line: Int)]] = [:]

    /// Per subject, the numeric covariate columns whose value changes (time-varying).
    private var changingColumns: [Int: Set<Int>] = [:]

    private mutating func checkCovariates(block: Int, id: String, _ covariates: [(column: Int, value: Double)], line: Int) {
        for (c, value) in covariates {
            if let first = covariatesOf[block]?[c] {
                if first.value != value { changingColumns[block, default: []].insert(c) }
            } else {
                covariatesOf[block, default: [:]][c] = (value, line)
            }
        }
    }

    // MARK: Subjects

    struct SubjectBuilder {
        var id: String
        var firstLine: Int
        /// Doses of each dose row (initiating dose and its additional doses), in row order, with
        /// the record they come from.
        var doses: [[(dose: Dose, origin: EventTable.DoseOrigin)]] = []
        /// Dose rows before this index were closed by a reset.
        var firstOpenRecord = 0
        var records: [EventTable.Record] = []
        var samples: [Double] = []
        var resets: [Double] = []
        var steadyStates: [EventTable.SteadyState] = []
        /// Doses a reset cancelled (for the note): additional (ADDL) doses, and the own doses of rows
        /// at the reset's time that come before the reset row.
        var additionalCancelledByReset = 0, rowDosesCancelledByReset = 0

        init(id: String, firstLine: Int) {
            self.id = id
            self.firstLine = firstLine
        }

        func subject(covariates: [String: Double]) -> EventTable.Subject {
            let all = doses.flatMap { $0 }
            return EventTable.Subject(id: id, regimen: Regimen(doses: all.map(\.dose)), sampleTimes: samples,
                                      resetTimes: resets, covariates: covariates, records: records,
                                      doseOrigins: all.map(\.origin), steadyStates: steadyStates)
        }
    }

    private mutating func add(_ row: Row, cells: [String], to subject: inout SubjectBuilder, totalDoses: inout Int) {
        let recordIndex = subject.records.count
        subject.records.append(EventTable.Record(line: row.line, time: row.time, tableTime: row.tableTime, evid: row.evid, cells: cells))
        switch row.steadyState == 1 ? 3 : row.evid {
        case 0:
            subject.samples.append(row.time)
        case 3, 4:
            // A reset deactivates earlier dose rows (NONMEM): drop what is still to come, stop what is running.
            // SS 1 resets too; its state is then the steady state, not baseline.
            if row.evid == 3 || row.evid == 4 { subject.resets.append(row.time) }
            for r in subject.firstOpenRecord..<subject.doses.count {
                for dropped in subject.doses[r] where dropped.dose.time >= row.time {
                    if dropped.origin.isAdditional { subject.additionalCancelledByReset += 1 } else { subject.rowDosesCancelledByReset += 1 }
                }
                subject.doses[r] = subject.doses[r].filter { $0.dose.time < row.time }.map {
                    ($0.dose.interrupted(at: row.time), $0.origin)
                }
            }
            subject.firstOpenRecord = subject.doses.count
        default:
            break
        }
        guard row.evid == 1 || row.evid == 4 else { return }
        totalDoses += row.additional + 1
        guard totalDoses <= Regimen.maximumDoseCount else {
            report(row.line, index[.addl], "the table now holds \(totalDoses) doses; expected at most "
                   + "\(Regimen.maximumDoseCount): check ADDL and II")
            return
        }
        let route: Dose.Route
        switch (row.compartment, row.rate > 0) {
        case (.depot, false): route = .oral
        case (.depot, true): route = .depotInfusionAtRate(row.rate)
        case (.central, false): route = .intravenousBolus
        case (.central, true): route = .infusionAtRate(row.rate)
        }
        if row.steadyState != 0 {
            subject.steadyStates.append(EventTable.SteadyState(
                record: recordIndex, time: row.time,
                dose: Dose(unchecked: row.time, amount: row.amount, route: route, interruptedAt: nil),
                interval: row.interval, additive: row.steadyState == 2))
        }
        // Additional dose k at TIME + k·II, from integers: no accumulated round-off.
        subject.doses.append((0...row.additional).map { k in
            (Dose(unchecked: row.time + Double(k) * row.interval, amount: row.amount, route: route, interruptedAt: nil),
             EventTable.DoseOrigin(record: recordIndex, isAdditional: k > 0))
        })
    }
}

extension EventTable {
    /// Assembles a parsed table.
    init(subjects: [Subject], covariateNames: [String], columnNames: [String], separator: EventTableSeparator,
         notes: [String]) {
        self.subjects = subjects
        self.covariateNames = covariateNames
        self.columnNames = columnNames
        self.separator = separator
        self.notes = notes
    }
}

/// A subject's identity for grouping rows: numeric IDs compare as numbers (`1`, `01` and `1.0`
/// are one subject, as NONMEM reads ID as a number), anything else as text.
struct SubjectKey: Hashable {
    private let number: Double?
    private let text: String

    init(_ cell: String) {
        if let x = Double(cell), x.isFinite {
            number = x == 0 ? 0 : x  // -0 and 0 are one ID
            text = ""
        } else {
            number = nil
            text = cell
        }
    }

    var isEmpty: Bool { number == nil && (text.isEmpty || text == ".") }
}
