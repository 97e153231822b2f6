import Testing
import Pharmacology

/// The README's "Simulating diazepam" example, verbatim apart from the assertions.
@Test func readmeSimulationExampleRuns() throws {
    var parameters = ParameterSet(species: .human)
    try parameters.set("Ki_tspo_dz", to: 100)
    let model = try DiazepamModel(parameters: parameters,
                                  covariates: Covariates(weight: 60, age: 75, sex: .female, cyp2c19: .poor))
    let regimen = try Regimen.repeated(5, every: 24, count: 28)
        + Regimen.taper(from: 5, cut: .fraction(0.25), everyDays: 7, smallestStep: 0.5,
                        tabletSize: 0.5, startingAt: 28 * 24, cutsAtStart: true)
    let (trajectory, summary) = try simulateWithSummary(model, regimen: regimen,
                                         sampleTimes: Array(stride(from: 0.0, through: 120 * 24, by: 1)),
                                         endTime: 120 * 24)
    #expect(trajectory.times.count == 120 * 24 + 1)
    // A poor metaboliser accumulates DZ far above a single dose's peak; the taper ends within the run.
    #expect(summary.dz.cmax > 2 * 185)
    #expect(regimen.lastDoseTime! < 120 * 24)
    #expect(summary.peakWithdrawal >= 0)
    #expect(summary.minimumSynapses < 1 && summary.minimumSynapses > 0.5)
}
