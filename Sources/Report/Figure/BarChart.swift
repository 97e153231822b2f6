/// A horizontal grouped bar chart: one panel per measured quantity (e.g. a sensitivity output),
/// in each a group of bars per item (e.g. a parameter), one bar per series (e.g. the index kinds
/// S1 and ST) with an optional confidence-interval whisker, rendered by `svg()`.
///
/// ```swift
/// let chart = BarChart(title: "Sobol indices", valueLabel: "index",
///                      series: [LegendEntry(name: "S1", colour: Palette.colour(0), style: .band(opacity: 1)),
///                               LegendEntry(name: "ST", colour: Palette.colour(1), style: .band(opacity: 1))],
///                      panels: [BarPanel(title: "withdrawal_peak", groups: [
///                          BarGroup(label: "h_homeo", bars: [BarValue(0.61, low: 0.5, high: 0.7), BarValue(0.7)])])])
/// let svg = chart.svg()
/// ```
///
/// Each panel has its own value axis (quantities differ in unit and size): the range of its
/// finite values and interval bounds together with 0, widened to nice ticks. Bars start at 0.
/// A non-finite value draws no bar but the text `n/a` at 0, so a missing estimate is never read
/// as a zero one.
public struct BarChart: Sendable, Equatable {
    /// A title above the legend, or `nil`.
    public var title: String?
    /// The value-axis title under the last panel, e.g. `index value`.
    public var valueLabel: String
    /// The series, in bar order within each group: their names and colours (also the legend).
    public var series: [LegendEntry]
    /// Panels, top to bottom.
    public var panels: [BarPanel]
    /// Total width (px).
    public var width: Double
    /// Thickness of one bar (px).
    public var barHeight: Double

    /// A chart.
    public init(title: String? = nil, valueLabel: String, series: [LegendEntry], panels: [BarPanel],
                width: Double = 760, barHeight: Double = 9) {
        self.title = title
        self.valueLabel = valueLabel
        self.series = series
        self.panels = panels
        self.width = width
        self.barHeight = barHeight
    }
}

/// One panel of a `BarChart`: a titled value axis with a group of bars per item.
public struct BarPanel: Sendable, Equatable {
    /// What the values are, e.g. `withdrawal_peak`.
    public var title: String
    /// Groups, top to bottom.
    public var groups: [BarGroup]

    /// A panel.
    public init(title: String, groups: [BarGroup]) {
        self.title = title
        self.groups = groups
    }
}

/// The bars of one item, one per series of the chart (in the chart's series order).
public struct BarGroup: Sendable, Equatable {
    /// The item's name, written left of its bars.
    public var label: String
    /// One value per series; a missing series is `BarValue(.nan)`.
    public var bars: [BarValue]

    /// A group.
    public init(label: String, bars: [BarValue]) {
        self.label = label
        self.bars = bars
    }
}

/// A bar's value and its confidence interval (NaN bounds: no whisker).
public struct BarValue: Sendable, Equatable {
    /// The value (in the panel's units); non-finite draws `n/a`.
    public var value: Double
    /// Lower and upper bound of the interval, or NaN.
    public var low: Double, high: Double

    /// A value with an optional interval.
    public init(_ value: Double, low: Double = .nan, high: Double = .nan) {
        self.value = value
        self.low = low
        self.high = high
    }

    /// Whether a whisker is drawn: both bounds finite.
    public var hasInterval: Bool { low.isFinite && high.isFinite }

    public static func == (a: BarValue, b: BarValue) -> Bool {
        a.value.bitPattern == b.value.bitPattern && a.low.bitPattern == b.low.bitPattern && a.high.bitPattern == b.high.bitPattern
    }
}

extension BarChart {
    /// Fixed layout sizes (px).
    enum Metrics {
        static let right = 24.0, top = 10.0, bottom = 46.0, labelGap = 8.0
        static let panelTitle = 20.0, tickRow = 18.0, panelGap = 14.0, groupGap = 8.0
    }

    /// Left edge and width of the plotting areas, the top of the legend and of each plotting area,
    /// its height, each panel's value scale, the legend positions and the total height (px).
    func layout() -> (left: Double, plotWidth: Double, legendPositions: [(x: Double, y: Double)], tops: [Double],
                      heights: [Double], scales: [AxisScale], height: Double) {
        let labels = panels.flatMap { $0.groups.map(\.label) }
        let left = max(60, (labels.map { TextMetrics.width($0, size: Figure.Metrics.tickSize) }.max() ?? 0) + 2 * Metrics.labelGap)
        let plotWidth = max(50, width - left - Metrics.right)
        var cursor = Metrics.top + (title == nil ? 0 : Figure.Metrics.titleHeight)
        let (positions, legendHeight) = Figure.legendLayout(series, left: left, width: plotWidth, top: cursor)
        cursor += legendHeight
        var tops: [Double] = [], heights: [Double] = [], scales: [AxisScale] = []
        let groupHeight = Double(max(1, series.count)) * barHeight + Metrics.groupGap
        for panel in panels {
            cursor += Metrics.panelTitle
            let height = Double(max(1, panel.groups.count)) * groupHeight
            tops.append(cursor)
            heights.append(height)
            scales.append(AxisScale(kind: .linear, domain: valueDomain(of: panel), start: left, end: left + plotWidth))
            cursor += height + Metrics.tickRow + Metrics.panelGap
        }
        return (left, plotWidth, positions, tops, heights, scales, cursor - Metrics.panelGap - Metrics.tickRow + Metrics.bottom)
    }

    /// 0 and every finite value and bound of `panel`, widened to nice ticks.
    func valueDomain(of panel: BarPanel) -> ClosedRange<Double> {
        var low = 0.0, high = 0.0
        for bar in panel.groups.flatMap(\.bars) {
            for v in [bar.value] + (bar.hasInterval ? [bar.low, bar.high] : []) where v.isFinite {
                low = min(low, v)
                high = max(high, v)
            }
        }
        return NiceTicks.niceLinearDomain(low, high == low ? low + 1 : high)
    }

    /// The chart as a complete SVG document. Each panel is a group with `data-panel` (its title),
    /// `data-plot-area` (`x y width height`) and `data-x-domain` (`lower upper` of the value
    /// axis); each bar is a group of class `bar` with `data-group` and `data-series`, holding its
    /// `rect` (from 0 to the value) and, with an interval, a whisker `line` of class `whisker`
    /// from the lower to the upper bound (and two end caps).
    public func svg() -> String {
        let layout = layout()
        var svg = SVGWriter()
        if let title {
            svg.text(title, x: layout.left, y: Metrics.top + 17, size: Figure.Metrics.titleSize, weight: "bold")
        }
        Figure.drawLegend(series, at: layout.legendPositions, &svg)
        for index in panels.indices {
            drawPanel(index, top: layout.tops[index], height: layout.heights[index], left: layout.left,
                      plotWidth: layout.plotWidth, scale: layout.scales[index], &svg)
        }
        if let last = panels.indices.last {
            svg.text(valueLabel, x: layout.left + layout.plotWidth / 2, y: layout.tops[last] + layout.heights[last] + 36,
                     size: Figure.Metrics.axisTitleSize, anchor: .middle, data: ["class": "axis-title"])
        }
        return svg.document(width: width, height: layout.height, title: title ?? panels.map(\.title).joined(separator: ", "))
    }

    func drawPanel(_ index: Int, top: Double, height: Double, left: Double, plotWidth: Double, scale: AxisScale,
                   _ svg: inout SVGWriter) {
        let panel = panels[index], bottom = top + height, right = left + plotWidth
        let area = [left, top, plotWidth, height].map(SVGWriter.coordinate).joined(separator: " ")
        svg.beginGroup(["data-panel": panel.title, "data-plot-area": area,
                        "data-x-domain": "\(scale.domain.lowerBound) \(scale.domain.upperBound)"])
        svg.text(panel.title, x: left, y: top - 6, size: Figure.Metrics.axisTitleSize, weight: "bold", data: ["class": "axis-title"])
        for tick in scale.ticks(count: max(4, Int(plotWidth / 110))) {
            let px = scale.position(of: tick.value)
            svg.line(px, top, px, bottom, stroke: "#e6e6e6")
            svg.text(tick.label, x: px, y: bottom + 14, size: Figure.Metrics.tickSize, anchor: .middle, fill: "#444",
                     data: ["class": "tick-label"])
        }
        let zero = scale.position(of: 0)
        let groupHeight = Double(max(1, series.count)) * barHeight + Metrics.groupGap
        for (g, group) in panel.groups.enumerated() {
            let groupTop = top + Double(g) * groupHeight + Metrics.groupGap / 2
            svg.text(group.label, x: left - Metrics.labelGap, y: groupTop + Double(series.count) * barHeight / 2 + 4,
                     size: Figure.Metrics.tickSize, anchor: .end, data: ["class": "bar-label"])
            for (s, bar) in group.bars.prefix(series.count).enumerated() {
                let y = groupTop + Double(s) * barHeight
                svg.beginGroup(["class": "bar", "data-group": group.label, "data-series": series[s].name])
                if bar.value.isFinite {
                    let end = scale.position(of: bar.value)
                    svg.rect(x: min(zero, end), y: y + 0.5, width: abs(end - zero), height: barHeight - 1, fill: series[s].colour)
                } else {
                    svg.text("n/a", x: zero + 3, y: y + barHeight - 1, size: barHeight, fill: "#555")
                }
                if bar.hasInterval {
                    let lo = scale.position(of: bar.low), hi = scale.position(of: bar.high), mid = y + barHeight / 2
                    svg.element("line", ["class": "whisker", "x1": SVGWriter.coordinate(lo), "y1": SVGWriter.coordinate(mid),
                                         "x2": SVGWriter.coordinate(hi), "y2": SVGWriter.coordinate(mid),
                                         "stroke": "#222", "stroke-width": "1"])
                    for px in [lo, hi] { svg.line(px, mid - barHeight / 3, px, mid + barHeight / 3, stroke: "#222") }
                }
                svg.endGroup()
            }
        }
        svg.line(zero, top, zero, bottom, stroke: "#555")
        svg.rect(x: left, y: top, width: plotWidth, height: height, stroke: "#888")
        svg.endGroup()
    }
}
