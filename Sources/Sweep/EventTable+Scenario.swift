import Pharmacology

extension Scenario {
    /// The scenario for one individual of an event table: its doses and resets; its rows as the
    /// output (one per EVID 0 and 2 row, `eventSubject`) unless `keepSampling` (a sampling option
    /// was given); its covariate columns `WT`/`WEIGHT` (kg) and `AGE` (years), matched
    /// case-insensitively.
    ///
    /// The end time is `until` (h) if given, else the individual's own last row when it has an
    /// EVID 0 or 2 row, else 14 days after its last dose: every row that asks for output is
    /// simulated, whatever the other individuals' times.
    /// - Throws: `InputError` (data) for a covariate outside its range.
    public func forSubject(_ subject: EventTable.Subject, keepSampling: Bool, until: Double? = nil) throws(InputError) -> Scenario {
        var result = self
        result.regimenText = nil
        result.regimen = subject.regimen
        result.resetTimes = subject.resetTimes
        result.eventSubject = keepSampling ? nil : subject
        result.endTime = until ?? Self.endTime(of: subject)
        var assignments: [Assignment] = []
        for (name, value) in subject.covariates {
            switch name.uppercased() {
            case "WT", "WEIGHT": assignments.append(Assignment("weight", .number(value)))
            case "AGE": assignments.append(Assignment("age", .number(value)))
            default: break
            }
        }
        assignments.sort { $0.name < $1.name }
        do {
            return try result.applying(assignments)
        } catch {
            throw InputError(.data, error.problems.map { var p = $0; p.message = "subject \(subject.id): " + p.message; return p })
        }
    }

    /// The individual's last row's TIME (h) if it has a row that asks for output, else 14 days
    /// after its last dose (or 14 days for an individual with neither).
    public static func endTime(of subject: EventTable.Subject) -> Double {
        if subject.records.contains(where: \.isOutput) { return subject.records.map(\.time).max() ?? 0 }
        return (subject.regimen.lastDoseTime ?? 0) + 14 * 24
    }
}
