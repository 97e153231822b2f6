import Foundation
import Testing

/// `benzosim params`, `methods`, `--help`, `--version`.
@Suite struct ListingCommandTests {
    @Test func paramsListsEveryParameterWithSource() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("params", "--format", "csv")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "name,default,unit,range_low,range_high,source")
        #expect(lines.count == 1 + 42)
        #expect(lines.contains { $0.hasPrefix("V1,16.0,L,15.0,30.0,") })
        let mouse = try runner.run("params", "--species", "mouse", "--format", "csv")
        #expect(mouse.stdout.contains("\nka,5.0,1/h,1.0,10.0,"))
    }

    @Test func paramsRejectsAnUnknownSpecies() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("params", "--species", "rat")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--species 'rat' is not a species; use human or mouse"))
    }

    @Test func methodsListsEverySolver() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("methods")
        #expect(result.status == 0)
        for name in ["dp5", "dop853", "rodas5p", "bdf", "auto"] { #expect(result.stdout.contains(name + ":")) }
    }
}
