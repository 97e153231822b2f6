import Foundation
import Pharmacology
import Sweep
import Testing
@testable import Analysis

/// Time-resolved local coefficients against the two-compartment closed form of an IV bolus.
@Suite struct SensitivityTimeResolvedTests {
    /// 10 mg IV at t = 0, sampled every 6 h to 72 h (the exact PK: no solver noise on DZ).
    let scenario: Scenario = {
        let text = "10mg iv once"
        return Scenario(species: .human, regimenText: text, regimen: try! RegimenLanguage.parse(text),
                        sampling: .every(step: 6), endTime: 72)
    }()

    func analysis(_ names: [String], step h: Double) throws -> SensitivityRun {
        let (ranges, base) = try SensitivityDefaults.localParameters(names: names, scenario: scenario)
        return try SensitivityRun(scenario: scenario, design: .local(ranges, at: base, relativeStep: h))
    }

    /// C(t) and ∂C/∂CL for D mg IV into V1 of a two-compartment model (derived by hand):
    /// k10 = CL/V1, k12 = Q/V1, k21 = Q/V2; α, β = (S ± R)/2 with S = k10 + k12 + k21,
    /// P = k10·k21, R = √(S² − 4P); C = (D/V1)·[(α − k21)/R · e^(−αt) + (k21 − β)/R · e^(−βt)].
    /// ∂S/∂CL = 1/V1, ∂P/∂CL = k21/V1, ∂R = (S ∂S − 2 ∂P)/R, ∂α = (∂S + ∂R)/2, ∂β = (∂S − ∂R)/2.
    /// In ng/mL (mg/L × 1000).
    static func closedForm(t: Double, dose: Double, V1: Double, V2: Double, CL: Double, Q: Double) -> (c: Double, dcdCL: Double) {
        let k10 = CL / V1, k12 = Q / V1, k21 = Q / V2
        let s = k10 + k12 + k21, p = k10 * k21, r = (s * s - 4 * p).squareRoot()
        let alpha = (s + r) / 2, beta = (s - r) / 2
        let ds = 1 / V1, dp = k21 / V1, dr = (s * ds - 2 * dp) / r
        let dAlpha = (ds + dr) / 2, dBeta = (ds - dr) / 2
        let a = (alpha - k21) / r, b = (k21 - beta) / r
        let da = (dAlpha * r - (alpha - k21) * dr) / (r * r)
        let db = (-dBeta * r - (k21 - beta) * dr) / (r * r)
        let ea = exp(-alpha * t), eb = exp(-beta * t)
        let scale = dose / V1 * 1000
        return (scale * (a * ea + b * eb), scale * (da * ea - a * t * dAlpha * ea + db * eb - b * t * dBeta * eb))
    }

    /// The coefficient of dz_plasma on CL against the closed form at every sample, within the
    /// central difference's truncation error. Each exponential e^(−λt) has ∂λ/∂ln CL ≤ k10
    /// (∂(α + β)/∂ln CL = k10, both non-negative), so the normalised difference of that term is
    /// −sinh(x)/h with x ≤ h·k10·t instead of −x/h: relative error ≤ sinh(x)/x − 1 ≈ x²/6. The
    /// amplitudes add an O(h²) relative term; the bound allows (x²/6 + h²)·2 and 1e-10 for rounding
    /// (the exact PK leaves no solver noise to amplify by 1/h).
    @Test(arguments: [1e-3, 1e-2])
    func plasmaCoefficientOnClearanceMatchesTheClosedForm(step h: Double) throws {
        let timeResolved = try TimeResolvedLocalSensitivity(try analysis(["CL", "k_tspo"], step: h), outputs: ["dz_plasma_ng_per_mL", "withdrawal"])
        let result = timeResolved.execute(threads: 2)
        #expect(result.failures.isEmpty)
        #expect(result.times == stride(from: 0.0, through: 72, by: 6).map { $0 })
        #expect(result.coefficients.count == 13 * 2 * 2)
        let resolved = Dictionary(uniqueKeysWithValues: try scenario.makeModel().resolvedParameters.map { ($0.name, $0.value) })
        let (V1, V2, CL, Q) = (resolved["V1"]!, resolved["V2"]!, resolved["CL"]!, resolved["Q"]!)
        // The covariates scale CL by a factor independent of it: ∂ln C/∂ln CL is the same for the
        // parameter and the resolved clearance.
        let k10 = CL / V1
        var checked = 0
        for row in result.coefficients where row.parameter == "CL" && row.output == "dz_plasma_ng_per_mL" {
            let (c, dc) = Self.closedForm(t: row.time, dose: 10, V1: V1, V2: V2, CL: CL, Q: Q)
            if row.time == 0 {
                // The sample at the dose time is the trough before it: C = 0, coefficient undefined.
                #expect(row.normalized.isNaN && row.derivative == 0)
                continue
            }
            let exact = dc * CL / c
            let x = h * k10 * row.time
            let bound = 2 * (x * x / 6 + h * h) * abs(exact) + 1e-10
            #expect(abs(row.normalized - exact) <= bound, "t = \(row.time) h: \(row.normalized) vs \(exact) (bound \(bound))")
            // The derivative is per parameter unit: the scenario's CL, not the resolved one.
            let parameterCL = scenario.parameters[.CL]
            #expect(abs(row.derivative * parameterCL - dc * CL) <= bound * abs(c) + 1e-10)
            checked += 1
        }
        #expect(checked == 12)
        // k_tspo acts on the PD only: DZ plasma does not move at all.
        for row in result.coefficients where row.parameter == "k_tspo" && row.output == "dz_plasma_ng_per_mL" && row.time > 0 {
            #expect(row.normalized == 0 && row.derivative == 0)
        }
        // Withdrawal is max(0, X − 1) = 0 while the drug is present: normalised coefficient NaN
        // (not ±inf), derivative 0.
        for row in result.coefficients where row.output == "withdrawal" {
            #expect(row.normalized.isNaN && row.derivative == 0)
        }
    }

    @Test func identicalForOneAndTwoThreads() throws {
        let timeResolved = try TimeResolvedLocalSensitivity(try analysis(["CL", "V1", "k_tspo"], step: 0.01), outputs: ["dz_plasma_ng_per_mL", "ndz_plasma_ng_per_mL"])
        let one = timeResolved.execute(threads: 1).coefficients.map(\.csvRow).joined()
        let two = timeResolved.execute(threads: 2).coefficients.map(\.csvRow).joined()
        #expect(one == two)
        #expect(one.hasPrefix("0,CL,dz_plasma_ng_per_mL,nan,0\n"))
    }

    @Test func badOutputsAndMethodsAreUsageErrors() throws {
        let local = try analysis(["CL"], step: 0.01)
        do {
            _ = try TimeResolvedLocalSensitivity(local, outputs: ["dz_plasma"])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.problems[0].message.contains("dz_plasma_ng_per_mL"))
        }
        #expect(throws: InputError.self) { try TimeResolvedLocalSensitivity(local, outputs: []) }
        #expect(throws: InputError.self) { try TimeResolvedLocalSensitivity(local, outputs: ["withdrawal", "withdrawal"]) }
        let morris = try SensitivityRun(scenario: scenario, design: .morris([ParameterRange("CL", lower: 1.2, upper: 1.9)], trajectories: 2, seed: 1))
        #expect(throws: InputError.self) { try TimeResolvedLocalSensitivity(morris, outputs: ["withdrawal"]) }
    }
}
