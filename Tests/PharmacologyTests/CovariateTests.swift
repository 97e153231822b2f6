import Foundation
import Testing
import ODE
import Pharmacology

/// The age and CYP2C19 covariate model against the published young/elderly and genotype values.
@Suite struct CovariateTests {
    /// Terminal DZ half-life (h): log-linear fit of plasma DZ 200–600 h after a 10 mg IV bolus.
    static func terminalHalfLife(_ model: DiazepamModel) throws -> Double {
        let times = Array(stride(from: 200.0, through: 600, by: 10))
        let regimen = Regimen(doses: [try Dose(time: 0, amount: 10, route: .intravenousBolus)])
        let trajectory = try Scenario.run(model, regimen, every: 10, until: 600)
        let plasma = Scenario.outputs(model, trajectory).filter { $0.time >= 200 }.map(\.out.plasma.dz)
        return Scenario.halfLife(times, plasma)
    }

    static func man(_ age: Double) throws -> DiazepamModel { try DiazepamModel(covariates: Covariates(weight: 70, age: age)) }
    static func woman(_ age: Double) throws -> DiazepamModel {
        try DiazepamModel(covariates: Covariates(weight: 70, age: age, sex: .female))
    }

    /// Greenblatt et al., J Clin Pharmacol 2021;61:193 (2.5 mg twice daily for 15 days; young 21–33 y,
    /// elderly 61–78 y; midpoints 27 and 69): DZ t½ 31 vs 86 h (×2.8), NDZ t½ 40 vs 80 h (×2.0),
    /// steady-state DZ and NDZ 30–35% higher in the elderly.
    @Test func elderlyMenHaveLongerHalfLivesAndHigherSteadyState() throws {
        let young = try Self.man(27), old = try Self.man(69)
        let ratio = try Self.terminalHalfLife(old) / Self.terminalHalfLife(young)
        #expect((2.2...3.4).contains(ratio), "DZ t½ ratio \(ratio) (published 2.8)")
        let ndz = (old.volumes.ndz / old.clearances.ndz) / (young.volumes.ndz / young.clearances.ndz)
        #expect((1.6...2.4).contains(ndz), "NDZ t½ ratio \(ndz) (published 2.0)")
        // Steady state of the study's regimen, by the summary (day 15 trough and the exact plateau).
        let regimen = try Regimen.repeated(2.5, every: 12, count: 200)
        let sy = try RunSummary(model: young, regimen: regimen, endTime: 100 * 24)
        let so = try RunSummary(model: old, regimen: regimen, endTime: 100 * 24)
        let dzRatio = so.dz.cavgSteadyState / sy.dz.cavgSteadyState
        let ndzRatio = so.ndz.cavgSteadyState / sy.ndz.cavgSteadyState
        #expect((1.1...1.6).contains(dzRatio), "DZ steady-state ratio \(dzRatio) (published 1.30–1.35)")
        #expect((1.1...1.6).contains(ndzRatio), "NDZ steady-state ratio \(ndzRatio) (published 1.30–1.35)")
        // Closed form: Css,avg = F·D/(CL·τ), so the ratio is the clearance ratio inverted.
        #expect(abs(dzRatio - young.clearances.dz / old.clearances.dz) < 1e-3 * dzRatio)
        print("COVARIATES elderly/young men: DZ t½ ×\(ratio), NDZ t½ ×\(ndz), Css DZ ×\(dzRatio), NDZ ×\(ndzRatio)")
    }

    /// Greenblatt et al., Clin Pharmacol Ther 1980;27:301 (IV; young 21–37 y, elderly 61–84 y):
    /// total clearance 0.39 vs 0.24 mL/min/kg in men (×0.62), 0.51 vs 0.48 in women (×0.94); Vd
    /// larger with age. Herman & Wilkinson 1996 (men): ×0.90. The model sits between (P3 bounds it).
    @Test func clearanceFallsWithAgeInMenMoreThanInWomen() throws {
        let men = try Self.man(72.5).clearances.dz / Self.man(29).clearances.dz
        let women = try Self.woman(72.5).clearances.dz / Self.woman(29).clearances.dz
        #expect((0.62...0.90).contains(men), "men \(men)")
        #expect((0.83...1.0).contains(women) && women > men, "women \(women)")
        let old = try Self.man(72.5), young = try Self.man(29)
        #expect(old.volumes.peripheral > 1.5 * young.volumes.peripheral && old.volumes.central == young.volumes.central)
    }

    /// A single 10 mg oral dose: the peak falls only modestly with age (the central volume does not
    /// grow), unlike a model that scales V1 with age (369 → 173 ng/mL).
    @Test func singleDosePeakDoesNotCollapseInTheElderly() throws {
        let regimen = try Scenario.oral(10, at: [0])
        let young = try RunSummary(model: Self.man(30), regimen: regimen, endTime: 72)
        let old = try RunSummary(model: Self.man(75), regimen: regimen, endTime: 72)
        #expect(abs(old.dz.cmax / young.dz.cmax - 1) < 0.15, "\(old.dz.cmax) vs \(young.dz.cmax)")
        print("COVARIATES 10 mg Cmax: 30 y \(young.dz.cmax), 75 y \(old.dz.cmax) ng/mL")
    }

    /// Qin et al., Clin Pharmacol Ther 1999;66:642: DZ t½ 20.0 / 62.9 / 84.0 h (wt/wt, wt/m1, m1/m1;
    /// ratios 3.15, 4.2), NDZ t½ 99.2 / 132.1 / 176.0 h (ratios 1.33, 1.77). The model keeps these
    /// half-life ratios with unchanged volumes (Qin's clearance ratios 0.37 / 0.144 then cannot hold
    /// as well; see `Covariates`).
    @Test func poorMetaboliserHalfLivesFollowQin1999() throws {
        let normal = try DiazepamModel(covariates: Covariates(weight: 70))
        let intermediate = try DiazepamModel(covariates: Covariates(weight: 70, cyp2c19: .intermediate))
        let poor = try DiazepamModel(covariates: Covariates(weight: 70, cyp2c19: .poor))
        let reference = try Self.terminalHalfLife(normal)
        let pm = try Self.terminalHalfLife(poor) / reference, im = try Self.terminalHalfLife(intermediate) / reference
        #expect(abs(pm / (84.0 / 20.0) - 1) < 0.1, "PM DZ t½ ratio \(pm) (Qin 4.2)")
        #expect(abs(im / (62.9 / 20.0) - 1) < 0.1, "IM DZ t½ ratio \(im) (Qin 3.15)")
        func ndz(_ m: DiazepamModel) -> Double { m.volumes.ndz / m.clearances.ndz }
        #expect(abs(ndz(poor) / ndz(normal) / (176.0 / 99.2) - 1) < 0.02)
        #expect(abs(ndz(intermediate) / ndz(normal) / (132.1 / 99.2) - 1) < 0.02)
        // Clearance ratio within TARGETS.md P4 (0.1–0.3) and above Qin's 0.144 (volumes unchanged).
        let cl = poor.clearances.dz / normal.clearances.dz
        #expect(cl > 0.144 && cl <= 0.3)
        print("COVARIATES CYP2C19 poor: DZ t½ ×\(pm) (\(reference * pm) h), intermediate ×\(im); CL ×\(cl)")
    }

    /// The resolved values are the ones simulated: the DZ terminal half-life matches a fit of the
    /// simulated curve, and the mouse's PD rates are the stated ones × (0.03/70)^(-1/4).
    @Test func resolvedParametersAreTheSimulatedOnes() throws {
        for model in [try Self.man(75), try DiazepamModel(covariates: Covariates(weight: 70, cyp2c19: .poor))] {
            let resolved = Dictionary(uniqueKeysWithValues: model.resolvedParameters.map { ($0.name, $0.value) })
            let fitted = try Self.terminalHalfLife(model)
            #expect(abs(resolved["t_half_dz"]! / fitted - 1) < 1e-3)
            #expect(resolved["CL"] == model.clearances.dz && resolved["V2"] == model.volumes.peripheral)
        }
        let mouse = try Scenario.mouse()
        let tspo = mouse.resolvedParameters.first { $0.name == "k_tspo" }!
        #expect(abs(tspo.value - 0.02 * pow(0.03 / 70, -0.25)) < 1e-12)
    }

    /// Covariates the mouse model does not use are rejected with the reason, not ignored.
    @Test func mouseRejectsHumanOnlyCovariates() throws {
        var c = Covariates(species: .mouse)
        c.age = 80
        c.cyp2c19 = .poor
        #expect { try DiazepamModel(parameters: ParameterSet(species: .mouse), covariates: c) } throws: { error in
            let text = "\(error)"
            return text.contains("age = 80") && text.contains("cyp2c19 = poor") && text.contains("no effect on a mouse")
        }
        var heavier = Covariates(species: .mouse)
        heavier.weight = 0.04
        #expect(throws: Never.self) { try DiazepamModel(parameters: ParameterSet(species: .mouse), covariates: heavier) }
    }
}
