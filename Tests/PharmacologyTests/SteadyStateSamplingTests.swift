import Foundation
import Testing
import Pharmacology

/// Steady-state doses sampled on a grid (`simulateWithSummary`, the path of `--every`) and their
/// summaries. Expected values are the two-compartment closed forms summed as geometric series
/// here (`TwoCompartment`, Gibaldi & Perrier ch. 2–3), never the propagator under test.
@Suite struct SteadyStateSamplingTests {
    let model = try! DiazepamModel()
    var pk: TwoCompartment { TwoCompartment(model) }
    let options = SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-12)

    /// Central DZ amount (mg) `t` h after the latest of IV boluses of `dose` mg every `tau` h
    /// given forever: Σ_{k≥0} x(t + k·τ) with x the bolus response, i.e. for each disposition
    /// rate λ the term A·e^{−λt}/(1 − e^{−λτ}).
    func ivSeries(_ dose: Double, _ tau: Double, after t: Double) -> Double {
        let p = pk
        let a = (p.alpha - p.k21) * exp(-p.alpha * t) / (1 - exp(-p.alpha * tau))
        let b = (p.beta - p.k21) * exp(-p.beta * t) / (1 - exp(-p.beta * tau))
        return dose * (a - b) / (p.alpha - p.beta)
    }

    /// The same for oral doses with F, ka and the lag: three exponentials (ka, α, β), the time
    /// counted from the latest entry into the depot (a dose not yet entered counts from the one before).
    func oralSeries(_ dose: Double, _ tau: Double, after t: Double) -> Double {
        let p = pk
        var s = t - p.lag
        if s <= 0 { s += tau }
        let a = (p.k21 - p.ka) * exp(-p.ka * s) / ((p.alpha - p.ka) * (p.beta - p.ka)) / (1 - exp(-p.ka * tau))
        let b = (p.k21 - p.alpha) * exp(-p.alpha * s) / ((p.ka - p.alpha) * (p.beta - p.alpha)) / (1 - exp(-p.alpha * tau))
        let c = (p.k21 - p.beta) * exp(-p.beta * s) / ((p.ka - p.beta) * (p.alpha - p.beta)) / (1 - exp(-p.beta * tau))
        return p.F * dose * p.ka * (a + b + c)
    }

    func central(_ trajectory: Trajectory) -> [Double] { trajectory.values(of: .dzCentral) }

    /// `--every` on a regimen-language `ss` phase: every grid sample is the steady state (a sample
    /// at a dose time is the trough before it), and after the last dose the washout of the series.
    @Test func gridSamplesOfARegimenAtSteadyStateAreTheGeometricSeries() throws {
        let times: [Double] = [0, 1, 6, 24, 30, 47, 60]
        let iv = try simulateWithSummary(model, regimen: RegimenLanguage.parse("10mg iv q24h ss for 2d; then stop"),
                                         sampleTimes: times, endTime: 60, options: options).trajectory
        let expectedIV = [ivSeries(10, 24, after: 24), ivSeries(10, 24, after: 1), ivSeries(10, 24, after: 6),
                          ivSeries(10, 24, after: 24), ivSeries(10, 24, after: 6), ivSeries(10, 24, after: 23),
                          ivSeries(10, 24, after: 36)]
        for (k, x) in central(iv).enumerated() { #expect(close(x, expectedIV[k], 1e-9), "iv t = \(times[k]): \(x) vs \(expectedIV[k])") }

        let oral = try simulateWithSummary(model, regimen: RegimenLanguage.parse("10mg po q24h ss for 2d; then stop"),
                                           sampleTimes: times, endTime: 60, options: options).trajectory
        // After 48 h no dose: the series keeps decaying from the dose at 24 h.
        let expectedOral = [oralSeries(10, 24, after: 24), oralSeries(10, 24, after: 1), oralSeries(10, 24, after: 6),
                            oralSeries(10, 24, after: 24), oralSeries(10, 24, after: 6), oralSeries(10, 24, after: 23),
                            oralSeries(10, 24, after: 36)]
        for (k, x) in central(oral).enumerated() {
            #expect(close(x, expectedOral[k], 1e-9), "oral t = \(times[k]): \(x) vs \(expectedOral[k])")
        }
    }

    /// The same run sampled on a grid equals 200 explicit doses (the first dose's residual after
    /// 4,776 h is below 1e-12 of the steady state) for every drug amount, oral and IV.
    @Test func gridSamplesEqualTwoHundredExplicitDoses() throws {
        for route in ["po", "iv", "iv over 30h"] {
            let ss = try RegimenLanguage.parse("10mg \(route) q24h ss for 2d")
            let explicit = try RegimenLanguage.parse("10mg \(route) q24h for 201d")
            let last = 199.0 * 24
            let offsets: [Double] = [0, 3, 24, 31, 47.5]
            let a = try simulateWithSummary(model, regimen: ss, sampleTimes: offsets, endTime: 48, options: options).trajectory
            let b = try simulateWithSummary(model, regimen: explicit, sampleTimes: offsets.map { last + $0 }, endTime: last + 48,
                                            options: options).trajectory
            for k in offsets.indices {
                let x = Array(a.state(at: k)), y = Array(b.state(at: k))
                for i in 0..<6 { #expect(close(x[i], y[i], 1e-8), "\(route) offset \(offsets[k]) state \(i): \(x[i]) vs \(y[i])") }
            }
        }
    }

    /// A steady state entered after other doses (NONMEM SS 1 at 48 h after a 5 mg bolus at 0):
    /// samples before it are the earlier history, the sample at its time is the steady-state
    /// trough, later ones the steady state. SS 2 adds the steady state to the history instead.
    @Test func steadyStateAfterEarlierDosesOnAGrid() throws {
        for additive in [false, true] {
            let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,II,SS\n1,0,5,2,1,0,0\n1,48,10,2,1,24,\(additive ? 2 : 1)\n")
            let subject = table.subjects[0]
            var regimen = subject.regimen
            regimen.steadyStates = subject.steadyStates.map { SteadyStateDose(dose: $0.dose, interval: $0.interval, additive: $0.additive) }
            let times: [Double] = [24, 47, 48, 54]
            let x = central(try simulateWithSummary(model, regimen: regimen, sampleTimes: times, endTime: 60, options: options).trajectory)
            let history = { (t: Double) in additive ? pk.ivBolus(5, after: t) : 0 }
            let expected = [pk.ivBolus(5, after: 24), pk.ivBolus(5, after: 47),
                            ivSeries(10, 24, after: 24) + history(48), ivSeries(10, 24, after: 6) + history(54)]
            for k in times.indices { #expect(close(x[k], expected[k], 1e-9), "SS \(additive ? 2 : 1) t = \(times[k]): \(x[k]) vs \(expected[k])") }
        }
    }

    /// Summary of a run at steady state from 0 h: the maintenance phase is the steady-state dosing,
    /// t90ss is 0, the _ss columns are the steady state's, Cmax the post-dose peak and AUC from 0 h
    /// (the pre-history before 0 h is not counted) the integral of the series.
    @Test func summaryOfARunAtSteadyState() throws {
        let p = pk
        let v1 = model.volumes.central, cl = model.clearances.dz
        let toConcentration = 1000 / v1                      // mg in V1 (L) → ng/mL
        for (text, doses) in [("10mg iv q24h ss for 3d; then wait 2d", 3), ("10mg iv q24h ss; then wait 4d", 1)] {
            let end = 120.0
            let summary = try RunSummary(model: model, regimen: RegimenLanguage.parse(text), endTime: end, options: options)
            let phase = try #require(summary.maintenance)
            #expect(phase.startsAtSteadyState && phase.firstDoseTime == 0 && phase.interval == 24 && phase.doseCount == doses)
            let dz = summary.dz
            #expect(dz.timeTo90PercentSteadyState == 0)
            #expect(close(dz.ctroughSteadyState, ivSeries(10, 24, after: 24) * toConcentration, 1e-9))
            #expect(close(dz.cmaxSteadyState, ivSeries(10, 24, after: 0) * toConcentration, 1e-9))
            #expect(close(dz.cmax, ivSeries(10, 24, after: 0) * toConcentration, 1e-9))
            // Integrals are the summary grid's quadrature (≈ 2e-4 on the fast α phase after an IV
            // bolus; RunSummaryTests allows 1e-3): F·D/(CL·τ) for an IV dose.
            #expect(close(dz.cavgSteadyState, 10 / (cl * 24) * 1000, 5e-4))
            // AUC from 0 to `end`: doses at 0, 24, … (last at `lastDose`), each with the steady
            // state's history; ∫ A·e^{−λt}/(1 − e^{−λτ}) over each dosing interval, written out.
            let lastDose = Double(doses - 1) * 24
            func integral(_ lambda: Double, _ coefficient: Double) -> Double {
                var sum = 0.0
                for k in 0..<doses {                               // the interval after dose k
                    let start = Double(k) * 24, stop = k == doses - 1 ? end : start + 24
                    sum += coefficient * (1 - exp(-lambda * (stop - start))) / (lambda * (1 - exp(-lambda * 24)))
                }
                return sum
            }
            let auc = 10 * (integral(p.alpha, p.alpha - p.k21) - integral(p.beta, p.beta - p.k21)) / (p.alpha - p.beta) * toConcentration
            #expect(close(dz.auc, auc, 5e-4), "\(text): AUC \(dz.auc) vs \(auc), last dose \(lastDose)")
        }
    }

    /// A dose interval that another dose interrupts is no steady-state phase of one dose: the
    /// _ss columns are NaN rather than read over a disturbed interval.
    @Test func singleSteadyStateDoseDisturbedHasNoSteadyStateColumns() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,II,SS\n1,0,10,2,1,24,1\n1,12,5,2,1,0,0\n")
        var regimen = table.subjects[0].regimen
        regimen.steadyStates = table.subjects[0].steadyStates.map { SteadyStateDose(dose: $0.dose, interval: $0.interval) }
        let summary = try RunSummary(model: model, regimen: regimen, endTime: 72, options: options)
        #expect(summary.maintenance == nil)
        #expect(summary.dz.timeTo90PercentSteadyState.isNaN && summary.dz.ctroughSteadyState.isNaN)
    }
}
