import Foundation
import Testing

/// `population --percentiles` and `benzosim bands` end to end.
@Suite struct PopulationBandsTests {
    static let scenario = "regimen: \"10mg po q24h for 10d; then stop\"\nsampling: {every: 1d, until: 20d}\n"
    static let population = ["population", "s.yaml", "--count", "60", "--bsv", "CL=0.3", "--bsv", "k_syn=0.4", "--seed", "7", "--quiet"]

    /// Type 7 by sorting, here from the trajectory CSV (the definition, not the code under test).
    static func type7(_ values: [Double], _ p: Double) -> Double {
        let x = values.filter { !$0.isNaN }.sorted()
        let h = Double(x.count - 1) * p / 100, low = Int(h.rounded(.down))
        guard low + 1 < x.count, h > Double(low) else { return x[low] }
        return x[low] == x[low + 1] ? x[low] : x[low] + (h - Double(low)) * (x[low + 1] - x[low])
    }

    @Test func bandsEqualPercentilesOfTheSubjectTrajectories() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let result = try runner.run(Self.population + ["--percentiles", "5,50,95", "--trajectories", "traj.csv", "-o", "pop.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("traj.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0]
        // (time, column) → subject values.
        var cells: [String: [Double]] = [:]
        for row in lines.dropFirst() {
            for k in 2..<header.count { cells["\(row[1])|\(header[k])", default: []].append(Double(row[k])!) }
        }
        let bands = try runner.read("pop.bands.csv").split(separator: "\n")
        #expect(bands[0] == "time_h,name,unit,n,p5,p50,p95")
        #expect(bands.count == 1 + 21 * (header.count - 2))
        var checked = 0
        for line in bands.dropFirst() {
            let f = line.split(separator: ",")
            let column = f[2] == "ng/mL" ? "\(f[1])_ng_per_mL" : f[2] == "nM" ? "\(f[1])_nM" : f[2] == "mg" ? "\(f[1])_mg" : String(f[1])
            let values = try #require(cells["\(f[0])|\(column)"], "no trajectory column \(column)")
            #expect(Double(f[3]) == 60)
            for (j, p) in [5.0, 50, 95].enumerated() { #expect(Double(f[4 + j]) == Self.type7(values, p), "\(line)") }
            checked += 1
        }
        #expect(checked == 21 * 26)
        // plot draws the median line and the 5–95% band (VPC style).
        let plot = try runner.run("plot", "pop.bands.csv", "--outputs", "withdrawal", "-o", "vpc.svg")
        #expect(plot.status == 0, "\(plot.stderr)")
        let elements = try #require(SVGElements.parse(try runner.read("vpc.svg")))
        #expect(elements.filter { $0.name == "polygon" }.map { $0.attributes["data-band"] } == ["pop p5–p95"])
        #expect(elements.filter { $0.name == "polyline" }.map { $0.attributes["data-series"] } == ["pop p50"])
        #expect(elements.contains { $0.name == "text" && $0.text == "pop 5–95th percentile" })
    }

    @Test func shardsMergeToTheUnshardedBandsByteForByte() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        #expect(try runner.run(Self.population + ["--percentiles", "5,25,50,75,95", "--threads", "1", "-o", "pop.csv"]).status == 0)
        #expect(try runner.run(Self.population + ["--percentiles", "5,25,50,75,95", "--threads", "2", "--bands", "two.csv", "-o", "pop2.csv"]).status == 0)
        for k in 1...3 {
            let shard = try runner.run(Self.population + ["--shard", "\(k)/3", "--trajectories", "part\(k).csv", "--format", k == 2 ? "long" : "wide", "-o", "s\(k).csv"])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merged = try runner.run("bands", "part3.csv", "part1.csv", "part2.csv", "--percentiles", "5,25,50,75,95", "-o", "merged.csv")
        #expect(merged.status == 0, "\(merged.stderr)")
        let whole = try runner.read("pop.bands.csv")
        #expect(try runner.read("merged.csv") == whole)
        #expect(try runner.read("two.csv") == whole)
    }

    @Test func percentilesWithAShardIsRefusedWithTheWayToMerge() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let result = try runner.run(Self.population + ["--percentiles", "5,95", "--shard", "1/2", "-o", "p.csv"])
        #expect(result.status == 64 && result.stderr.contains("benzosim bands part*.csv"))
        try runner.write("hourly.yaml", "regimen: \"10mg po q24h for 10d; then stop\"\nsampling: {every: 1min, until: 3000d}\n")
        let huge = try runner.run("population", "hourly.yaml", "--count", "100000", "--percentiles", "50", "-o", "p.csv")
        #expect(huge.status == 64 && huge.stderr.contains("sample coarser"), "\(huge.stderr)")
        let bad = try runner.run(Self.population + ["--percentiles", "5,500", "-o", "p.csv"])
        #expect(bad.status == 64 && bad.stderr.contains("from 0 to 100"))
    }
}
