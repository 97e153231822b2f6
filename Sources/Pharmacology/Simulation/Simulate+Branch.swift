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
///
/// Steady-state doses (`Regimen.steadyStates`) are entered as by `simulate(_:regimen:...)`
/// (`DosingPlan`): one after `snapshot.time` sets the state before its dose, and what its implied
/// earlier doses still put in is given, also for one before `snapshot.time` (itself in the
/// snapshot). One at `snapshot.time` replacing the state (SS 1) replaces the snapshot's, so a
/// branch from baseline at 0 h starts at the steady state, and one from a sample of
/// `simulate(_:regimen:...)` there (already the steady-state trough) is unchanged.
/// - Parameters:
///   - sampleTimes: sorted sample times within `snapshot.time ... endTime` (h).
///   - endTime: end of the simulation (h), after `snapshot.time`.
/// - Throws: `ODEError` if the solver fails or a steady state cannot be computed, or
///   (`.invalidInput`) if an infusion is running at `snapshot.time` (the snapshot does not hold
///   infusion rates) or an additive steady state (SS 2) is at `snapshot.time` (whether the
///   snapshot holds it cannot be told).
public func simulate(_ model: DiazepamModel, regimen: Regimen, from snapshot: SimulationSnapshot, sampleTimes: [Double],
                     endTime: Double, options: SimulationOptions = SimulationOptions()) throws(ODEError) -> Trajectory {
    guard !regimen.steadyStates.contains(where: { $0.additive && $0.time == snapshot.time }) else {
        throw .invalidInput("an additive steady state (SS 2) is at \(snapshot.time) h, where the simulation continues, and "
                            + "the snapshot may or may not hold it already: continue from a time before it")
    }
    let plan = try DosingPlan(model, regimen: regimen, resetTimes: [], endTime: endTime, options: options,
                              enteringFrom: snapshot.time)
    var rates = InfusionRates()
    for action in plan.actions where action.time < snapshot.time {
        if case .event(let event) = action.kind { rates.apply(event) }
    }
    guard rates[.depot] == 0 && rates[.central] == 0 else {
        throw .invalidInput("an infusion is running at \(snapshot.time) h, where the simulation continues: "
                            + "continue from a time when no infusion runs")
    }
    // A steady state at 0 h replacing the state is the plan's initial state, not an action.
    let state = snapshot.time == 0 ? plan.initialState ?? snapshot.state : snapshot.state
    return plan.enteringSteadyStates(try simulate(model, actions: plan.actions.filter { $0.time >= snapshot.time },
                                                  initialState: state, startTime: snapshot.time, sampleTimes: sampleTimes,
                                                  endTime: endTime, options: options))
}
