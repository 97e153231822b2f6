import Foundation
import Testing

/// `--tad` at steady-state doses (Docs/EVENT_TABLES.md §1, "tad_h at a steady-state dose"). The
/// expected `tad_h` values are written out by hand from the rule: an SS dose is the last of doses
/// every II h, so where the output shows the steady-state trough (a sample at the SS dose's TIME)
/// the time after dose is II (SS 1), or the time since the later of the implied dose and the
/// last written dose (SS 2); after the SS dose it and its ADDL doses count; before it only the
/// written doses (the output shows the history before the steady state).
@Suite struct TimeAfterDoseSteadyStateTests {
    /// SS 1 at 48 h, II 24, ADDL 2 (doses at 72 and 96 h), with rows before, at and after it.
    static let table = """
        ID,TIME,AMT,CMT,EVID,II,ADDL,SS
        1,0,0,2,0,0,0,0
        1,6,0,2,0,0,0,0
        1,48,0,2,0,0,0,0
        1,48,10,1,1,24,2,1
        1,48,0,2,0,0,0,0
        1,60,0,2,0,0,0,0
        1,72,0,2,0,0,0,0
        1,84,0,2,0,0,0,0
        1,96,0,2,0,0,0,0
        1,130,0,2,0,0,0,0
        """

    /// The `(time_h, tad_h, dz_central_mg)` of each output row of `benzosim arguments…` (tad
    /// `nil` when empty), the command run on `files` in a fresh directory.
    func rows(_ files: [String: String], _ arguments: [String]) throws -> [(time: Double, tad: Double?, central: Double)] {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        for (name, text) in files { try runner.write(name, text) }
        let result = try runner.run(arguments + ["--tad", "--outputs", "dz_central_mg", "-o", "out.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("out.csv").split(separator: "\n").map(String.init)
        #expect(lines.first == "id,time_h,tad_h,dz_central_mg")
        return try lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 4, "\(line)")
            return (try #require(Double(cells[1])), cells[2].isEmpty ? nil : try #require(Double(cells[2])),
                    try #require(Double(cells[3])))
        }
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }

    /// The table's rows are the output: before the SS row (earlier TIME, or its TIME but an
    /// earlier row) the history before the steady state, no dose yet: empty, and no drug; from the
    /// SS row on its dose counts (0), then the ADDL doses at 72 and 96 h (which come before the
    /// rows at their TIME).
    @Test func eventTableRowsAroundASteadyStateDose() throws {
        let out = try rows(["t.csv": Self.table], ["simulate", "--events", "t.csv"])
        #expect(out.map(\.time) == [0, 6, 48, 48, 60, 72, 84, 96, 130])
        #expect(out.map(\.tad) == [nil, nil, nil, 0, 12, 0, 12, 0, 34])
        #expect(out[0].central == 0 && out[1].central == 0 && out[2].central == 0)
        #expect(out[3].central > 0)
    }

    /// The same table sampled at given times: the sample at 48 h is the steady-state trough, 24 h
    /// after the implied dose at 24 h (empty before this fix: no written dose before 48 h). It is
    /// the same state as the trough at 72 h (periodic), which also follows a dose by 24 h.
    @Test func sampledTroughAtASteadyStateDoseFollowsTheImpliedDose() throws {
        let out = try rows(["t.csv": Self.table], ["simulate", "--events", "t.csv", "--times", "0,6,47,48,60,72,84,96,130"])
        #expect(out.map(\.time) == [0, 6, 47, 48, 60, 72, 84, 96, 130])
        #expect(out.map(\.tad) == [nil, nil, nil, 24, 12, 24, 12, 24, 34])
        #expect(out[2].central == 0 && out[3].central > 0)
        #expect(close(out[3].central, out[5].central) && close(out[3].central, out[7].central))
    }

    /// The regimen language: `ss` puts the subject at the steady state from 0 h, so the sample at
    /// 0 h is a trough 24 h after an implied dose; the written doses at 24 and 48 h count after it.
    @Test func regimenLanguageSteadyState() throws {
        let out = try rows([:], ["simulate", "--regimen", "10mg po q24h ss for 3d", "--every", "12h", "--until", "96h"])
        #expect(out.map(\.time) == [0, 12, 24, 36, 48, 60, 72, 84, 96])
        #expect(out.map(\.tad) == [24, 12, 24, 12, 24, 12, 24, 36, 48])
        #expect(out[0].central > 0)
        #expect(close(out[0].central, out[2].central) && close(out[0].central, out[4].central))
    }

    /// The worked example of Docs/EVENT_TABLES.md §1 is this suite's table.
    @Test func documentedExampleIsThisTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("Docs/EVENT_TABLES.md"), encoding: .utf8)
        #expect(doc.contains("```csv\n" + Self.table + "\n```\n<!-- rows: 9 -->\n`tad_h` is empty, empty, empty, 0, 12, 0, 12, 0, 34."))
    }

    /// SS 1 discards what earlier doses left: at its TIME the most recent dose is the implied one
    /// II h before, even before the written 5 mg dose at 0 h (II 48: implied at −8 h). SS 2 adds
    /// to the history: the later of the implied dose and the written one (II 24: implied at 16 h,
    /// later than 0 h; II 48: implied at −8 h, so the written dose at 0 h).
    @Test func additiveAndReplacingSteadyStatesAfterAWrittenDose() throws {
        func table(ii: Int, ss: Int) -> String {
            "ID,TIME,AMT,CMT,EVID,II,SS\n1,0,5,2,1,0,0\n1,40,10,2,1,\(ii),\(ss)\n1,60,0,2,0,0,0\n"
        }
        let times = ["--times", "0,20,40,46"]
        for (ii, ss, atDose) in [(48, 1, 48.0), (24, 1, 24), (24, 2, 24), (48, 2, 40)] {
            let out = try rows(["t.csv": table(ii: ii, ss: ss)], ["simulate", "--events", "t.csv"] + times)
            #expect(out.map(\.tad) == [nil, 20, atDose, 6], "II \(ii), SS \(ss)")
        }
    }
}
