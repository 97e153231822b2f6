import Foundation
import Testing

/// `benzosim sweep --lhs`: the hypercube is lazy, so shards of it are byte-identical slices of the
/// whole run and a shard of a plan past the former 10⁷ cap runs.
@Suite struct LatinHypercubeCommandTests {
    static let common = ["sweep", "s.yaml", "--set", "dose=0.15", "--lhs", "Ki_tspo_dz=1:1000:log",
                         "--lhs", "k_syn=0.002:0.01", "--seed", "9", "--quiet", "--no-manifest"]

    @Test func shardsConcatenateToTheWholeForOneAndTwoThreads() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", SweepCommandTests.scenario)
        let args = Self.common + ["--count", "7"]
        try runner.expectSameOutputForThreadsAndShards(args, rows: 8)
    }

    /// 10⁸ runs in 10⁷ shards: the first shard is runs 1–10, their values within the ranges.
    @Test func aShardOfAHundredMillionRunsRuns() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", SweepCommandTests.scenario)
        let r = try runner.run(Self.common + ["--count", "1e8", "--shard", "1/10000000", "-o", "shard.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try runner.read("shard.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].prefix(3) == ["id", "Ki_tspo_dz", "k_syn"])
        #expect(rows.dropFirst().map { String($0[0]) } == (1...10).map(String.init))
        for row in rows.dropFirst() {
            let ki = Double(row[1]) ?? .nan, kSyn = Double(row[2]) ?? .nan
            #expect(ki >= 1 && ki <= 1000 && kSyn >= 0.002 && kSyn <= 0.01, "\(row)")
        }
    }
}
