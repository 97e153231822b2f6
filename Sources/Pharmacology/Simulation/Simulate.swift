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

    /// A trajectory of `times.count` samples (`states`: 12 per sample) and the work it took.
    public init(times: [Double], states: [Double], statistics: SolverStatistics) {
        precondition(states.count == times.count * StateVariable.count, "a trajectory needs 12 states per sample")
        self.times = times
        self.states = states
        self.statistics = statistics
    }

    /// The state at sample `index`.
    public func state(at index: Int) -> ArraySlice<Double> {
        states[(index * StateVariable.count)..<((index + 1) * StateVariable.count)]
    }

    /// One state variable at every sample.
    public func values(of variable: StateVariable) -> [Double] {
        stride(from: variable.rawValue, to: states.count, by: StateVariable.count).map { states[$0] }
    }
}

/// Simulates `regimen` for one subject: its doses are expanded with the subject's F and lag time
/// (`Regimen.events(bioavailability:lag:)`), then integrated by `simulate(_:events:...)`. A
/// steady-state dose (`Regimen.steadyStates`) sets the state just before it to the steady state;
/// at time 0 the subject starts there, and a sample at any steady-state dose's time is the
/// steady-state trough (samples before it show the earlier history; `DosingPlan`).
/// - Parameters:
///   - resetTimes: times (h) at which every state returns to baseline before that time's doses
///     (NONMEM EVID 3/4).
///   - sampleTimes: sorted sample times within `0 ... endTime` (h).
/// - Throws: `ODEError` if the solver fails (with the time and what to try).
public func simulate(_ model: DiazepamModel, regimen: Regimen, resetTimes: [Double] = [], sampleTimes: [Double],
                     endTime: Double, options: SimulationOptions = SimulationOptions()) throws(ODEError) -> Trajectory {
    if regimen.steadyStates.isEmpty {
        return try simulate(model, events: regimen.events(bioavailability: model.bioavailability, lag: model.lagTime),
                            resetTimes: resetTimes, sampleTimes: sampleTimes, endTime: endTime, options: options)
    }
    let plan = try DosingPlan(model, regimen: regimen, resetTimes: resetTimes, endTime: endTime, options: options)
    return plan.enteringSteadyStates(try simulate(model, actions: plan.actions, initialState: plan.initialState,
                                                  sampleTimes: sampleTimes, endTime: endTime, options: options))
}

/// Integrates the model from baseline through dosing events, landing exactly on every event time
/// (doses, lag-shifted absorption starts, infusion starts and ends, resets) and restarting the
/// method there, and samples the state at `sampleTimes`.
///
/// With `options.pharmacokinetics == .exact` (the default) the linear PK is solved in closed form
/// (`PKSchedule`) and only the six PD states are integrated; when the PK matrix has no
/// well-conditioned eigenbasis (two equal rate constants) all twelve states are integrated, as
/// with `.integrated` (and with its default method unless one was chosen).
/// - Throws: `ODEError` if the solver fails (with the time and what to try).
public func simulate(_ model: DiazepamModel, events: [DosingEvent], resetTimes: [Double] = [], sampleTimes: [Double],
                     endTime: Double, options: SimulationOptions = SimulationOptions()) throws(ODEError) -> Trajectory {
    try simulate(model, actions: DosingAction.ordered(events: events, resetTimes: resetTimes), initialState: nil,
                 sampleTimes: sampleTimes, endTime: endTime, options: options)
}

/// `simulate(_:events:…)` from ordered actions and an initial state (12 values, baseline if `nil`)
/// at `startTime` h (the actions at or after it).
func simulate(_ model: DiazepamModel, actions: [DosingAction], initialState: [Double]?, startTime: Double = 0,
              sampleTimes: [Double], endTime: Double, options: SimulationOptions) throws(ODEError) -> Trajectory {
    let start = (time: startTime, state: initialState ?? StateVariable.initialState)
    if options.pharmacokinetics == .exact, let propagator = try? LinearPropagator(matrix: model.pkMatrix, dimension: 6) {
        return try simulateExactPK(model, propagator: propagator, actions: actions, sampleTimes: sampleTimes,
                                   endTime: endTime, options: options, start: start)
    }
    // Integrated after all (also the fall-back): the integrated PK's default method applies.
    var integrated = options
    integrated.pharmacokinetics = .integrated
    return try simulateIntegrated(model, actions: actions, sampleTimes: sampleTimes, endTime: endTime, options: integrated,
                                  start: start)
}

/// All twelve states integrated by the chosen method.
/// `start` is the time (h) and the 12 states to start from (baseline at 0 h by default).
func simulateIntegrated(_ model: DiazepamModel, actions: [DosingAction], sampleTimes: [Double], endTime: Double,
                        options: SimulationOptions,
                        start: (time: Double, state: [Double]) = (0, StateVariable.initialState)) throws(ODEError) -> Trajectory {
    let subject = model.withFreshInputs()
    let inputs = subject.inputs
    var rates = InfusionRates()
    var problem = ODEProblem(system: subject, initialState: start.state, from: start.time, to: endTime)
    problem.saveTimes = sampleTimes
    problem.stopTimes = actions.map(\.time)
    problem.onStop = { index, _, y in
        switch actions[index].kind {
        case .reset:
            for (i, value) in StateVariable.initialState.enumerated() { y[i] = value }
        case .setState(let state, let additive):
            for i in 0..<StateVariable.count where !(additive && i >= 6) { y[i] = additive ? y[i] + state[i] : state[i] }
        case .event(let event):
            switch event.kind {
            case .bolus(let amount):
                y[event.compartment.rawValue - 1] += amount
            case .rateChange:
                rates.apply(event)   // counts running infusions, so rates return to exactly 0
                inputs[.depot] = rates[.depot]
                inputs[.central] = rates[.central]
            }
        }
    }
    let solution = try problem.solveSwitchingWhenStiff(method: options.method, options: options.solverOptions)
    return Trajectory(times: solution.times, states: solution.values, statistics: solution.statistics)
}

/// The PK in closed form, the six PD states integrated by the chosen method; `start` as for
/// `simulateIntegrated`.
func simulateExactPK(_ model: DiazepamModel, propagator: LinearPropagator, actions: [DosingAction],
                     sampleTimes: [Double], endTime: Double, options: SimulationOptions,
                     start: (time: Double, state: [Double]) = (0, StateVariable.initialState)) throws(ODEError) -> Trajectory {
    try exactPKRun(model, propagator: propagator, actions: actions, sampleTimes: sampleTimes, endTime: endTime,
                   options: options, start: start).trajectory
}

/// `simulateExactPK` and the closed-form PK it was driven by (drug amounts at any time).
func exactPKRun(_ model: DiazepamModel, propagator: LinearPropagator, actions: [DosingAction],
                sampleTimes: [Double], endTime: Double, options: SimulationOptions,
                start: (time: Double, state: [Double])) throws(ODEError) -> (trajectory: Trajectory, schedule: PKSchedule) {
    let (solution, schedule) = try solveExactPK(model, propagator: propagator, actions: actions, sampleTimes: sampleTimes,
                                                endTime: endTime, options: options, start: start)
    let states = storedStates(pd: solution, schedule: schedule, samples: solution.times.count)
    return (Trajectory(times: solution.times, states: states, statistics: solution.statistics), schedule)
}

/// The 12 states per sample of a `solveExactPK` run: the drug amounts of `schedule` beside the
/// solver's six PD states, for `samples` rows (rows past the solver's samples are zeros).
func storedStates(pd solution: ODESolution, schedule: PKSchedule, samples: Int) -> [Double] {
    let n = StateVariable.count
    var states = [Double](repeating: 0, count: samples * n)
    schedule.writeAmounts(at: solution.times, into: &states, stride: n)
    for k in 0..<solution.times.count {
        for i in 0..<6 { states[k * n + 6 + i] = solution.values[k * 6 + i] }
    }
    return states
}

/// `simulateExactPK`'s integration: the six PD states at `sampleTimes` (6 per sample) and the
/// closed-form PK they were driven by (drug amounts at any time), for callers that read the
/// amounts without storing them (`simulateSummary`).
func solveExactPK(_ model: DiazepamModel, propagator: LinearPropagator, actions: [DosingAction],
                  sampleTimes: [Double], endTime: Double, options: SimulationOptions,
                  start: (time: Double, state: [Double])) throws(ODEError) -> (pd: ODESolution, schedule: PKSchedule) {
    let schedule = PKSchedule(model: model, propagator: propagator, actions: actions,
                              startTime: start.time, initialAmounts: Array(start.state[..<6]))
    let pdBaseline = Array(StateVariable.initialState[6...])
    var problem = ODEProblem(system: DrivenPDSystem(model: model, schedule: schedule), initialState: Array(start.state[6...]),
                             from: start.time, to: endTime)
    problem.saveTimes = sampleTimes
    problem.stopTimes = actions.map(\.time)
    problem.onStop = { index, _, y in
        schedule.current.pointee = schedule.segmentOfAction[index]
        switch actions[index].kind {
        case .reset:
            for (i, value) in pdBaseline.enumerated() { y[i] = value }
        case .setState(let state, let additive):
            if !additive { for i in 0..<6 { y[i] = state[6 + i] } }
        case .event:
            break
        }
    }
    return (try problem.solveSwitchingWhenStiff(method: options.method, options: options.solverOptions), schedule)
}
