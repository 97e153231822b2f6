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
}
