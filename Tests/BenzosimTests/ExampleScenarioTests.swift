import Foundation
import Testing

/// The scenarios shipped in Examples/scenarios stay valid, and the mouse protocols of Shi et al.
/// run end to end with the expected effect of the TSPO knockout.
@Suite struct ExampleScenarioTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyShippedScenarioValidates() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let directory = Self.root.appendingPathComponent("Examples/scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 7)
        let result = try runner.run(["validate"] + files.map { directory.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
    }

    @Test func mouseProtocolWithAndWithoutTspo() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let scenario = Self.root.appendingPathComponent("Examples/scenarios/mouse_shi_high_dose.yaml").path
        let wild = try runner.run("simulate", scenario, "--summary", "wt.csv", "-o", "wt_traj.csv", "--quiet")
        let knockout = try runner.run("simulate", scenario, "--set", "tspo_knockout=1", "--summary", "ko.csv", "-o", "ko_traj.csv", "--quiet")
        #expect(wild.status == 0 && knockout.status == 0)
        func minimumSynapses(_ file: String) throws -> Double {
            let rows = try runner.read(file).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            return Double(rows[1][rows[0].firstIndex(of: "synapses_min")!])!
        }
        // S1: 8–18% loss by day 7 in the wild type (its minimum is near day 7); none in the knockout.
        #expect((0.82...0.92).contains(try minimumSynapses("wt.csv")))
        #expect(try minimumSynapses("ko.csv") == 1)
    }

    /// The README's event-table command on the shipped example: one row per observation record
    /// (4 + 4 + 2 minus the TIME-0 dose rows), DV and EVID carried, and subject 1's SS 1 rows a
    /// periodic steady state: the trough after the dose record at 0 h equals the one at 24 h.
    @Test func shippedEventTableRunsAsTheReadmeSays() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let table = Self.root.appendingPathComponent("Examples/events/study.csv").path
        let result = try runner.run("simulate", "--events", table, "--carry-out", "DV,EVID", "--tad",
                                    "--outputs", "dz_plasma_ng_per_mL", "-o", "pred.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try runner.read("pred.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0] == ["id", "time_h", "DV", "EVID", "tad_h", "dz_plasma_ng_per_mL"])
        #expect(rows.count == 1 + 9)
        let first = Double(rows[1][5])!, day = Double(rows[3][5])!
        #expect(rows[1][1] == "0" && rows[3][1] == "24")
        #expect(first > 100 && abs(first - day) <= 1e-6 * day, "\(first) vs \(day)")
    }
}
