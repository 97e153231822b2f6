import Foundation
import Testing
import ODE
import Pharmacology

/// TARGETS.md P1–P6 on the real model with its defaults, through the public API.
@Suite struct PharmacokineticTargetTests {
    /// P1: a single 10 mg oral dose in a healthy 30-year-old man: Cmax 300–520 ng/mL, Tmax
    /// 0.5–2.5 h, terminal t½ 30–60 h (fit over 96–400 h), apparent clearance Dose/AUC₀₋∞ 20–32 mL/min.
    @Test func p1SingleTenMilligramDose() throws {
        let model = try DiazepamModel()
        let trajectory = try Scenario.run(model, Scenario.oral(10, at: [0]), every: 0.02, until: 24 * 20)
        let out = Scenario.outputs(model, trajectory)
        let peak = out.max { $0.out.plasma.dz < $1.out.plasma.dz }!
        #expect((300...520).contains(peak.out.plasma.dz), "Cmax \(peak.out.plasma.dz)")
        #expect((0.5...2.5).contains(peak.time), "Tmax \(peak.time)")
        let tail = out.filter { $0.time >= 96 && $0.time <= 400 }
        let halfLife = Scenario.halfLife(tail.map(\.time), tail.map(\.out.plasma.dz))
        #expect((30...60).contains(halfLife), "t½ \(halfLife)")
        // AUC by the trapezoidal rule (ng·h/mL = µg·h/L) plus the log-linear tail C_last/λz.
        var auc = 0.0
        for i in 1..<out.count { auc += 0.5 * (out[i].out.plasma.dz + out[i - 1].out.plasma.dz) * (out[i].time - out[i - 1].time) }
        auc += out.last!.out.plasma.dz * halfLife / log(2)
        let apparentClearance = 10_000 / auc * 1000 / 60    // (µg / (µg·h/L)) L/h → mL/min
        #expect((20...32).contains(apparentClearance), "CL/F \(apparentClearance) mL/min")
        print("TARGET P1: Cmax \(peak.out.plasma.dz) ng/mL, Tmax \(peak.time) h, t½ \(halfLife) h, CL/F \(apparentClearance) mL/min")
    }

    /// P2: 5 mg fasting: Cmax 110–205 ng/mL, Tmax 0.5–1.5 h.
    @Test func p2SingleFiveMilligramDose() throws {
        let model = try DiazepamModel()
        let out = Scenario.outputs(model, try Scenario.run(model, Scenario.oral(5, at: [0]), every: 0.02, until: 24))
        let peak = out.max { $0.out.plasma.dz < $1.out.plasma.dz }!
        #expect((110...205).contains(peak.out.plasma.dz), "Cmax \(peak.out.plasma.dz)")
        #expect((0.5...1.5).contains(peak.time), "Tmax \(peak.time)")
        print("TARGET P2: Cmax \(peak.out.plasma.dz) ng/mL, Tmax \(peak.time) h")
    }

    /// P3: terminal t½ ≈ 20 h at 20 years and ≈ 90 h at 80 years (±30%), clearance 20–32 mL/min at both.
    @Test(arguments: [(20.0, 20.0), (80.0, 90.0)])
    func p3HalfLifeGrowsWithAge(age: Double, expectedHalfLife: Double) throws {
        let model = try DiazepamModel(covariates: Covariates(weight: 70, age: age))
        let out = Scenario.outputs(model, try Scenario.run(model, Scenario.oral(10, at: [0]), every: 1, until: 24 * 40))
        let tail = out.filter { $0.time >= 10 * expectedHalfLife / 3 && $0.time <= 10 * expectedHalfLife }
        let halfLife = Scenario.halfLife(tail.map(\.time), tail.map(\.out.plasma.dz))
        #expect(abs(halfLife / expectedHalfLife - 1) <= 0.3, "t½ \(halfLife) at \(age) y")
        let clearance = model.clearances.dz * 1000 / 60
        #expect((20...32).contains(clearance), "CL \(clearance) mL/min")
        print("TARGET P3: age \(age) y: t½ \(halfLife) h (expected \(expectedHalfLife) ± 30%), CL \(clearance) mL/min")
    }

    /// P4: CYP2C19 poor vs normal metaboliser: DZ clearance ratio 0.1–0.3, NDZ half-life ratio 1.4–2.2.
    @Test func p4PoorMetaboliser() throws {
        let normal = try DiazepamModel()
        let poor = try DiazepamModel(covariates: Covariates(weight: 70, cyp2c19: .poor))
        let clearanceRatio = poor.clearances.dz / normal.clearances.dz
        let halfLifeRatio = (poor.volumes.ndz / poor.clearances.ndz) / (normal.volumes.ndz / normal.clearances.ndz)
        #expect((0.1...0.3).contains(clearanceRatio))
        #expect((1.4...2.2).contains(halfLifeRatio))
        print("TARGET P4: CL ratio \(clearanceRatio), NDZ t½ ratio \(halfLifeRatio)")
    }

    /// P5: 10 mg/day: the NDZ trough on day 7 (the morning of day 7, t = 144 h, after six doses;
    /// days counted from 1) is 3.5–7 × the NDZ level 24 h after a single dose, and the morning
    /// trough first reaches 80% of steady state (day 100) on day 8–14.
    @Test func p5NordazepamAccumulation() throws {
        let model = try DiazepamModel()
        let single = try Scenario.run(model, Scenario.oral(10, at: [0]), every: 24, until: 24)
        let afterOneDay = model.outputs(at: Array(single.state(at: 1))).plasma.ndz
        let daily = try Scenario.run(model, Scenario.daily(10, days: 100), every: 24, until: 99 * 24)
        let troughs = daily.times.indices.map { model.outputs(at: Array(daily.state(at: $0))).plasma.ndz }
        let ratio = troughs[6] / afterOneDay
        #expect((3.5...7).contains(ratio), "day-7 trough / single-dose 24 h level = \(ratio)")
        let steadyState = troughs.last!
        let day = troughs.firstIndex { $0 >= 0.8 * steadyState }! + 1
        #expect((8...14).contains(day), "80% of steady state on day \(day)")
        print("TARGET P5: day-7 morning trough / single-dose 24 h = \(ratio) (end of day 7: \(troughs[7] / afterOneDay)), 80% of steady state on day \(day)")
    }

    /// P6: mouse, 5 mg/kg i.p.: DZ plasma t½ 0.6–1.3 h (fit over 2–6 h), below 5% of its peak
    /// before the next daily dose.
    @Test func p6MouseIntraperitoneal() throws {
        let model = try Scenario.mouse()
        let out = Scenario.outputs(model, try Scenario.run(model, Scenario.oral(5 * 0.03, at: [0]), every: 0.01, until: 24))
        let peak = out.map(\.out.plasma.dz).max()!
        let tail = out.filter { $0.time >= 2 && $0.time <= 6 }
        let halfLife = Scenario.halfLife(tail.map(\.time), tail.map(\.out.plasma.dz))
        #expect((0.6...1.3).contains(halfLife), "t½ \(halfLife)")
        #expect(out.last!.out.plasma.dz < 0.05 * peak)
        print("TARGET P6: mouse t½ \(halfLife) h, 24 h / peak \(out.last!.out.plasma.dz / peak)")
    }
}
