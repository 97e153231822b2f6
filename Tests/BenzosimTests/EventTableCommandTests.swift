import Foundation
import Testing

/// `simulate --events`: every subject of a NONMEM-style table, its IDs in the output, its WT and
/// AGE columns as covariates, its observation rows as sample times.
@Suite struct EventTableCommandTests {
    @Test func everySubjectIsSimulatedWithItsCovariates() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("doses.csv", """
        ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,WT,AGE
        101,0,10,1,1,0,24,2,70,30
        101,1,0,2,0,0,0,0,70,30
        101,49,0,2,0,0,0,0,70,30
        102,0,10,1,1,0,24,2,35,30
        102,1,0,2,0,0,0,0,35,30
        102,49,0,2,0,0,0,0,35,30
        """)
        let result = try runner.run("simulate", "--events", "doses.csv", "-o", "out.csv", "--summary", "s.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try runner.read("out.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.map { "\($0[0]):\($0[1])" } == ["101:1", "101:49", "102:1", "102:49"])
        // Half the weight, half the volumes: the 1-hour concentration is higher for subject 102.
        #expect(Double(rows[2][2])! > 1.5 * Double(rows[0][2])!)
        #expect(try runner.read("s.csv").split(separator: "\n").map { $0.prefix(4) }.dropFirst() == ["101,", "102,"])
    }
}
