import Foundation
import Testing

/// `--tad` after resets (Docs/EVENT_TABLES.md §1, "tad_h after a reset", and §4). The expected
/// `tad_h` values are written out by hand from NONMEM's rule: a reset (EVID 3; EVID 4 = reset, then
/// its dose) clears the dose history, so after an EVID 3 `tad_h` is empty until the next dose and
/// after an EVID 4 it counts from that row's dose. A sample of `--every`/`--times` at a reset's
/// time is the state just before it (the trough, as at a dose time) and still counts from the
/// earlier doses. The drug amounts are checked without the code under test: PK is linear, so the
/// central amount a given time after a lone bolus scales with the dose.
@Suite struct TimeAfterDoseResetTests {
    /// 10 mg IV at 0 h, EVID 3 at 48 h between two rows at 48 h, 5 mg IV at 72 h (after the row at 72 h).
    static let table = """
        ID,TIME,AMT,CMT,EVID
        1,0,10,2,1
        1,12,0,2,0
        1,48,0,2,0
        1,48,0,2,3
        1,48,0,2,0
        1,60,0,2,0
        1,72,0,2,0
        1,72,5,2,1
        1,84,0,2,0
        1,96,0,2,0
        """

    /// `table` with the EVID 3 row replaced by an EVID 4 row: reset at 48 h, then 7 mg IV.
    static let resetAndDose = table.replacingOccurrences(of: "1,48,0,2,3", with: "1,48,7,2,4")

    let run = TimeAfterDoseSteadyStateTests()

    @Test func evid3EventTableRows() throws {
        let out = try run.rows(["t.csv": Self.table], ["simulate", "--events", "t.csv"])
        #expect(out.map(\.time) == [12, 48, 48, 60, 72, 84, 96])
        // Before the reset row 12 and 48 h after the dose; from the reset row to the 72 h dose nothing.
        #expect(out.map(\.tad) == [12, 48, nil, nil, nil, 12, 24])
        #expect(out[1].central > 0 && out[2].central == 0 && out[3].central == 0 && out[4].central == 0)
        #expect(run.close(out[5].central, 0.5 * out[0].central))   // 5 mg 12 h before, nothing left of the 10 mg
    }

    @Test func evid3EverySamples() throws {
        let out = try run.rows(["t.csv": Self.table], ["simulate", "--events", "t.csv", "--every", "12h", "--until", "96h"])
        #expect(out.map(\.time) == [0, 12, 24, 36, 48, 60, 72, 84, 96])
        // 48 h is the trough before the reset (48 h after the dose); 60 and 72 h are after it, before
        // the next dose (the sample at 72 h is that dose's trough).
        #expect(out.map(\.tad) == [nil, 12, 24, 36, 48, nil, nil, 12, 24])
        #expect(out[4].central > 0 && out[5].central == 0 && out[6].central == 0)
        #expect(run.close(out[7].central, 0.5 * out[1].central) && run.close(out[8].central, 0.5 * out[2].central))
    }

    @Test func evid4EventTableRows() throws {
        let out = try run.rows(["t.csv": Self.resetAndDose], ["simulate", "--events", "t.csv"])
        #expect(out.map(\.time) == [12, 48, 48, 60, 72, 84, 96])
        // The row at 48 h before the EVID 4 row sees the old dose (48), the one after it the new (0);
        // the row at 72 h comes before that time's dose row (24 h after the EVID 4 dose).
        #expect(out.map(\.tad) == [12, 48, 0, 12, 24, 12, 24])
        #expect(run.close(out[2].central, 7))
        #expect(run.close(out[3].central, 0.7 * out[0].central))   // 7 mg 12 h before, nothing left of the 10 mg
    }

    @Test func evid4EverySamples() throws {
        let out = try run.rows(["t.csv": Self.resetAndDose], ["simulate", "--events", "t.csv", "--every", "12h", "--until", "96h"])
        #expect(out.map(\.time) == [0, 12, 24, 36, 48, 60, 72, 84, 96])
        #expect(out.map(\.tad) == [nil, 12, 24, 36, 48, 12, 24, 12, 24])
        #expect(run.close(out[5].central, 0.7 * out[1].central))
    }

    /// EVID 4 with SS 2 at 48 h after a dose at 30 h: the reset clears the 30 h dose, so the sample
    /// at 48 h (after the reset and the steady state entered there) is the steady-state trough 24 h
    /// after the implied dose, not 18 h after the cleared one, and it has the same drug as SS 1.
    @Test func resetAndAdditiveSteadyStateAtTheSample() throws {
        func table(_ ss: Int) -> String {
            """
            ID,TIME,AMT,CMT,EVID,II,SS
            1,0,10,2,1,0,0
            1,30,10,2,1,0,0
            1,48,10,2,4,24,\(ss)
            1,60,0,2,0,0,0
            """
        }
        let additive = try run.rows(["t.csv": table(2)], ["simulate", "--events", "t.csv", "--times", "36,48,60"])
        let replacing = try run.rows(["t.csv": table(1)], ["simulate", "--events", "t.csv", "--times", "36,48,60"])
        #expect(additive.map(\.tad) == [6, 24, 12])
        #expect(replacing.map(\.tad) == [6, 24, 12])
        #expect(run.close(additive[1].central, replacing[1].central))
    }

    /// TIME restarting on the reset row (a new occasion, §4): the samples are on the internal clock
    /// (the reset at internal 12 h, the 5 mg dose of TIME 6 at 18 h) and count within the occasion.
    @Test func occasionsRestartingTime() throws {
        let occasions = """
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,1
            1,12,0,2,0
            1,0,0,2,3
            1,0,0,2,0
            1,6,5,2,1
            1,12,0,2,0
            """
        let rows = try run.rows(["t.csv": occasions], ["simulate", "--events", "t.csv"])
        #expect(rows.map(\.time) == [12, 0, 12])
        #expect(rows.map(\.tad) == [12, nil, 6])
        let grid = try run.rows(["t.csv": occasions], ["simulate", "--events", "t.csv", "--every", "3h"])
        #expect(grid.map(\.time) == [0, 3, 6, 9, 12, 15, 18, 21, 24])
        #expect(grid.map(\.tad) == [nil, 3, 6, 9, 12, nil, nil, 3, 6])
        #expect(grid[5].central == 0 && grid[6].central == 0)
        #expect(run.close(grid[7].central, 0.5 * grid[1].central))
    }

    /// `population` goes through the same writer (`Scenario.output`): its trajectories follow the rule.
    @Test func populationTrajectories() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", Self.table)
        let result = try runner.run("population", "--events", "t.csv", "--count", "1", "--every", "12h", "--until", "96h",
                                    "--tad", "--outputs", "dz_central_mg", "-o", "pop.csv", "--trajectories", "traj.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let tad = try runner.read("traj.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }
        #expect(tad == ["", "12", "24", "36", "48", "", "", "12", "24"])
    }

    /// The worked example of Docs/EVENT_TABLES.md §1 is this suite's table, with these values.
    @Test func documentedExampleIsThisTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("Docs/EVENT_TABLES.md"), encoding: .utf8)
        #expect(doc.contains("```csv\n" + Self.table + "\n```\n<!-- rows: 7 -->\n`tad_h` is 12, 48, empty, empty, empty, 12, 24."))
        #expect(doc.contains("`--every 12h --until 96h` it is empty, 12, 24, 36, 48, empty, empty, 12, 24."))
        #expect(doc.contains("`1,48,7,2,4`"))
        #expect(doc.contains("the rows give 12, 48, 0, 12, 24, 12, 24 and the samples empty, 12, 24, 36, 48, 12, 24, 12, 24"))
    }
}
