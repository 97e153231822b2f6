import Foundation
import Testing

/// Parameter values the model's arithmetic cannot use are refused before anything runs (exit 65),
/// with the parameter, the value and the range, also with --allow-outside-range; an extreme value
/// inside the range still gives a number that means something.
@Suite struct RepresentableParameterCommandTests {
    /// One 10 mg oral dose to the reference man (70 kg, 30 y: no covariate factors).
    static let scenario = "species: human\nregimen: \"10mg po once\"\nsampling: {every: 1h, until: 2d}\n"
    static let range = "is outside 2^-511 ≈ 1.5e-154 to 2^511 ≈ 6.7e153 L, the magnitudes the model's arithmetic keeps at full precision"

    @Test(arguments: [
        (["sweep", "one.yaml", "--grid", "V1=16,1e-300", "--allow-outside-range", "-o", "out.csv"], "V1: parameter V1 = 1e-300 L", "(--grid V1); --allow-outside-range admits"),
        (["sweep", "one.yaml", "--lhs", "V1=1e-300:16:log", "--count", "8", "--allow-outside-range", "-o", "out.csv"], "V1: parameter V1 = 1e-300 L", "(--lhs V1=1e-300:16); --allow-outside-range"),
        (["sweep", "one.yaml", "--grid", "V1=0,16", "--allow-outside-range", "-o", "out.csv"], "V1: parameter V1 = 0.0 L", "(--grid V1)"),
        (["sweep", "one.yaml", "--list", "runs.csv", "--allow-outside-range", "-o", "out.csv"], "V1: parameter V1 = 1e-300 L", "(--list runs.csv, run 2)"),
        (["simulate", "one.yaml", "--set", "V1=1e-300", "-o", "out.csv"], "V1: parameter V1 = 1e-300 L", "typical or individual"),
    ])
    func refusedBeforeAnythingRuns(arguments: [String], value: String, context: String) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("one.yaml", Self.scenario)
        try runner.write("runs.csv", "V1\n16\n1e-300\n")
        let result = try runner.run(arguments)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("benzosim: error: \(value)"), "\(result.stderr)")
        #expect(result.stderr.contains(Self.range), "\(result.stderr)")
        #expect(result.stderr.contains(context), "\(result.stderr)")
        #expect(!result.stderr.contains("runs failed"))       // refused, not run and failed
        #expect(try runner.files() == ["one.yaml", "runs.csv"])   // nothing written, no manifest
    }

    @Test func anEventTableCellIsRefusedAtItsCell() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("v.csv", "ID,TIME,AMT,CMT,EVID,V1\n1,0,10,2,1,1e-300\n1,1,0,2,0,1e-300\n")
        for command in [["simulate"], ["population", "--count", "1"]] {
            let result = try runner.run(command + ["--events", "v.csv", "-o", "out.csv", "--quiet"])
            #expect(result.status == 65, "\(result.stderr)")
            #expect(result.stderr.contains("benzosim: error: v.csv:2:6: V1: subject 1: parameter V1 = 1e-300 L \(Self.range)"), "\(result.stderr)")
            #expect(try runner.files() == ["v.csv"])
        }
    }

    /// V1 = 1e-100 L is far past physiology but inside the range, and the model gives the V1 → 0
    /// limit, derived by hand: with a vanishing central volume the central amount is in
    /// quasi-steady state, A1 = V1·(ka·A_gut + k21·A2)/(CL + Q), so C = (ka·A_gut + k21·A2)/(CL + Q).
    /// The peak is at the lag time, when A_gut = F·D and A2 = 0 (then dC/dt < 0):
    /// Cmax = F·ka·D/(CL + Q) = 0.95 · 2.2/h · 10 mg / (1.6 + 8) L/h = 2.1770833 mg/L.
    @Test func anExtremeValueInsideTheRangeGivesTheLimit() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("one.yaml", Self.scenario)
        let result = try runner.run("sweep", "one.yaml", "--grid", "V1=1e-100,1e-150", "--allow-outside-range", "-o", "out.csv", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("out.csv").split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let cmax = try #require(lines[0].firstIndex(of: "dz_cmax_ng_per_mL")), tmax = try #require(lines[0].firstIndex(of: "dz_tmax_h"))
        let limit = 0.95 * 2.2 * 10 / (1.6 + 8) * 1000   // ng/mL
        for row in lines.dropFirst() {
            #expect(abs(Double(row[cmax])! - limit) / limit < 1e-12, "\(row[cmax])")
            #expect(Double(row[tmax]) == 0.2)   // the lag time, h
        }
    }
}
