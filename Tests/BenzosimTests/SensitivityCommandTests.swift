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

    /// `--time-resolved`: one row per sample time, parameter and output, byte-identical for 1 and
    /// 2 threads, committed with the indices, the samples and the manifest.
    @Test func timeResolvedCoefficientsAreWrittenWithTheOtherOutputs() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let local = ["sensitivity", "s.yaml", "--method", "local", "--params", "CL,h_homeo", "--outputs", "withdrawal_peak",
                     "--time-resolved", "dz_plasma_ng_per_mL,withdrawal", "--every", "1d", "--quiet"]
        let one = try runner.run(local + ["--threads", "1", "-o", "one.csv"])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try runner.run(local + ["--threads", "2", "-o", "two.csv", "--time-resolved-output", "two.tr.csv"])
        #expect(two.status == 0, "\(two.stderr)")
        let text = try runner.read("one.time_resolved.csv")
        #expect(text == (try runner.read("two.tr.csv")))
        let lines = text.split(separator: "\n")
        // Days 0…40 × 2 parameters × 2 outputs.
        #expect(lines.first == "time_h,parameter,output,coefficient,derivative" && lines.count == 1 + 41 * 2 * 2)
        // Before the first dose DZ is 0: the normalised coefficient is nan, the derivative 0.
        #expect(lines[1] == "0,CL,dz_plasma_ng_per_mL,nan,0")
        // Day 14, a day after the last dose, near steady state (C_avg ∝ 1/CL): more clearance, less DZ.
        let day14 = lines.first { $0.hasPrefix("336,CL,dz_plasma_ng_per_mL,") }!.split(separator: ",")
        #expect(Double(day14[3])! < -0.3 && Double(day14[4])! < 0)
        let manifest = try runner.read("one.csv.manifest.json")
        #expect(manifest.contains("\"sensitivity_time_resolved\" : \"dz_plasma_ng_per_mL,withdrawal\""))
        #expect(Set(try runner.files()).isSuperset(of: ["one.csv", "one.samples.csv", "one.time_resolved.csv", "one.csv.manifest.json"]))
    }

    @Test func timeResolvedErrorsWriteNothing() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", Self.scenario)
        let column = try runner.run("sensitivity", "s.yaml", "--method", "local", "--params", "CL", "--time-resolved", "dz_plasma", "-o", "x.csv", "--quiet")
        #expect(column.status == 64 && column.stderr.contains("did you mean"), "\(column.stderr)")
        let method = try runner.run("sensitivity", "s.yaml", "--method", "morris", "--time-resolved", "withdrawal", "-o", "x.csv")
        #expect(method.status == 64 && method.stderr.contains("--method local"), "\(method.stderr)")
        let stdout = try runner.run("sensitivity", "s.yaml", "--method", "local", "--time-resolved", "withdrawal")
        #expect(stdout.status == 64 && stdout.stderr.contains("--time-resolved-output FILE"), "\(stdout.stderr)")
        let same = try runner.run("sensitivity", "s.yaml", "--method", "local", "--params", "CL", "--time-resolved", "withdrawal",
                                  "-o", "x.csv", "--time-resolved-output", "x.csv", "--quiet")
        #expect(same.status == 64 && same.stderr.contains("give each output its own file"), "\(same.stderr)")
        let input = try runner.run("sensitivity", "s.yaml", "--method", "local", "--params", "CL", "--time-resolved", "withdrawal",
                                   "-o", "x.csv", "--time-resolved-output", "s.yaml", "--quiet")
        #expect(input.status == 64 && input.stderr.contains("would destroy an input"), "\(input.stderr)")
        #expect(try runner.files() == ["s.yaml"])
    }
}
