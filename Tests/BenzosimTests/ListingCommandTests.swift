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
        #expect(lines.first == "name,default,unit,range_low,range_high,source,as_used")
        #expect(lines.count == 1 + 42)
        #expect(lines.contains { $0.hasPrefix("V1,16.0,L,15.0,30.0,") })
        let mouse = try runner.run("params", "--species", "mouse", "--format", "csv")
        #expect(mouse.stdout.contains("\nka,5.0,1/h,1.0,10.0,"))
        // The mouse uses the PD rates × (0.03/70)^(-1/4) ≈ 6.95: k_tspo 0.02/h is 0.139/h as used.
        let tspo = mouse.stdout.split(separator: "\n").first { $0.hasPrefix("k_tspo,") }!.split(separator: ",")
        #expect(abs(Double(tspo.last!)! - 0.02 * pow(0.03 / 70, -0.25)) < 1e-12)
        let table = try runner.run("params", "--species", "mouse")
        #expect(table.stdout.contains("t_half_dz") && table.stdout.contains("× 6.95"))
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
