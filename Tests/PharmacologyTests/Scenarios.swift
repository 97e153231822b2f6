import Foundation
import ODE
import Pharmacology

/// Small helpers shared by the model tests: dosing events and summary readings of a trajectory.
enum Scenario {
    /// Oral (or i.p.) doses of `amount` mg at `times` (h).
    static func oral(_ amount: Double, at times: [Double]) throws -> Regimen {
        Regimen(doses: try times.map { try Dose(time: $0, amount: amount) })
    }

    /// Once-daily oral doses for `days` days starting at t = 0.
    static func daily(_ amount: Double, days: Int) throws -> Regimen {
        try Regimen.repeated(amount, every: 24, count: days)
    }

    /// Simulates with samples every `step` hours up to `end`, tight tolerances.
    static func run(_ model: DiazepamModel, _ regimen: Regimen, every step: Double, until end: Double,
                    rtol: Double = 1e-9) throws -> Trajectory {
        try simulate(model, regimen: regimen, sampleTimes: Array(stride(from: 0.0, through: end, by: step)), endTime: end,
                     options: SimulationOptions(method: .rodas5P, rtol: rtol, atol: 1e-12))
    }

    /// Derived outputs at every sample, paired with the sample time.
    static func outputs(_ model: DiazepamModel, _ trajectory: Trajectory) -> [(time: Double, out: DerivedOutputs)] {
        trajectory.times.indices.map { (trajectory.times[$0], model.outputs(at: Array(trajectory.state(at: $0)))) }
    }

    /// Terminal half-life (h) from a log-linear least-squares fit of `values` against `times`.
    static func halfLife(_ times: [Double], _ values: [Double]) -> Double {
        let ys = values.map { log($0) }
        let mx = times.reduce(0, +) / Double(times.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(times, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return -log(2) / (sxy / sxx)
    }

    /// The mouse model: 30 g, mouse parameter set.
    static func mouse(knockout: Bool = false) throws -> DiazepamModel {
        try DiazepamModel(parameters: ParameterSet(species: .mouse), tspoKnockout: knockout)
    }
}
