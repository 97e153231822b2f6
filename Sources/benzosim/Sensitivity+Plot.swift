import Analysis
import Report

extension Sensitivity {
    /// The indices drawn by `--plot` for each method: S1 and ST (Sobol'), μ* and σ (Morris), the
    /// normalised coefficient (local; the raw derivatives have per-parameter units, not comparable
    /// in one panel).
    static func plottedIndices(method: String) -> [String] {
        switch method {
        case "sobol": ["S1", "ST"]
        case "morris": ["mu_star", "sigma"]
        default: ["normalized"]
        }
    }

    /// `indices` as a bar chart: a panel per output (in `outputs` order), a group per parameter
    /// (in `parameters` order), a bar per plotted index kind with its interval where it has one.
    static func barChart(_ indices: [SensitivityIndex], method: String, parameters: [String], outputs: [String]) -> BarChart {
        let kinds = plottedIndices(method: method)
        var lookup: [String: SensitivityIndex] = [:]
        for row in indices { lookup[row.output + "\u{0}" + row.parameter + "\u{0}" + row.index] = row }
        let panels = outputs.map { output in
            BarPanel(title: output, groups: parameters.map { parameter in
                BarGroup(label: parameter, bars: kinds.map { kind in
                    guard let row = lookup[output + "\u{0}" + parameter + "\u{0}" + kind] else { return BarValue(.nan) }
                    return BarValue(row.value, low: row.ciLow, high: row.ciHigh)
                })
            })
        }
        let series = kinds.enumerated().map { k, kind in
            LegendEntry(name: kind, colour: Palette.colour(k), style: .band(opacity: 1))
        }
        let title = ["sobol": "Sobol' indices", "morris": "Morris elementary effects", "local": "Local sensitivity (∂y/∂p · p/y)"][method]
        return BarChart(title: title, valueLabel: method == "morris" ? "effect (output units)" : "index", series: series, panels: panels)
    }

    /// Time-resolved coefficients as a figure: a panel per output (in `outputs` order), a line per
    /// parameter of ∂y(t)/∂p · p/y(t) against time in days; NaN (y(t) = 0) breaks the line.
    static func timeResolvedFigure(_ result: TimeResolvedLocalSensitivity.Result, parameters: [String], outputs: [String]) -> Figure {
        let days = result.times.map { $0 / 24 }
        let d = parameters.count, k = outputs.count
        let panels = outputs.enumerated().map { j, output in
            Panel(title: output, lines: parameters.enumerated().map { i, parameter in
                LineSeries(name: parameter, x: days,
                           y: result.times.indices.map { s in result.coefficients[(s * d + i) * k + j].normalized },
                           colour: Palette.colour(i))
            })
        }
        let legend = parameters.enumerated().map { i, parameter in LegendEntry(name: parameter, colour: Palette.colour(i)) }
        return Figure(title: "Time-resolved local sensitivity (∂y/∂p · p/y)", xLabel: "time (days)", panels: panels, legend: legend)
    }
}
