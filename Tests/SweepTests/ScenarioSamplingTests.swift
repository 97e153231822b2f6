import Testing
import Pharmacology
@testable import Sweep

/// `Scenario.sampleTimes()`.
@Suite struct ScenarioSamplingTests {
    private func scenario(_ sampling: Sampling, endTime: Double, regimen: Regimen = .empty) -> Scenario {
        Scenario(regimen: regimen, sampling: sampling, endTime: endTime)
    }

    @Test func everyStepUpToTheEnd() {
        #expect(scenario(.every(step: 2), endTime: 5).sampleTimes() == [0, 2, 4])
        #expect(scenario(.every(step: 2), endTime: 6).sampleTimes() == [0, 2, 4, 6])
        // 3 × 0.1 = 0.30000000000000004 is a rounding error past the end: it becomes the end.
        #expect(scenario(.every(step: 0.1), endTime: 0.3).sampleTimes() == [0, 0.1, 0.2, 0.3])
        #expect(scenario(.every(step: 12), endTime: 450 * 24).sampleTimes().count == 901)
        #expect(scenario(.every(step: 1), endTime: 0).sampleTimes() == [0])
    }

    @Test func explicitTimesInsideTheSimulation() {
        #expect(scenario(.times([5, 0, 2.5, 2.5, 30, -1]), endTime: 24).sampleTimes() == [0, 2.5, 5])
    }

    @Test func doseRelativeSamples() throws {
        let regimen = try RegimenLanguage.parse("10mg po q24h x3")
        #expect(regimen.doses.map(\.time) == [0, 24, 48])
        let times = scenario(.doseRelative(offsets: [0, 1, 30]), endTime: 60, regimen: regimen).sampleTimes()
        #expect(times == [0, 1, 24, 25, 30, 48, 49, 54])
        // Two doses at the same time sample once.
        let twice = try Regimen.single(5, at: 10) + Regimen.single(5, at: 10, route: .intravenousBolus)
        #expect(scenario(.doseRelative(offsets: [0, 2]), endTime: 100, regimen: twice).sampleTimes() == [10, 12])
        #expect(scenario(.doseRelative(offsets: [0]), endTime: 100).sampleTimes() == [])
    }

    @Test func fromAFile() throws {
        let s = try ScenarioFile.parse(text: "regimen: 10mg po q24h x3\nsampling: {after_each_dose: [0, 12h]}\n",
                                       format: .yaml, file: "s.yaml", baseDirectory: ".")
        #expect(s.endTime == 48 + 336)
        #expect(s.sampleTimes() == [0, 12, 24, 36, 48, 60])
    }
}
