import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// `benzosim population`: N virtual subjects with log-normal between-subject variability and
/// covariate distributions → per-subject summaries.
struct Population: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a virtual population: log-normal variability on parameters, covariate distributions.",
        discussion: """
        Each subject's random draws depend only on (--seed, subject number): the output is identical for any --threads, and the --shard slices concatenate to the whole. Individual parameter values are checked against physical bounds only (≥ 0, fractions ≤ 1), not the plausible range of typical values.

        Example: 10,000 subjects, CL and V1 with 30% and 20% variability, ages 20-80, half women, 3% poor metabolisers (Examples/cluster/population_10000.sh), from the repository's directory:
          benzosim population Examples/scenarios/abrupt_stop.yaml --count 10000 \\
              --bsv CL=0.3 --bsv V1=0.2 --age-uniform 20:80 --female 0.5 \\
              --cyp2c19 0.70,0.27,0.03 -o population.csv
        """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var outputOptions: OutputOptions
    @OptionGroup var execution: ExecutionOptions

    @Option(help: "Number of subjects (e.g. 10000 or 1e6).")
    var count: RunCount

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var variability: VariabilityOptions

    @Option(help: ArgumentHelp("Also write each subject's resolved values (volumes, clearances, half-lives after covariates and variability) to this CSV.", valueName: "file"))
    var subjectParameters: String?
    @Option(help: ArgumentHelp("Also write per-time percentile bands of every output over the subjects, e.g. 5,50,95 (exact, type 7; see Docs/PLOTTING.md).", valueName: "list"))
    var percentiles: String?

    @Option(help: ArgumentHelp("Band file of --percentiles (default: the output's name with .bands.csv).", valueName: "file"))
    var bands: String?

    @OptionGroup var figures: FigureOutputOptions

    func validate() throws {
        try scenario.requireScenarioFile()
        if let percentiles {
            do { _ = try PercentileBands.parse(percentiles) } catch { throw ValidationError(error.problems.map(\.message).joined(separator: "; ")) }
            if execution.shard != nil {
                throw ValidationError("--percentiles cannot be combined with --shard: percentiles of slices do not combine. Write each shard's --trajectories and run 'benzosim bands part*.csv --percentiles \(percentiles)' (Docs/PLOTTING.md)")
            }
            if bands == nil && outputOptions.output == "-" { throw ValidationError("--percentiles needs --bands FILE when the summary goes to standard output") }
        } else if bands != nil {
            throw ValidationError("--bands needs --percentiles LIST")
        }
        try figures.validate(trajectories: execution.trajectories, bands: percentiles != nil)
    }

    func run() throws {
        let base: Scenario, common: [Assignment], typical: Scenario
        let events: EventTableSubjects?, columns: EventTableTrajectoryWriter?, eventSettings: [String: String]
        do {
            base = try scenario.resolve(applyingSet: false, applyingEvents: false)
            common = try scenario.setAssignments()
            typical = try base.applying(common)
            (events, columns, eventSettings) = try EventTableOptions.subjects(scenario, typical: typical, format: outputOptions.trajectoryFormat,
                                                               quiet: outputOptions.quiet)
        } catch {
            throw fail(error)
        }
        if percentiles != nil {
            // Exact bands keep every subject's values: refuse before running what would not fit.
            let samples = typical.sampleTimes().count, bytes = 8.0 * self.count.value * Double(samples) * Double(PercentileBands.variables.count)
            let memory = Double(ProcessInfo.processInfo.physicalMemory)
            if bytes > memory / 2 {
                throw fail(InputError(.usage, field: "--percentiles", String(format: "exact bands of %d subjects × %d samples × %d outputs need %.1f GB, more than half of this machine's %.1f GB: sample coarser (e.g. --every 1d) or run fewer subjects", Int(self.count.value), samples, PercentileBands.variables.count, bytes / 1e9, memory / 1e9)))
            }
        }
        let plan: RunPlan
        do throws(InputError) {
            let count = try self.count.checked(execution.budget(scenario), option: "--count", text: RunBudget.count(self.count.value))
            let terms = try variability.variability(typical: typical)
            let covariates = try variability.covariates()
            plan = try SweepPlan.population(count: count, seed: seed, variability: terms, covariates: covariates)
        } catch {
            // Everything here comes from the population options: a usage error.
            throw fail(InputError(.usage, error.problems))
        }
        let request = percentiles.map { BandRequest(percentiles: try! PercentileBands.parse($0), path: bands ?? Self.bandPath(beside: outputOptions.output)) }
        try execute(plan: plan, base: base, common: common, individual: true, seed: seed,
                    budget: execution.budget(scenario), inputs: scenario.inputFiles,
                    output: outputOptions, execution: execution, bands: request,
                    events: events.map { ($0, true) }, columns: columns, subjectParameters: subjectParameters,
                    settings: eventSettings)
        if figures.isRequested {
            let loaded = try figures.load(trajectories: execution.trajectories, bands: request?.path)
            try figures.write(runs: loaded.runs, bands: loaded.bands, title: scenario.scenario.map(PlotInputs.baseName) ?? "population",
                              summaries: outputOptions.output == "-" ? [] : [outputOptions.output],
                              regimen: base.regimenText, parameterChanges: PlotRun.changes(of: typical))
        }
    }

    /// `population.csv` → `population.bands.csv` (any other name gets `.bands.csv` appended).
    static func bandPath(beside output: String) -> String {
        (output.lowercased().hasSuffix(".csv") ? String(output.dropLast(4)) : output) + ".bands.csv"
    }
}
