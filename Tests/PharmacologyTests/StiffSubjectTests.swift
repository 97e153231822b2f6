import Foundation
import Testing
import ODE
@testable import Pharmacology

/// A parameter draw can make the PD stiff: synapse turnover `k_syn` far above its typical value
/// relaxes the synapse density within minutes, while the simulation runs for months. The default
/// explicit method must hand over to Rodas5P rather than crawl at its stability limit
/// (issue 15: 11–23 s per such subject before failing).
@Suite struct StiffSubjectTests {
    static let regimen = "10mg po q24h for 182d; then stop"

    static func run(kSyn: Double?) throws -> (DiazepamModel, Trajectory, [Double]) {
        var parameters = ParameterSet()
        if let kSyn { try parameters.setIndividual(.k_syn, to: kSyn) }
        let model = try DiazepamModel(parameters: parameters)
        let samples = Array(stride(from: 0.0, through: 450 * 24, by: 24))
        let trajectory = try simulate(model, regimen: try RegimenLanguage.parse(regimen), sampleTimes: samples,
                                      endTime: 450 * 24, options: SimulationOptions())
        return (model, trajectory, samples)
    }

    /// k_syn = 100 1/h (25,000× typical): DOP853 alone would need h ≲ 6.1/100 h, over 160,000
    /// steps for 450 days. With the hand-over the run stays in the hundreds of steps, and the
    /// synapse density sits on its quasi-steady state `k_syn / (k_syn + k_engulf · microglia)`
    /// (the fast variable relaxed; the slow drift of microglia perturbs it by O(ṁ/k_syn) ≪ 1e-4).
    @Test func stiffDrawSwitchesToRodas5PAndStaysOnTheSlowManifold() throws {
        let (model, trajectory, _) = try Self.run(kSyn: 100)
        print("stiff draw: \(trajectory.statistics)")
        #expect(trajectory.statistics.jacobianEvaluations > 0, "never switched to the stiff method")
        #expect(trajectory.statistics.steps < 5_000)
        let microglia = trajectory.values(of: .microglia), synapses = trajectory.values(of: .synapses)
        for k in 1..<synapses.count {
            let quasiSteady = model.kSyn / (model.kSyn + model.kEngulf * microglia[k])
            #expect(abs(synapses[k] - quasiSteady) < 1e-4 * quasiSteady, "sample \(k)")
        }
    }

    /// The typical subject never looks stiff: no Jacobian is ever evaluated, so the default costs
    /// exactly what DOP853 alone costs.
    @Test func typicalSubjectStaysExplicit() throws {
        let (_, trajectory, _) = try Self.run(kSyn: nil)
        #expect(trajectory.statistics.jacobianEvaluations == 0)
        #expect(trajectory.statistics.luFactorizations == 0)
    }
}

/// `--pk integrated` without a method: Rodas5P, whose depot decays to nothing in washout, where an
/// explicit method leaves ~1e-9 mg of noise (issue 15: 2.8e-5 relative error at rtol 1e-10).
@Suite struct IntegratedPKDefaultTests {
    @Test func defaultMethodDependsOnThePKSolution() {
        var options = SimulationOptions()
        #expect(options.method == .dop853)
        options.pharmacokinetics = .integrated
        #expect(options.method == .rodas5P)
        options.method = .bdf
        #expect(options.method == .bdf)
        options.pharmacokinetics = .exact
        #expect(options.method == .bdf, "an explicit choice sticks")
    }

    /// One 10 mg dose followed for 30 days at rtol 1e-10: the integrated depot agrees with the
    /// closed form (`LinearPropagator`) to 1e-12 mg at every sample of the washout (from day 2,
    /// when the exact depot is below 1e-20 mg).
    @Test func depotIsCleanInWashout() throws {
        let model = try DiazepamModel()
        let regimen = try RegimenLanguage.parse("10mg po once")
        let samples = Array(stride(from: 48.0, through: 720, by: 6))
        var options = SimulationOptions()
        options.rtol = 1e-10
        options.pharmacokinetics = .integrated
        let integrated = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 720, options: options)
        options.pharmacokinetics = .exact
        let exact = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 720, options: options)
        let a = integrated.values(of: .dzDepot), b = exact.values(of: .dzDepot)
        let worst = zip(a, b).map { abs($0 - $1) }.max()!
        print("integrated-PK default: worst depot difference in washout \(worst) mg")
        #expect(b.allSatisfy { $0 < 1e-20 })
        #expect(worst < 1e-12)
    }
}
