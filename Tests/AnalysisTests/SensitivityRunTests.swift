import Foundation
import Pharmacology
import Sweep
import Testing
@testable import Analysis

/// The analysis on the diazepam model through the sweep engine: determinism, shards, the samples
/// file, and a coefficient known from the PK's linearity.
@Suite struct SensitivityRunTests {
    /// Two weeks of 10 mg/day, followed to day 40 (short, so that debug runs are quick).
    let scenario: Scenario = {
        let text = "10mg po q24h for 14d; then stop"
        return Scenario(species: .human, regimenText: text, regimen: try! RegimenLanguage.parse(text),
                        sampling: .every(step: 1), endTime: 40 * 24)
    }()

    let outputs = ["dz_auc_ng_h_per_mL", "withdrawal_peak", "synapses_min"]

    func morris() throws -> SensitivityRun {
        let ranges = [ParameterRange("h_homeo", lower: 0.5, upper: 0.9), ParameterRange("Ki_tspo_dz", lower: 1, upper: 1000, scale: .log)]
        return try SensitivityRun(scenario: scenario, design: .morris(ranges, trajectories: 3, seed: 9), outputs: outputs)
    }

    @Test func identicalForAnyThreadCount() throws {
        let run = try morris()
        let one = run.execute(threads: 1, bootstrap: Bootstrap(resamples: 20))
        let two = run.execute(threads: 2, bootstrap: Bootstrap(resamples: 20))
        #expect(one.samples == two.samples)
        #expect(one.indices.map(\.csvRow) == two.indices.map(\.csvRow))   // rows hold NaN: compare their text
        #expect(one.report.failed == 0 && one.report.completed == 9)
        #expect(one.indices.count == 2 * 3 * 3)
    }

    @Test func shardsConcatenateToTheWholeAndReadBack() throws {
        let run = try morris()
        let whole = run.execute(threads: 2, bootstrap: Bootstrap(resamples: 20))
        var joined = run.samplesHeader
        for k in 1...3 {
            let part = run.execute(shard: try Shard(index: k, count: 3), threads: 2)
            #expect(part.indices.isEmpty)
            joined += part.samples.dropFirst(run.samplesHeader.count)
        }
        #expect(joined == whole.samples)
        let values = try run.readSamples(joined, file: "joined.csv")
        #expect(values.elementsEqual(whole.values, by: { $0 == $1 || ($0.isNaN && $1.isNaN) }))
        #expect(run.design.analyze(outputs: values, names: outputs, bootstrap: Bootstrap(resamples: 20)).map(\.csvRow) == whole.indices.map(\.csvRow))
        // Another seed is another design: its samples do not match.
        let other = try SensitivityRun(scenario: scenario, design: .morris(run.design.parameters, trajectories: 3, seed: 10), outputs: outputs)
        #expect(throws: InputError.self) { try other.readSamples(joined, file: "joined.csv") }
    }

    /// The PK is linear and F scales every DZ input, so the DZ AUC is proportional to F:
    /// ∂AUC/∂F · F/AUC = 1 (up to the solver's tolerance). TSPO affinity does not act on the PK: 0.
    @Test func localCoefficientOfTheAUCOnBioavailabilityIsOne() throws {
        let (ranges, base) = try SensitivityDefaults.localParameters(names: ["F", "Ki_tspo_dz"], scenario: scenario)
        #expect(base == [0.95, 10] && ranges[1].scale == .log)
        let run = try SensitivityRun(scenario: scenario, design: .local(ranges, at: base, relativeStep: 0.01), outputs: ["dz_auc_ng_h_per_mL"])
        let rows = run.execute(threads: 2).indices
        let f = rows.first { $0.parameter == "F" && $0.index == "normalized" }!
        let ki = rows.first { $0.parameter == "Ki_tspo_dz" && $0.index == "normalized" }!
        #expect(abs(f.value - 1) < 1e-6)
        #expect(ki.value == 0)
    }

    @Test func badOutputsAndRangesAreRejectedUpFront() throws {
        let x = ParameterRange("h_homeo", lower: 0.5, upper: 0.9)
        #expect(throws: InputError.self) { try SensitivityRun(scenario: scenario, design: .sobol([x], baseSamples: 4), outputs: ["withdrawal_pk"]) }
        // h_homeo's plausible range is 0.3…0.95: 0.1 is rejected by the model, before any run.
        let outside = ParameterRange("h_homeo", lower: 0.1, upper: 0.9)
        do {
            _ = try SensitivityRun(scenario: scenario, design: .sobol([outside], baseSamples: 4))
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.first?.field == "h_homeo")
        }
    }

    @Test func defaultRangesComeFromTheParameterTable() throws {
        let ranges = try SensitivityDefaults.ranges(names: nil, overrides: [ParameterRange("Ki_tspo_dz", lower: 1, upper: 1000, scale: .log)], species: .human)
        // h_homeo 0.3…0.95 linear; k_ampa 0.01…0.05 1/h log; Ki_gaba_dz 10…200 nM log; TSPO affinities open-ended, only the override.
        #expect(ranges.contains(ParameterRange("h_homeo", lower: 0.3, upper: 0.95)))
        #expect(ranges.contains(ParameterRange("k_ampa", lower: 0.01, upper: 0.05, scale: .log)))
        #expect(ranges.contains(ParameterRange("Ki_gaba_dz", lower: 10, upper: 200, scale: .log)))
        #expect(ranges.contains(ParameterRange("Ki_tspo_dz", lower: 1, upper: 1000, scale: .log)))
        #expect(!ranges.contains { $0.name == "Ki_tspo_ndz" })
        #expect(throws: InputError.self) { try SensitivityDefaults.ranges(names: ["Ki_tspo_ndz"], overrides: [], species: .human) }
        #expect(throws: InputError.self) { try SensitivityDefaults.ranges(names: ["h_homeo"], overrides: [ParameterRange("k_ampa", lower: 0.01, upper: 0.02)], species: .human) }
        #expect(try ParameterRange(parse: "Ki_tspo_dz=1:1000:log") == ParameterRange("Ki_tspo_dz", lower: 1, upper: 1000, scale: .log))
        #expect(throws: InputError.self) { try ParameterRange(parse: "k=0:1:log") }
        #expect(throws: InputError.self) { try ParameterRange(parse: "k=2:1") }
    }
}
