import Foundation
import Testing

/// `validate` gives the exit code and the first error line that `simulate` gives for the same bad
/// input: flags, scenario files, regimen text and event tables.
@Suite struct ValidateParityTests {
    static let inputs: [(String, String)] = [
        ("ok.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsampling: {every: 1h, until: 14d}\n"),
        ("typo.yaml", "species: human\nregimn: \"10mg po q24h for 7d\"\n"),
        ("v1.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nparameters: {V1: 500}\n"),
        ("weight.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\ncovariates: {weight: seventy}\n"),
        ("syntax.yaml", "species: human\nregimen: [10mg\n"),
        ("syntax.toml", "species = \"human\"\nregimen = \n"),
        ("syntax.json", "{\"species\": \"human\", \"regimen\": \"10mg po once\",}\n"),
        ("empty.yaml", ""),
        ("method.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsolver: {method: euler}\n"),
        ("rtol.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsolver: {rtol: 1e-300}\n"),
        ("bigdose.yaml", "species: human\nregimen: \"2e6mg po once\"\n"),
        ("scenario.txt", "species: human\n"),
        ("noamt.csv", "ID,TIME,DOSE,EVID\n1,0,10,1\n"),
        ("unsorted.csv", "ID,TIME,AMT,EVID\n1,5,10,1\n1,2,10,1\n"),
        ("negamt.csv", "ID,TIME,AMT,EVID\n1,0,-10,1\n"),
        ("time1e9.csv", "ID,TIME,AMT,EVID\n1,0,10,1\n1,1e9,10,1\n"),
        ("amt1e308.csv", "ID,TIME,AMT,EVID\n1,0,1e308,1\n1,2,0,0\n"),
        ("header.csv", "ID,TIME,AMT,EVID\n"),
        ("weight.csv", "ID,TIME,AMT,EVID,WT\n1,0,10,1,5000\n"),
    ]

    /// (what simulate is given, what validate is given): the same input.
    static let cases: [([String], [String])] = [
        // Flags.
        (["ok.yaml", "--frobnicate"], ["ok.yaml", "--frobnicate"]),
        (["--regimen"], ["--regimen"]),
        (["ok.yaml", "--until", "1e12h"], ["ok.yaml", "--until", "1e12h"]),
        (["ok.yaml", "--every", "1e-9h", "--until", "450d"], ["ok.yaml", "--every", "1e-9h", "--until", "450d"]),
        (["ok.yaml", "--rtol", "1e-16"], ["ok.yaml", "--rtol", "1e-16"]),
        (["ok.yaml", "--method", "euler"], ["ok.yaml", "--method", "euler"]),
        (["ok.yaml", "--set", "k_sin=1"], ["ok.yaml", "--set", "k_sin=1"]),
        (["ok.yaml", "--set", "V1=500"], ["ok.yaml", "--set", "V1=500"]),
        (["ok.yaml", "--set", "age=200"], ["ok.yaml", "--set", "age=200"]),
        (["ok.yaml", "--times", "1,x"], ["ok.yaml", "--times", "1,x"]),
        // Scenario files.
        (["typo.yaml"], ["typo.yaml"]),
        (["v1.yaml"], ["v1.yaml"]),
        (["weight.yaml"], ["weight.yaml"]),
        (["syntax.yaml"], ["syntax.yaml"]),
        (["syntax.toml"], ["syntax.toml"]),
        (["syntax.json"], ["syntax.json"]),
        (["empty.yaml"], ["empty.yaml"]),
        (["method.yaml"], ["method.yaml"]),
        (["rtol.yaml"], ["rtol.yaml"]),
        (["bigdose.yaml"], ["bigdose.yaml"]),
        (["scenario.txt"], ["scenario.txt"]),
        (["missing.yaml"], ["missing.yaml"]),
        // Regimen text.
        (["--regimen", "10mg po q24x for 7d"], ["--regimen", "10mg po q24x for 7d"]),
        (["--regimen=-5mg po once"], ["--regimen=-5mg po once"]),
        (["--regimen", "nanmg po once"], ["--regimen", "nanmg po once"]),
        (["--regimen", "1e308mg po once"], ["--regimen", "1e308mg po once"]),
        (["--regimen", "10mg po q24h for 7d; then taper 10% q0d"], ["--regimen", "10mg po q24h for 7d; then taper 10% q0d"]),
        (["--regimen", "10mg po once; then wait 1e308h; then 10mg po once"], ["--regimen", "10mg po once; then wait 1e308h; then 10mg po once"]),
        // Event tables.
        (["--events", "noamt.csv"], ["noamt.csv"]),
        (["--events", "unsorted.csv"], ["unsorted.csv"]),
        (["--events", "negamt.csv"], ["negamt.csv"]),
        (["--events", "time1e9.csv"], ["time1e9.csv"]),
        (["--events", "amt1e308.csv"], ["amt1e308.csv"]),
        (["--events", "header.csv"], ["header.csv"]),
        (["--events", "weight.csv"], ["weight.csv"]),
        (["--events", "missing.csv"], ["missing.csv"]),
    ]

    @Test(arguments: cases.indices)
    func validateExitsAsSimulateDoes(index: Int) throws {
        let (simulateArguments, validateArguments) = Self.cases[index]
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (name, text) in Self.inputs { try runner.write(name, text) }
        let simulated = try runner.run(["simulate"] + simulateArguments + ["-o", "out.csv"])
        let validated = try runner.run(["validate"] + validateArguments)
        let firstError = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("benzosim: error") }.map(String.init) }
        #expect([64, 65, 66].contains(simulated.status), "\(simulateArguments): \(simulated.stderr)")
        #expect(validated.status == simulated.status, "\(validateArguments): validate \(validated.status), simulate \(simulated.status): \(validated.stderr) / \(simulated.stderr)")
        #expect(firstError(validated.stderr) != nil && firstError(validated.stderr) == firstError(simulated.stderr),
                "\(validateArguments): \(validated.stderr) / \(simulated.stderr)")
        #expect(!validated.stdout.contains("ok:"))
        #expect(try !runner.files().contains("out.csv"))
    }
}
