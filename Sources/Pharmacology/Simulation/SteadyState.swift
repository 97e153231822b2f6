import ODE

/// The periodic steady state of `dose` repeated every `interval` h forever: the 12 states just
/// before a dose (NONMEM SS = 1 with II).
///
/// - PK (the six drug amounts) exactly: the pre-dose state is the sum over k ≥ 1 of one dose's
///   response k·interval after it, x(k·δ). Once every input of the dose is over (after the lag
///   and any infusion, at K₀·δ), the response only decays, x(t) = V·e^{Λ(t−K₀δ)}·V⁻¹·x(K₀δ), so
///   the tail is the geometric series V·diag(1/(1 − e^{λᵢδ}))·V⁻¹·x(K₀δ), and the first K₀ − 1
///   terms are added one by one (an infusion longer than the interval overlaps the next doses).
/// - PD (the six slow states) by repeated intervals from baseline, the PK held at its periodic
///   state, until over one interval every state changes by at most `rtol·|y| + atol` and the
///   remaining distance to the limit, estimated from the ratio ρ of two successive changes as
///   change·ρ/(1 − ρ), is within the same bound (a slow state that creeps is not taken as
///   converged). At most `maximumIntervals` intervals.
///
/// Sources: the superposition principle for linear PK (Gibaldi & Perrier, Pharmacokinetics, ch. 3,
/// "multiple dosing"); rxode2 and mrgsolve reach steady state by repeated intervals
/// (mrgsolve `ss_n`, `ss_rtol`, `ss_atol`).
/// - Throws: `ODEError` if the solver fails, or `.invalidInput` naming the dose and the states
///   still changing if the PD has not converged after `maximumIntervals` intervals.
public func steadyState(_ model: DiazepamModel, dose: Dose, interval: Double, options: SimulationOptions = SimulationOptions(),
                        maximumIntervals: Int = 10_000) throws(ODEError) -> [Double] {
    guard interval > 0, interval.isFinite else { throw .invalidInput("steady-state interval \(interval) h: expected II > 0 h") }
    let single = Dose(unchecked: 0, amount: dose.amount, route: dose.route, interruptedAt: nil)
    let events = Regimen(doses: [single]).events(bioavailability: model.bioavailability, lag: model.lagTime)
    let actions = DosingAction.ordered(events: events, resetTimes: [])
    let m = DiazepamModel.pkDimension
    var state = StateVariable.initialState
    var pkConverged = false
    if let propagator = try? LinearPropagator(matrix: model.pkMatrix, dimension: m) {
        let schedule = PKSchedule(model: model, propagator: propagator, actions: actions)
        let lastInput = events.map(\.time).max() ?? 0
        let k0 = Int((lastInput / interval).rounded(.down)) + 1          // K₀·δ > last input
        let times = (1...k0).map { Double($0) * interval }
        var amounts = [Double](repeating: 0, count: times.count * m)
        schedule.writeAmounts(at: times, into: &amounts, stride: m)
        var z = [Double](repeating: 0, count: m), tail = [Double](repeating: 0, count: m)
        amounts.withUnsafeBufferPointer { propagator.modal(of: $0.baseAddress! + (k0 - 1) * m, into: &z) }
        for k in 0..<m { z[k] /= 1 - exp(propagator.eigenvalues[k] * interval) }
        z.withUnsafeBufferPointer { propagator.state(after: 0, from: $0.baseAddress!, input: nil, into: &tail) }
        for i in 0..<m {
            var sum = tail[i]
            for k in 0..<(k0 - 1) { sum += amounts[k * m + i] }
            state[i] = sum
        }
        pkConverged = true
    }
    // Repeated intervals (the PD; and the PK too if it has no eigenbasis).
    var previousChange: [Double]? = nil
    for _ in 0..<maximumIntervals {
        let next = try simulate(model, actions: actions, initialState: state, sampleTimes: [interval], endTime: interval,
                                options: options)
        var end = Array(next.state(at: 0))
        if pkConverged { for i in 0..<m { end[i] = state[i] } }      // exactly periodic already
        let change = (0..<StateVariable.count).map { abs(end[$0] - state[$0]) }
        var converged = true
        for i in 0..<StateVariable.count {
            let bound = options.rtol * abs(end[i]) + options.atol
            if change[i] > bound { converged = false; break }
            if let previous = previousChange?[i], previous > 0 {
                let ratio = change[i] / previous
                if ratio < 1 && change[i] * ratio / (1 - ratio) > bound { converged = false; break }
            }
        }
        state = end
        if converged { return state }
        previousChange = change
    }
    throw .invalidInput("the steady state of \(dose.amount) mg every \(interval) h was not reached in \(maximumIntervals) "
                        + "intervals (the PD still changes by more than rtol·|y| + atol per interval); write the doses "
                        + "out with ADDL instead, or loosen --rtol")
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
