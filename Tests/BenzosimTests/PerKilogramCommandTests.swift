import Foundation
import Testing

/// Doses per kg (`5mg/kg`) from the command line: the subject's weight gives the mg doses, for the
/// scenario's subject, a mouse and each population subject; bad units are data errors with the
/// column and a fix.
@Suite struct PerKilogramCommandTests {
    /// Same bytes as the regimen written in mg for that weight: trajectory and summary.
    @Test func mgPerKgTimesTheWeightEqualsTheMgRegimen() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        // The default mouse weighs 30 g: 5 mg/kg is 0.15 mg; with --set weight=0.02, 0.1 mg.
        for (weight, mg) in [([String](), "0.15mg"), (["--set", "weight=0.02"], "0.1mg")] {
            let common = ["--species", "mouse"] + weight + ["--every", "6h"]
            let a = try runner.run(["simulate", "--regimen", "5mg/kg ip q24h for 3d"] + common + ["-o", "a.csv", "--summary", "as.csv"])
            let b = try runner.run(["simulate", "--regimen", "\(mg) ip q24h for 3d"] + common + ["-o", "b.csv", "--summary", "bs.csv"])
            #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
            #expect(try runner.read("a.csv") == runner.read("b.csv"))
            #expect(try runner.read("as.csv") == runner.read("bs.csv"))
        }
    }

    /// Each population subject's mg dose is 5 mg/kg × its own sampled weight.
    @Test func populationSubjectsGetTheirOwnMgDose() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("population", "--regimen", "5mg/kg iv q24h x2", "--count", "5", "--weight", "70:0.3",
                                    "--until", "30h", "-o", "p.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try runner.read("p.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let weight = try #require(lines[0].firstIndex(of: "weight")), dose = try #require(lines[0].firstIndex(of: "maintenance_dose_mg"))
        let weights = lines.dropFirst().map { Double($0[weight])! }
        #expect(Set(weights).count == 5)                        // five different weights…
        for row in lines.dropFirst() { #expect(Double(row[dose])! == 5 * Double(row[weight])!) }   // …five mg doses
    }

    /// `validate --doses` prints the mg doses; a unit typo is a data error (65) with its column and a fix.
    @Test func validatePrintsMgAndRejectsTypos() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let ok = try runner.run("validate", "--doses", "--regimen", "5mg/kg po q24h x2")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "ok: --regimen (2 doses in mg/kg × 70 kg, until 360.0 h)\nid,time_h,amount_mg,route\n1,0,350,po\n1,24,350,po\n")
        for (text, message) in [
            ("5mg/g ip once", "column 1: doses are per kg of body weight, not per g: expected 5000mg/kg"),
            ("5 mg / kg ip once", "column 1: a dose per body weight is written without spaces around '/': expected 5mg/kg"),
            ("5mg/kgg ip once", "column 1: unknown unit of body weight 'kgg'"),
            ("1e307mg/kg po once", "the dose of 1e+307 mg/kg at 0.0 h times the weight 70.0 kg is not a finite number of mg"),
            // 20 g/kg × 70 kg = 1.4 kg: over the 1 kg limit once in mg, named in both units.
            ("20000mg/kg po once", "the dose of 20000.0 mg/kg at 0.0 h times the weight 70.0 kg is 1,400,000 mg, above 1,000,000 mg (1 kg)"),
        ] {
            let bad = try runner.run("simulate", "--regimen", text, "-o", "x.csv")
            #expect(bad.status == 65, "\(text): \(bad.stderr)")
            #expect(bad.stderr.contains(message), "\(text): \(bad.stderr)")
            #expect(try !runner.files().contains("x.csv"))
        }
        // The taper designer works in tablets of mg.
        let taper = try runner.run("taper", "--from", "5mg/kg po q24h for 7d", "--max-withdrawal", "0.01", "--tablets", "2mg", "--every", "14d")
        #expect(taper.status == 64 && taper.stderr.contains("a taper is designed in tablets of mg"), "\(taper.stderr)")
    }
}
