import Foundation
import Testing
import ODE
import Pharmacology

/// Lag time, bioavailability, infusions and repeated doses combined, against hand-derived exact
/// answers. The DZ central/peripheral pair is linear, so the central amount is a superposition of
/// impulse responses:
/// - bolus D into central at s:   D · Σ_λ (k21 − λ)/(μ − λ) · e^{−λ(t−s)}, λ ∈ {α, β}, μ the other root;
/// - depot bolus D at s:          ka·D · Σ_{λ∈{α,β,ka}} (k21 − λ)/Π_{μ≠λ}(μ − λ) · e^{−λ(t−s)};
/// - infusion R over [s, e]:      R · Σ_λ (k21 − λ)/(μ − λ) · (e^{−λ(t−min(t,e))} − e^{−λ(t−s)})/λ.
@Suite struct ExactDosingTests {
    let model: DiazepamModel
    let ka: Double, k21: Double, alpha: Double, beta: Double

    init() throws {
        model = try DiazepamModel()
        ka = model.parameters[.ka]
        let v1 = model.volumes.central
        let k10 = model.clearances.dz / v1, k12 = model.clearances.q / v1
        k21 = model.clearances.q / model.volumes.peripheral
        let s = k10 + k12 + k21, d = (s * s - 4 * k10 * k21).squareRoot()
        alpha = (s + d) / 2
        beta = (s - d) / 2
    }

    func centralBolus(_ dose: Double, at s: Double, _ t: Double) -> Double {
        guard t > s else { return 0 }
        return dose * ((k21 - alpha) / (beta - alpha) * exp(-alpha * (t - s)) + (k21 - beta) / (alpha - beta) * exp(-beta * (t - s)))
    }

    func depotBolus(_ dose: Double, at s: Double, _ t: Double) -> Double {
        guard t > s else { return 0 }
        let lambdas = [alpha, beta, ka]
        var total = 0.0
        for (i, l) in lambdas.enumerated() {
            var denominator = 1.0
            for (j, m) in lambdas.enumerated() where j != i { denominator *= m - l }
            total += (k21 - l) / denominator * exp(-l * (t - s))
        }
        return ka * dose * total
    }

    func infusion(rate: Double, from s: Double, to e: Double, _ t: Double) -> Double {
        guard t > s else { return 0 }
        let upper = min(t, e)
        func term(_ l: Double, _ m: Double) -> Double {
            (k21 - l) / (m - l) * (exp(-l * (t - upper)) - exp(-l * (t - s))) / l
        }
        return rate * (term(alpha, beta) + term(beta, alpha))
    }

    /// 5 mg oral every 12 h ×6 (lag 0.2 h, F = 0.95 applied at the lag-shifted times), a 2 h IV
    /// infusion of 4 mg starting at 30 h, and an overlapping 10 h infusion of 3 mg from 31 h, plus an
    /// IV bolus of 1 mg at exactly the end of the first infusion: central DZ to 1e-8 relative.
    @Test func lagInfusionsAndRepeatedDosesCombine() throws {
        let lag = model.lagTime, f = model.bioavailability
        let oralTimes = (0..<6).map { Double($0) * 12 }
        // Built as a regimen, so the dose expansion (lag, F, infusion ends) is part of what is checked.
        var regimen = try Regimen.repeated(5, every: 12, count: 6)
        regimen = regimen + Regimen(doses: [
            try Dose(time: 30, amount: 4, route: .infusion(duration: 2)),
            try Dose(time: 31, amount: 3, route: .infusion(duration: 10)),
            try Dose(time: 32, amount: 1, route: .intravenousBolus),
        ])
        let samples = Array(stride(from: 0.1, through: 96, by: 0.1))
        let trajectory = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 96,
                                      options: SimulationOptions(method: .rodas5P, rtol: 1e-12, atol: 1e-14))
        let central = trajectory.values(of: .dzCentral)
        var worst = 0.0
        for (i, t) in trajectory.times.enumerated() {
            var exact = oralTimes.reduce(0) { $0 + depotBolus(f * 5, at: $1 + lag, t) }
            exact += infusion(rate: 2, from: 30, to: 32, t) + infusion(rate: 0.3, from: 31, to: 41, t)
            exact += centralBolus(1, at: 32, t)
            if exact > 1e-6 { worst = max(worst, abs(central[i] - exact) / exact) }
        }
        #expect(worst <= 1e-8, "worst relative error \(worst)")
        // Before the first lag time nothing has arrived.
        #expect(central[0] == 0 && central[1] == 0)
    }
}
