import ODE

/// The outputs of one event-table individual: one state per row that asks for output (EVID 0 and
/// 2), in row order, duplicates kept.
public struct RecordTrajectory: Sendable {
    /// The states at the output rows; `times` are the rows' TIMEs as written in the table
    /// (`Record.tableTime`), in row order: after a reset where TIME restarts they start again.
    public let trajectory: Trajectory
    /// For each output row, its index in the subject's `records`.
    public let records: [Int]
    /// Time after the most recent dose of the row's occasion at each output row (h), or `nil` before
    /// the occasion's first dose. A reset (EVID 3, 4) starts an occasion: the doses before it no
    /// longer count (an EVID 4 row's own dose comes after its reset). A steady-state (SS) row is a
    /// dose at its TIME for the rows after it, its ADDL doses too; its implied earlier doses never
    /// count, because the rows before it show the history before the steady state (NONMEM Help,
    /// SS DOSE EVENT RECORD; Docs/EVENT_TABLES.md §1).
    public let timeAfterDose: [Double?]
}

/// Simulates one individual of an event table to `endTime` h and returns the state at each of its
/// EVID 0 and EVID 2 rows up to `endTime`, in row order.
///
/// Row order decides what an output row at a dose time sees, as in NONMEM: a row after a dose row
/// with the same TIME sees the dose (an IV bolus gives C0 = dose/V1), a row before it does not; a
/// row after a reset row at its TIME sees the reset. Additional (ADDL) doses at a row's TIME come
/// before it, and a lagged dose entering at a row's TIME after it (mrgsolve's default record order,
/// which reproduces NONMEM's). Infusions change rates, not amounts, so their starts and ends never
/// change the state at an instant.
///
/// - Throws: `ODEError` if the solver fails.
public func simulate(_ model: DiazepamModel, subject: EventTable.Subject, endTime: Double,
                     options: SimulationOptions = SimulationOptions()) throws(ODEError) -> RecordTrajectory {
    try simulate(ModelSchedule(model), doseModels: nil, subject: subject, endTime: endTime, options: options)
}

/// `simulate(_:subject:endTime:options:)` with models that change with time (time-varying
/// covariates and parameters, Docs/EVENT_TABLES.md §6): `schedule` drives the system, and each
/// dose (`doseModels[d]` for `subject.regimen.doses[d]`; `nil`: the first model of `schedule`) takes its F, lag and steady state from its own model. The states are
/// returned; the caller computes each row's outputs with the row's own model.
/// - Throws: `ODEError` if the solver fails.
public func simulate(_ schedule: ModelSchedule, doseModels: [DiazepamModel]?, subject: EventTable.Subject, endTime: Double,
                     options: SimulationOptions = SimulationOptions()) throws(ODEError) -> RecordTrajectory {
    let models = schedule.models
    func doseModel(_ d: Int) -> DiazepamModel { doseModels?[d] ?? models[0] }
    let outputs = subject.records.indices.filter { subject.records[$0].isOutput && subject.records[$0].time <= endTime }
    var sampleTimes: [Double] = []
    for r in outputs where sampleTimes.last != subject.records[r].time { sampleTimes.append(subject.records[r].time) }
    let doses = subject.steadyStates.map { ss in
        // The steady state of the row's own dose, with that dose's model.
        let d = subject.doseOrigins.firstIndex { $0.record == ss.record && !$0.isAdditional }
        return (SteadyStateDose(dose: ss.dose, interval: ss.interval, additive: ss.additive), d.map(doseModel) ?? models[0])
    }
    let (events, steadyStates) = try steadyStateActions(events: events(of: subject.regimen, model: models[0], doseModels: doseModels),
                                                        steadyStates: doses, endTime: endTime, options: options)
    // Nothing to integrate without a row after 0 h: the state before any action at 0 is baseline.
    let troughs: Trajectory
    if sampleTimes.allSatisfy({ $0 == 0 }) {
        troughs = Trajectory(times: sampleTimes, states: Array(repeating: StateVariable.initialState, count: sampleTimes.count).flatMap { $0 },
                             statistics: SolverStatistics())
    } else {
        troughs = try simulate(schedule, actions: DosingAction.ordered(events: events, resetTimes: subject.resetTimes, steadyStates: steadyStates),
                               initialState: nil, sampleTimes: sampleTimes, endTime: endTime, options: options)
    }

    var jumps = InstantJumps(subject: subject) { d in (doseModel(d).bioavailability, doseModel(d).lagTime) }
    jumps.add(steadyStates: steadyStates, records: subject.steadyStates.map(\.record))
    let doseTimes = subject.regimen.doses.indices.map { (time: subject.regimen.doses[$0].time, order: jumpOrder(subject.doseOrigins[$0])) }
        .sorted { ($0.time, $0.order.record, $0.order.rank) < ($1.time, $1.order.record, $1.order.rank) }
    let n = StateVariable.count
    var states = [Double](repeating: 0, count: outputs.count * n)
    var times: [Double] = []
    times.reserveCapacity(outputs.count)
    var tad: [Double?] = []
    tad.reserveCapacity(outputs.count)
    var sample = -1
    var lastDose = -1   // index in `doses` of the last dose at or before the current row
    var occasion: (time: Double, record: Int)? = nil   // the last reset row before the current row
    var nextRecord = 0
    for (k, r) in outputs.enumerated() {
        let t = subject.records[r].time
        if sample < 0 || troughs.times[sample] != t { sample += 1 }
        var y = Array(troughs.state(at: sample))
        jumps.apply(at: t, before: r, to: &y)
        states.replaceSubrange((k * n)..<((k + 1) * n), with: y)
        times.append(subject.records[r].tableTime)
        while nextRecord < r {
            if subject.records[nextRecord].evid == 3 || subject.records[nextRecord].evid == 4 {
                occasion = (subject.records[nextRecord].time, nextRecord)
            }
            nextRecord += 1
        }
        while lastDose + 1 < doseTimes.count,
              doseTimes[lastDose + 1].time < t || (doseTimes[lastDose + 1].time == t && doseTimes[lastDose + 1].order.record < r) {
            lastDose += 1
        }
        // A dose counts if it comes after the occasion's reset: later, or at its time from its row on.
        let counts = lastDose >= 0 && occasion.map { o in
            doseTimes[lastDose].time > o.time || (doseTimes[lastDose].time == o.time && doseTimes[lastDose].order.record >= o.record)
        } ?? (lastDose >= 0)
        tad.append(counts ? t - doseTimes[lastDose].time : nil)
    }
    return RecordTrajectory(trajectory: Trajectory(times: times, states: states, statistics: troughs.statistics),
                            records: outputs, timeAfterDose: tad)
}

/// Where a dose sits among the rows at its time: additional doses before every row (record −1),
/// a row's own dose after the row's reset (rank 0) and steady state (rank 1).
private func jumpOrder(_ origin: EventTable.DoseOrigin) -> (record: Int, rank: Int) {
    origin.isAdditional ? (-1, 2) : (origin.record, 2)
}

/// The instantaneous changes of an individual's state, by time and row: resets and boluses that
/// enter at their dose time (IV boluses, depot doses when the lag is 0). Lagged entries are left
/// out: they come after every row at their entry time.
private struct InstantJumps {
    enum Kind { case reset, add(index: Int, amount: Double), set(state: [Double], additive: Bool) }
    /// (time, row, rank, kind), sorted.
    var jumps: [(time: Double, record: Int, rank: Int, kind: Kind)] = []

    /// `doseParameters(d)`: F and lag (h) of dose `d`.
    init(subject: EventTable.Subject, doseParameters: (Int) -> (F: Double, lag: Double)) {
        for (r, record) in subject.records.enumerated() where record.evid == 3 || record.evid == 4 {
            jumps.append((record.time, r, 0, .reset))
        }
        for (d, dose) in subject.regimen.doses.enumerated() {
            let (F, lag) = doseParameters(d)
            let index: Int, amount: Double
            switch dose.route {
            case .oral, .intraperitoneal:
                guard lag == 0 else { continue }
                (index, amount) = (0, F * dose.amount)
            case .intravenousBolus:
                (index, amount) = (1, dose.amount)
            case .infusion, .infusionAtRate, .depotInfusion, .depotInfusionAtRate:
                continue
            }
            guard amount > 0, dose.time < (dose.interruptedAt ?? .infinity) else { continue }
            let order = jumpOrder(subject.doseOrigins[d])
            jumps.append((dose.time, order.record, order.rank, .add(index: index, amount: amount)))
        }
        jumps.sort { ($0.time, $0.record, $0.rank) < ($1.time, $1.record, $1.rank) }
    }

    /// Adds the steady states entered at rows `records`.
    mutating func add(steadyStates: [(time: Double, state: [Double], additive: Bool)], records: [Int]) {
        guard !steadyStates.isEmpty else { return }
        for (ss, r) in zip(steadyStates, records) { jumps.append((ss.time, r, 1, .set(state: ss.state, additive: ss.additive))) }
        jumps.sort { ($0.time, $0.record, $0.rank) < ($1.time, $1.record, $1.rank) }
    }

    /// Applies, in order, the jumps at time `t` of rows before row `r` to the state before them.
    func apply(at t: Double, before r: Int, to y: inout [Double]) {
        var lo = 0, hi = jumps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if jumps[mid].time < t { lo = mid + 1 } else { hi = mid }
        }
        var j = lo
        while j < jumps.count, jumps[j].time == t, jumps[j].record < r {
            switch jumps[j].kind {
            case .reset:
                for i in y.indices { y[i] = StateVariable.initialState[i] }
            case .add(let index, let amount):
                y[index] += amount
            case .set(let state, let additive):
                for i in y.indices where !(additive && i >= 6) { y[i] = additive ? y[i] + state[i] : state[i] }
            }
            j += 1
        }
    }
}
