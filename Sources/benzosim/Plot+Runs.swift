import Foundation
import Pharmacology
import Report
import Sweep

/// A run to draw and report: its name, sampled outputs, doses, and what the report shows of it.
struct PlotRun {
    /// Legend name (file name, scenario file name, regimen text or `--label`).
    var name: String
    /// Sample times (h).
    var times: [Double]
    /// Output columns with units in the names, and `values[k][i]` of column `k` at `times[i]`.
    var columns: [String]
    var values: [[Double]]
    /// Dose times (h) and amounts (mg).
    var doses: [(time: Double, amount: Double)] = []
    /// The regimen text, when known.
    var regimen: String?
    /// Summary CSV (header and rows), when known.
    var summary: CSVTable?
    /// Parameters that differ from the species defaults: name, value, default, unit.
    var parameterChanges: [[String]] = []

    /// A simulated scenario.
    init(name: String, scenario: Scenario, result: ScenarioResult) {
        self.name = name
        times = result.trajectory.times
        let variables = OutputVariable.allCases
        columns = variables.map(\.columnName)
        let flat = PercentileBands.sampleValues(trajectory: result.trajectory, model: result.model, variables: variables)
        values = variables.indices.map { k in stride(from: k, to: flat.count, by: variables.count).map { flat[$0] } }
        doses = scenario.resolvedRegimen().doses.map { ($0.time, $0.amount) }
        regimen = scenario.regimenText
        let writer = SummaryWriter(assignmentNames: [])
        summary = try? CSVTable.parse(writer.header + writer.row(run: RunSpec(index: 0, id: "1", assignments: []), summary: result.summary))
        parameterChanges = Self.changes(of: scenario)
    }

    /// One run of a trajectory file.
    init(name: String, run: TrajectoryTable.Run, columns: [String]) {
        self.name = name
        times = run.times
        self.columns = columns
        values = run.values
    }

    /// Parameters of `scenario` that differ from its species' defaults.
    static func changes(of scenario: Scenario) -> [[String]] {
        let defaults = ParameterSet(species: scenario.species)
        return ParameterName.allCases.filter { scenario.parameters[$0] != defaults[$0] }.map { p in
            [p.definition.name, CSVFormat.format(scenario.parameters[p]), CSVFormat.format(defaults[p]), p.definition.unit]
        }
    }
}

/// Percentile bands to draw: a band file and its legend name.
struct PlotBands {
    var name: String
    var table: PercentileBandsTable
}

/// Reading plot inputs and turning runs into a `Figure`.
enum PlotInputs {
    /// The outputs drawn when none are chosen: DZ and NDZ plasma, GABA-A occupancy, coupling
    /// (tolerance), withdrawal, synapses.
    static let defaultOutputs = ["dz_plasma_ng_per_mL", "ndz_plasma_ng_per_mL", "occ_gaba", "gaba_coupling", "withdrawal", "synapses"]

    /// Other names accepted by `--outputs`.
    static let aliases = ["tolerance": "gaba_coupling", "coupling": "gaba_coupling", "synapse": "synapses"]

    /// Panel titles of the common outputs.
    static let titles = [
        "dz_plasma": "diazepam plasma", "ndz_plasma": "nordiazepam plasma", "occ_gaba": "GABA-A occupancy",
        "gaba_coupling": "GABA-A coupling", "withdrawal": "withdrawal", "synapses": "synapse density",
        "occ_tspo": "TSPO occupancy", "tspo": "TSPO", "microglia": "microglia",
    ]

    /// The file's name without directory and extension (`out/taper.csv` → `taper`).
    static func baseName(_ path: String) -> String {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The doses of the regimen in the manifest beside `path`, if there is one with a regimen text.
    static func manifestRegimen(beside path: String) -> (text: String, doses: [(time: Double, amount: Double)])? {
        guard let manifestPath = RunManifest.path(beside: path), let data = FileManager.default.contents(atPath: manifestPath),
              let manifest = try? RunManifest.decode(String(decoding: data, as: UTF8.self)),
              let text = manifest.settings["regimen"], let regimen = try? RegimenLanguage.parse(text) else { return nil }
        return (text, regimen.doses.map { ($0.time, $0.amount) })
    }

    /// A trajectory or band file: its runs (one per id; a file with one run is named after the
    /// file, otherwise `file:id`) or its bands.
    static func load(csv path: String) throws(InputError) -> (runs: [PlotRun], bands: PlotBands?) {
        let probe = try CSVTable.read(path: path, limit: 0)
        if PercentileBandsTable.isBandHeader(probe.header) {
            let name = baseName(path)
            return ([], PlotBands(name: name.hasSuffix(".bands") ? String(name.dropLast(6)) : name, table: try PercentileBandsTable.read(path: path)))
        }
        let table = try TrajectoryReader.read(path: path)
        let regimen = manifestRegimen(beside: path)
        let runs = table.runs.map { run in
            var plotted = PlotRun(name: table.runs.count == 1 ? baseName(path) : "\(baseName(path)):\(run.id)", run: run, columns: table.columns)
            plotted.regimen = regimen?.text
            plotted.doses = regimen?.doses ?? []
            return plotted
        }
        return (runs, nil)
    }

    /// Resolves `requested` (column names, names without units, or aliases) against `available`.
    /// - Throws: a usage error naming what is unknown and listing what is there.
    static func resolve(_ requested: [String]?, available: [String]) throws(InputError) -> [String] {
        guard let requested else {
            let chosen = defaultOutputs.compactMap { want in available.first { $0 == want || TrajectoryReader.split(column: $0).name == want } }
            return chosen.isEmpty ? Array(available.prefix(4)) : chosen
        }
        var columns: [String] = []
        for text in requested {
            let want = aliases[text] ?? text
            guard let column = available.first(where: { $0 == want }) ?? available.first(where: { TrajectoryReader.split(column: $0).name == want }) else {
                throw InputError(.usage, field: "--outputs", "'\(text)' is not an output of the inputs; choose from \(available.joined(separator: ", "))")
            }
            columns.append(column)
        }
        return columns
    }

    /// The figure: one panel per output, a line per run (colour per run), median lines and shaded
    /// bands per band file, dose rows, time in days.
    /// - Parameters:
    ///   - window: the time range shown (h), either end optional.
    ///   - log: log axes for concentrations (ng/mL, nM).
    static func figure(runs: [PlotRun], bands: [PlotBands], outputs requested: [String]?, log: Bool,
                       window: (from: Double?, to: Double?), title: String?, width: Double) throws(InputError) -> Figure {
        var available: [String] = []
        for column in runs.flatMap(\.columns) + bands.flatMap({ $0.table.outputs.map(\.column) }) where !available.contains(column) {
            available.append(column)
        }
        guard !available.isEmpty else { throw InputError(.usage, "nothing to plot: give trajectory or band CSV files, scenario files or --regimen") }
        let outputs = try resolve(requested, available: available)
        var legend: [LegendEntry] = []
        var doseRows: [DoseRow] = []
        // Many runs (a sweep's): one legend entry, colours cycling, thin lines.
        let many = runs.count > manyRuns
        if many { legend.append(LegendEntry(name: "\(runs.count) runs", colour: Palette.colour(0))) }
        for (k, run) in runs.enumerated() {
            if !many { legend.append(LegendEntry(name: run.name, colour: Palette.colour(k))) }
            if !run.doses.isEmpty && (!many || doseRows.isEmpty) {
                doseRows.append(DoseRow(name: run.name, colour: Palette.colour(k), doses: run.doses.map { ($0.time / 24, $0.amount) }))
            }
        }
        for (b, band) in bands.enumerated() {
            let colour = Palette.colour(runs.count + b), p = band.table.percentiles
            if p.contains(50) { legend.append(LegendEntry(name: "\(band.name) median", colour: colour)) }
            if p.count >= 2 {
                legend.append(LegendEntry(name: "\(band.name) \(label(p.first!))–\(label(p.last!))th percentile", colour: colour, style: .band(opacity: 0.18)))
            }
            if p.count >= 4 {
                legend.append(LegendEntry(name: "\(band.name) \(label(p[1]))–\(label(p[p.count - 2]))th", colour: colour, style: .band(opacity: 0.32)))
            }
        }
        var panels: [Panel] = []
        for column in outputs {
            let (name, unit) = TrajectoryReader.split(column: column)
            var panel = Panel(title: titles[name] ?? name, unit: unit == "1" ? nil : unit,
                              scale: log && (unit == "ng/mL" || unit == "nM") ? .logarithmic : .linear)
            for (k, run) in runs.enumerated() {
                guard let index = run.columns.firstIndex(of: column) else { continue }
                panel.lines.append(LineSeries(name: run.name, x: run.times.map { $0 / 24 }, y: run.values[index], colour: Palette.colour(k),
                                              width: many ? 0.7 : 1.5))
            }
            for (b, band) in bands.enumerated() {
                guard let output = band.table.outputs.first(where: { $0.column == column }) else { continue }
                let colour = Palette.colour(runs.count + b), days = band.table.times.map { $0 / 24 }, count = output.values.count
                for pair in 0..<(count / 2) where pair < 2 {
                    panel.bands.append(BandSeries(name: "\(band.name) p\(label(band.table.percentiles[pair]))–p\(label(band.table.percentiles[count - 1 - pair]))",
                                                  x: days, lower: output.values[pair], upper: output.values[count - 1 - pair],
                                                  colour: colour, opacity: pair == 0 ? 0.18 : 0.32))
                }
                if let median = band.table.percentiles.firstIndex(of: 50) ?? (count % 2 == 1 ? count / 2 : nil) {
                    panel.lines.append(LineSeries(name: "\(band.name) p\(label(band.table.percentiles[median]))", x: days, y: output.values[median], colour: colour))
                }
            }
            panels.append(panel)
        }
        var domain: ClosedRange<Double>? = nil
        if window.from != nil || window.to != nil {
            let allTimes = runs.flatMap(\.times) + bands.flatMap(\.table.times)
            let low = (window.from ?? allTimes.min() ?? 0) / 24, high = (window.to ?? allTimes.max() ?? 24) / 24
            guard high > low else { throw InputError(.usage, field: "--to", "the window ends (day \(high)) before it starts (day \(low))") }
            domain = low...high
        }
        return Figure(title: title, xLabel: "time (days)", xDomain: domain, panels: panels, legend: legend, doseRows: doseRows, width: width)
    }

    /// Above this many runs the legend shows their count, not their names.
    static let manyRuns = 12

    static func label(_ p: Double) -> String { CSVFormat.format(p) }
}
