import Testing
import ODE
import Pharmacology

/// `simulateSummary` (the summary grid alone, no trajectory) against `simulateWithSummary` with a
/// dense trajectory: the same summary bit for bit and the same solver steps (saving never changes
/// the steps), and its grid check for values that overflow.
@Suite struct SummaryOnlyTests {
    /// Every Double of a summary (nested), for bitwise comparison (NaN == NaN).
    static func doubles(_ value: Any) -> [UInt64] {
        if let x = value as? Double { return [x.bitPattern] }
        return Mirror(reflecting: value).children.flatMap { doubles($0.value) }
    }

    /// 30 days of 10 mg/day then an abrupt stop (and, second, 10 then 5 mg/day with a reset, then an
    /// infusion; third, ten days at steady state then a stop), to day 60, with hourly user samples.
    static func regimens() throws -> [(Regimen, [Double])] {
        let daily = try Regimen.repeated(10, every: 24, count: 30)
        let taper = try Regimen.repeated(10, every: 24, count: 10)
            + Regimen.repeated(5, every: 24, count: 10).shifted(by: 240)
            + Regimen(doses: [try Dose(time: 500, amount: 20, route: .infusion(duration: 2))])
        // A steady state entered at 0 h (the summary-only path must enter it as the sampled one does).
        let steady = try RegimenLanguage.parse("10mg po q24h ss x10; then stop")
        return [(daily, []), (taper, [300]), (steady, [])]
    }

    @Test(arguments: [PKSolution.exact, .integrated])
    func summaryIsTheSampledRunsBitForBit(pk: PKSolution) throws {
        let model = try DiazepamModel()
        var options = SimulationOptions()
        options.pharmacokinetics = pk
        let end = 60.0 * 24
        for (regimen, resets) in try Self.regimens() {
            let hourly = Array(stride(from: 0.0, through: end, by: 1))
            let sampled = try simulateWithSummary(model, regimen: regimen, resetTimes: resets, sampleTimes: hourly,
                                                  endTime: end, options: options)
            let alone = try simulateSummary(model, regimen: regimen, resetTimes: resets, endTime: end, options: options)
            #expect(Self.doubles(alone.summary) == Self.doubles(sampled.summary))
            #expect(alone.summary.maintenance == sampled.summary.maintenance)
            #expect(alone.statistics.steps == sampled.trajectory.statistics.steps)
            #expect(alone.statistics.steps > 0)
            #expect(alone.firstNonFinite == nil)
        }
    }

    /// 1e308 mg overflows the concentrations (1e308 mg / V1 · 1000 = inf ng/mL): the grid check
    /// names the first output of `OutputVariable.allCases` that is not finite, DZ in plasma, at
    /// the dose (the sample just after it reports the dose's time).
    @Test func overflowIsFound() throws {
        let model = try DiazepamModel()
        let regimen = Regimen(doses: [try Dose(time: 2, amount: 1e308, route: .intravenousBolus)])
        let run = try simulateSummary(model, regimen: regimen, endTime: 48)
        let bad = try #require(run.firstNonFinite)
        #expect(bad.variable == .dzPlasma)
        #expect(bad.value == .infinity)
        #expect(bad.time == 2)
    }
}
