import Foundation
import Testing

/// `benzosim sensitivity`: byte-identical output for any thread count, shards and --from-samples,
/// and clear errors.
@Suite struct SensitivityCommandTests {
    static let scenario = """
    species: human
    regimen: "10mg po q24h for 14d; then stop"
    sampling: {every: 2h, until: 40d}
    """

    static let design = ["sensitivity", "s.yaml", "--method", "sobol", "--count", "4", "--params", "h_homeo,Ki_tspo_dz",
                         "--range", "Ki_tspo_dz=1:1000:log", "--outputs", "withdrawal_peak,synapses_min",
                         "--bootstrap", "50", "--quiet"]

    @Test func identicalForThreadsAndShardsThenFromSamples() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let one = try runner.run(Self.design + ["--threads", "1", "-o", "one.csv"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try runner.run(Self.design + ["--threads", "2", "-o", "two.csv"]).status == 0)
        #expect(try runner.read("one.csv") == runner.read("two.csv"))
        #expect(try runner.read("one.samples.csv") == runner.read("two.samples.csv"))
        // 4 base samples × (2 + 2) runs, header first; 2 parameters × 2 outputs × (S1, ST) indices.
        let samples = try runner.read("one.samples.csv")
        #expect(samples.split(separator: "\n").count == 1 + 16)
        #expect(samples.hasPrefix("id,group,role,varied,h_homeo,Ki_tspo_dz,withdrawal_peak,synapses_min,status,message\n"))
        let indices = try runner.read("one.csv").split(separator: "\n")
        #expect(indices.first == "parameter,output,index,value,ci_low,ci_high" && indices.count == 1 + 8)
        #expect(try runner.files().contains("one.csv.manifest.json"))

        var joined = ""
        for k in 1...3 {
            let r = try runner.run(Self.design + ["--shard", "\(k)/3", "--samples", "part\(k).csv", "--no-manifest"])
            #expect(r.status == 0, "\(r.stderr)")
            let part = try runner.read("part\(k).csv")
            joined += k == 1 ? part : String(part.drop { $0 != "\n" }.dropFirst())
        }
        #expect(joined == samples)
        try runner.write("joined.csv", joined)
        let again = try runner.run(Self.design + ["--from-samples", "joined.csv", "-o", "again.csv"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try runner.read("again.csv") == runner.read("one.csv"))
    }

    @Test func errorsSayWhatToDo() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let open = try runner.run("sensitivity", "s.yaml", "--params", "Ki_tspo_ndz", "--quiet")
        #expect(open.status == 64 && open.stderr.contains("--range Ki_tspo_ndz=LOW:HIGH"), "\(open.stderr)")
        let output = try runner.run("sensitivity", "s.yaml", "--params", "h_homeo", "--outputs", "withdrawal_pk", "--quiet")
        #expect(output.status == 64 && output.stderr.contains("withdrawal_pk is not a summary column"), "\(output.stderr)")
        let method = try runner.run("sensitivity", "s.yaml", "--method", "fast")
        #expect(method.status == 64 && method.stderr.contains("use local, morris or sobol"))
        let outside = try runner.run("sensitivity", "s.yaml", "--params", "h_homeo", "--range", "h_homeo=0.1:0.9", "--quiet")
        #expect(outside.status == 65 && outside.stderr.contains("h_homeo"), "\(outside.stderr)")
        let solver = try runner.run("sensitivity", "s.yaml", "--params", "h_homeo", "--solver", "nope")
        #expect(solver.status == 64 && solver.stderr.contains("is not a solver"), "\(solver.stderr)")
        #expect(try runner.files() == ["s.yaml"])
    }
}
