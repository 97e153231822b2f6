import Foundation
import Testing
import ODE
import Pharmacology

/// The per-run summary against quantities computed independently: closed forms of the linear PK
/// (F·D/(CL·τ), mass balance, D/V1) and the test's own reading of a finely sampled trajectory
/// (maxima, trapezoids, trailing means, crossings), on a taper, an abrupt stop, a regimen that
/// never reaches steady state, and coarse vs fine sampling.
@Suite struct RunSummaryTests {
    static let options = SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-10)

    /// A trajectory sampled every `step` h over `window` (the test's independent reading).
    static func fine(_ model: DiazepamModel, _ regimen: Regimen, _ window: ClosedRange<Double>, step: Double,
                     end: Double) throws -> (times: [Double], out: [DerivedOutputs], synapses: [Double]) {
        let times = Array(stride(from: window.lowerBound, through: window.upperBound, by: step))
        let trajectory = try simulate(model, regimen: regimen, sampleTimes: times, endTime: end, options: options)
        return (trajectory.times, Scenario.outputs(model, trajectory).map(\.out), trajectory.values(of: .synapses))
    }

    static func trapezoid(_ t: [Double], _ c: [Double]) -> Double {
        zip(t.indices.dropFirst(), t.indices).reduce(0) { $0 + 0.5 * (c[$1.0] + c[$1.1]) * (t[$1.0] - t[$1.1]) }
    }

    /// Every Double of a summary (nested), for bitwise comparison (NaN == NaN).
    static func doubles(_ value: Any) -> [UInt64] {
        if let x = value as? Double { return [x.bitPattern] }
        return Mirror(reflecting: value).children.flatMap { doubles($0.value) }
    }

    /// 10 mg/day for 28 days, then 7.5, 5 and 2.5 mg/day for a week each; to day 70.
    static func taper() throws -> Regimen {
        try Regimen.repeated(10, every: 24, count: 28) + Regimen.repeated(7.5, every: 24, count: 7).shifted(by: 28 * 24)
            + Regimen.repeated(5, every: 24, count: 7).shifted(by: 35 * 24)
            + Regimen.repeated(2.5, every: 24, count: 7).shifted(by: 42 * 24)
    }

    @Test func taperSteadyStateIsTheMaintenancePhasesNotTheLastDoses() throws {
        let model = try DiazepamModel()
        let regimen = try Self.taper(), end = 70.0 * 24
        let s = try RunSummary(model: model, regimen: regimen, endTime: end, options: Self.options)
        let phase = try #require(s.maintenance)
        #expect(phase.firstDoseTime == 0 && phase.lastDoseTime == 27 * 24 && phase.interval == 24 && phase.amount == 10)
        #expect(phase.doseCount == 28)

        // Closed form: Cavg,ss = F·D/(CL·τ); NDZ: fm_ndz·(MW_ndz/MW_dz)·F·D/τ over CL_ndz.
        let F = model.bioavailability, p = model.parameters
        let cavgDZ = F * 10 / (model.clearances.dz * 24) * 1000
        let cavgNDZ = p[.fm_ndz] * (270.71 / 284.74) * F * 10 / 24 / model.clearances.ndz * 1000
        #expect(abs(s.dz.cavgSteadyState / cavgDZ - 1) < 1e-3, "\(s.dz.cavgSteadyState) vs \(cavgDZ)")
        #expect(abs(s.ndz.cavgSteadyState / cavgNDZ - 1) < 5e-3, "\(s.ndz.cavgSteadyState) vs \(cavgNDZ)")

        // The last maintenance interval, read independently from samples every 0.005 h.
        let w = try Self.fine(model, regimen, (26 * 24)...(27 * 24), step: 0.005, end: end)
        let c = w.out.map(\.plasma.dz)
        #expect(abs(s.dz.ctroughSteadyState / c.last! - 1) < 1e-9)
        #expect(abs(s.dz.cmaxSteadyState / c.max()! - 1) < 1e-5, "\(s.dz.cmaxSteadyState) vs \(c.max()!)")
        #expect(abs(s.dz.aucTauSteadyState / Self.trapezoid(w.times, c) - 1) < 1e-4)
        #expect(abs(s.dz.cavgSteadyState * 24 - s.dz.aucTauSteadyState) < 1e-9 * s.dz.aucTauSteadyState)

        // t90: the trailing-24 h mean from 0.05 h samples first reaches 90% of the closed-form plateau.
        let early = try Self.fine(model, regimen, 0...(10 * 24), step: 0.05, end: end)
        let ce = early.out.map(\.plasma.dz)
        var cumulative = [0.0]
        for i in 1..<ce.count { cumulative.append(cumulative[i - 1] + 0.5 * (ce[i] + ce[i - 1]) * 0.05) }
        let lag = 480                                        // 24 h / 0.05 h
        let crossing = (lag..<ce.count).first { (cumulative[$0] - cumulative[$0 - lag]) / 24 >= 0.9 * cavgDZ }!
        // (The trailing mean is read every ≤ 1 h and its crossing interpolated linearly: ±0.25 h.)
        #expect(abs(s.dz.timeTo90PercentSteadyState - early.times[crossing]) < 0.25,
                "t90 \(s.dz.timeTo90PercentSteadyState) vs \(early.times[crossing])")
        // Not the 24 h the last taper dose would give: DZ needs several half-lives (≈ 3.3 × 35 h).
        #expect((90...130).contains(s.dz.timeTo90PercentSteadyState))
        #expect(s.ndz.timeTo90PercentSteadyState > s.dz.timeTo90PercentSteadyState)
    }

    @Test func abruptStopReportsTheWashoutAsRunMinimumAndWithdrawalFromTheModel() throws {
        let model = try DiazepamModel()
        let regimen = try Regimen.repeated(10, every: 24, count: 28), end = 120.0 * 24
        let s = try RunSummary(model: model, regimen: regimen, endTime: end, options: Self.options)
        let all = try Self.fine(model, regimen, 0...end, step: 0.05, end: end)
        let c = all.out.map(\.plasma.dz)
        // Run minimum: after the stop, the end of the washout.
        #expect(abs(s.dz.cminRun / c.last! - 1) < 1e-6, "\(s.dz.cminRun) vs \(c.last!)")
        // AUC over the run = amount eliminated / CL (mass balance of the linear PK).
        let trajectory = try simulate(model, regimen: regimen, sampleTimes: [end], endTime: end, options: Self.options)
        let left = trajectory.state(at: 0)
        let eliminated = 28 * 10 * model.bioavailability - (left[0] + left[1] + left[2])
        #expect(abs(s.dz.auc / (eliminated / model.clearances.dz * 1000) - 1) < 1e-4)
        // Withdrawal: peak, time above 0.01 (crossings interpolated) and synapse recovery.
        let wd = all.out.map(\.withdrawal)
        let peak = wd.indices.max { wd[$0] < wd[$1] }!
        #expect(abs(s.peakWithdrawal / wd[peak] - 1) < 1e-6 && abs(s.peakWithdrawalTime - all.times[peak]) < 0.5)
        var above = 0.0
        for i in 1..<wd.count where (wd[i] + wd[i - 1]) / 2 > 0.01 { above += 0.05 }
        #expect(s.withdrawalDays > 1 && abs(s.withdrawalDays - above / 24) < 0.01, "\(s.withdrawalDays) vs \(above / 24)")
        let syn = all.synapses
        let lastBelow = syn.indices.last { syn[$0] < 0.95 }!
        #expect(abs(s.synapseRecoveryTime - (all.times[lastBelow] + 0.025 - 27 * 24)) < 0.1)
        #expect(abs(s.minimumSynapses - syn.min()!) < 1e-7)
        // Steady state reached during the 28 days: the maintenance trough is far above the run minimum.
        #expect(s.dz.ctroughSteadyState > 1e6 * s.dz.cminRun)
    }

    @Test func regimenThatNeverReachesSteadyStateGivesNaN() throws {
        let model = try DiazepamModel()
        let regimen = try Regimen.repeated(10, every: 24, count: 3), end = 10.0 * 24
        let s = try RunSummary(model: model, regimen: regimen, endTime: end, options: Self.options)
        #expect(s.maintenance?.doseCount == 3)
        // Independently: the mean over the last interval [24, 48] h is below 90% of F·D/(CL·τ).
        let w = try Self.fine(model, regimen, 24...48, step: 0.01, end: end)
        let mean = Self.trapezoid(w.times, w.out.map(\.plasma.dz)) / 24
        #expect(mean < 0.9 * model.bioavailability * 10 / (model.clearances.dz * 24) * 1000)
        for x in [s.dz, s.ndz] {
            #expect(x.timeTo90PercentSteadyState.isNaN && x.ctroughSteadyState.isNaN && x.cmaxSteadyState.isNaN
                    && x.cavgSteadyState.isNaN && x.aucTauSteadyState.isNaN)
        }
        #expect(s.dz.cmax > 0 && s.toleranceRatio.isNaN)                  // 10 days: no day 14
        // A single dose has no maintenance phase at all.
        let single = try RunSummary(model: model, regimen: Scenario.oral(10, at: [0]), endTime: end)
        #expect(single.maintenance == nil && single.dz.t90IsNaN)
    }

    @Test func intravenousBolusPeakIsTheJumpItself() throws {
        let model = try DiazepamModel()
        let regimen = Regimen(doses: [try Dose(time: 5, amount: 10, route: .intravenousBolus)])
        let s = try RunSummary(model: model, regimen: regimen, endTime: 48)
        #expect(abs(s.dz.cmax / (10 / model.volumes.central * 1000) - 1) < 1e-9)
        #expect(s.dz.tmax == 5)
    }

    /// The summary is read from the model, not the samples: daily and 15-minute sampling give
    /// bit-identical summaries, and the daily one has the true Cmax (not the 24 h sample).
    @Test func summaryDoesNotDependOnSampling() throws {
        let model = try DiazepamModel()
        let regimen = try Self.taper(), end = 70.0 * 24
        let daily = try simulateWithSummary(model, regimen: regimen, sampleTimes: Array(stride(from: 0.0, through: end, by: 24)),
                                            endTime: end)
        let quarter = try simulateWithSummary(model, regimen: regimen, sampleTimes: Array(stride(from: 0.0, through: end, by: 0.25)),
                                              endTime: end)
        #expect(Self.doubles(daily.summary) == Self.doubles(quarter.summary))
        #expect(daily.trajectory.times.count == 71 && quarter.trajectory.times.count == 70 * 96 + 1)
        // The user's samples are the plain simulation's.
        let plain = try simulate(model, regimen: regimen, sampleTimes: Array(stride(from: 0.0, through: end, by: 24)), endTime: end)
        #expect(plain.states == daily.trajectory.states)
        // First-dose peak from 0.001 h samples over the first 3 h.
        let w = try Self.fine(model, regimen, 0...3, step: 0.001, end: end)
        let first = w.out.map(\.plasma.dz).max()!
        let one = try RunSummary(model: model, regimen: Scenario.oral(10, at: [0]), endTime: 48)
        #expect(abs(one.dz.cmax / first - 1) < 1e-6, "\(one.dz.cmax) vs \(first)")
        #expect(daily.summary.dz.cmax > 1.3 * first)                      // accumulation (538 vs 369 ng/mL)
        #expect(daily.summary.toleranceRatio > 0 && daily.summary.toleranceRatio < 1)
    }

    @Test func maintenancePhaseIsTheLongestConstantStretch() throws {
        // Loading dose, then 5 mg q12h × 10 (108 h), then 10 mg q24h × 4 (72 h).
        let regimen = try Scenario.oral(20, at: [0]) + Regimen.repeated(5, every: 12, count: 10).shifted(by: 12)
            + Regimen.repeated(10, every: 24, count: 4).shifted(by: 132)
        let phase = try #require(MaintenancePhase.longest(in: regimen))
        #expect(phase.firstDoseTime == 12 && phase.lastDoseTime == 120 && phase.interval == 12 && phase.amount == 5)
        // A reset inside a phase splits it.
        let split = try #require(MaintenancePhase.longest(in: Regimen.repeated(10, every: 24, count: 10), resetTimes: [60]))
        #expect(split.firstDoseTime == 72 && split.doseCount == 7)
        // Equal lengths: the earliest; a changed interval ends a phase; no repeated dose: none.
        #expect(MaintenancePhase.longest(in: try Scenario.oral(10, at: [0, 24, 36]))?.lastDoseTime == 24)
        #expect(MaintenancePhase.longest(in: try Scenario.oral(10, at: [0]) + Scenario.oral(5, at: [24])) == nil)
    }
}

extension AnalyteExposure {
    var t90IsNaN: Bool { timeTo90PercentSteadyState.isNaN && ctroughSteadyState.isNaN }
}
