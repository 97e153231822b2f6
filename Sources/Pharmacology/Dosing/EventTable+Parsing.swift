// Reads the CSV text of an `EventTable`, collecting every problem instead of stopping at the first.
// The semantics are documented on `EventTable`; this file only implements them.

/// The NONMEM data items the table understands.
enum EventTableItem: String, CaseIterable {
    case id = "ID", time = "TIME", amt = "AMT", cmt = "CMT", evid = "EVID"
    case rate = "RATE", ii = "II", addl = "ADDL", ss = "SS"

    /// Without these a row cannot be read.
    static let required: [EventTableItem] = [.id, .time, .amt, .evid]
    /// NONMEM items that carry nothing BenzoSim uses; never taken for covariates.
    static let ignored: Set<String> = ["DV", "MDV", "PCMT", "CALL", "CONT"]
    /// Names people use for a required item, checked before edit distance.
    static let aliases: [String: EventTableItem] = [
        "AMOUNT": .amt, "DOSE": .amt, "SUBJECT": .id, "SUBJ": .id, "USUBJID": .id, "PATIENT": .id,
        "TIME_H": .time, "HOURS": .time, "T": .time,
    ]
}

struct EventTableParser {
    private let text: String
    private var problems: [EventTableProblem] = []
    /// Header name of each column as written (for messages and covariate names).
    private var names: [String] = []
    /// Column index of each known item.
    private var index: [EventTableItem: Int] = [:]
    /// Column indices of the covariates.
    private var covariateColumns: [Int] = []

    init(text: String) {
        self.text = text
    }

    // MARK: Problems

    private mutating func report(_ line: Int, _ column: Int?, _ message: String) {
        problems.append(EventTableProblem(line: line, column: column.map { $0 + 1 },
                                          columnName: column.map { names[$0] }, message: message))
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

    private static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }

    /// A field without surrounding blanks and one pair of surrounding double quotes.
    private static func clean(_ field: Substring) -> Substring {
        var f = field.drop(while: isBlank)
        while let last = f.last, isBlank(last) { f = f.dropLast() }
        if f.count >= 2, f.first == "\"", f.last == "\"" { f = f.dropFirst().dropLast() }
        return f
    }

    private static func fields(_ line: Substring) -> [Substring] {
        line.split(separator: ",", omittingEmptySubsequences: false).map(clean)
    }

    // MARK: Parse

    mutating func parse() throws(EventTableError) -> EventTable {
        var text = Substring(self.text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }  // a byte-order mark from spreadsheet exports
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })

        // The header: the first line with anything on it.
        guard let headerAt = lines.firstIndex(where: { !Self.clean($0).isEmpty }) else {
            problems.append(EventTableProblem(line: 1, message:
                "the event table is empty; expected a header row (ID,TIME,AMT,EVID and optionally CMT,RATE,II,ADDL "
                + "and covariate columns) followed by one row per dose or observation"))
            throw failure()
        }
        let headerLine = headerAt + 1
        var header = Self.clean(lines[headerAt])
        if header.first == "#" { header = Self.clean(header.dropFirst()) }
        readHeader(Self.fields(header), line: headerLine)
        if EventTableItem.required.contains(where: { index[$0] == nil }) { throw failure() }

        var builders: [SubjectBuilder] = []
        var subjectOf: [String: Int] = [:]
        var rows = 0
        var totalDoses = 0
        for i in (headerAt + 1)..<lines.count {
            let content = Self.clean(lines[i])
            if content.isEmpty || content.first == "#" { continue }
            rows += 1
            let cells = Self.fields(lines[i])
            let line = i + 1
            guard cells.count == names.count else {
                report(line, nil, "has \(cells.count) fields but the header has \(names.count) columns; expected one value "
                       + "per column, separated by commas (leave a field empty where it does not apply)")
                continue
            }
            guard let row = readRow(cells, line: line) else { continue }
            let s: Int
            if let known = subjectOf[row.id] {
                s = known
            } else {
                s = builders.count
                subjectOf[row.id] = s
                builders.append(SubjectBuilder(id: row.id))
            }
            add(row, to: &builders[s], totalDoses: &totalDoses)
        }
        if rows == 0 {
            problems.append(EventTableProblem(line: headerLine, message:
                "the event table has a header but no rows; expected one row per dose or observation after the header, "
                + "e.g. 1,0,10,1 under ID,TIME,AMT,EVID"))
        }
        if !problems.isEmpty { throw failure() }
        let subjects = builders.map { builder in
            let values = covariatesOf[builder.id] ?? [:]
            return builder.subject(covariates: Dictionary(uniqueKeysWithValues: values.map { (names[$0.key], $0.value.value) }))
        }
        return EventTable(subjects: subjects, covariateNames: covariateColumns.map { names[$0] })
    }

    // MARK: Header

    private mutating func readHeader(_ cells: [Substring], line: Int) {
        names = cells.map(String.init)
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
            } else if !EventTableItem.ignored.contains(key) {
                covariateColumns.append(c)
            }
        }

        // Missing required columns, each with the most likely column the user meant.
        var claimed = Set<Int>()
        for item in EventTableItem.required where index[item] == nil {
            let suggestion = closestColumn(to: item, excluding: claimed)
            var message = "missing required column \(item.rawValue); expected a column named \(item.rawValue) "
                + "(any case) holding \(Self.meaning(item))"
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
        case .ss: return "the steady-state flag, which must be 0"
        }
    }

    // MARK: Rows

    /// One row's values, once every cell needed has been read.
    struct Row {
        var line: Int
        var id: String
        var time: Double
        var evid: Int
        var amount: Double
        var compartment: DoseCompartment
        var rate: Double
        var interval: Double
        var additional: Int
    }

    /// A number from column `c`, or `nil` if the cell is absent (`""` or `"."`). Reports text that
    /// is not a finite number (`what` says what was expected) and sets `ok` to false.
    private mutating func number(_ cells: [Substring], _ c: Int, line: Int, _ what: String, ok: inout Bool) -> Double? {
        let cell = cells[c]
        if cell.isEmpty || cell == "." { return nil }
        guard let x = Double(cell) else {
            report(line, c, "\"\(cell)\" is not a number; expected \(what)")
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

    private mutating func readRow(_ cells: [Substring], line: Int) -> Row? {
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
        if let c = index[.ss], let ss = number(cells, c, line: line, "0 (no steady state)", ok: &ok), ss != 0 {
            report(line, c, "SS \"\(cells[c])\" (a steady-state dose) is not supported; expected 0: write out the doses "
                   + "that lead to steady state, e.g. with ADDL and II")
            ok = false
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
        for c in covariateColumns {
            if let x = number(cells, c, line: line, "a number (covariates are numeric: code categories as numbers, e.g. SEX 0 or 1)", ok: &ok) {
                covariates.append((c, x))
            }
        }

        // Order and covariates are checked even when other cells are wrong, so that all problems show.
        if !id.isEmpty, id != "." {
            if let t = time { checkOrder(id: id, time: t, line: line, resets: evid == 3 || evid == 4, timeColumn: timeColumn) }
            checkCovariates(id: id, covariates, line: line)
        }
        guard ok, let time, let evid else { return nil }
        return Row(line: line, id: id, time: time, evid: evid, amount: amount, compartment: compartment,
                   rate: rate, interval: interval, additional: additional)
    }

    /// Last (time, line) seen per subject, for the ordering check.
    private var lastTime: [String: (time: Double, line: Int)] = [:]

    private mutating func checkOrder(id: String, time: Double, line: Int, resets: Bool, timeColumn: Int) {
        if let last = lastTime[id], time < last.time {
            report(line, timeColumn, "TIME \(formatNumber(time)) h is before \(formatNumber(last.time)) h on line \(last.line) "
                   + "for subject \(id) (unsorted times); expected times that never decrease within a subject: "
                   + "sort the subject's rows by TIME"
                   + (resets ? " (unlike NONMEM, time does not restart at a reset: put later occasions later)" : ""))
            return  // keep the larger time as the reference, so one misplaced row is one problem
        }
        lastTime[id] = (time, line)
    }

    /// Each subject's covariate values: column → (value, line where first given).
    private var covariatesOf: [String: [Int: (value: Double, line: Int)]] = [:]

    private mutating func checkCovariates(id: String, _ covariates: [(column: Int, value: Double)], line: Int) {
        for (c, value) in covariates {
            if let first = covariatesOf[id]?[c] {
                if first.value != value {
                    report(line, c, "\"\(formatNumber(value))\" differs from \(formatNumber(first.value)) on line \(first.line) "
                           + "for subject \(id); expected one value per subject (covariates do not change with time "
                           + "in BenzoSim): use the same value on every row of the subject")
                }
            } else {
                covariatesOf[id, default: [:]][c] = (value, line)
            }
        }
    }

    // MARK: Subjects

    struct SubjectBuilder {
        var id: String
        /// Doses of each dose row (initiating dose and its additional doses), in row order.
        var records: [[Dose]] = []
        /// Records before this index were closed by a reset.
        var firstOpenRecord = 0
        var samples: [Double] = []
        var resets: [Double] = []

        init(id: String) { self.id = id }

        func subject(covariates: [String: Double]) -> EventTable.Subject {
            EventTable.Subject(id: id, regimen: Regimen(doses: records.flatMap { $0 }), sampleTimes: samples,
                               resetTimes: resets, covariates: covariates)
        }
    }

    private mutating func add(_ row: Row, to subject: inout SubjectBuilder, totalDoses: inout Int) {
        switch row.evid {
        case 0:
            subject.samples.append(row.time)
        case 3, 4:
            // A reset deactivates earlier dose rows: drop what is still to come, stop what is running.
            subject.resets.append(row.time)
            for r in subject.firstOpenRecord..<subject.records.count {
                subject.records[r] = subject.records[r].filter { $0.time < row.time }.map { $0.interrupted(at: row.time) }
            }
            subject.firstOpenRecord = subject.records.count
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
        // Additional dose k at TIME + k·II, from integers: no accumulated round-off.
        subject.records.append((0...row.additional).map { k in
            Dose(unchecked: row.time + Double(k) * row.interval, amount: row.amount, route: route, interruptedAt: nil)
        })
    }
}

extension EventTable {
    /// Assembles a parsed table.
    init(subjects: [Subject], covariateNames: [String]) {
        self.subjects = subjects
        self.covariateNames = covariateNames
    }
}
