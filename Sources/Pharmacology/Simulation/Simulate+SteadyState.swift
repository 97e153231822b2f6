import ODE

/// What one subject's regimen does, as the integrator sees it: the ordered actions (resets, the
/// doses' events and, for each steady-state dose, its entry and what its implied earlier doses
/// still put in) and the state at 0 h.
///
/// A steady state at 0 h that replaces the state (SS 1) is where the subject starts: it becomes
/// the initial state, so a sample at 0 h is its trough. Every other steady state is an action at
/// its dose's time. Without steady states this is `DosingAction.ordered(events:resetTimes:)` from
/// baseline, so a regimen without them is simulated exactly as before.
struct DosingPlan {
    /// Every action, in time order.
    let actions: [DosingAction]
    /// The 12 states at 0 h, or `nil` for baseline.
    let initialState: [Double]?
    /// Steady states entered as actions (after 0 h, or additive): time, the 12 steady states, SS 2.
    let entries: [(time: Double, state: [Double], additive: Bool)]
    /// Reset times (h), as given.
    let resetTimes: [Double]

    /// The plan of `regimen` for `model` up to `endTime` h; the steady states are computed here
    /// (`steadyState(_:dose:interval:options:)`). With `start` > 0 (a continuation from a state
    /// at `start` h, `simulate(_:regimen:from:...)`) steady states before `start` are left out,
    /// but not what their implied doses put in from `start` on.
    /// - Throws: `ODEError` if a steady state cannot be computed.
    init(_ model: DiazepamModel, regimen: Regimen, resetTimes: [Double], endTime: Double,
         options: SimulationOptions, enteringFrom start: Double = 0) throws(ODEError) {
        try self.init(ModelSchedule(model), doseModels: nil, regimen: regimen, resetTimes: resetTimes, endTime: endTime,
                      options: options, enteringFrom: start)
    }

    /// The plan of `regimen` with models that change with time: each dose takes its F and lag
    /// from its own model (`doseModels[d]` for `regimen.doses[d]`; `nil`: every dose with the
    /// first model of `schedule`), and each steady state is computed with the model of its own
    /// dose (a steady state matching no dose: the model `schedule` has at its time), its implied
    /// earlier doses' remainders with the same model. One model (`ModelSchedule(model)`, no
    /// `doseModels`) is `init(_:regimen:…)`.
    /// - Throws: `ODEError` if a steady state cannot be computed.
    init(_ schedule: ModelSchedule, doseModels: [DiazepamModel]?, regimen: Regimen, resetTimes: [Double],
         endTime: Double, options: SimulationOptions, enteringFrom start: Double = 0) throws(ODEError) {
        self.resetTimes = resetTimes
        let events = events(of: regimen, model: schedule.models[0], doseModels: doseModels)
        guard !regimen.steadyStates.isEmpty else {
            actions = DosingAction.ordered(events: events, resetTimes: resetTimes)
            initialState = nil
            entries = []
            return
        }
        let doses = regimen.steadyStates.map { ss -> (dose: SteadyStateDose, model: DiazepamModel) in
            let d = regimen.doses.firstIndex { $0.time == ss.time && $0.amount == ss.dose.amount && $0.route == ss.dose.route }
            return (ss, d.flatMap { doseModels?[$0] } ?? schedule.models[schedule.index(at: ss.time)])
        }
        let (all, found) = try steadyStateActions(events: events, steadyStates: doses, endTime: endTime, options: options,
                                                  enteringFrom: start)
        var steadyStates = found
        var initial: [Double]? = nil
        if let first = steadyStates.first, first.time == 0, !first.additive {
            initial = first.state
            steadyStates.removeFirst()
        }
        actions = DosingAction.ordered(events: all, resetTimes: resetTimes, steadyStates: steadyStates)
        initialState = initial
        entries = steadyStates
    }

    /// The drug amounts at 0 h (6 values, mg), or `nil` for none.
    var initialAmounts: [Double]? { initialState.map { Array($0[..<DiazepamModel.pkDimension]) } }

    /// `trajectory` with every sample at a steady state's time set to the steady-state trough: the
    /// state just before that time's doses, after its resets and steady-state entries (as at 0 h,
    /// where the subject starts at the steady state). Samples before it keep the earlier history.
    func enteringSteadyStates(_ trajectory: Trajectory) -> Trajectory {
        guard !entries.isEmpty else { return trajectory }
        let n = StateVariable.count
        var states = trajectory.states
        var sample = 0
        var e = 0
        while e < entries.count {
            let t = entries[e].time
            var last = e
            while last + 1 < entries.count, entries[last + 1].time == t { last += 1 }
            while sample < trajectory.times.count, trajectory.times[sample] < t { sample += 1 }
            var k = sample
            while k < trajectory.times.count, trajectory.times[k] == t {
                if resetTimes.contains(t) {
                    for i in 0..<n { states[k * n + i] = StateVariable.initialState[i] }
                }
                for entry in entries[e...last] {
                    for i in 0..<n where !(entry.additive && i >= DiazepamModel.pkDimension) {
                        states[k * n + i] = entry.additive ? states[k * n + i] + entry.state[i] : entry.state[i]
                    }
                }
                k += 1
            }
            e = last + 1
        }
        return Trajectory(times: trajectory.times, states: states, statistics: trajectory.statistics)
    }
}

/// The one place steady states are entered (`DosingPlan` and the event-table rows of
/// `simulate(_:doseModels:subject:…)` both go through it): the regimen's `events` with those the
/// implied earlier doses of each steady state still put in, and each steady state's entry (its 12
/// states computed with the model paired with it), up to `endTime`. Steady states before `start`
/// h are not entered (nor computed): a continuation from a state at `start` holds them; their
/// implied doses' events are kept (those from `start` on still put drug in).
func steadyStateActions(events regimenEvents: [DosingEvent], steadyStates: [(dose: SteadyStateDose, model: DiazepamModel)],
                        endTime: Double, options: SimulationOptions, enteringFrom start: Double = 0) throws(ODEError)
    -> (events: [DosingEvent], steadyStates: [(time: Double, state: [Double], additive: Bool)]) {
    var events = regimenEvents
    var entries: [(time: Double, state: [Double], additive: Bool)] = []
    for (ss, model) in steadyStates where ss.time <= endTime {
        if ss.time >= start {
            entries.append((ss.time, try steadyState(model, dose: ss.dose, interval: ss.interval, options: options), ss.additive))
        }
        events += impliedDoses(model, ss)
    }
    // By time; same-time events keep their order (the regimen's decreases-first order included).
    events = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    return (events, entries)
}

/// What the implied earlier doses of a steady state still put in from its time on: the rest of
/// infusions longer than the interval, and lagged entries later than it.
private func impliedDoses(_ model: DiazepamModel, _ ss: SteadyStateDose) -> [DosingEvent] {
    let single = Regimen(doses: [Dose(unchecked: 0, amount: ss.dose.amount, route: ss.dose.route, interruptedAt: nil)])
        .events(bioavailability: model.bioavailability, lag: model.lagTime)
    guard let last = single.map(\.time).max() else { return [] }
    var implied: [DosingEvent] = []
    var k = 1
    while Double(k) * ss.interval <= last {
        let shift = ss.time - Double(k) * ss.interval
        var running: [DoseCompartment: Double] = [:]
        for event in single {
            let t = event.time + shift
            switch event.kind {
            case .bolus:
                if t >= ss.time { implied.append(DosingEvent(time: t, compartment: event.compartment, kind: event.kind)) }
            case .rateChange(let delta):
                if t < ss.time {
                    running[event.compartment, default: 0] += delta   // started before: running at the steady state's time
                } else {
                    if delta < 0, running[event.compartment] ?? 0 > 0 {
                        implied.append(DosingEvent(time: ss.time, compartment: event.compartment, kind: .rateChange(delta: -delta)))
                        running[event.compartment] = 0
                    }
                    implied.append(DosingEvent(time: t, compartment: event.compartment, kind: event.kind))
                }
            }
        }
        k += 1
    }
    return implied
}
