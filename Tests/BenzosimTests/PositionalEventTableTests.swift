import Foundation
import Testing

/// A `.csv` file where a scenario file goes: `validate` checks it as `--events FILE` (with the
/// other options, `--species` included); the commands that simulate refuse it with the fix
/// instead of reading an event table as a scenario file.
@Suite struct PositionalEventTableTests {
    /// One 70 kg individual: a valid human, but a weight no mouse has.
    static let table = "ID,TIME,AMT,CMT,EVID,WT\n1,0,10,2,1,70\n1,1,0,2,0,70\n"

    @Test func validateReadsACSVFileAsTheEventTableWithSpecies() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("x.csv", Self.table)
        let human = try runner.run("validate", "x.csv")
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains("ok: x.csv (event table, 1 subjects)"))
        // --species reaches the table's individual (before: "--species applies only without a
        // scenario file", as if x.csv were one): 70 kg is outside a mouse's weights.
        let mouse = try runner.run("validate", "x.csv", "--species", "mouse")
        #expect(mouse.status == 65, "\(mouse.stderr)")
        #expect(mouse.stderr.contains("x.csv:2:6: WT: subject 1:"), "\(mouse.stderr)")
        #expect(mouse.stderr.contains("for a mouse"), "\(mouse.stderr)")
        #expect(!mouse.stderr.contains("--species applies only"))
        // The same as simulate --events with the same options.
        let simulate = try runner.run("simulate", "--events", "x.csv", "--species", "mouse", "-o", "out.csv")
        #expect(simulate.status == 65)
        #expect(simulate.stderr.contains("x.csv:2:6: WT: subject 1:"), "\(simulate.stderr)")
    }

    @Test func validateRefusesTablesGivenBothWays() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("x.csv", Self.table)
        try runner.write("y.csv", Self.table)
        let both = try runner.run("validate", "x.csv", "--events", "y.csv")
        #expect(both.status == 64)
        #expect(both.stderr.contains("x.csv and --events y.csv are both event tables"), "\(both.stderr)")
    }

    @Test(arguments: [
        ["simulate", "x.csv", "-o", "out.csv"],
        ["simulate", "x.csv", "--species", "mouse", "-o", "out.csv"],
        ["population", "x.csv", "--count", "2", "-o", "out.csv"],
        ["sensitivity", "x.csv", "--method", "local", "-o", "out.csv"],
        ["simulate", "X.CSV", "-o", "out.csv"],
    ])
    func simulatingCommandsRefuseAnEventTableAsTheScenario(arguments: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let name = arguments[1]
        try runner.write(name, Self.table)
        let result = try runner.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("benzosim: error: \(name) looks like an event table: pass it with --events \(name);"), "\(result.stderr)")
        #expect(!result.stderr.contains("scenario format"))
        #expect(try runner.files() == [name])   // nothing written
    }

    @Test func sweepAlsoNamesTheRunList() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("x.csv", Self.table)
        let result = try runner.run("sweep", "x.csv", "--grid", "CL=1.5", "-o", "out.csv")
        #expect(result.status == 64)
        #expect(result.stderr.contains("x.csv looks like an event table: pass it with --events x.csv (or, if it is a list of runs, with --list x.csv)"), "\(result.stderr)")
        // The fix the message gives works.
        let fixed = try runner.run("sweep", "--events", "x.csv", "--grid", "CL=1.5", "-o", "out.csv", "--quiet")
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }
}
