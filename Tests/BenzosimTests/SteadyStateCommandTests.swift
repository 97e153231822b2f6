import Foundation
import Testing

/// Steady-state doses from the command line: `SS 1` rows sampled with `--every` (no longer a usage
/// error) give exactly what the regimen language's `ss` gives, and the summary starts at steady state.
@Suite struct SteadyStateCommandTests {
    @Test func steadyStateRowsSampledOnAGridEqualTheRegimenLanguage() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ss.csv", "ID,TIME,AMT,CMT,EVID,II,ADDL,SS\n1,0,10,2,1,24,1,1\n1,72,0,2,0,0,0,0\n")
        let table = try runner.run("simulate", "--events", "ss.csv", "--every", "6h", "-o", "table.csv", "--summary", "table_s.csv")
        #expect(table.status == 0, "\(table.stderr)")
        let text = try runner.run("simulate", "--regimen", "10mg iv q24h ss x2", "--every", "6h", "--until", "72h",
                                  "-o", "text.csv", "--summary", "text_s.csv")
        #expect(text.status == 0, "\(text.stderr)")
        let rows = try runner.read("table.csv").split(separator: "\n")
        #expect(rows.count == 1 + 13)                          // 0, 6, …, 72 h
        #expect(try runner.read("table.csv") == runner.read("text.csv"))
        #expect(try runner.read("table_s.csv") == runner.read("text_s.csv"))
        // The steady-state trough at 0 h, not the empty baseline; t90ss 0; maintenance from 0 h.
        #expect(Double(rows[1].split(separator: ",")[2])! > 100)
        let summary = try runner.read("table_s.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = { (name: String) in summary[1][summary[0].firstIndex(of: Substring(name))!] }
        #expect(column("dz_t90ss_h") == "0")
        #expect(column("maintenance_start_h") == "0" && column("maintenance_end_h") == "24")
    }
}
