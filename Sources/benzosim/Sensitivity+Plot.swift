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
}
