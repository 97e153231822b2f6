import Foundation
import Testing

/// `benzosim sweep` and `population`: determinism across threads and shards, failures as rows.
@Suite struct SweepCommandTests {
    static let scenario = """
    species: mouse
    regimen: "{dose}mg ip q24h for 7d; then stop"
    sampling: {every: 2h, until: 14d}
    """

    @Test func gridRowsInOrderWithAssignmentColumns() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let result = try runner.run("sweep", "s.yaml", "--grid", "dose=0.03,0.15", "--grid", "tspo_knockout=0,1", "-o", "grid.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try runner.read("grid.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].prefix(3) == ["id", "dose", "tspo_knockout"])
        #expect(rows.dropFirst().map { Array($0.prefix(3)) } == [["1", "0.03", "0"], ["2", "0.03", "1"], ["3", "0.15", "0"], ["4", "0.15", "1"]])
        let synapses = rows[0].firstIndex(of: "synapses_min")!
        // Knockout: exactly baseline; the high dose loses more than the low dose.
        #expect(rows[2][synapses] == "1" && rows[4][synapses] == "1")
        #expect(Double(rows[3][synapses])! < Double(rows[1][synapses])!)
    }

    /// The same population with 1 or 2 threads, and as 3 shards concatenated (header once), is
    /// byte-identical.
    @Test func populationIsIdenticalForThreadsAndShards() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let common = ["population", "s.yaml", "--set", "dose=0.15", "--count", "7", "--seed", "11",
                      "--bsv", "k_engulf=0.3", "--bsv", "ka=0.2", "--quiet", "--no-manifest"]
        try runner.expectSameOutputForThreadsAndShards(common, rows: 8)
    }

    /// A run that fails becomes a row with its reason; the others complete; the exit code is 3.
    @Test func failedRunsAreRowsAndTheExitCodeCountsThem() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        try runner.write("runs.csv", "dose,weight\n0.15,0.03\n0.15,5\n0.03,0.03\n")
        let result = try runner.run("sweep", "s.yaml", "--list", "runs.csv", "-o", "out.csv")
        #expect(result.status == 3)
        #expect(result.stderr.contains("1 of 3 runs failed"))
        let rows = try runner.read("out.csv").split(separator: "\n")
        #expect(rows.count == 4)
        #expect(rows[2].contains(",failed,") && rows[2].contains("weight"))
        #expect(rows[1].hasSuffix(",ok,") && rows[3].hasSuffix(",ok,"))
    }

    @Test func latinHypercubeIsReproducible() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let args = ["sweep", "s.yaml", "--set", "dose=0.15", "--lhs", "Ki_tspo_dz=1:1000:log", "--lhs", "k_syn=0.002:0.01",
                    "--count", "5", "--seed", "3", "--quiet", "--no-manifest"]
        #expect(try runner.run(args + ["-o", "a.csv"]).status == 0)
        #expect(try runner.run(args + ["--threads", "1", "-o", "b.csv"]).status == 0)
        #expect(try runner.read("a.csv") == runner.read("b.csv"))
        #expect(try runner.read("a.csv").split(separator: "\n").count == 6)
    }
}
