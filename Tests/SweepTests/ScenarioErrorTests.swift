import Foundation
import Testing
import Pharmacology
@testable import Sweep

/// Bad scenario files: each problem with its exact message, file, line, column and key path.
@Suite struct ScenarioErrorTests {
    private func problems(_ text: String, _ format: ScenarioFile.Format = .yaml, file: String = "s.yaml",
                          baseDirectory: String = ".") -> [String] {
        ScenarioFixtures.problems(text, format, file: file, baseDirectory: baseDirectory)
    }

    @Test func unknownKeyWithSuggestion() {
        #expect(problems("regimen: 5mg po once\nsampling:\n  evry: 1h\n") == [
            "s.yaml:3:3: sampling.evry: unknown key 'evry' (did you mean 'every'?); expected one of every, times, after_each_dose, until",
        ])
        #expect(problems("regimen: 5mg po once\nspecis: mouse\n") == [
            "s.yaml:2:1: specis: unknown key 'specis' (did you mean 'species'?); expected one of description, species, "
                + "covariates, tspo_knockout, parameters, regimen, event_table, sampling, solver",
        ])
    }

    @Test func nestedKeyAtTheTopLevelSaysWhereItBelongs() {
        #expect(problems("regimen: 5mg po once\nk_syn: 0.006\n") == [
            "s.yaml:2:1: k_syn: unknown key 'k_syn' (did you mean 'parameters.k_syn'?); expected one of description, "
                + "species, covariates, tspo_knockout, parameters, regimen, event_table, sampling, solver",
        ])
    }

    @Test func misspeltParameter() {
        #expect(problems("regimen: 5mg po once\nparameters:\n  k_sin: 0.006\n") == [
            "s.yaml:3:3: parameters.k_sin: unknown parameter 'k_sin' (did you mean 'k_syn'?); `benzosim params` lists every parameter",
        ])
    }

    @Test func parameterOutOfRange() {
        #expect(problems("regimen: 5mg po once\nparameters: {k_syn: 0.5}\n") == [
            "s.yaml:2:21: parameters.k_syn: parameter k_syn = 0.5 1/h is outside its plausible range 0.002–0.01 1/h",
        ])
        // The mouse range applies to a mouse.
        #expect(problems("species: mouse\nregimen: 0.1mg ip once\nparameters: {CL: 1.6}\n") == [
            "s.yaml:3:18: parameters.CL: parameter CL = 1.6 L/h is outside its plausible range 0.23–0.69 L/h",
        ])
    }

    @Test func parameterThatIsNotANumber() {
        #expect(problems("regimen = \"5mg po once\"\n[parameters]\nF = \"most\"\n", .toml, file: "s.toml") == [
            "s.toml:3:5: parameters.F: expected a number (dimensionless), found \"most\"",
        ])
    }

    @Test func negativeWeight() {
        #expect(problems("regimen: 5mg po once\ncovariates:\n  weight: -70\n") == [
            "s.yaml:3:11: covariates.weight: invalid covariate: weight = -70.0 kg is outside 20.0–250.0 kg for a human",
        ])
    }

    @Test func weightThatIsNotANumber() {
        #expect(problems(#"{"regimen": "5mg po once", "covariates": {"weight": "seventy"}}"#, .json, file: "s.json") == [
            "s.json:1:53: covariates.weight: expected a number (body weight in kg), found \"seventy\"",
        ])
    }

    @Test func badWords() {
        #expect(problems("regimen: 5mg po once\nspecies: rat\ncovariates: {sex: m, cyp2c19: slow}\n") == [
            "s.yaml:2:10: species: expected human or mouse, found \"rat\"",
            "s.yaml:3:19: covariates.sex: expected male or female, found \"m\"",
            "s.yaml:3:31: covariates.cyp2c19: expected one of normal, intermediate or poor, found \"slow\"",
        ])
    }

    @Test func badDuration() {
        #expect(problems("regimen: 5mg po once\nsampling: {every: 3 fortnights}\n") == [
            "s.yaml:2:19: sampling.every: expected a duration: hours as a number, or a number with a unit min, h, d, w or mo "
                + "(e.g. 30min, 12h, 450d, 2w, 6mo), found \"3 fortnights\"",
        ])
        #expect(problems("regimen: 5mg po once\nsampling: {every: 0h, until: -1d}\n") == [
            "s.yaml:2:19: sampling.every: expected a sampling interval > 0 h, found 0 h",
            "s.yaml:2:30: sampling.until: expected an end time > 0 h, found -24 h",
        ])
    }

    @Test func badSampleTimes() {
        let text = """
        regimen = "5mg po once"
        [sampling]
        times = [0, "1h", -2, "soon"]
        """
        #expect(problems(text, .toml, file: "s.toml") == [
            "s.toml:3:19: sampling.times[2]: expected a sample time ≥ 0 h, found -2 h",
            "s.toml:3:23: sampling.times[3]: expected a duration: hours as a number, or a number with a unit min, h, d, w or mo "
                + "(e.g. 30min, 12h, 450d, 2w, 6mo), found \"soon\"",
        ])
        #expect(problems("regimen: 5mg po once\nsampling: {times: [0, 1, 2d], until: 1d}\n") == [
            "s.yaml:2:26: sampling.times[2]: time 48 h is after the end of the simulation (sampling.until = 24 h)",
        ])
        #expect(problems("regimen: 5mg po once\nsampling: {times: [3d, 0, 1, 2d], until: 1d}\n") == [
            "s.yaml:2:20: sampling.times[0]: time 72 h is after the end of the simulation (sampling.until = 24 h)",
            "s.yaml:2:30: sampling.times[3]: time 48 h is after the end of the simulation (sampling.until = 24 h)",
        ])
        #expect(problems("regimen: 5mg po once\nsampling: {every: 1h, times: [1]}\n") == [
            "s.yaml:2:23: sampling.times: give only one of every, times or after_each_dose (every is given already)",
        ])
    }

    @Test func badMethodAndTolerances() {
        #expect(problems("regimen: 5mg po once\nsolver: {method: rodas, rtol: 0, atol: -1e-10}\n") == [
            "s.yaml:2:18: solver.method: expected one of dp5, dop853, rodas5p, bdf or auto, found \"rodas\" (did you mean 'rodas5p'?)",
            "s.yaml:2:31: solver.rtol: expected a relative tolerance > 0 and < 1, found 0",
            "s.yaml:2:40: solver.atol: expected a finite absolute tolerance > 0, found -1e-10",
        ])
    }

    @Test func badRegimenStringPointsAtTheColumnInTheFile() {
        // Plain YAML scalar: the value starts at column 10; 'sc' is character 6 of the regimen.
        #expect(problems("species: human\nregimen: 10mg sc q24h for 180d\n") == [
            "s.yaml:2:15: regimen: unknown route: expected po (oral), ip (intraperitoneal), iv (bolus), or iv over 2h / "
                + "infusion over 2h (zero-order infusion into the central compartment), found 'sc'",
        ])
        // TOML string: the value starts at column 11 with the quote; 'x' is character 21 of the regimen.
        #expect(problems("regimen = \"10mg po q24h for 180x\"\n", .toml, file: "s.toml") == [
            "s.toml:1:32: regimen: " + regimenMessage("10mg po q24h for 180x"),
        ])
        // A JSON string written with an escape: the start of the string, and the character position.
        #expect(problems("{\n  \"regimen\": \"10mg po q24h for 180x\\u0020\"\n}", .json, file: "s.json") == [
            "s.json:2:14: regimen: " + regimenMessage("10mg po q24h for 180x ") + " (at character 21 of the regimen)",
        ])
    }

    /// The regimen parser's own message for `text`.
    private func regimenMessage(_ text: String) -> String {
        do { _ = try RegimenLanguage.parse(text); return "(parsed)" } catch { return error.message }
    }

    @Test func missingRegimen() {
        #expect(problems("species: human\n") == [
            "s.yaml: regimen: missing: expected regimen (a regimen-language string such as \"10mg po q24h for 180d\") "
                + "or event_table (a CSV file of doses)",
        ])
        #expect(problems("regimen:\n") == [
            "s.yaml:1:9: regimen: expected a regimen-language string such as \"10mg po q24h for 180d\", found nothing",
        ])
    }

    @Test func bothRegimenAndEventTable() {
        #expect(problems("regimen: 5mg po once\nevent_table: doses.csv\n") == [
            "s.yaml:2:1: event_table: give either regimen or event_table, not both (regimen is at line 1)",
        ])
    }

    @Test func placeholdersNeedAnExplicitEnd() {
        #expect(problems("regimen: '{dose}mg po q24h for 7d'\n") == [
            "s.yaml:1:10: sampling.until: required when the regimen has placeholders ({dose}): the default end, "
                + "the last dose + 14 d, is not known until they are filled in",
        ])
    }

    @Test func eventTableWithBadColumnsAndCells() throws {
        let directory = try ScenarioFixtures.temporaryDirectory()
        try ScenarioFixtures.write("ID,TIME,AMT,EVID\n1,0,10,1\n1,2,-5,1\n1,x,0,0\n", to: "bad.csv", in: directory)
        try ScenarioFixtures.write("ID,TIEM,AMT,EVID\n1,0,10,1\n", to: "misspelt.csv", in: directory)
        let bad = ScenarioFixtures.error("event_table: bad.csv\n", baseDirectory: directory)
        #expect(bad?.kind == .data)
        #expect(bad?.problems.map(\.description) == [
            "\(directory)/bad.csv:3:3: AMT \"-5\" is negative; expected an amount in mg ≥ 0 (> 0 on a dose row)",
            "\(directory)/bad.csv:4:2: TIME: \"x\" is not a number; expected a time in h ≥ 0, e.g. 0 or 24.5",
        ])
        let misspelt = ScenarioFixtures.error("event_table: misspelt.csv\n", baseDirectory: directory)
        #expect(misspelt?.problems.map(\.description) == [
            "\(directory)/misspelt.csv:1:2: TIEM: missing required column TIME; expected a column named TIME (any case) "
                + "holding the event time in h; column 2 is named \"TIEM\": did you mean TIME?",
        ])
    }

    @Test func missingEventTable() throws {
        let directory = try ScenarioFixtures.temporaryDirectory()
        let error = ScenarioFixtures.error("event_table: nowhere.csv\n", baseDirectory: directory)
        #expect(error?.kind == .noInput)
        #expect(error?.problems.map(\.description) == [
            "s.yaml:1:14: event_table: cannot read the event table \(directory)/nowhere.csv: No such file or directory",
        ])
    }

    @Test func emptyFile() {
        for (text, format, file) in [("", ScenarioFile.Format.yaml, "e.yaml"), ("# nothing yet\n\n", .yaml, "e.yaml"),
                                     ("# nothing\n", .toml, "e.toml"), ("  \n", .json, "e.json")] {
            let error = ScenarioFixtures.error(text, format, file: file)
            #expect(error?.kind == .data)
            #expect(error?.problems.map(\.description) == ["\(file): file is empty: expected a scenario with at least a regimen"])
        }
    }

    @Test func malformedYAML() {
        #expect(problems("regimen: 5mg po once\nsampling: {every: 1h\n") == [
            "s.yaml:3:1: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 2, column 11)",
        ])
        #expect(problems("regimen: 5mg po once\nregimen: 10mg po once\n") == [
            "s.yaml:1:1: invalid YAML: duplicate key 'regimen'",
        ])
    }

    @Test func malformedTOML() {
        #expect(problems("regimen = \"5mg po once\"\n[sampling\nevery = 1\n", .toml, file: "s.toml").count == 1)
        #expect(problems("regimen = \"5mg po once\"\n[sampling\nevery = 1\n", .toml, file: "s.toml").first?
            .hasPrefix("s.toml:2:") == true)
        #expect(problems("regimen = \"5mg po once\n", .toml, file: "s.toml") == [
            "s.toml:1:23: invalid TOML: Error while parsing string: unescaped control characters other than TAB (U+0009) "
                + "are explicitly prohibited",
        ])
    }

    @Test func malformedJSON() {
        #expect(problems("{\"regimen\": \"5mg po once\",\n \"sampling\": {\"every\": 1,}\n}", .json, file: "s.json") == [
            "s.json:2:26: invalid JSON: expected a key after ',', found '}' (trailing comma)",
        ])
        #expect(problems("{\"regimen\": \"5mg po once\"\n \"species\": \"human\"}", .json, file: "s.json") == [
            "s.json:2:2: invalid JSON: expected ',' or '}' in an object, found '\"'",
        ])
        #expect(problems("{\"regimen\": \"5mg po once\", \"species\": tru}", .json, file: "s.json") == [
            "s.json:1:39: invalid JSON: expected a value (true, false, null, a number, a string, a list or an object), found 'tru'",
        ])
        #expect(problems("{\"regimen\": \"5mg po once\",\n \"regimen\": \"1mg po once\"}", .json, file: "s.json") == [
            "s.json:2:2: regimen: duplicate key 'regimen'; each key may appear once",
        ])
    }

    @Test func topLevelThatIsNotAMapping() {
        #expect(problems("- 1\n- 2\n") == [
            "s.yaml:1:1: expected a mapping of scenario keys (description, species, covariates, tspo_knockout, parameters, "
                + "regimen, event_table, sampling, solver), found a list",
        ])
    }

    @Test func unknownExtension() {
        let error = Self.loadError("scenario.txt")
        #expect(error?.kind == .usage)
        #expect(error?.description == "scenario.txt: cannot tell the scenario format from the extension \".txt\": expected .yaml, .yml, .toml or .json")
    }

    @Test func unreadableFile() throws {
        let missing = Self.loadError("/nonexistent/scenario.yaml")
        #expect(missing?.kind == .noInput)
        #expect(missing?.exitCode == 66)
        #expect(missing?.description == "/nonexistent/scenario.yaml: cannot read the scenario file: No such file or directory")

        let directory = try ScenarioFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/folder.yaml", withIntermediateDirectories: true)
        let folder = Self.loadError(directory + "/folder.yaml")
        #expect(folder?.kind == .noInput)
        #expect(folder?.description == "\(directory)/folder.yaml: cannot read the scenario file: Is a directory")

        let binary = directory + "/binary.json"
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: URL(fileURLWithPath: binary))
        #expect(Self.loadError(binary)?.description == "\(binary): the scenario file is not UTF-8 text")
    }

    private static func loadError(_ path: String) -> InputError? {
        do { _ = try ScenarioFile.load(path: path); return nil } catch { return error }
    }

    @Test func everyProblemIsReportedTogetherInFileOrder() {
        let text = """
        species: human
        covariates: {weight: seventy, age: 130, sex: male}
        parameters:
          k_sin: 0.006
          k_syn: 99
        regimen: "10mg sc q24h for 180d"
        sampling:
          evry: 1h
          until: 3 fortnights
        solver: {method: rk45, rtol: 0}
        tspo_knockout: maybe
        """
        let error = ScenarioFixtures.error(text, file: "many.yaml")
        #expect(error?.kind == .data)
        #expect(error?.exitCode == 65)
        #expect(error?.problems.map(\.description) == [
            "many.yaml:2:22: covariates.weight: expected a number (body weight in kg), found \"seventy\"",
            "many.yaml:2:36: covariates.age: invalid covariate: age = 130.0 years is outside 0–110",
            "many.yaml:4:3: parameters.k_sin: unknown parameter 'k_sin' (did you mean 'k_syn'?); `benzosim params` lists every parameter",
            "many.yaml:5:10: parameters.k_syn: parameter k_syn = 99.0 1/h is outside its plausible range 0.002–0.01 1/h",
            "many.yaml:6:16: regimen: unknown route: expected po (oral), ip (intraperitoneal), iv (bolus), or iv over 2h / "
                + "infusion over 2h (zero-order infusion into the central compartment), found 'sc'",
            "many.yaml:8:3: sampling.evry: unknown key 'evry' (did you mean 'every'?); expected one of every, times, after_each_dose, until",
            "many.yaml:9:10: sampling.until: expected a duration: hours as a number, or a number with a unit min, h, d, w or mo "
                + "(e.g. 30min, 12h, 450d, 2w, 6mo), found \"3 fortnights\"",
            "many.yaml:10:18: solver.method: expected one of dp5, dop853, rodas5p, bdf or auto, found \"rk45\"",
            "many.yaml:10:30: solver.rtol: expected a relative tolerance > 0 and < 1, found 0",
            "many.yaml:11:16: tspo_knockout: expected true or false, found \"maybe\"",
        ])
        // Each problem carries its parts separately too.
        let first = error?.problems.first
        #expect(first == InputProblem(file: "many.yaml", line: 2, column: 22, field: "covariates.weight",
                                      message: "expected a number (body weight in kg), found \"seventy\""))
    }

    @Test func problemsInTOMLSectionsAndInlineTables() {
        let text = """
        regimen = "5mg po once"
        covariates = { weight = 70, sex = "f" }

        [solver]
        method = "rodas5p"
        rtol = 2
        """
        #expect(problems(text, .toml, file: "s.toml") == [
            "s.toml:2:35: covariates.sex: expected male or female, found \"f\"",
            "s.toml:6:8: solver.rtol: expected a relative tolerance > 0 and < 1, found 2",
        ])
    }
}

/// The example of Docs/SCENARIO_FILES.md's "Errors" section is reported as documented.
@Test func documentedErrorExample() throws {
    let doc = try String(contentsOf: ScenarioFixtures.root.appendingPathComponent("Docs/SCENARIO_FILES.md"), encoding: .utf8)
    let section = try #require(doc.range(of: "## Errors"))
    func block(_ language: String) throws -> String {
        let start = try #require(doc.range(of: "```\(language)\n", range: section.upperBound..<doc.endIndex))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        return String(doc[start.upperBound..<end.lowerBound])
    }
    let reported = ScenarioFixtures.problems(try block("yaml") + "\n", .yaml, file: "scenario.yaml")
    let documented = try block("text").split(separator: "\n").map(String.init)
    #expect(reported == documented)
}
