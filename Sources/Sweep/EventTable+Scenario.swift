import Pharmacology

extension Scenario {
    /// The scenario for one subject of an event table: its doses, resets and observation times
    /// (when it has any and `keepSampling` is false), and its covariate columns `WT`/`WEIGHT` (kg)
    /// and `AGE` (years), matched case-insensitively. Other columns are carried in the table but
    /// not interpreted: sex and CYP2C19 codings differ between datasets, so give them with `--set`.
    /// - Throws: `InputError` (data) for a covariate outside its range.
    public func forSubject(_ subject: EventTable.Subject, keepSampling: Bool) throws(InputError) -> Scenario {
        var result = self
        result.regimenText = nil
        result.regimen = subject.regimen
        result.resetTimes = subject.resetTimes
        if !keepSampling && !subject.sampleTimes.isEmpty {
            result.sampling = .times(Array(Set(subject.sampleTimes)).sorted())
        }
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
}
