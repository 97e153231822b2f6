import Pharmacology

extension Scenario {
    /// The scenario for one individual of an event table: its doses, steady-state doses
    /// (`Regimen.steadyStates`) and resets; its rows as the output (one per EVID 0 and 2 row,
    /// `eventSubject`) unless `keepSampling` (a sampling option was given: then a sample at a
    /// steady-state row's time is the steady-state trough and earlier samples show the earlier
    /// history, `simulate(_:regimen:…)`); its covariate columns `WT`/`WEIGHT` (kg) and `AGE` (years), matched
    /// case-insensitively.
    ///
    /// The end time is `until` (h) if given, else the individual's own last row when it has an
    /// EVID 0 or 2 row, else 14 days after its last dose: every row that asks for output is
    /// simulated, whatever the other individuals' times.
    /// - Throws: `InputError` (data) for a covariate outside its range.
    /// With `columns`, the subject's parameter and covariate columns (`EventTableColumns`) are
    /// applied (their first values; values that change with time as `timeVarying`) and AMT may be
    /// per kg; without, only `WT`/`WEIGHT` and `AGE` are read, and they must not change.
    /// - Throws: `InputError` (data) at the file, line and column of a value that cannot be used.
    public func forSubject(_ subject: EventTable.Subject, keepSampling: Bool, until: Double? = nil,
                           columns: EventTableColumns? = nil) throws(InputError) -> Scenario {
        var result = self
        result.regimenText = nil
        result.regimen = subject.regimen
        // The steady-state rows ride on the regimen too: a sampled run and the summary enter them.
        result.regimen.steadyStates = subject.steadyStates.map {
            SteadyStateDose(dose: $0.dose, interval: $0.interval, additive: $0.additive)
        }
        result.resetTimes = subject.resetTimes
        result.eventSubject = keepSampling ? nil : subject
        result.endTime = until ?? Self.endTime(of: subject)
        var located: [(assignment: Assignment, line: Int?, column: Int?)] = []
        var values: [EventTableColumns.ColumnValues] = []
        if let columns {
            values = try columns.values(of: subject)
            located = values.map { ($0.assignment(at: 0), $0.lines[0], $0.column + 1) }
        } else {
            try Self.rejectTimeVarying(subject)
            for (name, value) in subject.covariates.sorted(by: { $0.key < $1.key }) {
                switch name.uppercased() {
                case "WT", "WEIGHT": located.append((Assignment("weight", .number(value)), nil, nil))
                case "AGE": located.append((Assignment("age", .number(value)), nil, nil))
                default: break
                }
            }
        }
        // One at a time, so that each problem points at the cell it comes from.
        var problems: [InputProblem] = []
        let parameters = Set(located.map(\.assignment.name).filter { ParameterName(name: $0) != nil })
        for (assignment, line, column) in located {
            do {
                result = try result.applying([assignment], individualParameters: parameters)
            } catch {
                problems += error.problems.map { problem in
                    var p = problem
                    p.message = "subject \(subject.id): " + p.message
                    if let line { p.file = columns?.file; p.line = line; p.column = column; p.field = columns?.columnNames[column! - 1] }
                    return p
                }
            }
        }
        do {
            _ = try result.makeModel()   // covariates checked together (e.g. a weight outside the species' range)
        } catch {
            problems += error.problems.map { problem in
                var p = problem
                p.message = "subject \(subject.id): " + p.message
                // Point at the cell the out-of-range covariate came from.
                for name in ["weight", "age"] where p.message.contains("\(name) =") {
                    if let cell = located.first(where: { $0.assignment.name == name }), let line = cell.line {
                        p.file = columns?.file; p.line = line; p.column = cell.column; p.field = columns?.columnNames[cell.column! - 1]
                    }
                }
                return p
            }
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
        if let columns, values.contains(where: \.changes) {
            result = try result.withTimeVarying(values, subject: subject, columns: columns)
        }
        if columns?.amountPerKilogram == true, result.timeVarying != nil {
            result.applyPerKilogramOverTime(subject)
        } else if columns?.amountPerKilogram == true {
            let weight = result.covariates.weight
            result.regimen = result.regimen.perKilogram(weight: weight)
            result.eventSubject?.regimen = result.regimen
            result.eventSubject?.steadyStates = subject.steadyStates.map { $0.perKilogram(weight: weight) }
        }
        return result
    }

    /// The individual's last row's TIME (h) if it has a row that asks for output, else 14 days
    /// after its last dose (or 14 days for an individual with neither).
    public static func endTime(of subject: EventTable.Subject) -> Double {
        if subject.records.contains(where: \.isOutput) { return subject.records.map(\.time).max() ?? 0 }
        return (subject.regimen.lastDoseTime ?? 0) + 14 * 24
    }
}
