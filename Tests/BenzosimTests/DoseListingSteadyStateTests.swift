import Foundation
import Testing

/// `validate --doses` shows which doses are at steady state (NONMEM's SS and II), instead of
/// listing an `ss` dose as if it were the subject's first dose ever.
@Suite struct DoseListingSteadyStateTests {
    @Test func regimenLanguageSteadyStateIsListed() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("validate", "--doses", "--regimen", "10mg po q12h ss for 1d; then 5mg iv q24h x1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("id,time_h,amount_mg,route,ss,ii_h\n1,0,10,po,1,12\n1,12,10,po,0,\n1,24,5,iv,0,\n"),
                "\(result.stdout)")
        // Without steady states the listing is as before.
        let plain = try runner.run("validate", "--doses", "--regimen", "10mg po q12h for 1d")
        #expect(plain.stdout.hasSuffix("id,time_h,amount_mg,route\n1,0,10,po\n1,12,10,po\n"), "\(plain.stdout)")
    }

    @Test func eventTableSteadyStatesAreListedWithTheirKind() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ss.csv", "ID,TIME,AMT,CMT,EVID,II,ADDL,SS\n1,0,10,2,1,24,0,1\n1,48,5,2,1,12,0,2\n1,72,0,2,0,0,0,0\n")
        let result = try runner.run("validate", "--doses", "ss.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("id,time_h,amount_mg,route,ss,ii_h\n1,0,10,iv,1,24\n1,48,5,iv,2,12\n"), "\(result.stdout)")
    }
}
