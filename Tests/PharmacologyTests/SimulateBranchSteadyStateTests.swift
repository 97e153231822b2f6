import Foundation
import Testing
import Pharmacology
import ODE

/// `simulate(_:regimen:from:...)` (the taper designer's branch path) enters steady-state doses as
/// `simulate(_:regimen:...)` does: a regimen with `ss` never continues from no drug.
@Suite struct SimulateBranchSteadyStateTests {
    let model = try! DiazepamModel()

    /// A regimen, where the branch starts (h; with `lagged`, plus the lag: where an oral dose
    /// enters), and whether the snapshot is baseline (a fresh start) rather than the whole run's
    /// sample there.
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var split: Double
        var lagged = false
        var fromBaseline = false
        var description: String { "\(text) from \(split) h\(lagged ? " + lag" : "")\(fromBaseline ? " (baseline)" : "")" }
    }

    static let cases: [Case] = [
        Case(text: "10mg po q24h ss for 7d; then stop", split: 0, fromBaseline: true),
        Case(text: "10mg po q24h ss for 7d; then stop", split: 0),
        Case(text: "10mg po q24h ss for 7d; then stop", split: 72, lagged: true),
        Case(text: "10mg iv q24h ss for 7d; then stop", split: 0, fromBaseline: true),
        Case(text: "10mg iv over 2h q24h ss for 7d; then stop", split: 0, fromBaseline: true),
        // An infusion longer than the interval: the implied earlier infusion still runs at 0 h.
        Case(text: "10mg iv over 30h q24h ss for 7d; then stop", split: 0, fromBaseline: true),
        // Steady state after earlier doses: the branch starts before it, at it, and after it.
        Case(text: "10mg po q24h for 5d; then 5mg po q12h ss for 3d; then stop", split: 48, lagged: true),
        Case(text: "10mg po q24h for 5d; then 5mg po q12h ss for 3d; then stop", split: 120),
        Case(text: "10mg po q24h for 5d; then 5mg po q12h ss for 3d; then stop", split: 132, lagged: true),
        Case(text: "10mg iv q24h for 5d; then 5mg iv q12h ss for 3d; then stop", split: 48),
        // Without ss (the path as before).
        Case(text: "10mg po q24h for 5d; then 5mg po q24h for 5d; then stop", split: 48, lagged: true),
        Case(text: "10mg po q24h ss; then 10mg po q24h for 7d; then stop", split: 0, fromBaseline: true),
    ]

    /// The branch and the whole run agree on all 12 states to 1e-9 relative at every sample after
    /// the branch. The branch starts where a dose or a steady state enters, where the whole run's
    /// solver stops and restarts too, so both take the same steps from there (elsewhere they
    /// agree to the solver tolerance only, `SimulateBranchTests`).
    @Test(arguments: cases, [PKSolution.exact, .integrated])
    func branchEqualsWholeRun(_ c: Case, pk: PKSolution) throws {
        var options = SimulationOptions()
        options.pharmacokinetics = pk
        let regimen = try RegimenLanguage.parse(c.text)
        let end = 12.0 * 24
        let split = c.split + (c.lagged ? model.lagTime : 0)
        // Samples at the steady states' times too: there both show the steady-state trough.
        let times = Set(Array(stride(from: split, through: end, by: 3)) + regimen.steadyStates.map(\.time).filter { $0 >= split })
            .sorted()
        let whole = try simulate(model, regimen: regimen, sampleTimes: times, endTime: end, options: options)
        let snapshot = c.fromBaseline
            ? SimulationSnapshot(time: split, state: StateVariable.initialState)
            : whole.snapshot(at: 0)   // its first sample is at the split
        let branch = try simulate(model, regimen: regimen, from: snapshot, sampleTimes: times, endTime: end, options: options)
        #expect(branch.times == whole.times)
        var worst = (difference: 0.0, index: 0)
        for i in whole.states.indices {
            let d = abs(whole.states[i] - branch.states[i]) / max(abs(whole.states[i]), 1e-12)
            if d > worst.difference { worst = (d, i) }
        }
        let n = StateVariable.count
        #expect(worst.difference <= 1e-9, "\(c): state \(worst.index % n) at \(times[worst.index / n]) h differs by \(worst.difference) relative")
        // Never from no drug: the central amount at the first sample is the steady state's when
        // the regimen starts at steady state.
        if regimen.steadyStates.first?.time == 0 { #expect(branch.values(of: .dzCentral)[0] > 0.1) }
    }

    /// Independently of `simulate(_:regimen:...)`: from baseline at 0 h, `10mg iv q24h ss` gives the
    /// two-compartment geometric series Σₖ x(t + kτ) (Gibaldi & Perrier ch. 3) at every sample.
    @Test func branchFromBaselineIsTheGeometricSeries() throws {
        let p = TwoCompartment(model)
        func series(after t: Double) -> Double {
            let a = (p.alpha - p.k21) * exp(-p.alpha * t) / (1 - exp(-p.alpha * 24))
            let b = (p.beta - p.k21) * exp(-p.beta * t) / (1 - exp(-p.beta * 24))
            return 10 * (a - b) / (p.alpha - p.beta)
        }
        let regimen = try RegimenLanguage.parse("10mg iv q24h ss for 2d; then stop")
        let times: [Double] = [0, 1, 6, 24, 30, 47]
        let branch = try simulate(model, regimen: regimen, from: SimulationSnapshot(time: 0, state: StateVariable.initialState),
                                  sampleTimes: times, endTime: 47, options: SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-12))
        let expected = [series(after: 24), series(after: 1), series(after: 6), series(after: 24), series(after: 6), series(after: 23)]
        for (k, x) in branch.values(of: .dzCentral).enumerated() {
            #expect(close(x, expected[k], 1e-9), "t = \(times[k]): \(x) vs \(expected[k])")
        }
    }

    /// An additive steady state (NONMEM SS 2) at the snapshot's time: whether the snapshot holds
    /// it cannot be told, so the branch refuses instead of adding it twice or never.
    @Test func additiveSteadyStateAtTheSnapshotIsRefused() throws {
        var regimen = try Regimen.repeated(10, every: 24, count: 5)
        regimen.steadyStates = [SteadyStateDose(dose: regimen.doses[2], interval: 24, additive: true)]
        let snapshot = SimulationSnapshot(time: 48, state: StateVariable.initialState)
        #expect(throws: ODEError.self) {
            try simulate(model, regimen: regimen, from: snapshot, sampleTimes: [48, 60], endTime: 60)
        }
        // From before it, the branch enters it as the whole run does.
        let options = SimulationOptions()
        let whole = try simulate(model, regimen: regimen, sampleTimes: [24, 48, 60], endTime: 60, options: options)
        let branch = try simulate(model, regimen: regimen, from: whole.snapshot(at: 0), sampleTimes: [24, 48, 60],
                                  endTime: 60, options: options)
        for i in whole.states.indices {
            #expect(abs(whole.states[i] - branch.states[i]) <= 1e-9 * max(abs(whole.states[i]), 1e-12), "state \(i)")
        }
    }
}
