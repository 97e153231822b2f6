import Testing
import Pharmacology
import ODE

/// `simulate(_:regimen:from:...)` continues a simulation from a sample of an earlier one.
@Suite struct SimulateBranchTests {
    /// 60 days of 10 mg then 20 days of 5 mg, simulated whole and as a branch from day 60: the
    /// states agree to the solver tolerance (relative to 1e-3 mg for amounts near 0), for the exact and the integrated PK.
    @Test(arguments: [PKSolution.exact, .integrated])
    func branchMatchesWholeRun(pk: PKSolution) throws {
        let model = try DiazepamModel()
        var options = SimulationOptions()
        options.pharmacokinetics = pk
        options.rtol = 1e-9
        options.atol = 1e-11
        let regimen = try Regimen.phases([Phase(amount: 10, every: 24, for: 60 * 24), Phase(amount: 5, every: 24, for: 20 * 24)])
        let split = 60.0 * 24, end = 90.0 * 24
        let times = [split, split + 0.5] + Array(stride(from: split + 6, through: end, by: 6))
        let whole = try simulate(model, regimen: regimen, sampleTimes: times, endTime: end, options: options)
        let prefix = try simulate(model, regimen: regimen, sampleTimes: [split], endTime: split, options: options)
        let branch = try simulate(model, regimen: regimen, from: prefix.snapshot(at: 0), sampleTimes: times, endTime: end, options: options)
        #expect(branch.times == whole.times)
        var worst = 0.0
        for i in whole.states.indices {
            worst = max(worst, abs(whole.states[i] - branch.states[i]) / (1e-3 + abs(whole.states[i])))
        }
        // The integrated path interpolates a stiff solution between steps: its depot and central
        // amounts agree only to ~1e-3 between any two runs with different step sequences.
        #expect(worst < (pk == .exact ? 1e-6 : 1e-2))
        // The dose at the branch time itself is applied by the branch: the depot rises after it.
        let depot = branch.values(of: .dzDepot)
        #expect(depot[0] < 1e-6 && depot[1] > 0.1)
    }

    @Test func infusionRunningAtTheBranchIsRejected() throws {
        let model = try DiazepamModel()
        let regimen = try Regimen.single(10, at: 0, route: .infusion(duration: 48))
        let snapshot = SimulationSnapshot(time: 24, state: StateVariable.initialState)
        #expect(throws: ODEError.self) {
            try simulate(model, regimen: regimen, from: snapshot, sampleTimes: [24, 30], endTime: 30)
        }
    }
}
