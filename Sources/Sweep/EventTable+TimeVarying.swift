import ODE
import Pharmacology

/// The values of an event-table individual that change with time (WT, AGE, parameter columns;
/// Docs/EVENT_TABLES.md §6), and how they carry between rows.
///
/// Each record has its set of values (empty cells filled by the carry rule). A record's own set
/// gives its output row's derived values (a concentration uses the row's volume, as NONMEM's
/// $ERROR uses the row's values). Between two record times T_j < T_{j+1} the system is driven by
/// the first record at T_{j+1} (NOCB) or the last record at T_j (LOCF); before the first record
/// by the first, after the last by the last. A dose takes its F, lag, steady state and (with
/// `--amount-unit mg/kg`) weight from the values in effect at its time: NOCB the first record at
/// or after it, LOCF the last record at or before it.
public struct TimeVaryingValues: Sendable {
    /// The carry rule.
    public var carry: EventTableColumns.CovariateCarry
    /// For each record (row order), the assignments of the columns that change.
    public var records: [[Assignment]]
    /// The value each changing parameter has in the scenario before run assignments, by name: a
    /// run's value θ·exp(η) of it becomes each record's value × exp(η).
    public var base: [String: Double]
    /// Each record's TIME on the internal clock (h), non-decreasing.
    public var times: [Double]

    /// The record whose values are in effect at time `t` (h), for doses and sampled times.
    func record(at t: Double) -> Int {
        // Binary search for the first time ≥ t (> t for LOCF).
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if carry == .nocb ? times[mid] < t : times[mid] <= t { low = mid + 1 } else { high = mid }
        }
        switch carry {
        case .nocb: return min(low, times.count - 1)
        case .locf: return max(low - 1, 0)
        }
    }

    /// The driving record of each interval between distinct record times: `(start, record)`, the
    /// interval `(start, next start]`, the first start −∞.
    func intervals() -> [(start: Double, record: Int)] {
        var result: [(start: Double, record: Int)] = [(-.infinity, 0)]
        var r = 0
        while r < times.count {
            let t = times[r]
            var last = r
            while last + 1 < times.count && times[last + 1] == t { last += 1 }
            // (t, next time]: NOCB the first record at the next time, LOCF the last one at t.
            let driver = carry == .nocb ? min(last + 1, times.count - 1) : last
            result.append((t, driver))
            r = last + 1
        }
        // (−∞, first time] is empty when the first record is at 0; consecutive equal values merge.
        var merged = [result[0]]
        for interval in result.dropFirst() {
            if merged.count == 1, interval.start <= 0 {
                merged[0].record = interval.record
            } else if self.records[merged[merged.count - 1].record] != self.records[interval.record] {
                merged.append(interval)
            }
        }
        return merged
    }
}

extension Scenario {
    /// Simulates an event-table individual whose values change with time: one model per distinct
    /// set of values, the system driven by the models of `TimeVaryingValues.intervals`, each output
    /// row derived with its record's model (sampled by `sampling` without `subject`: the model of
    /// the record in effect at the sample's time), and the summary read with the model in effect
    /// at each time.
    func runTimeVarying(_ varying: TimeVaryingValues, subject: EventTable.Subject?,
                        base model: DiazepamModel) throws(ScenarioRunError) -> ScenarioResult {
        // One model per distinct set of values; a run's parameter draw scales every record's value.
        var models: [DiazepamModel] = []
        var sets: [[Assignment]] = []
        var recordModel: [Int] = []
        recordModel.reserveCapacity(varying.records.count)
        for values in varying.records {
            if recordModel.last.map({ sets[$0] == values }) == true { recordModel.append(recordModel.last!); continue }
            if let k = sets.firstIndex(of: values) { recordModel.append(k); continue }
            let scaled = values.map { a -> Assignment in
                if let p = ParameterName(name: a.name), case .number(let x) = a.value, let b = varying.base[a.name], b != 0 {
                    return Assignment(a.name, .number(x * parameters[p] / b))
                }
                return a
            }
            do {
                let scenario = try applying(scaled, individualParameters: Set(scaled.map(\.name).filter { ParameterName(name: $0) != nil }))
                models.append(try scenario.makeModel())
            } catch { throw .input(error) }
            sets.append(values)
            recordModel.append(models.count - 1)
        }
        let intervals = varying.intervals()
        var starts: [Double] = [], driving: [DiazepamModel] = []
        for interval in intervals {
            starts.append(interval.start)
            driving.append(models[recordModel[interval.record]])
        }
        let schedule = ModelSchedule(starts: starts, models: driving)
        let doseModels = regimen.doses.map { models[recordModel[varying.record(at: $0.time)]] }
        do {
            let summary = try RunSummary(schedule: schedule, doseModels: doseModels, regimen: regimen, resetTimes: resetTimes,
                                         endTime: endTime, options: solver)
            guard let subject else {
                let times = sampleTimes()
                let trajectory = try simulate(schedule, doseModels: doseModels, regimen: regimen, resetTimes: resetTimes,
                                              sampleTimes: times, endTime: endTime, options: solver)
                return ScenarioResult(model: model, trajectory: trajectory, summary: summary,
                                      outputModels: times.map { models[recordModel[varying.record(at: $0)]] })
            }
            let records = try simulate(schedule, doseModels: doseModels, subject: subject, endTime: endTime, options: solver)
            return ScenarioResult(model: model, trajectory: records.trajectory, summary: summary, records: records,
                                  eventSubject: subject, outputModels: records.records.map { models[recordModel[$0]] })
        } catch { throw .solver(error) }
    }
}

extension Scenario {
    /// The scenario with `values`' changing columns as `timeVarying`, every value checked on its
    /// own against the scenario (its first values applied).
    /// - Throws: `InputError` (data) at the file, line and column of a value outside its range.
    func withTimeVarying(_ values: [EventTableColumns.ColumnValues], subject: EventTable.Subject,
                         columns: EventTableColumns) throws(InputError) -> Scenario {
        let changing = values.filter(\.changes)
        var problems: [InputProblem] = []
        for column in changing {
            let individual: Set<String> = ParameterName(name: column.name) != nil ? [column.name] : []
            var checked: [Assignment.Value] = []
            for (r, value) in column.values.enumerated() where !checked.contains(value) {
                checked.append(value)
                do {
                    _ = try applying([column.assignment(at: r)], individualParameters: individual).makeModel()
                } catch {
                    problems += error.problems.map { problem in
                        var p = problem
                        p.message = "subject \(subject.id): " + p.message
                        p.file = columns.file; p.line = column.lines[r]; p.column = column.column + 1
                        p.field = columns.columnNames[column.column]
                        return p
                    }
                }
            }
        }
        if !problems.isEmpty { throw InputError(.data, problems) }
        var base: [String: Double] = [:]
        for column in changing { if let p = ParameterName(name: column.name) { base[column.name] = parameters[p] } }
        var result = self
        result.timeVarying = TimeVaryingValues(carry: columns.carry,
                                               records: subject.records.indices.map { r in changing.map { $0.assignment(at: r) } },
                                               base: base, times: subject.records.map(\.time))
        return result
    }

    /// AMT (and RATE) per kg: each dose and steady state times the weight in effect at its time
    /// (`TimeVaryingValues.record(at:in:)`), or the scenario's weight where WT does not change.
    mutating func applyPerKilogramOverTime(_ subject: EventTable.Subject) {
        guard let varying = timeVarying else { return }
        func weight(at t: Double) -> Double {
            let r = varying.record(at: t)
            if let a = varying.records[r].first(where: { $0.name == "weight" }), case .number(let w) = a.value { return w }
            return covariates.weight
        }
        regimen = Regimen(doses: regimen.doses.map { Regimen(doses: [$0]).perKilogram(weight: weight(at: $0.time)).doses[0] })
        eventSubject?.regimen = regimen
        eventSubject?.steadyStates = subject.steadyStates.map { $0.perKilogram(weight: weight(at: $0.time)) }
    }

    /// The `WT`/`WEIGHT`/`AGE` columns without `EventTableColumns` (one subject's doses, as
    /// `sensitivity --events` reads them) take one value per subject.
    /// - Throws: `InputError` (data) if one of them changes within the subject.
    static func rejectTimeVarying(_ subject: EventTable.Subject) throws(InputError) {
        let names = subject.timeVaryingColumns.filter { ["WT", "WEIGHT", "AGE"].contains($0.uppercased()) }.sorted()
        guard !names.isEmpty else { return }
        throw InputError(.data, field: names.joined(separator: ", "),
                         "subject \(subject.id): the value changes within the subject, but here the table gives one "
                         + "subject's doses and one value per subject; simulate, population and sweep --events follow "
                         + "time-varying covariates")
    }
}

extension TimeVaryingValues {
    /// Without the values named in `names` (a sweep's design point replaces them), or `nil` when
    /// nothing changes then.
    func removing(_ names: Set<String>) -> TimeVaryingValues? {
        var copy = self
        copy.records = records.map { $0.filter { !names.contains($0.name) } }
        return copy.records.allSatisfy(\.isEmpty) ? nil : copy
    }
}
