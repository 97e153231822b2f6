import Foundation
import Testing

/// One voice for the command line: suggestions for misspelt names, explained errors, units where
/// users write times, the dose schedule from `validate --doses`, help examples that paste.
@Suite struct CLIVoiceTests {
    static let scenario = "species: human\nregimen: \"10mg po q24h for 7d\"\nsampling: {every: 1h, until: 14d}\n"

    func run(_ arguments: String...) throws -> CommandRunner.Result {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        return try runner.run(arguments)
    }

    /// `--set`, `--bsv`, `--grid` and `--lhs` suggest alike, the Ki_tspo_* family included.
    @Test func didYouMeanForEveryNameOption() throws {
        let family = "(did you mean one of 'Ki_tspo_dz', 'Ki_tspo_ndz', 'Ki_tspo_tmz', 'Ki_tspo_oxz'?)"
        for arguments in [["simulate", "ok.yaml", "--set", "Ki_tspo=5"],
                          ["population", "ok.yaml", "--count", "2", "--bsv", "Ki_tspo=0.3"],
                          ["sweep", "ok.yaml", "--grid", "Ki_tspo=1,2"],
                          ["sweep", "ok.yaml", "--lhs", "Ki_tspo=1:2", "--count", "2"]] {
            let runner = try CommandRunner()
            defer { runner.cleanUp() }
            try runner.write("ok.yaml", Self.scenario)
            let result = try runner.run(arguments + ["-o", "out.csv"])
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("benzosim: error: "), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(family), "\(arguments): \(result.stderr)")
            #expect(try runner.files() == ["ok.yaml"])
        }
        let typo = try run("sweep", "ok.yaml", "--lhs", "k_sin=0.002:0.01", "--count", "2", "-o", "out.csv")
        #expect(typo.stderr.contains("(did you mean 'k_syn'?)"), "\(typo.stderr)")
        let bsv = try run("population", "ok.yaml", "--count", "2", "--bsv", "CLL=0.3", "-o", "out.csv")
        #expect(bsv.stderr.contains("--bsv: 'CLL' is not a parameter (did you mean 'CL'?)"), "\(bsv.stderr)")
    }

    /// A regimen starting with `-` reads as an option: the error says to attach it with `=`, and
    /// attached it is accepted (and then checked as a regimen).
    @Test func aRegimenStartingWithADash() throws {
        let detached = try run("simulate", "--regimen", "-5mg po once", "-o", "out.csv")
        #expect(detached.status == 64)
        #expect(detached.stderr.contains("benzosim: note: a regimen that starts with '-' reads as an option; attach it with '=': --regimen=\"-5mg po once\""))
        let attached = try run("simulate", "--regimen=-5mg po once", "-o", "out.csv")
        #expect(attached.status == 65)
        #expect(attached.stderr.contains("--regimen: column 1: the amount must be greater than 0"))
    }

    /// A mouse weight of 25 (grams written as kilograms) gets a hint.
    @Test func mouseWeightInGrams() throws {
        let result = try run("simulate", "--species", "mouse", "--regimen", "1mg ip once", "--set", "weight=25", "-o", "out.csv")
        #expect(result.status == 65)
        #expect(result.stderr.contains("for a mouse (did you give grams? 25 g is 0.025 kg)"), "\(result.stderr)")
    }

    /// `validate --doses`: 5 mg at 08:00 and 20:00 for two days is four doses at 8, 20, 32, 44 h.
    @Test func validatePrintsTheDoseSchedule() throws {
        let result = try run("validate", "--doses", "--regimen", "5mg po at 8h,20h daily for 2d")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("id,time_h,amount_mg,route\n1,8,5,po\n1,20,5,po\n1,32,5,po\n1,44,5,po\n"), "\(result.stdout)")
    }

    /// `--times` takes units (1d = 24 h, 1w = 168 h, 0.5mo = 365.25 h) and `--until` months
    /// (1mo = 365.25/12 days = 730.5 h).
    @Test func unitsInTimesAndMonths() throws {
        let result = try run("simulate", "ok.yaml", "--times", "0,1d,1w,0.5mo", "--until", "1mo", "-o", "-", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        let times = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(times == ["0", "24", "168", "365.25"])
        let every = try run("simulate", "ok.yaml", "--every", "1mo", "--until", "6mo", "-o", "-", "--quiet")
        #expect(every.stdout.split(separator: "\n").last?.split(separator: ",")[1] == "4383")
    }

    /// A sweep past a plausible range fails its rows and says how to allow it; with
    /// `--allow-outside-range` the run is made.
    @Test func allowOutsideRange() throws {
        let refused = try run("sweep", "ok.yaml", "--grid", "V1=16,500", "-o", "out.csv", "--quiet")
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("--allow-outside-range"))
        let first = try run("sweep", "ok.yaml", "--grid", "V1=500,16", "-o", "out.csv", "--quiet")
        #expect(first.status == 65)
        #expect(first.stderr.contains("outside its plausible range 15.0–30.0 L (to sweep past it on purpose, add --allow-outside-range)"), "\(first.stderr)")
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("ok.yaml", Self.scenario)
        let allowed = try runner.run("sweep", "ok.yaml", "--grid", "V1=16,500", "--allow-outside-range", "-o", "out.csv", "--quiet")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let rows = try runner.read("out.csv").split(separator: "\n")
        #expect(rows.count == 3 && rows[2].hasPrefix("2,500,") && rows[2].hasSuffix(",ok,"))
    }

    /// Every help example fits 80 columns (so nothing wraps it mid-command) and names scenario
    /// files that exist in the repository.
    @Test(arguments: ["simulate", "sweep", "population", "validate", "sensitivity", "taper"])
    func helpExamplesPaste(command: String) throws {
        let result = try run(command, "--help")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let examples = lines.drop { !$0.hasPrefix("Example") }.prefix { !$0.hasPrefix("USAGE") }
        #expect(!examples.isEmpty)
        for line in examples {
            #expect(line.count <= 80, "\(command): '\(line)'")
            for word in line.split(separator: " ") where word.hasSuffix(".yaml") {
                #expect(word.hasPrefix("Examples/scenarios/"), "\(command): \(word)")
                if !word.contains("*") { #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(String(word)).path), "\(word)") }
            }
        }
    }
}
