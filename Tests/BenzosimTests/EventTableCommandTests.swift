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

/// One output row per EVID 0 and 2 row, in row order, with carried columns, tad_h and a
/// selection of outputs; a quoted, semicolon-separated table with comments reads like CSV.
@Suite struct EventTableRecordOutputTests {
    @Test func rowForRowOutputWithCarriedColumns() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("study.csv", """
            # exported by R
            "ID";"TIME";"AMT";"CMT";"EVID";"DV";"ARM"
            1;0;0;2;0;.;"A, low"
            1;0;10;2;1;.;"A, low"
            1;0;0;2;0;0.5;"A, low"
            1;0;0;2;0;0.6;"A, low"
            1;720;0;2;2;.;"A, low"
            2;0;5;2;1;.;B
            2;48;0;2;0;1.2;B
            """)
        let result = try runner.run("simulate", "--events", "study.csv", "--carry-out", "dv,EVID,arm", "--tad",
                                    "--outputs", "dz_plasma_ng_per_mL,dz_central_mg", "-o", "out.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("out.csv").split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,time_h,DV,EVID,ARM,tad_h,dz_plasma_ng_per_mL,dz_central_mg")
        #expect(lines.count == 1 + 5)   // rows 1, 3, 4, 5 of subject 1 and row 2 of subject 2
        #expect(lines[1] == "1,0,.,0,\"A, low\",,0,0")
        #expect(lines[2] == "1,0,0.5,0,\"A, low\",0,625,10")   // 10 mg / 16 L
        #expect(lines[3].hasPrefix("1,0,0.6,0,"))
        #expect(lines[4].hasPrefix("1,720,.,2,\"A, low\",720,"))
        #expect(lines[5].hasPrefix("2,48,1.2,0,B,48,"))
    }

    @Test func unknownCarriedColumnAndOutputAreUsageErrors() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", "ID,TIME,AMT,EVID\n1,0,10,1\n1,1,0,0\n")
        let carry = try runner.run("simulate", "--events", "t.csv", "--carry-out", "DVX", "-o", "out.csv")
        #expect(carry.status == 64)
        #expect(carry.stderr.contains("\"DVX\" is not a column of t.csv; expected one of ID, TIME, AMT, EVID"))
        let outputs = try runner.run("simulate", "--events", "t.csv", "--outputs", "dz_plasm", "-o", "out.csv")
        #expect(outputs.status == 64)
        #expect(outputs.stderr.contains("did you mean dz_plasma_ng_per_mL"))
        #expect(try !runner.files().contains("out.csv"))
    }
}

/// `population --events` and `sweep --events` use every individual of the table, not the first.
@Suite struct EventTablePlanTests {
    static let table = """
        ID,TIME,AMT,CMT,EVID,WT
        1,0,10,2,1,35
        1,2,0,2,0,35
        2,0,10,2,1,70
        2,2,0,2,0,70
        """

    @Test func populationUsesEveryIndividualDeterministically() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", Self.table)
        let one = try runner.run("population", "--events", "t.csv", "--count", "4", "--bsv", "CL=0.3", "--threads", "1", "-o", "a.csv")
        let two = try runner.run("population", "--events", "t.csv", "--count", "4", "--bsv", "CL=0.3", "--threads", "2", "-o", "b.csv")
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)")
        #expect(try runner.read("a.csv") == runner.read("b.csv"))
        let rows = try runner.read("a.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.map { String($0[0]) } == ["1-1", "2-1", "1-2", "2-2"])
        // Half the weight, half the volumes: subject 1's 2-hour concentration is the larger.
        let cmax = rows.map { Double($0[2])! }
        #expect(cmax[0] > 1.5 * cmax[1] && cmax[2] > 1.5 * cmax[3])
        #expect(one.stderr.contains("WT → weight (kg)"))
    }

    @Test func sweepRunsEveryPointForEveryIndividual() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", Self.table)
        let result = try runner.run("sweep", "--events", "t.csv", "--grid", "CL=1.3,1.8", "-o", "s.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try runner.read("s.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids == ["1/1", "1/2", "2/1", "2/2"])
    }

    @Test func populationTrajectoriesHaveTheColumnsAskedFor() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("t.csv", Self.table)
        let result = try runner.run("population", "--events", "t.csv", "--count", "2", "--trajectories", "traj.csv",
                                    "--outputs", "dz_central_mg", "--carry-out", "WT", "--tad", "-o", "p.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("traj.csv").split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "id,time_h,WT,tad_h,dz_central_mg")
        #expect(lines[1].hasPrefix("1,2,35,2,") && lines[2].hasPrefix("2,2,70,2,"))
    }
}
