import Foundation
import Testing
@testable import Analysis
import Sweep

/// The estimators on functions whose indices are known in closed form.
@Suite struct SensitivityEstimatorTests {
    /// Evaluates `f` at every run of `design`: one output.
    func evaluate(_ design: SensitivityDesign, _ f: ([Double]) -> Double) -> [Double] {
        (0..<design.count).map { f(Array(design.values(ofRun: $0))) }
    }

    func index(_ rows: [SensitivityIndex], _ parameter: String, _ name: String) -> SensitivityIndex {
        rows.first { $0.parameter == parameter && $0.index == name }!
    }

    /// Ishigami & Homma (1990): f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁, xᵢ ~ U(−π, π), a = 7, b = 0.1.
    /// By hand (Sobol' & Levitan 1999; Saltelli et al. 2010, § 4): V₁ = ½(1 + bπ⁴/5)², V₂ = a²/8,
    /// V₃ = 0, V₁₃ = b²π⁸(1/18 − 1/50) = 8b²π⁸/225, V = V₁ + V₂ + V₁₃;
    /// S₁ = V₁/V, S₂ = V₂/V, S₃ = 0, S_T1 = (V₁ + V₁₃)/V, S_T2 = V₂/V, S_T3 = V₁₃/V.
    /// A fourth, inert input x₄ must get exactly zero (f(A_B^(4)) = f(A)).
    @Test func ishigamiWithinTheBootstrapIntervalAtN4096() throws {
        let a = 7.0, b = 0.1, pi = Double.pi
        let v1 = 0.5 * pow(1 + b * pow(pi, 4) / 5, 2), v2 = a * a / 8, v13 = 8 * b * b * pow(pi, 8) / 225
        let v = v1 + v2 + v13
        let analytic: [String: (s1: Double, st: Double)] = [
            "x1": (v1 / v, (v1 + v13) / v), "x2": (v2 / v, v2 / v), "x3": (0, v13 / v), "x4": (0, 0),
        ]
        let ranges = ["x1", "x2", "x3", "x4"].map { ParameterRange($0, lower: -pi, upper: pi) }
        let design = try SensitivityDesign.sobol(ranges, baseSamples: 4096)
        #expect(design.count == 4096 * 6)
        let f = evaluate(design) { x in sin(x[0]) + a * pow(sin(x[1]), 2) + b * pow(x[2], 4) * sin(x[0]) }
        let rows = design.analyze(outputs: f, names: ["y"], bootstrap: Bootstrap(resamples: 500, seed: 7))
        for (name, expected) in analytic {
            for (label, value) in [("S1", expected.s1), ("ST", expected.st)] {
                let r = index(rows, name, label)
                #expect(r.ciLow <= value && value <= r.ciHigh, "\(name) \(label) = \(r.value) [\(r.ciLow), \(r.ciHigh)], analytic \(value)")
                #expect(abs(r.value - value) < 0.02, "\(name) \(label)")
                #expect(r.ciHigh - r.ciLow < 0.1, "\(name) \(label) interval width")
            }
        }
        #expect(index(rows, "x4", "S1").value == 0 && index(rows, "x4", "ST").value == 0)
    }

    /// y = Σ cᵢ uᵢ with independent uniform uᵢ: Vᵢ = cᵢ² Var(uᵢ), no interactions, so
    /// Sᵢ = S_Ti = cᵢ² Var(uᵢ) / Σ cⱼ² Var(uⱼ). Here u₁ ~ U(0, 1) (Var 1/12), u₂ ~ U(0, 2) (Var 4/12),
    /// and u₃ = ln p₃ with p₃ log-uniform on [1, e³] (u₃ ~ U(0, 3), Var 9/12), c = (3, −1, 1):
    /// shares 9 : 4 : 9 of 22.
    @Test func linearModelIndicesAreTheVarianceShares() throws {
        let ranges = [ParameterRange("u1", lower: 0, upper: 1), ParameterRange("u2", lower: 0, upper: 2),
                      ParameterRange("p3", lower: 1, upper: exp(3.0), scale: .log)]
        let design = try SensitivityDesign.sobol(ranges, baseSamples: 2048)
        let f = evaluate(design) { 3 * $0[0] - $0[1] + log($0[2]) }
        let rows = design.analyze(outputs: f, names: ["y"], bootstrap: Bootstrap(resamples: 0))
        for (name, share) in [("u1", 9.0 / 22), ("u2", 4.0 / 22), ("p3", 9.0 / 22)] {
            #expect(abs(index(rows, name, "S1").value - share) < 5e-3, "\(name) S1")
            #expect(abs(index(rows, name, "ST").value - share) < 5e-3, "\(name) ST")
        }
    }

    @Test func nonFiniteOutputGivesNaNIndices() throws {
        let design = try SensitivityDesign.sobol([ParameterRange("x", lower: 0, upper: 1), ParameterRange("y", lower: 0, upper: 1)], baseSamples: 16)
        var f = evaluate(design) { $0[0] }
        f[5] = .nan
        let rows = design.analyze(outputs: f, names: ["z"], bootstrap: Bootstrap(resamples: 10))
        #expect(rows.count == 4 && rows.allSatisfy { $0.value.isNaN && $0.ciLow.isNaN })
    }

    @Test func bootstrapIsDeterministicFromItsSeed() throws {
        let design = try SensitivityDesign.sobol([ParameterRange("x", lower: 0, upper: 1), ParameterRange("y", lower: 0, upper: 1)], baseSamples: 256)
        let f = evaluate(design) { $0[0] + $0[0] * $0[1] }
        let first = design.analyze(outputs: f, names: ["z"], bootstrap: Bootstrap(resamples: 100, seed: 3))
        #expect(first == design.analyze(outputs: f, names: ["z"], bootstrap: Bootstrap(resamples: 100, seed: 3)))
        #expect(first != design.analyze(outputs: f, names: ["z"], bootstrap: Bootstrap(resamples: 100, seed: 4)))
    }

    /// Morris on y = 2u₁ − 3u₂ + 0·u₃ with u₂ ∈ [0, 2]: every elementary effect of u₁ is 2 (per
    /// whole range 1), of u₂ is −3 · 2 = −6, of u₃ 0; so μ* = |μ| = those, σ = 0.
    @Test func morrisOnALinearModel() throws {
        let ranges = [ParameterRange("u1", lower: 0, upper: 1), ParameterRange("u2", lower: 0, upper: 2), ParameterRange("u3", lower: 0, upper: 1)]
        let design = try SensitivityDesign.morris(ranges, trajectories: 20, levels: 4, seed: 11)
        #expect(design.count == 20 * 4)
        let f = evaluate(design) { 2 * $0[0] - 3 * $0[1] }
        let rows = design.analyze(outputs: f, names: ["y"], bootstrap: Bootstrap(resamples: 50))
        for (name, effect) in [("u1", 2.0), ("u2", -6.0), ("u3", 0.0)] {
            #expect(abs(index(rows, name, "mu").value - effect) < 1e-12, "\(name) mu")
            #expect(abs(index(rows, name, "mu_star").value - abs(effect)) < 1e-12, "\(name) mu*")
            #expect(index(rows, name, "sigma").value < 1e-12, "\(name) sigma")
        }
    }

    /// For y = u₁u₂ the effect of u₁ is the current u₂ (levels 0, 1/3, 2/3, 1), so it varies (σ > 0),
    /// and lies in [0, 1].
    @Test func morrisSeesAnInteraction() throws {
        let ranges = [ParameterRange("u1", lower: 0, upper: 1), ParameterRange("u2", lower: 0, upper: 1)]
        let design = try SensitivityDesign.morris(ranges, trajectories: 30, levels: 4, seed: 2)
        let rows = design.analyze(outputs: evaluate(design) { $0[0] * $0[1] }, names: ["y"], bootstrap: Bootstrap(resamples: 0))
        #expect(index(rows, "u1", "sigma").value > 0.1)
        #expect((0...1).contains(index(rows, "u1", "mu_star").value))
    }

    /// Every Morris step moves exactly one input by ±Δ = 2/3 (4 levels) on the grid, each input once
    /// per trajectory, and stays in the range.
    @Test func morrisTrajectoriesAreOneAtATimeOnTheGrid() throws {
        let ranges = (1...5).map { ParameterRange("u\($0)", lower: 0, upper: 1) }
        let design = try SensitivityDesign.morris(ranges, trajectories: 10, levels: 4, seed: 5)
        for t in 0..<10 {
            var moved = Set<Int>()
            for k in 1...5 {
                let r = t * 6 + k
                let before = design.values(ofRun: r - 1), after = design.values(ofRun: r)
                let changed = (0..<5).filter { before[before.startIndex + $0] != after[after.startIndex + $0] }
                #expect(changed.count == 1)
                let i = changed[0]
                moved.insert(i)
                #expect(abs(abs(after[after.startIndex + i] - before[before.startIndex + i]) - 2.0 / 3) < 1e-12)
            }
            #expect(moved.count == 5)
        }
        for x in design.values {
            #expect(x >= 0 && x <= 1)
            #expect(abs(x * 3 - (x * 3).rounded()) < 1e-12)
        }
    }

    /// Local coefficients of y = p₁² / p₂ + 0·p₃: normalised 2 and −1, inert 0. Central differences
    /// by hand: p₁ (linear, relative step h): ((1+h)² − (1−h)²)/(2h) = 2 exactly; p₂ (log step h):
    /// (e^(−h) − e^(h))/(2h) = −sinh(h)/h ≈ −(1 + h²/6); p₃ inert: 0.
    @Test func localNormalisedCoefficientsOfAPowerLaw() throws {
        let h = 1e-3
        let ranges = [ParameterRange("p1", lower: 0.1, upper: 10), ParameterRange("p2", lower: 0.1, upper: 10, scale: .log),
                      ParameterRange("p3", lower: 0, upper: 10)]
        let base = [2.0, 4.0, 3.0]
        let design = try SensitivityDesign.local(ranges, at: base, relativeStep: h)
        #expect(design.count == 7)
        let rows = design.analyze(outputs: evaluate(design) { $0[0] * $0[0] / $0[1] }, names: ["y"])
        #expect(abs(index(rows, "p1", "normalized").value - 2) < 1e-9)
        #expect(abs(index(rows, "p2", "normalized").value + sinh(h) / h) < 1e-9)
        #expect(index(rows, "p3", "normalized").value == 0)
        // ∂y/∂p₁ = 2p₁/p₂ = 1, ∂y/∂p₂ = −p₁²/p₂² = −0.25.
        #expect(abs(index(rows, "p1", "derivative").value - 1) < 1e-9)
        #expect(abs(index(rows, "p2", "derivative").value + 0.25) < 1e-6)
    }

    /// At the upper bound the plus side is dropped: (y(b) − y(b(1−h)))/(hb) · b/y = (1 − (1−h)²)/h = 2 − h.
    @Test func localStepAtABoundIsOneSided() throws {
        let h = 0.01
        let design = try SensitivityDesign.local([ParameterRange("p", lower: 1, upper: 2)], at: [2], relativeStep: h)
        #expect(design.values(ofRun: 2) == [2])
        let rows = design.analyze(outputs: evaluate(design) { $0[0] * $0[0] }, names: ["y"])
        #expect(abs(index(rows, "p", "normalized").value - (2 - h)) < 1e-12)
    }

    @Test func defaultLocalStepIsTheCubeRootOfTheAccuracy() {
        #expect(abs(SensitivityDesign.defaultLocalStep(rtol: 1e-6) - 0.01) < 1e-15)
        #expect(abs(SensitivityDesign.defaultLocalStep(rtol: 0) - 6.055454452393343e-06) < 1e-18)
    }

    /// Saltelli layout: per base row A, then A_B^(i) = A with column i from B, then B.
    @Test func saltelliLayout() throws {
        let ranges = (1...3).map { ParameterRange("x\($0)", lower: 0, upper: 1) }
        let design = try SensitivityDesign.sobol(ranges, baseSamples: 8)
        for j in 0..<8 {
            let a = Array(design.values(ofRun: j * 5)), b = Array(design.values(ofRun: j * 5 + 4))
            #expect(design.points[j * 5].role == "A" && design.points[j * 5 + 4].role == "B")
            for i in 0..<3 {
                var expected = a
                expected[i] = b[i]
                #expect(Array(design.values(ofRun: j * 5 + 1 + i)) == expected)
                #expect(design.points[j * 5 + 1 + i].varied == i)
            }
        }
        // Row 1 (0-based) of the 6-dimensional sequence is all 0.5: A = B there.
        #expect(Array(design.values(ofRun: 5)) == [0.5, 0.5, 0.5])
    }

    @Test func badDesignsAreRejected() {
        let x = ParameterRange("x", lower: 0, upper: 1)
        #expect(throws: InputError.self) { try SensitivityDesign.sobol([x, x], baseSamples: 8) }
        #expect(throws: InputError.self) { try SensitivityDesign.sobol([x], baseSamples: 1) }
        #expect(throws: InputError.self) { try SensitivityDesign.morris([x], trajectories: 5, levels: 3, seed: 1) }
        #expect(throws: InputError.self) { try SensitivityDesign.sobol([ParameterRange("k", lower: 0, upper: 1, scale: .log)], baseSamples: 8) }
        #expect(throws: InputError.self) { try SensitivityDesign.local([x], at: [2], relativeStep: 0.01) }
    }
}
