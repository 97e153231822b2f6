import Foundation
import Testing

/// The hostile scenario files of issue 15, end to end: before, a 20,000-deep JSON list overflowed
/// the stack, a YAML "billion laughs" grew past 2.5 GB, and TOML headers such as `[é]` aborted
/// inside toml++. Now each is exit 65 with the file, line, column and the limit (or the rule), for
/// `validate` as for `simulate`, and nothing is written. So are the three crashes the fuzzers found
/// (Fuzz/README.md).
@Suite struct HostileScenarioFileTests {
    static let laughs: String = {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1...9 {
            text += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return text + "regimen: 10mg po once\n"
    }()

    /// (file, contents, text the error must contain)
    static let cases: [(String, String, String)] = [
        ("deep.json", String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
         "deep.json:1:65: lists and mappings nested more than 64 levels deep (a scenario needs 3); "
            + "this is the limit for scenario files: set BENZOSIM_SCENARIO_MAX_DEPTH to raise it"),
        ("deep.yaml", "regimen: 10mg po once\nx: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
         "deep.yaml:2:"),
        ("laughs.yaml", laughs,
         "laughs.yaml:5:45: aliases expand the document by more than 100000 nodes"),
        ("e.toml", "regimen = \"10mg po once\"\n[é]\nx = 1\n",
         "e.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, found 'é'"),
        ("hash.toml", "regimen = \"10mg po once\"\n[#]\n",
         "hash.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, found '#'"),
        ("dot.toml", "regimen = \"10mg po once\"\n[.a]\n",
         "dot.toml:2:2: invalid TOML: a table name must start with a letter, a digit, '_', '-' or a quote, found '.'"),
        // Found by scripts/fuzz.sh: each aborted or trapped before.
        ("array.toml", "regimen = \"10mg po once\"\nx = [\n[1],\n}\n",
         "array.toml:4:1: invalid TOML: expected a value or ']' in the array, found '}'"),
        ("date.toml", "regimen = \"10mg po once\"\nrn = 1979-05-27true32:00Z\n",
         "date.toml:2:6: invalid TOML: '1979-05-27true32:00Z' is not a value"),
        ("key.yaml", "regimen: 10mg po once\n? ? a: 1\n",
         "key.yaml:2:3: (a mapping): unknown key '(a mapping)'"),
    ]

    @Test(arguments: cases.indices, ["simulate", "validate"])
    func hostileFileIsOneErrorAndNothingIsWritten(index: Int, command: String) throws {
        let (name, text, expected) = Self.cases[index]
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write(name, text)
        let arguments = command == "simulate" ? [command, name, "-o", "out.csv"] : [command, name]
        let result = try runner.run(arguments)
        #expect(result.status == 65, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("benzosim: error: " + expected), "\(arguments): \(result.stderr)")
        #expect(try runner.files() == [name], "\(arguments) left files behind")
    }
}
