import Foundation
import Testing
import ODE
import Pharmacology

/// TARGETS.md S1–S4 (mouse, Shi et al. 2022) and G1–G3 on the real model with its defaults.
@Suite struct PharmacodynamicTargetTests {
    static func mouseSynapses(mgPerKg: Double, days: Int, knockout: Bool = false, follow: Int = 28) throws -> Trajectory {
        let model = try Scenario.mouse(knockout: knockout)
        return try Scenario.run(model, Scenario.daily(mgPerKg * 0.03, days: days),
                                every: 1, until: Double(days + follow) * 24)
    }

    /// S1: 5 mg/kg once daily for 7 days: synapse density on day 7 (t = 168 h) 8–18% below baseline.
    @Test func s1HighDoseWeek() throws {
        let synapses = try Self.mouseSynapses(mgPerKg: 5, days: 7).values(of: .synapses)
        let loss = 1 - synapses[168]
        #expect((0.08...0.18).contains(loss), "loss \(loss)")
        print("TARGET S1: synapse loss on day 7 \(loss)")
    }

    /// S2: 1 mg/kg once daily: less loss on day 7 than S1, and at least 3% by week 8.
    @Test func s2LowDoseEightWeeks() throws {
        let high = try Self.mouseSynapses(mgPerKg: 5, days: 7).values(of: .synapses)
        let low = try Self.mouseSynapses(mgPerKg: 1, days: 56).values(of: .synapses)
        #expect(1 - low[168] < 1 - high[168])
        #expect(1 - low[56 * 24] >= 0.03, "loss at week 8: \(1 - low[56 * 24])")
        print("TARGET S2: 1 mg/kg loss day 7 \(1 - low[168]) (5 mg/kg: \(1 - high[168])), week 8 \(1 - low[56 * 24])")
    }

    /// S3: TSPO knockout: no synapse loss at all under either regimen (exactly baseline).
    @Test(arguments: [(5.0, 7), (1.0, 56)])
    func s3KnockoutIsProtected(mgPerKg: Double, days: Int) throws {
        let trajectory = try Self.mouseSynapses(mgPerKg: mgPerKg, days: days, knockout: true)
        #expect(trajectory.values(of: .synapses).allSatisfy { $0 == 1 })
        #expect(trajectory.values(of: .microglia).allSatisfy { $0 == 0 })
    }

    /// S4: after the last dose the deficit reverses to within 3% of baseline (28 days later), and
    /// the synapses take longer to get back within 3% than TSPO expression does.
    @Test func s4LossReversesAfterTspo() throws {
        let trajectory = try Self.mouseSynapses(mgPerKg: 5, days: 7, follow: 28)
        let synapses = trajectory.values(of: .synapses), tspo = trajectory.values(of: .tspo)
        #expect(synapses.last! >= 0.97)
        let lastDose = 6 * 24
        let synapseBack = (lastDose..<synapses.count).last { synapses[$0] < 0.97 }! + 1 - lastDose
        let tspoBack = (lastDose..<tspo.count).last { abs(tspo[$0] - 1) > 0.03 }! + 1 - lastDose
        #expect(synapseBack > tspoBack, "synapses back after \(synapseBack) h, TSPO after \(tspoBack) h")
        print("TARGET S4: synapses within 3% after \(synapseBack) h, TSPO after \(tspoBack) h, day 28 after: \(synapses.last!)")
    }

    /// G1: 10 mg/day in a human: peak anxiolysis on day 7 is below day 1 (tolerance) but not zero at
    /// steady state (day 60).
    @Test func g1ToleranceIsIncomplete() throws {
        let model = try DiazepamModel()
        let out = Scenario.outputs(model, try Scenario.run(model, Scenario.daily(10, days: 60),
                                                           every: 0.25, until: 60 * 24, rtol: 1e-8))
        func peak(day: Int) -> Double {
            out.filter { $0.time >= Double(day - 1) * 24 && $0.time < Double(day) * 24 }.map(\.out.anxiolysis).max()!
        }
        #expect(peak(day: 7) < peak(day: 1), "day 1 \(peak(day: 1)), day 7 \(peak(day: 7))")
        #expect(peak(day: 60) > 0.02, "steady state \(peak(day: 60))")
        print("TARGET G1: peak anxiolysis day 1 \(peak(day: 1)), day 7 \(peak(day: 7)), day 60 \(peak(day: 60))")
    }

    /// G2: mouse, 2 mg/kg daily for 21 days then abrupt stop: withdrawal peaks within 2 days of the
    /// last dose, is ≥ 25% of its peak 24 h after it, still present at 48 h and < 20% at 96 h.
    @Test func g2RodentWithdrawalWindow() throws {
        let model = try Scenario.mouse()
        let out = Scenario.outputs(model, try Scenario.run(model, Scenario.daily(2 * 0.03, days: 21),
                                                           every: 0.25, until: 30 * 24, rtol: 1e-8))
        let lastDose = 20.0 * 24
        let after = out.filter { $0.time >= lastDose }
        let peak = after.max { $0.out.withdrawal < $1.out.withdrawal }!
        func at(_ hours: Double) -> Double { after.first { $0.time >= lastDose + hours }!.out.withdrawal }
        #expect(peak.time - lastDose <= 48)
        #expect(at(24) >= 0.25 * peak.out.withdrawal)
        #expect(at(48) > 0)
        #expect(at(96) < 0.2 * peak.out.withdrawal)
        print("TARGET G2: peak \(peak.out.withdrawal) at +\(peak.time - lastDose) h; 24 h \(at(24) / peak.out.withdrawal), 48 h \(at(48) / peak.out.withdrawal), 96 h \(at(96) / peak.out.withdrawal) of peak")
    }

    /// G3: human, 10 mg/day for 6 months (182 doses): the withdrawal peak after an abrupt stop comes
    /// ≥ 2 days after the last dose; cutting the dose by 10% every 2 weeks instead gives a lower peak.
    @Test func g3HumanTaperBeatsAbruptStop() throws {
        let model = try DiazepamModel()
        let abrupt = Scenario.outputs(model, try Scenario.run(model, Scenario.daily(10, days: 182),
                                                              every: 1, until: 260 * 24, rtol: 1e-8))
        let lastDose = 181.0 * 24
        let abruptPeak = abrupt.filter { $0.time >= lastDose }.max { $0.out.withdrawal < $1.out.withdrawal }!
        #expect(abruptPeak.time - lastDose >= 48, "peak \(abruptPeak.time - lastDose) h after the last dose")
        // Taper: from day 182 the daily dose is cut by 10% of the current dose every 14 days
        // (0.5 mg tablets, at least 0.5 mg per cut) down to zero.
        let taper = try Regimen.taper(from: 10, every: 24, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5,
                                      tabletSize: 0.5, startingAt: 182 * 24, cutsAtStart: true)
        let events = try Scenario.daily(10, days: 182) + taper
        let day = Int((taper.lastDoseTime ?? 0) / 24)
        let tapered = Scenario.outputs(model, try Scenario.run(model, events, every: 1, until: Double(day + 80) * 24, rtol: 1e-8))
        let taperPeak = tapered.filter { $0.time >= lastDose }.map(\.out.withdrawal).max()!
        #expect(taperPeak < abruptPeak.out.withdrawal, "taper \(taperPeak) vs abrupt \(abruptPeak.out.withdrawal)")
        print("TARGET G3: abrupt peak \(abruptPeak.out.withdrawal) at +\(abruptPeak.time - lastDose) h; taper peak \(taperPeak)")
    }
}
