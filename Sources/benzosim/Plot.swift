import ArgumentParser
import Foundation
import Pharmacology
import Report
import Sweep

/// `benzosim plot`: draw trajectories or population bands as an SVG.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw trajectories or population bands as an SVG.",
        discussion: """
        Inputs are trajectory CSVs written by benzosim (wide or long; one line per run id), percentile-band CSVs (population --percentiles, benzosim bands), or scenario files (.yaml, .yml, .toml, .json) and --regimen texts, simulated on the fly. One panel per output, time in days, one colour per run named after its file (or --label), dose markers above the panels (height proportional to the dose; from the scenario, or the regimen in a CSV's manifest).

        Examples:
          benzosim plot Examples/scenarios/abrupt_stop.yaml Examples/scenarios/taper_10pct_2wk.yaml --outputs withdrawal,synapses -o taper.svg
          benzosim plot abrupt.csv taper.csv --outputs dz_plasma_ng_per_mL,occ_gaba --log --from 150d --to 250d -o window.svg
          benzosim plot bands.csv --outputs withdrawal -o vpc.svg
        """)

    @OptionGroup var source: PlotSourceOptions
    @OptionGroup var drawing: PlotDrawingOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("SVG file to write (- for standard output).", valueName: "file"))
    var output: String = "-"

    func run() throws {
        let figure = try drawing.figure(runs: try source.load())
        try writeAtomically(figure.svg(), to: output)
    }
}

/// Where the runs to draw come from (shared by `plot` and `report`).
struct PlotSourceOptions: ParsableArguments {
    @Argument(help: "Trajectory or band CSV files, or scenario files to simulate.")
    var inputs: [String] = []

    @Option(name: .customLong("regimen"), help: ArgumentHelp("Also simulate this regimen (reference human; repeatable).", valueName: "text"))
    var regimens: [String] = []

    @Option(name: .customLong("label"), help: ArgumentHelp("Legend name of the next run, in order of the inputs and then the regimens (repeatable).", valueName: "name"))
    var labels: [String] = []

    @Option(help: ArgumentHelp("Sample simulated runs every this long (default: the scenario's, or 1h).", valueName: "duration"))
    var every: String?

    @Option(help: ArgumentHelp("Simulate up to this time (default: the scenario's, or 14 days after the last dose).", valueName: "duration"))
    var until: String?

    func validate() throws {
        if inputs.isEmpty && regimens.isEmpty { throw ValidationError("give trajectory or band CSV files, scenario files, or --regimen TEXT") }
        for (flag, text) in [("--every", every), ("--until", until)] {
            if let text, !((DurationSyntax.hours(text) ?? -1) > 0) {
                throw ValidationError("\(flag) '\(text)' is not a duration > 0; expected \(DurationSyntax.expected)")
            }
        }
        for path in inputs where !path.lowercased().hasSuffix(".csv") && ScenarioFile.Format(path: path) == nil {
            throw ValidationError("'\(path)' is neither a CSV file nor a scenario file (\(ScenarioFile.recognisedExtensions))")
        }
    }

    /// Every run and band file, in the order given; scenarios are simulated. Exits 65/66 for bad
    /// input, 70 if a simulation fails.
    func load() throws -> (runs: [PlotRun], bands: [PlotBands]) {
        var runs: [PlotRun] = [], bands: [PlotBands] = []
        do {
            for path in inputs {
                if path.lowercased().hasSuffix(".csv") {
                    let loaded = try PlotInputs.load(csv: path)
                    runs += loaded.runs
                    if let band = loaded.bands { bands.append(band) }
                } else {
                    runs.append(try simulate(try ScenarioFile.load(path: path), name: PlotInputs.baseName(path)))
                }
            }
            for text in regimens {
                let regimen: Regimen
                do { regimen = try RegimenLanguage.parse(text) } catch {
                    throw InputError(.data, column: error.column, field: "--regimen", error.message)
                }
                var scenario = Scenario(species: .human, regimenText: text, regimen: regimen, endTime: (regimen.lastDoseTime ?? 0) + 14 * 24)
                scenario.sampling = .every(step: 1)
                runs.append(try simulate(scenario, name: text))
            }
        } catch let error as InputError {
            throw fail(error)
        }
        for (k, label) in labels.enumerated() {
            if k < runs.count { runs[k].name = label } else if k - runs.count < bands.count { bands[k - runs.count].name = label }
        }
        return (runs, bands)
    }

    func simulate(_ base: Scenario, name: String) throws -> PlotRun {
        var scenario = base
        if let every { scenario.sampling = .every(step: DurationSyntax.hours(every)!) }
        if let until { scenario.endTime = DurationSyntax.hours(until)! }
        do {
            return PlotRun(name: name, scenario: scenario, result: try scenario.run())
        } catch {
            switch error {
            case .input(let input): throw fail(input)
            case .solver:
                FileHandle.standardError.write(Data("benzosim: error: \(name): \(error)\n".utf8))
                throw ExitCode(70)
            }
        }
    }
}

/// What to draw and how (shared by `plot`, `report` and the --plot/--report options).
struct PlotDrawingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Outputs to draw, one panel each: column names (dz_plasma_ng_per_mL) or names (withdrawal, synapses, occ_gaba, tolerance). Default: DZ and NDZ plasma, GABA-A occupancy, GABA-A coupling, withdrawal, synapses.", valueName: "list"))
    var outputs: String?

    @Flag(help: "Logarithmic axes for concentrations (ng/mL, nM).")
    var log = false

    @Option(help: ArgumentHelp("Show from this time, e.g. 150d.", valueName: "duration"))
    var from: String?

    @Option(help: ArgumentHelp("Show up to this time, e.g. 300d.", valueName: "duration"))
    var to: String?

    @Option(help: "Figure title.")
    var title: String?

    @Option(help: "Figure width (px).")
    var width: Double = 900

    func validate() throws {
        for (flag, text) in [("--from", from), ("--to", to)] {
            if let text, !((DurationSyntax.hours(text) ?? -1) >= 0) {
                throw ValidationError("\(flag) '\(text)' is not a duration ≥ 0; expected \(DurationSyntax.expected)")
            }
        }
        guard width >= 200 && width <= 10_000 else { throw ValidationError("--width \(width) must be between 200 and 10000 px") }
    }

    var outputList: [String]? {
        outputs.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    func figure(runs loaded: (runs: [PlotRun], bands: [PlotBands]), idPrefix: String = "fig") throws -> Figure {
        do {
            var figure = try PlotInputs.figure(runs: loaded.runs, bands: loaded.bands, outputs: outputList, log: log,
                                               window: (from.flatMap(DurationSyntax.hours), to.flatMap(DurationSyntax.hours)),
                                               title: title, width: width)
            figure.idPrefix = idPrefix
            return figure
        } catch {
            throw fail(error)
        }
    }
}

/// Writes `text` to `path` (or standard output for `-`) through `AtomicOutput`.
func writeAtomically(_ text: String, to path: String) throws {
    do {
        let file = try AtomicOutput(path: path)
        try file.write(text)
        try file.commit()
    } catch {
        throw fail(error)
    }
}
