import ODE

/// The states of one simulation at its sample times.
public struct Trajectory: Sendable {
    /// Sample times (h).
    public let times: [Double]
    /// States, 12 per sample, in `StateVariable` order. At a dose time the sample is the state just
    /// before the dose (a trough).
    public let states: [Double]
    /// Solver work.
    public let statistics: SolverStatistics

    /// The state at sample `index`.
    public func state(at index: Int) -> ArraySlice<Double> {
        states[(index * StateVariable.count)..<((index + 1) * StateVariable.count)]
    }

    /// One state variable at every sample.
    public func values(of variable: StateVariable) -> [Double] {
        stride(from: variable.rawValue, to: states.count, by: StateVariable.count).map { states[$0] }
    }
}

/// Integrates the model from baseline through the input events, landing exactly on every event
/// time (doses, lag-shifted absorption starts, infusion starts and ends) and restarting the method
/// there, and samples the state at `sampleTimes` (sorted, within `0 ... endTime`).
/// - Throws: `ODEError` if the solver fails (with the time and what to try).
public func simulate(_ model: DiazepamModel, events: [InputEvent], sampleTimes: [Double], endTime: Double,
                     options: SimulationOptions = SimulationOptions()) throws(ODEError) -> Trajectory {
    let subject = model.withFreshInputs()
    let ordered = events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    var problem = ODEProblem(system: subject, initialState: StateVariable.initialState, from: 0, to: endTime)
    problem.saveTimes = sampleTimes
    problem.stopTimes = ordered.map(\.time)
    let inputs = subject.inputs
    problem.onStop = { index, _, y in
        let event = ordered[index]
        y[event.compartment.rawValue - 1] += event.bolus
        // Rates are summed from the events, so overlapping infusions add; clamp round-off at zero.
        let rate = inputs[event.compartment] + event.rateChange
        inputs[event.compartment] = abs(rate) < 1e-12 ? 0 : rate
    }
    let solution = try problem.solve(method: options.method, options: options.solverOptions)
    return Trajectory(times: solution.times, states: solution.values, statistics: solution.statistics)
}
