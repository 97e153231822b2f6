extension Figure {
    /// The figure as a complete SVG document (see `SVGWriter`). Elements carry attributes that
    /// tools can query: `data-series` on each line's polylines, `data-band` on band polygons,
    /// `data-panel` on panel groups (with `data-plot-area` = `x y width height` of the plotting
    /// rectangle, `data-x-domain` and `data-y-domain` = `lower upper`, and `data-y-scale` =
    /// `linear` or `log`, so a reader can map pixels back to data), and the classes `legend`,
    /// `axis-title` and `tick-label`.
    public func svg() -> String {
        let layout = layout()
        var svg = SVGWriter()
        if let title {
            svg.text(title, x: layout.plotLeft, y: Metrics.top + 17, size: Metrics.titleSize, weight: "bold")
        }
        drawLegend(&svg, layout)
        drawDoses(&svg, layout)
        for index in panels.indices { drawPanel(index, &svg, layout) }
        return svg.document(width: layout.width, height: layout.height, title: title ?? panels.map(\.title).joined(separator: ", "))
    }

    func drawLegend(_ svg: inout SVGWriter, _ layout: FigureLayout) {
        Self.drawLegend(legend, at: layout.legendPositions, &svg)
    }

    /// Draws `legend` (swatch and name) at `positions` (from `legendLayout`), in a `legend` group.
    static func drawLegend(_ legend: [LegendEntry], at positions: [(x: Double, y: Double)], _ svg: inout SVGWriter) {
        guard !legend.isEmpty else { return }
        svg.beginGroup(["class": "legend"])
        for (entry, position) in zip(legend, positions) {
            switch entry.style {
            case .line(let dash):
                svg.line(position.x, position.y - 4, position.x + Metrics.swatch, position.y - 4, stroke: entry.colour, width: 2.5, dash: dash)
            case .band(let opacity):
                svg.rect(x: position.x, y: position.y - 10, width: Metrics.swatch, height: 11, fill: entry.colour, opacity: opacity)
            }
            svg.text(entry.name, x: position.x + Metrics.swatch + 6, y: position.y, size: Metrics.legendSize)
        }
        svg.endGroup()
    }

    func drawDoses(_ svg: inout SVGWriter, _ layout: FigureLayout) {
        guard !doseRows.isEmpty else { return }
        let largest = doseRows.flatMap { $0.doses.map(\.amount) }.filter(\.isFinite).max() ?? 1
        svg.text("doses", x: layout.plotLeft - 6, y: layout.doseTop + Double(doseRows.count) * Metrics.doseRow / 2 + 4,
                 size: Metrics.tickSize, anchor: .end, fill: "#555")
        for (row, doses) in doseRows.enumerated() {
            svg.beginGroup(["data-doses": doses.name])
            let baseline = layout.doseTop + Double(row + 1) * Metrics.doseRow - 1
            for dose in doses.doses where layout.x.domain.contains(dose.x) {
                let height = largest > 0 && dose.amount.isFinite ? max(2, (Metrics.doseRow - 1) * dose.amount / largest) : 2
                let px = layout.x.position(of: dose.x)
                svg.line(px, baseline, px, baseline - height, stroke: doses.colour, width: 1)
            }
            svg.endGroup()
        }
    }

    func drawPanel(_ index: Int, _ svg: inout SVGWriter, _ layout: FigureLayout) {
        let panel = panels[index], yScale = layout.y[index], top = layout.panelTops[index]
        let left = layout.plotLeft, right = left + layout.plotWidth, bottom = top + layout.panelHeight
        let clip = "\(idPrefix)-clip-\(index)"
        let area = [left, top, layout.plotWidth, layout.panelHeight].map(SVGWriter.coordinate).joined(separator: " ")
        svg.beginGroup(["data-panel": panel.title, "data-plot-area": area,
                        "data-x-domain": "\(layout.x.domain.lowerBound) \(layout.x.domain.upperBound)",
                        "data-y-domain": "\(yScale.domain.lowerBound) \(yScale.domain.upperBound)",
                        "data-y-scale": panel.scale == .linear ? "linear" : "log"])
        svg.clipRectangle(id: clip, x: left, y: top, width: layout.plotWidth, height: layout.panelHeight)
        let xTicks = layout.x.ticks(count: max(4, Int(layout.plotWidth / 110)))
        let yTicks = yScale.ticks(count: max(3, Int(layout.panelHeight / 45)))
        for tick in yTicks {
            let py = yScale.position(of: tick.value)
            svg.line(left, py, right, py, stroke: "#e6e6e6")
            svg.text(tick.label, x: left - 6, y: py + 4, size: Metrics.tickSize, anchor: .end, fill: "#444", data: ["class": "tick-label"])
        }
        for tick in xTicks {
            let px = layout.x.position(of: tick.value)
            svg.line(px, top, px, bottom, stroke: "#eeeeee")
            if index == panels.count - 1 {
                svg.text(tick.label, x: px, y: bottom + 15, size: Metrics.tickSize, anchor: .middle, fill: "#444", data: ["class": "tick-label"])
            }
        }
        svg.beginGroup(["clip-path": "url(#\(clip))"])
        for band in panel.bands { drawBand(band, &svg, layout.x, yScale) }
        for line in panel.lines {
            for segment in segments(line.x, [line.y], layout.x, yScale) {
                let points = Decimation.m4(segment.map { (layout.x.position(of: line.x[$0]), yScale.position(of: line.y[$0])) })
                svg.polyline(points, stroke: line.colour, width: line.width, dash: line.dash, data: ["data-series": line.name])
            }
        }
        svg.endGroup()
        svg.rect(x: left, y: top, width: layout.plotWidth, height: layout.panelHeight, stroke: "#888")
        let title = panel.axisTitle
        let titleSize = min(Metrics.axisTitleSize, max(8, layout.panelHeight / max(1, TextMetrics.width(title, size: 1))))
        svg.text(title, x: 16, y: top + layout.panelHeight / 2, size: titleSize, anchor: .middle, rotation: -90,
                 data: ["class": "axis-title"])
        if index == panels.count - 1 {
            svg.text(xLabel, x: left + layout.plotWidth / 2, y: bottom + 36, size: Metrics.axisTitleSize, anchor: .middle,
                     data: ["class": "axis-title"])
        }
        svg.endGroup()
    }

    func drawBand(_ band: BandSeries, _ svg: inout SVGWriter, _ x: AxisScale, _ y: AxisScale) {
        for segment in segments(band.x, [band.lower, band.upper], x, y) {
            let upper = Decimation.m4(segment.map { (x.position(of: band.x[$0]), y.position(of: band.upper[$0])) })
            let lower = Decimation.m4(segment.map { (x.position(of: band.x[$0]), y.position(of: band.lower[$0])) })
            svg.polygon(upper + lower.reversed(), fill: band.colour, opacity: band.opacity, data: ["data-band": band.name])
        }
    }

    /// Index runs where every one of `values` can be drawn, restricted to the x domain plus one
    /// point either side (so lines reach the edges; the clip path trims them).
    func segments(_ xs: [Double], _ values: [[Double]], _ x: AxisScale, _ y: AxisScale) -> [[Int]] {
        let domain = x.domain
        var result: [[Int]] = [], current: [Int] = []
        for i in xs.indices {
            let near = domain.contains(xs[i])
                || (i + 1 < xs.count && xs[i] < domain.lowerBound && xs[i + 1] >= domain.lowerBound)
                || (i > 0 && xs[i] > domain.upperBound && xs[i - 1] <= domain.upperBound)
            if near && xs[i].isFinite && values.allSatisfy({ y.canShow($0[i]) }) {
                current.append(i)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
