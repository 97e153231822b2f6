import Analysis
import ArgumentParser
import Foundation
import ODE
import Pharmacology
import Sweep

/// `benzosim taper`: design the fastest taper that keeps predicted withdrawal under a ceiling.
struct Taper: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taper",
        abstract: "Design a taper that keeps predicted withdrawal under a ceiling.",
        discussion: """
        The subject comes from the scenario file and --set, as in simulate; the maintenance (--from, or the scenario's regimen) sets the adaptation at the start of the taper. Writes the schedule as CSV (-o), its regimen text (standard error, or --regimen-file), which `benzosim simulate --regimen` reads back exactly, and optionally a comparison with an abrupt stop, 10% and 25% every 2 weeks and the fastest hyperbolic, percent and linear schedules (--comparison) and the predicted trajectory (--trajectory). See Docs/TAPER.md.

        Examples:
          benzosim taper --from "10mg po q24h for 180d" --max-withdrawal 25% \\
              --liquid 0.1mg --every 14d
          benzosim taper --from "10mg po q24h for 180d" --max-withdrawal 40% \\
              --tablets 2mg,5mg,10mg --split half --min-step 7d --max-step 28d \\
              --set age=75 --comparison compare.csv
          benzosim taper --from "10mg po q24h for 180d" --max-withdrawal 40% \\
              --liquid 0.5mg --every 14d --population 200 --percentile 90 \\
              --bsv CL=0.3 --bsv CL_ndz=0.3 --age 70:8 --weight 65:0.2
        """)

    @OptionGroup var subject: TaperSubjectOptions
    @OptionGroup var population: TaperPopulationOptions

    @Option(help: ArgumentHelp("The maintenance before the taper in the regimen language, ending with repeated doses (default: the scenario's regimen).", valueName: "regimen"))
    var from: String?

    @Option(help: ArgumentHelp("Ceiling on withdrawal (X − 1): a number (e.g. 0.01) or a percentage of this subject's abrupt-stop peak (e.g. 25%).", valueName: "x|p%"))
    var maxWithdrawal: String

    @Option(help: ArgumentHelp("Tablet strengths, comma-separated (e.g. 2mg,5mg,10mg).", valueName: "list"))
    var tablets: String?

    @Option(help: ArgumentHelp("Tablet splitting: none or half.", valueName: "none|half"))
    var split: String = "none"

    @Option(help: ArgumentHelp("A liquid dosed in multiples of this amount (e.g. 0.1mg).", valueName: "amount"))
    var liquid: String?

    @Option(help: ArgumentHelp("Change the dose every this long (e.g. 14d); a dose is held for another step when no cut is safe yet.", valueName: "duration"))
    var every: String?

    @Option(help: ArgumentHelp("Shortest step when the designer chooses the step lengths (e.g. 7d).", valueName: "duration"))
    var minStep: String?

    @Option(help: ArgumentHelp("Longest step when the designer chooses (e.g. 28d); longer only when no cut is safe sooner.", valueName: "duration"))
    var maxStep: String?

    @Option(help: ArgumentHelp("Step lengths between --min-step and --max-step in increments of this (default: the dose interval).", valueName: "duration"))
    var stepIncrement: String?

    @Option(help: ArgumentHelp("optimal (shortest under the ceiling), percent, linear or hyperbolic.", valueName: "name"))
    var strategy: String = "optimal"

    @Option(help: ArgumentHelp("For percent or linear: the cut (e.g. 10% or 1mg); default: the largest under the ceiling.", valueName: "cut"))
    var cut: String?

    @Option(help: ArgumentHelp("For hyperbolic: the number of equal occupancy steps; default: the fewest under the ceiling.", valueName: "n"))
    var steps: Int?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Schedule CSV file, or - for standard output.", valueName: "file"))
    var output: String = "-"

    @Option(help: ArgumentHelp("Write the schedule's regimen text to this file.", valueName: "file"))
    var regimenFile: String?

    @Option(help: ArgumentHelp("Write the comparison table (CSV) to this file.", valueName: "file"))
    var comparison: String?

    @Option(help: ArgumentHelp("Write the predicted trajectory (CSV, hourly, to 60 days after the stop) to this file; for a population, the typical subject's.", valueName: "file"))
    var trajectory: String?

    @Option(help: ArgumentHelp("Worker threads (default: all cores). The output is identical for any value.", valueName: "n"))
    var threads: Int = ParallelExecutor.defaultThreadCount

    @Flag(help: "Print nothing on standard error but errors.")
    var quiet = false

    @Flag(help: "Do not write the JSON run manifest (beside -o, or beside the first file written when -o is standard output).")
    var noManifest = false

    func validate() throws {
        if (tablets == nil) == (liquid == nil) { throw ValidationError("give --tablets (e.g. 2mg,5mg,10mg) or --liquid (e.g. 0.1mg), not both or neither") }
        if !["none", "half"].contains(split) { throw ValidationError("--split '\(split)' must be none or half") }
        if liquid != nil && split != "none" { throw ValidationError("--split applies to --tablets only") }
        if every != nil && (minStep != nil || maxStep != nil) { throw ValidationError("give --every, or --min-step and --max-step, not both") }
        if every == nil && (minStep == nil || maxStep == nil) { throw ValidationError("give --every (e.g. 14d), or both --min-step and --max-step (e.g. 7d and 28d)") }
        for (flag, text) in [("--every", every), ("--min-step", minStep), ("--max-step", maxStep), ("--step-increment", stepIncrement)] {
            if let text, !((DurationSyntax.hours(text) ?? -1) > 0) {
                throw ValidationError("\(flag) '\(text)' is not a duration > 0; expected \(DurationSyntax.expected)")
            }
        }
        if !["optimal", "percent", "linear", "hyperbolic"].contains(strategy) {
            throw ValidationError("--strategy '\(strategy)' must be optimal, percent, linear or hyperbolic")
        }
        if cut != nil && !["percent", "linear"].contains(strategy) { throw ValidationError("--cut applies to --strategy percent or linear") }
        if steps != nil && strategy != "hyperbolic" { throw ValidationError("--steps applies to --strategy hyperbolic") }
        if let steps, steps < 1 { throw ValidationError("--steps \(steps) must be at least 1") }
        if threads < 1 { throw ValidationError("--threads \(threads) must be at least 1") }
    }

    /// Every output with its option, in the order written.
    var outputPaths: [(option: String, path: String?)] {
        [("-o", output), ("--regimen-file", regimenFile), ("--comparison", comparison), ("--trajectory", trajectory)]
    }

    /// The manifest beside -o, or beside the first file written when -o is standard output (none
    /// beside a device, or with --no-manifest).
    var manifestPath: String? {
        guard !noManifest else { return nil }
        return outputPaths.lazy.compactMap(\.path).first { !AtomicOutput.isSpecialFile($0) }.flatMap(RunManifest.path(beside:))
    }

    func run() throws {
        let request: TaperRequest
        let models: [DiazepamModel]
        let typical: Scenario
        do {
            try OutputFiles.check(outputPaths, manifest: manifestPath, inputs: [("the scenario file", subject.scenario)])
            let base = try subject.resolve()
            typical = base
            models = try population.models(typical: base)
            request = try makeRequest(base)
        } catch let error as InputError {
            throw fail(error)
        } catch let error as TaperError {
            throw fail(error, usage: true)
        }
        let started = Date()
        let designer: TaperDesigner, schedule: TaperSchedule, table: TaperComparison?
        let seconds: Double
        do {
            designer = try TaperDesigner(models: models, request: request, threads: threads)
            schedule = try designer.design()
            seconds = Date().timeIntervalSince(started)
            table = try comparison.map { _ throws(TaperError) in try designer.comparison(of: schedule) }
        } catch {
            throw fail(error, usage: false)
        }
        var trajectoryText: String? = nil
        if trajectory != nil {
            var scenario = typical
            scenario.regimenText = schedule.regimenText
            scenario.regimen = try RegimenLanguage.parse(schedule.regimenText)
            scenario.endTime = schedule.stopTime + 60 * 24
            scenario.sampling = .every(step: 1)
            do {
                let result = try scenario.run()
                let format = TrajectoryFormat.wide
                trajectoryText = format.header + format.rows(id: "1", trajectory: result.trajectory, model: result.model)
            } catch {
                FileHandle.standardError.write(Data("benzosim: error: \(error)\n".utf8))
                throw ExitCode(70)
            }
        }
        // Every output and the manifest, committed together or not at all.
        let files = OutputSet()
        let written: [String]
        do {
            do {
                try files.open(output).write(schedule.csv)
                if let regimenFile { try files.open(regimenFile).write(schedule.regimenText + "\n") }
                if let comparison, let table { try files.open(comparison).write(table.csv) }
                if let trajectory, let trajectoryText { try files.open(trajectory).write(trajectoryText) }
                try OutputFiles.add(manifest(typical, request: request, schedule: schedule, subjects: models.count),
                                    at: manifestPath, to: files)
                written = try files.commit()
            } catch {
                files.discard()
                throw error
            }
        } catch let error as OutputError {
            throw fail(error)
        }
        if !quiet {
            let peak = models.count > 1
                ? String(format: "%gth percentile of %d subjects' peak withdrawal at %.1f%% of their ceiling", request.percentile, models.count, 100 * schedule.ceilingRatio)
                : String(format: "peak withdrawal %.3g (ceiling %.3g)", schedule.peakWithdrawal, designer.ceilings[0])
            FileHandle.standardError.write(Data(String(format: "benzosim: %@ taper: %d steps, %g days, %@; designed in %.2f s\n",
                                                       schedule.name, schedule.doseSteps.count, schedule.durationDays, peak, seconds).utf8))
            FileHandle.standardError.write(Data("benzosim: regimen: \(schedule.regimenText)\n".utf8))
        }
        OutputFiles.announce(written, "\(schedule.name) taper, \(models.count) subject\(models.count == 1 ? "" : "s")", quiet: quiet)
    }

    /// The run manifest: the subject (every parameter value, covariates, solver), the request as
    /// given and the schedule designed.
    func manifest(_ typical: Scenario, request: TaperRequest, schedule: TaperSchedule, subjects: Int) -> RunManifest {
        var manifest = Manifests.make(for: typical, count: subjects, seed: population.count == nil ? nil : population.seed,
                                      shard: .whole, threads: threads, assignments: [])
        // The solver options the designer used (max step ≤ 24 h).
        manifest.settings["max_step_h"] = "\(request.options.maxStep)"
        var taper: [String: String?] = [
            "taper_from": from ?? typical.regimenText, "taper_max_withdrawal": maxWithdrawal,
            "taper_tablets": tablets, "taper_split": tablets == nil ? nil : split, "taper_liquid": liquid,
            "taper_every": every, "taper_min_step": minStep, "taper_max_step": maxStep, "taper_step_increment": stepIncrement,
            "taper_strategy": strategy, "taper_cut": cut, "taper_steps": steps.map(String.init),
            "taper_schedule_regimen": schedule.regimenText,
            "taper_schedule": String(format: "%@: %d steps, %g days, peak withdrawal %.6g", schedule.name, schedule.doseSteps.count,
                                     schedule.durationDays, schedule.peakWithdrawal),
        ]
        if let count = population.count {
            let v = population.variability
            taper["taper_population"] = "\(count) subjects, percentile \(population.percentile)"
            taper["population_bsv"] = v.bsv.isEmpty ? nil : v.bsv.joined(separator: ",")
            taper["population_age"] = v.age.map { "normal \($0) in \(v.ageRange ?? VariabilityOptions.defaultAgeRange)" } ?? v.ageUniform.map { "uniform \($0)" }
            taper["population_weight"] = v.weight.map { "log-normal \($0) in \(v.weightRange ?? VariabilityOptions.defaultWeightRange)" }
            taper["population_female"] = v.female.map { "\($0)" }
            taper["population_cyp2c19"] = v.cyp2c19
        }
        for (key, value) in taper { if let value { manifest.settings[key] = value } }
        return manifest
    }

    /// The request from the options; the maintenance from --from or the scenario.
    func makeRequest(_ base: Scenario) throws(TaperError) -> TaperRequest {
        guard let text = from ?? base.regimenText else {
            throw .invalidRequest("--from: give the maintenance before the taper, e.g. --from \"10mg po q24h for 180d\"")
        }
        let maintenance = try Maintenance(text)
        let ceiling: WithdrawalCeiling
        if maxWithdrawal.hasSuffix("%") {
            guard let p = Double(maxWithdrawal.dropLast()), p > 0, p.isFinite else {
                throw .invalidRequest("--max-withdrawal '\(maxWithdrawal)': expected a percentage > 0 of the abrupt-stop peak, e.g. 25%")
            }
            ceiling = .fractionOfAbruptStop(p / 100)
        } else {
            guard let c = Double(maxWithdrawal), c > 0, c.isFinite else {
                throw .invalidRequest("--max-withdrawal '\(maxWithdrawal)': expected a withdrawal X − 1 > 0 (e.g. 0.01) or a percentage (e.g. 25%)")
            }
            ceiling = .absolute(c)
        }
        let dispensing: Dispensing
        if let tablets {
            var strengths: [Double] = []
            for part in tablets.split(separator: ",") { strengths.append(try Self.amount(String(part), "--tablets")) }
            dispensing = try .tablets(strengths, splitInHalf: split == "half")
        } else {
            dispensing = try .liquid(step: try Self.amount(liquid!, "--liquid"))
        }
        let timing: StepTiming
        if let every {
            timing = .every(hours: DurationSyntax.hours(every)!)
        } else {
            timing = .range(minimum: DurationSyntax.hours(minStep!)!, maximum: DurationSyntax.hours(maxStep!)!,
                            increment: stepIncrement.flatMap(DurationSyntax.hours) ?? maintenance.interval)
        }
        let chosen: TaperStrategy
        switch strategy {
        case "percent":
            chosen = .percent(try cut.map { text throws(TaperError) in
                guard text.hasSuffix("%"), let p = Double(text.dropLast()), p > 0, p < 100 else {
                    throw .invalidRequest("--cut '\(text)': expected a percentage between 0% and 100% for --strategy percent, e.g. 10%")
                }
                return p / 100
            })
        case "linear": chosen = .linear(try cut.map { text throws(TaperError) in try Self.amount(text, "--cut") })
        case "hyperbolic": chosen = .hyperbolic(steps: steps)
        default: chosen = .optimal
        }
        var options = base.solver
        options.maxStep = min(options.maxStep, 24)
        return TaperRequest(maintenance: maintenance, ceiling: ceiling, dispensing: dispensing, timing: timing,
                            strategy: chosen, percentile: population.count == nil ? 100 : population.percentile, options: options)
    }

    /// `0.1mg`, `500ug` → mg.
    static func amount(_ text: String, _ flag: String) throws(TaperError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        for (suffix, scale) in [("mg", 1.0), ("ug", 1e-3), ("µg", 1e-3), ("mcg", 1e-3), ("g", 1000.0)] where t.hasSuffix(suffix) {
            if let x = Double(t.dropLast(suffix.count)), x > 0, x.isFinite { return x * scale }
        }
        throw .invalidRequest("\(flag) '\(text)': expected an amount > 0 with a unit, e.g. 0.1mg or 5mg")
    }
}

/// Prints a taper error and ends with its exit code: 64 for a malformed request from the options
/// (`usage`), else 65 for malformed or impossible requests, 70 for a failed simulation.
func fail(_ error: TaperError, usage: Bool) -> ExitCode {
    FileHandle.standardError.write(Data("benzosim: error: \(error)\n".utf8))
    switch error {
    case .invalidRequest: return ExitCode(usage ? 64 : 65)
    case .impossible: return ExitCode(65)
    case .simulation: return ExitCode(70)
    }
}
