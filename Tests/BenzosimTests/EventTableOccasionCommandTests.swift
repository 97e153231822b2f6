import Foundation
import Testing

/// `simulate --events` with TIME restarting at a reset and with a time-varying CL: the CSV keeps the
/// table's TIME, tad_h counts within the occasion, and standard error says how CL is used.
@Suite struct EventTableOccasionCommandTests {
    @Test func restartedTimeIsWrittenAsInTheTable() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("occ.csv", """
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,1
            1,12,0,2,0
            1,0,0,2,3
            1,0,0,2,0
            1,0,5,2,1
            1,6,0,2,0
            """)
        let result = try runner.run("simulate", "--events", "occ.csv", "--tad", "--outputs", "dz_central_mg", "-o", "out.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("out.csv").split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,time_h,tad_h,dz_central_mg")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("1,12,12,"))
        #expect(lines[2] == "1,0,,0")
        #expect(lines[3].hasPrefix("1,6,6,"))
    }

    @Test func covariatesOptionChoosesTheRule() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("cl.csv", "ID,TIME,AMT,CMT,EVID,CL\n1,0,10,2,1,1.6\n1,24,0,2,0,1.6\n1,48,0,2,0,4\n")
        let nocb = try runner.run("simulate", "--events", "cl.csv", "--outputs", "dz_central_mg", "-o", "nocb.csv")
        #expect(nocb.status == 0, "\(nocb.stderr)")
        #expect(nocb.stderr.contains("CL → parameter CL (L/h), time-varying (NOCB)"))
        let locf = try runner.run("simulate", "--events", "cl.csv", "--covariates", "locf", "--outputs", "dz_central_mg", "-o", "locf.csv")
        #expect(locf.status == 0, "\(locf.stderr)")
        #expect(locf.stderr.contains("time-varying (LOCF)"))
        let manifest = try runner.read("locf.csv.manifest.json")
        #expect(manifest.contains("\"event_table_covariates\"") && manifest.contains("time-varying (LOCF)"))
        let a = try runner.read("nocb.csv").split(separator: "\n").map(String.init)
        let b = try runner.read("locf.csv").split(separator: "\n").map(String.init)
        #expect(a[1] == b[1] && a[2] != b[2])   // same at 24 h, different at 48 h
        let bad = try runner.run("simulate", "--events", "cl.csv", "--covariates", "carry", "-o", "x.csv")
        #expect(bad.status == 64 && bad.stderr.contains("--covariates 'carry' is not a rule"))
    }
}
