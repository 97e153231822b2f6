import Foundation
import Testing

/// `benzosim taper` end to end: the designed regimen text, re-simulated by `benzosim simulate
/// --regimen`, stays under the ceiling on a 10-minute grid.
@Suite struct TaperCommandTests {
    @Test(arguments: [["--set", "age=75"], []])
    func designedRegimenRoundTripsThroughSimulate(extra: [String]) throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let taper = try runner.run(["taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "0.015",
                                    "--tablets", "2mg,5mg,10mg", "--split", "half", "--min-step", "7d", "--max-step", "21d",
                                    "-o", "schedule.csv", "--regimen-file", "regimen.txt", "--quiet"] + extra)
        #expect(taper.status == 0, "\(taper.stderr)")
        let text = try runner.read("regimen.txt").trimmingCharacters(in: .newlines)
        #expect(text.hasPrefix("10mg po q24h for 180d; ") && text.hasSuffix("; stop"))
        let schedule = try runner.read("schedule.csv").split(separator: "\n")
        #expect(schedule[0] == "step,start_day,days,dose_mg,dispense,occupancy_ss,peak_withdrawal,peak_day")

        let stop = schedule.dropFirst().map { $0.split(separator: ",")[1] }.last.flatMap { Double($0) }!
        let simulate = try runner.run(["simulate", "--regimen", text, "--every", "10min", "--until", "\(180 + stop + 60)d",
                                       "-o", "trajectory.csv", "--no-manifest", "--quiet"] + extra)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let rows = try runner.read("trajectory.csv").split(separator: "\n")
        let header = rows[0].split(separator: ",")
        let column = header.firstIndex(of: "withdrawal")!
        let peak = rows.dropFirst().map { Double($0.split(separator: ",")[column])! }.max()!
        #expect(peak <= 0.015, "peak \(peak) for \(text)")
        // It uses the headroom, not a needlessly slow taper (at 75 years even the abrupt stop peaks at
        // 0.0098, under this ceiling, so the fastest schedule peaks there).
        #expect(peak > 0.009)
    }

    @Test func comparisonTableListsTheReferenceSchedules() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "40%", "--tablets", "2mg,5mg,10mg",
                                    "--split", "half", "--every", "14d", "--comparison", "compare.csv", "--trajectory", "t.csv", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try runner.read("compare.csv").split(separator: "\n").map { String($0.split(separator: ",")[0]) }
        #expect(rows.prefix(5) == ["schedule", "optimal", "abrupt stop", "10%/2 weeks", "25%/2 weeks"])
        #expect(rows.contains { $0.hasPrefix("fastest hyperbolic") })
        #expect(result.stdout.hasPrefix("step,start_day,"))
        // The predicted trajectory: hourly from 0 h to 60 days after the stop.
        let trajectory = try runner.read("t.csv").split(separator: "\n")
        #expect(trajectory[0].hasPrefix("id,time_h,"))
        let stopDay = Double(result.stdout.split(separator: "\n").last!.split(separator: ",")[1])!
        #expect(trajectory.count == 1 + Int((180 + stopDay + 60) * 24) + 1)
    }

    @Test func impossibleCeilingSaysWhatIsPossible() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "0.001",
                                    "--tablets", "2mg,5mg", "--every", "14d")
        #expect(result.status == 65)
        #expect(result.stderr.contains("the smallest dose that can be dispensed, 2mg"), "\(result.stderr)")
        #expect(result.stderr.contains("Possible: a ceiling at least"))
        #expect(result.stdout.isEmpty)
    }

    @Test func optionsAreChecked() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let both = try runner.run("taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "25%", "--tablets", "2mg", "--liquid", "0.1mg", "--every", "14d")
        #expect(both.status == 64 && both.stderr.contains("give --tablets"))
        let timing = try runner.run("taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "25%", "--liquid", "0.1mg")
        #expect(timing.status == 64 && timing.stderr.contains("--every"))
        let ceiling = try runner.run("taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "lots", "--liquid", "0.1mg", "--every", "14d")
        #expect(ceiling.status == 64 && ceiling.stderr.contains("--max-withdrawal 'lots'"))
    }

    static let quick = ["taper", "--from", "10mg po q24h for 180d", "--max-withdrawal", "40%", "--liquid", "0.5mg", "--every", "28d"]

    /// The manifest: beside -o, with the subject's values, the request and the designed regimen
    /// (the same text as --regimen-file); committed with the other outputs.
    @Test func manifestRecordsTheRequestAndTheSchedule() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(Self.quick + ["--set", "age=60", "-o", "schedule.csv", "--regimen-file", "regimen.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("benzosim: wrote schedule.csv, regimen.txt and schedule.csv.manifest.json (optimal taper, 1 subject)"), "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(try runner.read("schedule.csv.manifest.json").utf8)) as! [String: Any]
        let settings = json["settings"] as! [String: String]
        #expect(settings["taper_schedule_regimen"]! + "\n" == (try runner.read("regimen.txt")))
        #expect(settings["taper_from"] == "10mg po q24h for 180d" && settings["taper_max_withdrawal"] == "40%")
        #expect(settings["taper_liquid"] == "0.5mg" && settings["taper_every"] == "28d" && settings["taper_strategy"] == "optimal")
        #expect(settings["age_years"] == "60.0" && settings["max_step_h"] == "24.0")
        #expect((json["parameters"] as! [String: Any])["CL"] as? Double == 1.6)
        #expect((json["command"] as! [String]).contains("--max-withdrawal"))
        // Standard output for the schedule: the manifest goes beside the first file.
        let piped = try runner.run(Self.quick + ["--regimen-file", "r2.txt", "--quiet"])
        #expect(piped.status == 0 && piped.stdout.hasPrefix("step,start_day,"))
        #expect(try runner.files().contains("r2.txt.manifest.json"))
    }

    /// Outputs that are inputs or each other are refused before the design (64); an output that
    /// cannot be written (the manifest's name is a directory) leaves none of them (73).
    @Test func outputsAreCommittedTogether() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", "species: human\nregimen: \"10mg po q24h for 180d\"\n")
        let same = try runner.run(Self.quick + ["-o", "x.csv", "--comparison", "x.csv"])
        #expect(same.status == 64 && same.stderr.contains("--comparison: x.csv is also the output of -o (x.csv)"), "\(same.stderr)")
        let input = try runner.run(["taper", "s.yaml", "--max-withdrawal", "40%", "--liquid", "0.5mg", "--every", "28d", "-o", "s.yaml"])
        #expect(input.status == 64 && input.stderr.contains("writing it would destroy an input"), "\(input.stderr)")
        try FileManager.default.createDirectory(at: runner.directory.appendingPathComponent("x.csv.manifest.json"), withIntermediateDirectories: false)
        let blocked = try runner.run(Self.quick + ["-o", "x.csv", "--regimen-file", "r.txt", "--quiet"])
        #expect(blocked.status == 73, "\(blocked.stderr)")
        #expect(try runner.files() == ["s.yaml", "x.csv.manifest.json"])
    }

    /// `taper --population` has population's variability options, spelled and checked the same.
    @Test func populationOptionsAreSharedWithThePopulationCommand() throws {
        let runner = try CommandRunner()
        defer { runner.cleanUp() }
        try runner.write("s.yaml", "species: human\nregimen: \"10mg po q24h for 7d\"\nsampling: {every: 1d, until: 8d}\n")
        let designed = try runner.run(Self.quick + ["--population", "4", "--bsv", "CL=0.3", "--age", "60:10", "--age-range", "40:80",
                                                    "--weight", "70:0.2", "--female", "0.5", "-o", "p.csv", "--quiet"])
        #expect(designed.status == 0, "\(designed.stderr)")
        let settings = (try JSONSerialization.jsonObject(with: Data(try runner.read("p.csv.manifest.json").utf8)) as! [String: Any])["settings"] as! [String: String]
        #expect(settings["population_age"] == "normal 60:10 in 40:80" && settings["population_weight"] == "log-normal 70:0.2 in 40:150")
        #expect(settings["taper_population"] == "4 subjects, percentile 90.0" && settings["population_bsv"] == "CL=0.3")
        // The same bad option, the same message and exit code from both commands.
        for bad in [["--bsv", "CLx=0.3"], ["--age-uniform", "80:20"], ["--weight", "70:0.2", "--weight-range", "150:40"],
                    ["--age", "50:10", "--age-uniform", "20:80"], ["--age-range", "20:80"], ["--female", "2"]] {
            let population = try runner.run(["population", "s.yaml", "--count", "2", "-o", "pop.csv"] + bad)
            let taper = try runner.run(Self.quick + ["--population", "2", "-o", "t.csv"] + bad)
            let error = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("benzosim: error") }.map(String.init) }
            #expect(population.status == 64 && taper.status == 64, "\(bad): \(population.stderr) / \(taper.stderr)")
            #expect(error(population.stderr) != nil && error(population.stderr) == error(taper.stderr), "\(bad): \(population.stderr) / \(taper.stderr)")
        }
        let alone = try runner.run(Self.quick + ["--weight", "70:0.2"])
        #expect(alone.status == 64 && alone.stderr.contains("need --population N"), "\(alone.stderr)")
        #expect(try runner.files() == ["p.csv", "p.csv.manifest.json", "s.yaml"])
    }
}
