import Foundation
import Testing
@testable import Sweep

/// Hostile scenario files (issue 15): nesting, aliases, size and the TOML headers toml++ aborts on
/// are one located error each, found before any parser or recursive walk sees them. Positions are
/// counted by hand from the texts built here.
@Suite struct ScenarioLimitsTests {
    private func problems(_ text: String, _ format: ScenarioFile.Format, limits: ScenarioFile.Limits = .default) -> [String] {
        let file = "s.\(format)"
        do {
            _ = try ScenarioFile.parse(text: text, format: format, file: file, baseDirectory: ".", limits: limits)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    private static let tooDeep = "lists and mappings nested more than 64 levels deep (a scenario needs 3); "
        + "this is the limit for scenario files: set BENZOSIM_SCENARIO_MAX_DEPTH to raise it"

    // MARK: Nesting

    /// The issue's reproducer: 20,000 nested JSON lists overflowed the stack in the locator.
    @Test func jsonTwentyThousandDeep() {
        let text = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        // The 65th '[' (column 65) opens level 65.
        #expect(problems(text, .json) == ["s.json:1:65: " + Self.tooDeep])
    }

    @Test func jsonDepthInsideTheScenario() {
        // `{` is level 1, the first '[' (column 33) level 2, so the 64th '[' (column 96) is level 65.
        let text = #"{"regimen": "5mg po once", "x": "# + String(repeating: "[", count: 100)
            + String(repeating: "]", count: 100) + "}"
        #expect(problems(text, .json) == ["s.json:1:96: " + Self.tooDeep])
    }

    @Test func jsonAtTheLimitIsReadAndRaisingTheLimitReadsDeeper() {
        let deep64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(problems(deep64, .json) == ["s.json:1:1: expected a mapping of scenario keys (description, species, "
            + "covariates, tspo_knockout, parameters, regimen, event_table, sampling, solver), found a list"])
        let deep100 = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(problems(deep100, .json, limits: .init(maxDepth: 100)).first?.contains("found a list") == true)
    }

    @Test func yamlDepth() {
        // The mapping is level 1, the first '[' (column 4) level 2, the 64th (column 67) level 65.
        let text = "x: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect(problems(text, .yaml) == ["s.yaml:1:67: " + Self.tooDeep])
        // Deeper than libyaml's own ceiling (1000): still the limit's message, not libyaml's.
        let deeper = "x: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        #expect(problems(deeper, .yaml).first?.hasSuffix(Self.tooDeep) == true)
    }

    @Test func tomlDepthOfArraysAndDottedKeys() {
        // `x` is in the document (level 1); the first '[' (column 5) is level 2, the 64th (column 68) 65.
        let arrays = "regimen = \"5mg po once\"\nx = " + String(repeating: "[", count: 100)
            + String(repeating: "]", count: 100) + "\n"
        #expect(problems(arrays, .toml) == ["s.toml:2:68: " + Self.tooDeep])
        // a.a.a…: the k-th dot (column 2k) makes a table at level k + 1; the 64th (column 128) is 65.
        let dotted = "regimen = \"5mg po once\"\n" + Array(repeating: "a", count: 30_000).joined(separator: ".") + " = 1\n"
        #expect(problems(dotted, .toml) == ["s.toml:2:128: " + Self.tooDeep])
        // A header [a.a…]: its k-th dot (column 2k + 1) makes a table at level k + 1.
        let header = "regimen = \"5mg po once\"\n[" + Array(repeating: "a", count: 70).joined(separator: ".") + "]\n"
        #expect(problems(header, .toml) == ["s.toml:2:129: " + Self.tooDeep])
        // [[a]] with 63 segments: 62 dots make level 63, the list level 64, its table level 65.
        let arrayHeader = "[[" + Array(repeating: "a", count: 63).joined(separator: ".") + "]]\n"
        #expect(problems(arrayHeader, .toml) == ["s.toml:1:1: " + Self.tooDeep])
        // Inline tables with dotted keys: `x = {a.a… = 1}`.
        let inline = "x = {" + Array(repeating: "a", count: 100).joined(separator: ".") + " = 1}\n"
        #expect(problems(inline, .toml).first?.hasSuffix(Self.tooDeep) == true)
    }

    // MARK: Aliases

    /// A "billion laughs": a0 is a list of 10 scalars (11 nodes), each a(k) a list of 10 aliases of
    /// a(k-1), so a(k) has 1 + 10·size(a(k-1)) nodes: 111, 1111, 11111, … Aliases add 10·11 on line 2,
    /// 10·111 on line 3, 10·1111 on line 4 (12,330 in all), then 11,111 each on line 5: the 8th
    /// (12,330 + 8·11,111 = 101,218 > 100,000) is at column 10 + 7·5 = 45.
    @Test func billionLaughs() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1...9 {
            text += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "regimen: 10mg po once\n"
        #expect(problems(text, .yaml) == [
            "s.yaml:5:45: aliases expand the document by more than 100000 nodes (aliases of aliases multiply: "
                + "a \"billion laughs\"); this is the limit for scenario files: set BENZOSIM_SCENARIO_MAX_ALIAS_NODES to raise it",
        ])
        // 12,330 nodes pass a limit of 12,330 and fail one of 12,329, at the 10th alias of line 4.
        let first4 = text.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n"
        #expect(problems(first4, .yaml, limits: .init(maxAliasNodes: 12_330)).allSatisfy { !$0.contains("aliases expand") })
        #expect(problems(first4, .yaml, limits: .init(maxAliasNodes: 12_329)).first?.hasPrefix("s.yaml:4:55: aliases expand") == true)
    }

    /// Found by `scripts/fuzz.sh yaml` (crash-8dfd3bb2…): a key that is a mapping with a mapping
    /// for a key (`? ? a: 1`) trapped in Yams (`Node.any`, a force unwrap in `construct_mapping`)
    /// when the reader turned the key into text.
    @Test func yamlKeyThatIsAMappingOfMappings() {
        let expected = "expected one of description, species, covariates, tspo_knockout, parameters, regimen, "
            + "event_table, sampling, solver"
        #expect(problems("regimen: 5mg po once\n? ? a: 1\n? [1, 2]\n: x\n", .yaml) == [
            "s.yaml:2:3: (a mapping): unknown key '(a mapping)'; " + expected,
            "s.yaml:3:3: (a list): unknown key '(a list)'; " + expected,
        ])
        // The fuzzer's input, as the harness decodes it (invalid UTF-8 replaced).
        let bytes: [UInt8] = Array("s\u{83}p_si'n: 010mg sc q24h fo10mg sc q24h fo(r 180d\"\ns5amplin\u{B3}:\n? ? smvry: 9h\n".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!problems(text, .yaml).isEmpty)
    }

    @Test func anAliasWithinTheLimitIsRead() throws {
        let s = try ScenarioFile.parse(text: "regimen: &r 5mg po once\ndescription: *r\n", format: .yaml, file: "a.yaml",
                                       baseDirectory: ".")
        #expect(s.regimenText == "5mg po once")
    }

    // MARK: TOML headers toml++ asserts on

    @Test(arguments: [
        ("[é]", "s.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, "
            + "found 'é' (a name with other characters is written in quotes: [\"é\"])"),
        ("[#]", "s.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, "
            + "found '#' (a name with other characters is written in quotes: [\"#\"])"),
        ("[.a]", "s.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, "
            + "found '.' (a name with other characters is written in quotes: [\".a\"])"),
        ("[[ =x]]", "s.toml:2:4: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, "
            + "found '=' (a name with other characters is written in quotes: [\"=x\"])"),
        ("[[[a]]]", "s.toml:2:3: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, "
            + "found '[' (a name with other characters is written in quotes: [\"[a\"])"),
        ("[", "s.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, "
            + "found the end of the line"),
    ])
    func tomlHeaderThatTomlPlusPlusAssertsOn(header: String, expected: String) {
        #expect(problems("regimen = \"5mg po once\"\n\(header)\nx = 1\n", .toml) == [expected])
    }

    /// Found by `scripts/fuzz.sh toml` (Fuzz/.work/toml/crash-99ef9a92…): a `}` where an array
    /// expects a value aborted in toml++'s `parse_value` (assertion `!is_value_terminator(*cp)`).
    @Test func tomlArrayValueThatTomlPlusPlusAssertsOn() {
        let crash = "regimen9= \"5mg poz o\"\nx = [\n[1],\n}\n[sampling] 2,\n]\n[\"é\"]\n"
        #expect(problems(crash, .toml) == ["s.toml:4:1: invalid TOML: expected a value or ']' in the array, found '}'"])
        #expect(problems("x = [}]\n", .toml) == ["s.toml:1:6: invalid TOML: expected a value or ']' in the array, found '}'"])
        #expect(problems("x = [1,\u{2028}2]\n", .toml)
                == ["s.toml:1:8: invalid TOML: expected a value or ']' in the array, found a line break U+2028"])
        #expect(problems("x = [ # c\n\u{85}]\n", .toml)
                == ["s.toml:2:1: invalid TOML: expected a value or ']' in the array, found a line break U+0085"])
        // After a value, toml++ reports the '}' itself.
        #expect(problems("x = [1}\n", .toml).first?.hasPrefix("s.toml:1:7: invalid TOML: Error while parsing array: expected comma or closing ']', saw '}'") == true)
    }

    /// Found by `scripts/fuzz.sh toml` (crash-1629b869…): toml++ took `1979-05-27true32:00Z` for a
    /// date-time and aborted in `parse_time` (assertion `is_decimal_digit(*cp)`). Bare values are
    /// now checked against TOML 1.0's grammar first.
    @Test func tomlBareValueThatTomlPlusPlusAssertsOn() {
        #expect(problems("rn = 1979-05-27true32:00Z\n", .toml) == [
            "s.toml:1:6: invalid TOML: '1979-05-27true32:00Z' is not a value: expected a number, true or false, "
                + "a date or time, or a text in quotes (\"1979-05-27true32:00Z\")",
        ])
        // The mistake a person makes: a regimen without quotes.
        #expect(problems("regimen = 10mg po once\n", .toml) == [
            "s.toml:1:11: invalid TOML: '10mg' is not a value: expected a number, true or false, a date or time, "
                + "or a text in quotes (\"10mg\")",
        ])
        // Every form of TOML 1.0 value passes to toml++ (and then to the schema, which wants numbers).
        let values = ["0", "1.5", "-2e1", "+3", "1_000", "6.626e-34", "0x1F", "0o7", "0b1", "inf", "-nan", "true",
                      "1979-05-27", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00.999-07:00", "1979-05-27t07:32:00",
                      "07:32:00", "07:32:00.5"]
        for value in values {
            let found = problems("regimen = \"5mg po once\"\n[sampling]\ntimes = [\(value)]\n", .toml)
            #expect(found.allSatisfy { !$0.contains("is not a value") && !$0.contains("invalid TOML") }, "\(value): \(found)")
        }
        // White space toml++ refuses is its error to report (and it stops there, before `[é]`).
        #expect(problems("x = \u{A0}1\n[é]\n", .toml) == [
            "s.toml:1:5: invalid TOML: Error while parsing key-value pair: expected space or tab, saw '\\u00A0'",
        ])
        for value in ["01", "1.", "1__0", "_1", "0x", "+0x1", "1979-05-27T07:32", "1979-5-27", "07:32:00._5", "1e", "True"] {
            #expect(problems("x = \(value)\n", .toml).first?.hasPrefix("s.toml:1:5: invalid TOML: '\(value)' is not a value") == true,
                    "\(value)")
        }
    }

    /// What looks like a header but is not one: inside a multi-line string, a multi-line array, or
    /// a quoted name. These reach the schema reader.
    @Test func tomlHeaderLookalikesAreNotRejected() throws {
        for quotes in ["\"\"\"", "'''"] {
            let text = "description = \(quotes)\n[é]\n [#]\n\(quotes)\nregimen = \"5mg po once\"\n"
            let s = try ScenarioFile.parse(text: text, format: .toml, file: "a.toml", baseDirectory: ".")
            #expect(s.regimenText == "5mg po once")
        }
        let lookalikes = "regimen = \"5mg po once\"\nx = [\n[1],\n]\n[sampling]\ntimes = [\n  1, # [é]\n  2,\n]\n[\"é\"]\n"
        let found = problems(lookalikes, .toml)
        #expect(found.count == 2 && found[0].hasPrefix("s.toml:2:1: x: unknown key 'x'")
                && found[1].hasPrefix("s.toml:10:2: é: unknown key 'é'"), "\(found)")
    }

    // MARK: Size

    @Test func sizeLimit() throws {
        let text = "regimen: 5mg po once\n" + String(repeating: "# padding\n", count: 100)
        let message = "s.yaml: the scenario file is larger than 1000 bytes, the limit for scenario files "
            + "(a scenario is a few kilobytes): set BENZOSIM_SCENARIO_MAX_BYTES to raise it"
        #expect(problems(text, .yaml, limits: .init(maxBytes: 1000)) == [message])
        #expect(problems(text, .yaml, limits: .init(maxBytes: text.utf8.count)) == [])

        // From a file: the read stops past the limit.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InputError(.data, file: path, String(message.dropFirst("s.yaml: ".count)))) {
            try ScenarioFile.load(path: path, limits: .init(maxBytes: 1000))
        }
    }

    // MARK: Raising the limits

    @Test func limitsFromTheEnvironment() throws {
        let raised = try ScenarioFile.Limits.fromEnvironment([
            "BENZOSIM_SCENARIO_MAX_BYTES": "2000000000", "BENZOSIM_SCENARIO_MAX_DEPTH": "200",
            "BENZOSIM_SCENARIO_MAX_ALIAS_NODES": " 5 ",
        ])
        #expect(raised == ScenarioFile.Limits(maxBytes: 2_000_000_000, maxDepth: 200, maxAliasNodes: 5))
        #expect(try ScenarioFile.Limits.fromEnvironment([:]) == .default)
        #expect(throws: InputError(.usage, field: "BENZOSIM_SCENARIO_MAX_DEPTH", "\"deep\" is not a whole number ≥ 1")) {
            try ScenarioFile.Limits.fromEnvironment(["BENZOSIM_SCENARIO_MAX_DEPTH": "deep"])
        }
        #expect(throws: InputError(.usage, field: "BENZOSIM_SCENARIO_MAX_BYTES", "\"0\" is not a whole number ≥ 1")) {
            try ScenarioFile.Limits.fromEnvironment(["BENZOSIM_SCENARIO_MAX_BYTES": "0"])
        }
    }
}
