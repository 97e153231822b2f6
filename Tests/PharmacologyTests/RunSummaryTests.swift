import Foundation
import Testing
import ODE
import Pharmacology

/// The per-run summary against quantities computed independently from the same trajectory or known
/// in closed form.
@Suite struct RunSummaryTests {
    /// Human, 10 mg/day for 28 days then off to day 120, sampled every 0.25 h.
    static func humanRun() throws -> (DiazepamModel, Trajectory, RunSummary, [Double]) {
        let model = try DiazepamModel()
        let doseTimes = (0..<28).map { Double($0) * 24 }
        let trajectory = try Scenario.run(model, Scenario.oral(10, at: doseTimes), every: 0.25, until: 120 * 24, rtol: 1e-8)
        return (model, trajectory, RunSummary(trajectory: trajectory, model: model, doseTimes: doseTimes), doseTimes)
    }

    @Test func exposureMatchesTheSamples() throws {
        let (model, trajectory, summary, _) = try Self.humanRun()
        let plasma = Scenario.outputs(model, trajectory).map(\.out.plasma.dz)
        let peak = plasma.indices.max { plasma[$0] < plasma[$1] }!
        #expect(summary.dz.cmax == plasma[peak])
        #expect(summary.dz.tmax == trajectory.times[peak])
        // AUC over 120 days = amount eliminated / CL: dose·F minus what is left, over the clearance.
        // (Trapezoid on 0.25 h samples of a smooth curve: within 0.5%.)
        let left = trajectory.state(at: trajectory.times.count - 1)
        let remaining = left[left.startIndex] + left[left.startIndex + 1] + left[left.startIndex + 2]
        let eliminated = 28 * 10 * model.bioavailability - remaining
        let exactAUC = eliminated / model.clearances.dz * 1000          // mg·h/L → ng·h/mL
        #expect(abs(summary.dz.auc / exactAUC - 1) < 0.005, "AUC \(summary.dz.auc) vs \(exactAUC)")
        // DZ (t½ ≈ 35 h) reaches 90% of its plateau within about 3.3 half-lives of the first dose.
        #expect((72...(9 * 24)).contains(summary.dz.timeTo90PercentSteadyState), "\(summary.dz.timeTo90PercentSteadyState) h")
        #expect(summary.ndz.timeTo90PercentSteadyState > summary.dz.timeTo90PercentSteadyState)
    }

    @Test func pharmacodynamicReadings() throws {
        let (model, trajectory, summary, doseTimes) = try Self.humanRun()
        let synapses = trajectory.values(of: .synapses)
        #expect(summary.minimumSynapses == synapses.min()!)
        // Tolerance: day-14 anxiolysis at day-1's peak time is lower (0 < ratio < 1).
        #expect(summary.toleranceRatio > 0 && summary.toleranceRatio < 1, "\(summary.toleranceRatio)")
        // Withdrawal after the stop on day 28: its peak comes after the last dose.
        #expect(summary.peakWithdrawalTime > doseTimes.last!)
        let withdrawal = Scenario.outputs(model, trajectory).map(\.out.withdrawal)
        #expect(summary.peakWithdrawal == withdrawal.max()!)
        // Days above the threshold, counted independently.
        var hours = 0.0
        for i in 1..<withdrawal.count where withdrawal[i] > 0.01 && withdrawal[i - 1] > 0.01 { hours += 0.25 }
        #expect(summary.withdrawalDays == hours / 24)
        #expect(summary.withdrawalDays > 0)
        // With the rodent TSPO affinity the human loses synapses (> 5%) and recovers within the run;
        // the recovery time is the first sample after the last one below 95%, from the last dose.
        #expect(summary.minimumSynapses < 0.95)
        let lastBelow = synapses.indices.last { synapses[$0] < 0.95 }!
        #expect(summary.synapseRecoveryTime == trajectory.times[lastBelow + 1] - doseTimes.last!)
        #expect(summary.synapseRecoveryTime > 0)
    }
}
