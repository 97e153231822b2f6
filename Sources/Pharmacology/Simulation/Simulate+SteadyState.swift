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
        self.resetTimes = resetTimes
        guard !regimen.steadyStates.isEmpty else {
            actions = DosingAction.ordered(events: regimen.events(bioavailability: model.bioavailability, lag: model.lagTime),
                                           resetTimes: resetTimes)
            initialState = nil
            entries = []
            return
        }
        let (events, found) = try steadyStateActions(model, regimen: regimen, steadyStates: regimen.steadyStates,
                                                     endTime: endTime, options: options, enteringFrom: start)
        var steadyStates = found
        var initial: [Double]? = nil
        if let first = steadyStates.first, first.time == 0, !first.additive {
            initial = first.state
            steadyStates.removeFirst()
        }
        actions = DosingAction.ordered(events: events, resetTimes: resetTimes, steadyStates: steadyStates)
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
