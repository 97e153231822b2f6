extension Figure {
    /// Fixed layout sizes (px).
    enum Metrics {
        static let left = 78.0, right = 24.0, top = 10.0, bottom = 46.0
        static let titleHeight = 26.0, titleSize = 15.0
        static let legendRow = 20.0, legendSize = 12.0, swatch = 24.0
        static let doseRow = 9.0, doseGap = 8.0
        static let panelGap = 18.0, tickSize = 11.0, axisTitleSize = 12.0
    }

    /// Positions of the title, legend, dose rows and panels, and every panel's scales.
    public func layout() -> FigureLayout {
        let plotLeft = Metrics.left, plotWidth = max(50, width - Metrics.left - Metrics.right)
        var cursor = Metrics.top + (title == nil ? 0 : Metrics.titleHeight)
        let legendTop = cursor
        let (positions, legendHeight) = Self.legendLayout(legend, left: plotLeft, width: plotWidth, top: legendTop)
        cursor += legendHeight
        let doseTop = cursor
        if !doseRows.isEmpty { cursor += Double(doseRows.count) * Metrics.doseRow + Metrics.doseGap }
        var tops: [Double] = []
        for _ in panels {
            tops.append(cursor)
            cursor += panelHeight + Metrics.panelGap
        }
        let height = cursor - Metrics.panelGap + Metrics.bottom
        let xScale = AxisScale(kind: .linear, domain: resolvedXDomain(), start: plotLeft, end: plotLeft + plotWidth)
        let yScales = zip(panels, tops).map { panel, top in
            AxisScale(kind: panel.scale, domain: yDomain(of: panel, within: xScale.domain), start: top + panelHeight, end: top)
        }
        return FigureLayout(width: width, height: height, plotLeft: plotLeft, plotWidth: plotWidth, panelTops: tops,
                            panelHeight: panelHeight, x: xScale, y: yScales, legendTop: legendTop, doseTop: doseTop,
                            legendPositions: positions)
    }

    /// Legend entries laid out left to right from (`left`, `top`), wrapping at `left + width`:
    /// each entry's left edge and baseline, and the height taken (0 for no entries), in px.
    static func legendLayout(_ legend: [LegendEntry], left: Double, width: Double, top: Double)
        -> (positions: [(x: Double, y: Double)], height: Double) {
        var positions: [(x: Double, y: Double)] = []
        var x = left, row = 0
        for entry in legend {
            let advance = Metrics.swatch + 6 + TextMetrics.width(entry.name, size: Metrics.legendSize) + 18
            if x > left && x + advance - 18 > left + width {
                row += 1
                x = left
            }
            positions.append((x, top + Double(row) * Metrics.legendRow + 14))
            x += advance
        }
        return (positions, legend.isEmpty ? 0 : Double(row + 1) * Metrics.legendRow + 4)
    }

    /// `xDomain`, or the range of every finite x value in the panels (0…1 when there is none).
    func resolvedXDomain() -> ClosedRange<Double> {
        if let xDomain, xDomain.upperBound > xDomain.lowerBound { return xDomain }
        var low = Double.infinity, high = -Double.infinity
        for panel in panels {
            for xs in panel.lines.map(\.x) + panel.bands.map(\.x) {
                for v in xs where v.isFinite {
                    low = min(low, v)
                    high = max(high, v)
                }
            }
        }
        if !(low.isFinite && high.isFinite) { return 0...1 }
        return high > low ? low...high : (low - 1)...(high + 1)
    }

    /// The y domain of `panel`: its drawable values at x inside `xs`, widened to nice ticks.
    func yDomain(of panel: Panel, within xs: ClosedRange<Double>) -> ClosedRange<Double> {
        let logarithmic = panel.scale == .logarithmic
        var low = Double.infinity, high = -Double.infinity
        func include(_ x: [Double], _ y: [Double]) {
            for i in x.indices where xs.contains(x[i]) && y[i].isFinite && (!logarithmic || y[i] > 0) {
                low = min(low, y[i])
                high = max(high, y[i])
            }
        }
        for line in panel.lines { include(line.x, line.y) }
        for band in panel.bands {
            include(band.x, band.lower)
            include(band.x, band.upper)
        }
        if logarithmic {
            guard high.isFinite else { return 1...10 }
            return NiceTicks.niceLogDomain(max(low, high / pow10(logDecades)), high)
        }
        guard high.isFinite else { return 0...1 }
        return NiceTicks.niceLinearDomain(low, high)
    }

    func pow10(_ x: Double) -> Double { (0..<Int(x.rounded(.up))).reduce(1.0) { p, _ in p * 10 } }
}
