import ArgumentParser
import Foundation
import Report
import Sweep

/// `benzosim report`: a self-contained HTML report of one or more runs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report of one or more runs.",
        discussion: """
        The same inputs as benzosim plot (trajectory or band CSVs, scenario files, --regimen). The page has the panels (inline SVG), a summary table of the simulated runs (whatever columns the summary has), each run's regimen and the parameters that differ from the defaults, and any --summary CSV as a table. Nothing is fetched when it is opened: no scripts, fonts or images from elsewhere.

        Example:
          benzosim report Examples/scenarios/abrupt_stop.yaml Examples/scenarios/taper_10pct_2wk.yaml --outputs withdrawal,synapses -o taper.html
        """)

    @OptionGroup var source: PlotSourceOptions
    @OptionGroup var drawing: PlotDrawingOptions

    @Option(name: .customLong("summary"), help: ArgumentHelp("Also show this summary CSV as a table (repeatable; first 200 rows).", valueName: "file"))
    var summaries: [String] = []

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("HTML file to write (- for standard output).", valueName: "file"))
    var output: String = "-"

    func run() throws {
        let loaded = try source.load()
        var tables: [(String, CSVTable)] = []
        do {
            for path in summaries { tables.append((path, try CSVTable.read(path: path, limit: ReportPage.rowLimit))) }
        } catch {
            throw fail(error)
        }
        let figure = try drawing.figure(runs: loaded)
        try writeAtomically(ReportPage.html(title: drawing.title ?? "BenzoSim report", figure: figure, runs: loaded.runs,
                                            bands: loaded.bands, summaries: tables), to: output)
    }
}

/// The report page: the figure, the runs' summaries, regimens and parameter changes, band notes,
/// and summary files.
enum ReportPage {
    /// Rows shown of a summary file.
    static let rowLimit = 200

    static func html(title: String, figure: Figure, runs: [PlotRun], bands: [PlotBands], summaries: [(String, CSVTable)],
                     regimen: String? = nil, parameterChanges: [[String]]? = nil) -> String {
        var report = HTMLReport(title: title)
        report.blocks.append(.paragraph("Written by benzosim \(BenzosimVersion.current): " + commandLine.joined(separator: " ")))
        report.blocks.append(.figure(figure.svg()))
        if let regimen {
            report.blocks.append(.heading("Regimen"))
            report.blocks.append(.preformatted(regimen))
        }
        if let parameterChanges { report.blocks += parameterBlocks(parameterChanges) }
        let summarised = runs.filter { $0.summary != nil }
        if !summarised.isEmpty {
            report.blocks.append(.heading("Summary"))
            report.blocks.append(.table(combinedSummary(summarised)))
        }
        for run in runs where run.regimen != nil || run.summary != nil {
            report.blocks.append(.heading(run.name))
            if let text = run.regimen { report.blocks.append(.preformatted(text)) }
            if run.summary != nil { report.blocks += parameterBlocks(run.parameterChanges) }
        }
        for band in bands {
            let n = band.table.outputs.first?.n.max() ?? 0
            report.blocks.append(.heading(band.name))
            report.blocks.append(.paragraph("Percentile bands (\(band.table.percentiles.map(PlotInputs.label).joined(separator: ", "))) over \(CSVFormat.format(n)) subjects at \(band.table.times.count) times; median line, shaded between the outer percentiles."))
        }
        for (path, table) in summaries {
            let caption = table.totalRows > table.rows.count ? "\(path): first \(table.rows.count) of \(table.totalRows) rows" : path
            report.blocks.append(.heading("Summary file"))
            report.blocks.append(.table(HTMLReport.Table(caption: caption, header: table.header, rows: table.rows)))
        }
        return report.html()
    }

    static func parameterBlocks(_ changes: [[String]]) -> [HTMLReport.Block] {
        guard !changes.isEmpty else { return [.paragraph("All parameters at their defaults (benzosim params).")] }
        return [.table(HTMLReport.Table(caption: "Parameters that differ from the defaults", header: ["parameter", "value", "default", "unit"], rows: changes))]
    }

    /// One row per summary column, one column per run (columns in the order first seen), so the
    /// table fits whatever columns the summaries have.
    static func combinedSummary(_ runs: [PlotRun]) -> HTMLReport.Table {
        var quantities: [String] = []
        for run in runs { for name in run.summary!.header where !quantities.contains(name) { quantities.append(name) } }
        let rows = quantities.filter { $0 != "id" }.map { quantity in
            [quantity] + runs.map { run -> String in
                let summary = run.summary!
                guard let k = summary.header.firstIndex(of: quantity), let row = summary.rows.first, k < row.count else { return "" }
                return row[k]
            }
        }
        return HTMLReport.Table(header: ["quantity"] + runs.map(\.name), rows: rows)
    }
}

/// `--plot FILE.svg` and `--report FILE.html` on simulate, sweep and population.
struct FigureOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also draw the runs as an SVG (default panels; benzosim plot draws others).", valueName: "file.svg"))
    var plot: String?

    @Option(help: ArgumentHelp("Also write a self-contained HTML report (figure, summary, regimen, changed parameters).", valueName: "file.html"))
    var report: String?

    var isRequested: Bool { plot != nil || report != nil }

    /// Writes the SVG and/or the report of `runs` and `bands`.
    func write(runs: [PlotRun], bands: [PlotBands], title: String, summaries: [String] = [], regimen: String? = nil,
               parameterChanges: [[String]]? = nil) throws {
        guard isRequested else { return }
        let figure: Figure
        var tables: [(String, CSVTable)] = []
        do {
            figure = try PlotInputs.figure(runs: runs, bands: bands, outputs: nil, log: false, window: (nil, nil), title: title, width: 900)
            for path in summaries { tables.append((path, try CSVTable.read(path: path, limit: ReportPage.rowLimit))) }
        } catch {
            throw fail(error)
        }
        if let plot { try writeAtomically(figure.svg(), to: plot) }
        if let report {
            try writeAtomically(ReportPage.html(title: title, figure: figure, runs: runs, bands: bands, summaries: tables,
                                                regimen: regimen, parameterChanges: parameterChanges), to: report)
        }
    }

    /// The runs of a trajectory file and the bands of a band file written by sweep or population.
    func load(trajectories: String?, bands: String?) throws -> (runs: [PlotRun], bands: [PlotBands]) {
        var runs: [PlotRun] = [], loadedBands: [PlotBands] = []
        do {
            if let trajectories { runs = try PlotInputs.load(csv: trajectories).runs }
            if let bands, let band = try PlotInputs.load(csv: bands).bands { loadedBands.append(band) }
        } catch {
            throw fail(error)
        }
        return (runs, loadedBands)
    }

    /// For sweep and population: the plot needs trajectories or bands written to files.
    func validate(trajectories: String?, bands: Bool) throws {
        guard isRequested else { return }
        if trajectories == nil && !bands {
            throw ValidationError("--plot and --report draw the runs' trajectories: add --trajectories FILE\(bands ? "" : " (or --percentiles for a population)")")
        }
        if trajectories == "-" { throw ValidationError("--plot and --report read the trajectories back: give --trajectories a file, not -") }
    }
}
