import Testing
import Pharmacology
@testable import Sweep

/// `--set NAME=VALUE` parsing and `Scenario.applying(_:)`.
@Suite struct ScenarioApplyingTests {
    private func scenario(_ yaml: String) throws -> Scenario {
        try ScenarioFile.parse(text: yaml, format: .yaml, file: "s.yaml", baseDirectory: ".")
    }

    private func applyError(_ scenario: Scenario, _ assignments: [Assignment]) -> InputError? {
        do { _ = try scenario.applying(assignments); return nil } catch { return error }
    }

    // MARK: Assignment.parse

    @Test func parsesNumbersWordsAndPlaceholders() throws {
        #expect(try Assignment.parse("k_syn=0.006") == Assignment("k_syn", .number(0.006)))
        #expect(try Assignment.parse(" Ki_tspo_dz = inf ") == Assignment("Ki_tspo_dz", .number(.infinity)))
        #expect(try Assignment.parse("weight=82.5") == Assignment("weight", .number(82.5)))
        #expect(try Assignment.parse("age=71") == Assignment("age", .number(71)))
        #expect(try Assignment.parse("sex=Female") == Assignment("sex", .text("female")))
        #expect(try Assignment.parse("cyp2c19=poor") == Assignment("cyp2c19", .text("poor")))
        #expect(try Assignment.parse("species=MOUSE") == Assignment("species", .text("mouse")))
        #expect(try Assignment.parse("tspo_knockout=true") == Assignment("tspo_knockout", .number(1)))
        #expect(try Assignment.parse("tspo_knockout=0") == Assignment("tspo_knockout", .number(0)))
        #expect(try Assignment.parse("dose=10") == Assignment("dose", .number(10)))
        #expect(try Assignment.parse("route=po") == Assignment("route", .text("po")))
        #expect(try Assignment.parse("note=a=b") == Assignment("note", .text("a=b")))
    }

    @Test(arguments: [
        ("k_syn", "--set: expected NAME=VALUE (e.g. k_syn=0.006), found \"k_syn\""),
        ("=3", "--set: expected a name before '=' (NAME=VALUE), found \"=3\""),
        ("weight=", "--set: expected a value after '=' for weight, found nothing"),
        ("k syn=1", "--set: expected a name of letters, digits and _ before '=', found \"k syn\""),
        ("2x=1", "--set: expected a name of letters, digits and _ before '=', found \"2x\""),
        ("k_syn=abc", "--set: k_syn=abc: expected a number (1/h)"),
        ("F=nan", "--set: F=nan: expected a number"),
        ("weight=heavy", "--set: weight=heavy: expected a number (body weight in kg)"),
        ("sex=m", "--set: sex=m: expected male or female"),
        ("cyp2c19=slow", "--set: cyp2c19=slow: expected one of normal, intermediate or poor"),
        ("species=rat", "--set: species=rat: expected human or mouse"),
        ("tspo_knockout=yes", "--set: tspo_knockout=yes: expected 0, 1, true or false"),
    ])
    func rejectsBadAssignments(text: String, message: String) {
        do {
            _ = try Assignment.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.description == message)
        }
    }

    // MARK: applying

    @Test func setsParametersAndCovariates() throws {
        let base = try scenario("regimen: 5mg po once\nparameters: {k_syn: 0.006}\n")
        let s = try base.applying([
            Assignment("CL", .number(1.8)), Assignment("weight", .number(82)), Assignment("age", .number(71)),
            Assignment("sex", .text("female")), Assignment("cyp2c19", .text("intermediate")),
            Assignment("tspo_knockout", .number(1)), Assignment("k_syn", .number(0.005)),
        ])
        #expect(s.parameters[.CL] == 1.8)
        #expect(s.parameters[.k_syn] == 0.005)
        #expect(s.parameters[.V1] == 16)
        #expect(s.covariates == Covariates(weight: 82, age: 71, sex: .female, cyp2c19: .intermediate))
        #expect(s.tspoKnockout)
        #expect(s.regimen == base.regimen)
        #expect(s.endTime == base.endTime)
        // The base is unchanged, and no assignments change nothing.
        #expect(base.parameters[.k_syn] == 0.006)
        ScenarioFixtures.expectEqual(try base.applying([]), base)
        // Text values from a sweep file read as numbers; later assignments win.
        let t = try base.applying([Assignment("k_syn", .text("0.007")), Assignment("tspo_knockout", .text("TRUE")),
                                   Assignment("k_syn", .number(0.008))])
        #expect(t.parameters[.k_syn] == 0.008)
        #expect(t.tspoKnockout)
    }

    @Test func substitutesRegimenPlaceholders() throws {
        let base = try scenario("regimen: '{dose}mg po q24h for {days}d; then stop'\nsampling: {until: 30d}\n")
        let s = try base.applying([Assignment("dose", .number(2.5)), Assignment("days", .number(7))])
        #expect(s.regimenText == "2.5mg po q24h for 7d; then stop")
        #expect(s.regimen == (try Regimen.repeated(2.5, every: 24, count: 7)))
        #expect(s.endTime == 720)
        #expect(s.regimenPlaceholders == [])
        #expect(base.regimenPlaceholders == ["dose", "days"])
    }

    @Test func everyOccurrenceOfAPlaceholderIsReplaced() throws {
        let base = try scenario("regimen: '{d}mg po once; wait 7d; {d}mg po once'\nsampling: {until: 30d}\n")
        let s = try base.applying([Assignment("d", .number(10))])
        #expect(s.regimenText == "10mg po once; wait 7d; 10mg po once")
        #expect(s.regimen.doses.map(\.amount) == [10, 10])
    }

    @Test func leftoverPlaceholderIsTheParsersError() throws {
        let base = try scenario("regimen: '{dose}mg po q24h for {days}d'\nsampling: {until: 30d}\n")
        let text = "10mg po q24h for {days}d"
        var expected = ""
        do { _ = try RegimenLanguage.parse(text) } catch { expected = error.message }
        #expect(!expected.isEmpty)
        let error = applyError(base, [Assignment("dose", .number(10))])
        #expect(error?.kind == .data)
        #expect(error?.description == "regimen: \(expected) (at character 18 of \"\(text)\" after substituting dose=10)")
        // Without any assignment, the unfilled placeholders are reported too.
        #expect(applyError(base, [])?.problems.first?.field == "regimen")
    }

    @Test func unknownNameIsAUsageError() throws {
        let base = try scenario("regimen: '{dose}mg po once'\nsampling: {until: 3d}\n")
        let error = applyError(base, [Assignment("k_sin", .number(0.006)), Assignment("dos", .number(1))])
        #expect(error?.kind == .usage)
        #expect(error?.problems.map(\.description) == [
            "k_sin: unknown name 'k_sin': not a parameter, covariate or regimen placeholder {k_sin} (did you mean 'k_syn'?)",
            "dos: unknown name 'dos': not a parameter, covariate or regimen placeholder {dos} (did you mean 'dose'?)",
            // …and the placeholder left unfilled, as the regimen parser reports it.
            "regimen: unsubstituted placeholder {dose}: give it a value with --set dose=… (at character 1 of \"{dose}mg po once\")",
        ])
        // A scenario from an event table has no placeholders at all.
        let plain = try scenario("regimen: 5mg po once\n")
        #expect(applyError(plain, [Assignment("dose", .number(5))])?.description
                == "dose: unknown name 'dose': not a parameter, covariate or regimen placeholder {dose}")
    }

    @Test func valuesAreCheckedAndEveryProblemReported() throws {
        let base = try scenario("regimen: 5mg po once\n")
        let error = applyError(base, [
            Assignment("k_syn", .number(0.5)), Assignment("weight", .number(-70)), Assignment("age", .text("old")),
            Assignment("sex", .text("x")), Assignment("tspo_knockout", .number(2)),
        ])
        #expect(error?.kind == .data)
        #expect(error?.problems.map(\.description) == [
            "k_syn: parameter k_syn = 0.5 1/h is outside its plausible range 0.002–0.01 1/h",
            "age: expected a number (age in years), found \"old\"",
            "sex: expected male or female, found \"x\"",
            "tspo_knockout: expected 0, 1, true or false, found \"2\"",
            "weight: invalid covariate: weight = -70.0 kg is outside 20.0–250.0 kg for a human",
        ])
    }

    @Test func changingSpeciesResetsDefaultsAndKeepsOverrides() throws {
        let base = try scenario("regimen: 5mg po once\nparameters: {k_syn: 0.006, Ki_tspo_dz: 100}\n")
        let mouse = try base.applying([Assignment("V1", .number(0.4)), Assignment("species", .text("mouse"))])
        var expected = ParameterSet(species: .mouse)
        try expected.set(.k_syn, to: 0.006)
        try expected.set(.Ki_tspo_dz, to: 100)
        try expected.set(.V1, to: 0.4)  // set after the species change, whatever its place in the list
        #expect(mouse.species == .mouse)
        #expect(mouse.parameters == expected)
        #expect(mouse.covariates.weight == 0.03)

        // An override outside the new species' range is reported.
        let human = try scenario("regimen: 5mg po once\nparameters: {CL: 1.8}\ncovariates: {weight: 82}\n")
        let error = applyError(human, [Assignment("species", .text("mouse"))])
        #expect(error?.problems.map(\.description) == [
            "CL: parameter CL = 1.8 L/h is outside its plausible range 0.23–0.69 L/h (set for a human and kept when changing species to mouse)",
            "weight: invalid covariate: weight = 82.0 kg is outside 0.01–0.1 kg for a mouse",
        ])
        // …unless an assignment sets it for the new species.
        let fixed = try human.applying([Assignment("species", .text("mouse")), Assignment("CL", .number(0.5)),
                                        Assignment("weight", .number(0.025))])
        #expect(fixed.parameters[.CL] == 0.5)
        #expect(fixed.covariates.weight == 0.025)
    }
}
