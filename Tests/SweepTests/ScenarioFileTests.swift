import Foundation
import Testing
import ODE
import Pharmacology
@testable import Sweep

/// Reading valid scenario files: the documented examples, every field, defaults, files on disk.
@Suite struct ScenarioFileTests {
    /// The scenario that Docs/SCENARIO_FILES.md's three examples describe, built by hand.
    static func documentedScenario() throws -> Scenario {
        var parameters = ParameterSet(species: .human)
        try parameters.set(.k_syn, to: 0.006)
        try parameters.set(.Ki_tspo_dz, to: 100)
        let text = "10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop"
        return Scenario(species: .human,
                        covariates: Covariates(weight: 62, age: 55, sex: .female, cyp2c19: .poor),
                        tspoKnockout: false, parameters: parameters, regimenText: text,
                        regimen: try RegimenLanguage.parse(text), resetTimes: [],
                        sampling: .every(step: 12), endTime: 450 * 24,
                        solver: SimulationOptions(method: .rodas5P, rtol: 1e-8, atol: 1e-10))
    }

    @Test(arguments: [("yaml", ScenarioFile.Format.yaml), ("toml", .toml), ("json", .json)])
    func documentedExampleReadsAsTheDocumentedScenario(language: String, format: ScenarioFile.Format) throws {
        let text = try ScenarioFixtures.documentedExample(language)
        let scenario = try ScenarioFile.parse(text: text, format: format, file: "example.\(language)", baseDirectory: ".")
        ScenarioFixtures.expectEqual(scenario, try Self.documentedScenario())
        // 180 daily doses, then the taper from 10 mg in 0.5 mg tablets.
        #expect(scenario.regimen.doses.count > 180)
        #expect(scenario.regimen.doses.first?.time == 0)
        #expect(scenario.regimen.doses.first?.amount == 10)
    }

    @Test func theThreeDocumentedExamplesAreEqual() throws {
        let yaml = try ScenarioFile.parse(text: try ScenarioFixtures.documentedExample("yaml"), format: .yaml, file: "a.yaml", baseDirectory: ".")
        let toml = try ScenarioFile.parse(text: try ScenarioFixtures.documentedExample("toml"), format: .toml, file: "a.toml", baseDirectory: ".")
        let json = try ScenarioFile.parse(text: try ScenarioFixtures.documentedExample("json"), format: .json, file: "a.json", baseDirectory: ".")
        ScenarioFixtures.expectEqual(yaml, toml)
        ScenarioFixtures.expectEqual(yaml, json)
    }

    @Test func defaultsForAHuman() throws {
        let s = try ScenarioFile.parse(text: "regimen: 10mg po q24h for 7d\n", format: .yaml, file: "s.yaml", baseDirectory: ".")
        #expect(s.species == .human)
        #expect(s.covariates == Covariates(weight: 70, age: 30, sex: .male, cyp2c19: .normal))
        #expect(s.tspoKnockout == false)
        #expect(s.parameters == ParameterSet(species: .human))
        #expect(s.regimenText == "10mg po q24h for 7d")
        #expect(s.regimen == (try Regimen.repeated(10, every: 24, count: 7)))
        #expect(s.resetTimes == [])
        #expect(s.sampling == .every(step: 1))
        #expect(s.endTime == 6 * 24 + 14 * 24)  // the last dose + 14 days
        #expect(s.solver.method == .dop853)
        #expect(s.solver.rtol == 1e-6)
        #expect(s.solver.atol == 1e-8)
        #expect(s.solver.maxStep == 24)
        #expect(s.solver.pharmacokinetics == .exact)
    }

    /// Age, sex and CYP2C19 do nothing in the mouse model: each is an error at its line.
    @Test func mouseRejectsHumanOnlyCovariatesWithTheirLines() throws {
        let text = "species: mouse\ncovariates:\n  age: 80\n  sex: female\n  cyp2c19: poor\nregimen: 0.125mg ip daily for 7d\n"
        #expect { try ScenarioFile.parse(text: text, format: .yaml, file: "m.yaml", baseDirectory: ".") } throws: { error in
            let message = "\(error)"
            return message.contains("m.yaml:3:") && message.contains("m.yaml:4:") && message.contains("m.yaml:5:")
                && message.contains("no effect on a mouse")
        }
    }

    @Test func mouseDefaultsAndEveryField() throws {
        let text = """
        species: Mouse
        covariates:
          weight: 0.025
        tspo_knockout: true
        parameters:
          CL: 0.5
          k_engulf: 0.004
          Ki_tspo_tmz: .inf
        regimen: 0.125mg ip daily for 7d
        sampling:
          after_each_dose: [4h, 0, 30min, 1]
          until: 2w
        solver:
          method: BDF
          rtol: 1e-6
          atol: 1e-9
          max_step: 30min
        """
        let s = try ScenarioFile.parse(text: text, format: .yaml, file: "m.yaml", baseDirectory: ".")
        var parameters = ParameterSet(species: .mouse)
        try parameters.set(.CL, to: 0.5)
        try parameters.set(.k_engulf, to: 0.004)
        try parameters.set(.Ki_tspo_tmz, to: .infinity)
        #expect(s.species == .mouse)
        #expect(s.covariates == Covariates(weight: 0.025))
        #expect(s.tspoKnockout == true)
        #expect(s.parameters == parameters)
        #expect(s.regimen == (try Regimen.repeated(0.125, every: 24, count: 7, route: .intraperitoneal)))
        #expect(s.sampling == .doseRelative(offsets: [0, 0.5, 1, 4]))
        #expect(s.endTime == 336)
        #expect(s.solver.method == .bdf)
        #expect(s.solver.rtol == 1e-6)
        #expect(s.solver.atol == 1e-9)
        #expect(s.solver.maxStep == 0.5)
    }

    @Test func mouseWithoutCovariatesGetsTheMouseReferenceWeight() throws {
        let s = try ScenarioFile.parse(text: "species = \"mouse\"\nregimen = \"0.125mg ip once\"\n", format: .toml,
                                       file: "m.toml", baseDirectory: ".")
        #expect(s.covariates.weight == 0.03)
        #expect(s.parameters == ParameterSet(species: .mouse))
        #expect(s.endTime == 14 * 24)
    }

    @Test func explicitSampleTimesInTOMLAndJSON() throws {
        let toml = """
        regimen = "5mg po once"
        [sampling]
        times = [24, "30min", 0, 2.5, "1d", "1w"]
        """
        let s = try ScenarioFile.parse(text: toml, format: .toml, file: "t.toml", baseDirectory: ".")
        #expect(s.sampling == .times([0, 0.5, 2.5, 24, 168]))
        #expect(s.endTime == 14 * 24)  // the last dose (0 h) + 14 d is after the last time (1 w)

        let json = #"{"regimen": "5mg po once", "sampling": {"times": [0, 1, "20d"]}, "tspo_knockout": 1}"#
        let t = try ScenarioFile.parse(text: json, format: .json, file: "t.json", baseDirectory: ".")
        #expect(t.sampling == .times([0, 1, 480]))
        #expect(t.endTime == 480)  // the last explicit time, later than the last dose + 14 d
        #expect(t.tspoKnockout)
    }

    @Test func everyAndUntilAsBareHours() throws {
        let s = try ScenarioFile.parse(text: "regimen: 5mg po once\nsampling: {every: 0.25, until: 48}\n", format: .yaml,
                                       file: "s.yaml", baseDirectory: ".")
        #expect(s.sampling == .every(step: 0.25))
        #expect(s.endTime == 48)
    }

    @Test func regimenWithPlaceholdersIsKeptForLater() throws {
        let s = try ScenarioFile.parse(text: "regimen: '{dose}mg po q24h for {days}d'\nsampling: {until: 30d}\n",
                                       format: .yaml, file: "p.yaml", baseDirectory: ".")
        #expect(s.regimenText == "{dose}mg po q24h for {days}d")
        #expect(s.regimenPlaceholders == ["dose", "days"])
        #expect(s.regimen == .empty)
        #expect(s.endTime == 720)
    }

    @Test func eventTableRelativeToTheScenarioFile() throws {
        let directory = try ScenarioFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/tables", withIntermediateDirectories: true)
        try ScenarioFixtures.write("""
        ID,TIME,AMT,EVID,II,ADDL,WT
        1,0,10,1,24,2,80
        1,2,0,0,0,0,80
        1,50,0,0,0,0,80
        1,60,0,3,0,0,80
        """, to: "tables/subjects.csv", in: directory)
        let path = try ScenarioFixtures.write("event_table: tables/subjects.csv\ncovariates: {weight: 75}\n",
                                              to: "scenario.yml", in: directory)
        let s = try ScenarioFile.load(path: path)
        let table = try EventTable(csv: String(contentsOfFile: directory + "/tables/subjects.csv", encoding: .utf8))
        #expect(s.regimen == table.subjects[0].regimen)
        #expect(s.regimen.doses.map(\.time) == [0, 24, 48])
        #expect(s.regimenText == nil)
        #expect(s.resetTimes == [60])
        #expect(s.sampling == .times([2, 50]))  // the observation rows, without a sampling section
        #expect(s.endTime == 48 + 14 * 24)
        #expect(s.covariates.weight == 75)  // table covariates are not applied

        // Several individuals: an error, not the first one silently.
        try ScenarioFixtures.write("ID,TIME,AMT,EVID\n1,0,10,1\n2,0,5,1\n", to: "tables/two.csv", in: directory)
        let two = try ScenarioFixtures.write("event_table: tables/two.csv\n", to: "two.yml", in: directory)
        do {
            _ = try ScenarioFile.load(path: two)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("has 2 individuals") && error.description.contains("--events tables/two.csv"))
        }
    }

    @Test func loadChoosesTheFormatByExtension() throws {
        let directory = try ScenarioFixtures.temporaryDirectory()
        let yaml = try ScenarioFixtures.write(try ScenarioFixtures.documentedExample("yaml"), to: "a.YML", in: directory)
        let toml = try ScenarioFixtures.write(try ScenarioFixtures.documentedExample("toml"), to: "a.toml", in: directory)
        let json = try ScenarioFixtures.write(try ScenarioFixtures.documentedExample("json"), to: "a.Json", in: directory)
        let expected = try Self.documentedScenario()
        for path in [yaml, toml, json] {
            ScenarioFixtures.expectEqual(try ScenarioFile.load(path: path), expected)
        }
        #expect(ScenarioFile.Format(path: "dir.yaml/scenario") == nil)
        #expect(ScenarioFile.Format(path: "x/.yaml") == nil)
        #expect(ScenarioFile.Format(path: "x/s.yaml") == .yaml)
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let s = try ScenarioFile.parse(text: "\u{FEFF}{\"regimen\": \"5mg po once\"}", format: .json, file: "b.json", baseDirectory: ".")
        #expect(s.regimen.doses.count == 1)
    }

    @Test func durations() {
        #expect(DurationSyntax.hours("30min") == 0.5)
        #expect(DurationSyntax.hours("90min") == 1.5)
        #expect(DurationSyntax.hours("12h") == 12)
        #expect(DurationSyntax.hours("450d") == 10_800)
        #expect(DurationSyntax.hours("2w") == 336)
        #expect(DurationSyntax.hours(" 1.5 d ") == 36)
        #expect(DurationSyntax.hours("36") == 36)
        #expect(DurationSyntax.hours("-1h") == -1)
        #expect(DurationSyntax.hours("3 fortnights") == nil)
        #expect(DurationSyntax.hours("h") == nil)
        #expect(DurationSyntax.hours("infh") == nil)
        #expect(DurationSyntax.hours("") == nil)
        #expect(DurationSyntax.hours("1h30min") == nil)
    }
}
