import ODE

/// A point to continue a simulation from: a time and the 12 states there (`StateVariable` order),
/// e.g. a sample of an earlier `Trajectory` (`Trajectory.snapshot(at:)`).
public struct SimulationSnapshot: Sendable, Equatable {
    /// Time (h).
    public var time: Double
    /// The 12 states at `time`; at a dose time, the state before that dose (as in a trajectory).
    public var state: [Double]

    /// A snapshot at `time` h of `state` (12 values).
    public init(time: Double, state: [Double]) {
        precondition(state.count == StateVariable.count, "a snapshot has \(StateVariable.count) states, not \(state.count)")
        self.time = time
        self.state = state
    }
}

extension Trajectory {
    /// The time and state of sample `index`, to continue from with `simulate(_:regimen:from:...)`.
    public func snapshot(at index: Int) -> SimulationSnapshot {
        SimulationSnapshot(time: times[index], state: Array(state(at: index)))
    }
}

/// Continues a simulation of `regimen` from `snapshot`: the doses whose events (after F and the
/// lag) fall at or after `snapshot.time` are applied; earlier ones are in the snapshot already.
/// This lets a search simulate a common prefix once and branch from its end (taper design):
/// the result equals a simulation from 0 h to the solver's tolerance, not bit for bit.
/// - Parameters:
///   - sampleTimes: sorted sample times within `snapshot.time ... endTime` (h).
///   - endTime: end of the simulation (h), after `snapshot.time`.
/// - Throws: `ODEError` if the solver fails, or (`.invalidInput`) if an infusion is running at
///   `snapshot.time` (the snapshot does not hold infusion rates).
public func simulate(_ model: DiazepamModel, regimen: Regimen, from snapshot: SimulationSnapshot, sampleTimes: [Double],
                     endTime: Double, options: SimulationOptions = SimulationOptions()) throws(ODEError) -> Trajectory {
    let all = regimen.events(bioavailability: model.bioavailability, lag: model.lagTime)
    var rates = InfusionRates()
    for event in all where event.time < snapshot.time { rates.apply(event) }
    guard rates[.depot] == 0 && rates[.central] == 0 else {
        throw .invalidInput("an infusion is running at \(snapshot.time) h, where the simulation continues: "
                            + "continue from a time when no infusion runs")
    }
    let actions = DosingAction.ordered(events: all.filter { $0.time >= snapshot.time }, resetTimes: [])
    let start = (time: snapshot.time, state: snapshot.state)
    if options.pharmacokinetics == .exact, let propagator = try? LinearPropagator(matrix: model.pkMatrix, dimension: 6) {
        return try simulateExactPK(model, propagator: propagator, actions: actions, sampleTimes: sampleTimes,
                                   endTime: endTime, options: options, start: start)
    }
    return try simulateIntegrated(model, actions: actions, sampleTimes: sampleTimes, endTime: endTime,
                                  options: options, start: start)
}
