/// A figure of stacked panels sharing one x axis (e.g. time in days), with a legend and optional
/// rows of dose markers on top, rendered as a standalone SVG document by `svg()`.
///
/// ```swift
/// let withdrawal = Panel(title: "withdrawal", lines: [
///     LineSeries(name: "abrupt stop", x: days, y: w1, colour: Palette.colour(0)),
///     LineSeries(name: "taper", x: days, y: w2, colour: Palette.colour(1))])
/// let figure = Figure(xLabel: "time (days)", panels: [withdrawal],
///                     legend: [LegendEntry(name: "abrupt stop", colour: Palette.colour(0)),
///                              LegendEntry(name: "taper", colour: Palette.colour(1))])
/// try figure.svg().write(toFile: "withdrawal.svg", atomically: true, encoding: .utf8)
/// ```
///
/// Each y axis spans the drawable data of its panel within the x domain, widened to nice ticks;
/// a log axis shows at most `logDecades` decades below the panel's largest value (values below
/// are clipped at the bottom edge, so a washout to 10⁻³⁰ does not squash the curve).
public struct Figure: Sendable, Equatable {
    /// A title above the legend, or `nil`.
    public var title: String?
    /// The shared x-axis title, e.g. `time (days)`.
    public var xLabel: String
    /// The x range shown, or `nil` for the range of all the data.
    public var xDomain: ClosedRange<Double>?
    /// Panels, top to bottom.
    public var panels: [Panel]
    /// Legend entries, in order (laid out left to right, wrapping).
    public var legend: [LegendEntry]
    /// Dose marker rows, one per run, drawn above the first panel.
    public var doseRows: [DoseRow]
    /// Total width (px).
    public var width: Double
    /// Height of each panel's plotting area (px).
    public var panelHeight: Double
    /// Decades shown below the largest value on a log axis.
    public var logDecades: Double
    /// Prefix of the element ids in the SVG (clip paths); distinct figures inlined in one HTML
    /// page need distinct prefixes.
    public var idPrefix: String

    /// A figure.
    public init(title: String? = nil, xLabel: String, xDomain: ClosedRange<Double>? = nil, panels: [Panel],
                legend: [LegendEntry] = [], doseRows: [DoseRow] = [], width: Double = 900, panelHeight: Double = 170,
                logDecades: Double = 5, idPrefix: String = "fig") {
        self.title = title
        self.xLabel = xLabel
        self.xDomain = xDomain
        self.panels = panels
        self.legend = legend
        self.doseRows = doseRows
        self.width = width
        self.panelHeight = panelHeight
        self.logDecades = logDecades
        self.idPrefix = idPrefix
    }
}

/// Where everything of a `Figure` goes: the plotting rectangle of each panel and its scales.
public struct FigureLayout: Sendable, Equatable {
    /// Total width and height (px).
    public var width: Double, height: Double
    /// Left edge and width of every plotting area (px).
    public var plotLeft: Double, plotWidth: Double
    /// Top edge of each panel's plotting area (px), top to bottom.
    public var panelTops: [Double]
    /// Height of each plotting area (px).
    public var panelHeight: Double
    /// The shared x scale (pixels across the plotting width).
    public var x: AxisScale
    /// Each panel's y scale (pixels from the bottom of its plotting area up to its top).
    public var y: [AxisScale]
    /// Top of the legend and of the dose rows (px).
    public var legendTop: Double, doseTop: Double
    /// Legend entry positions: left edge and baseline of each entry, in order.
    public var legendPositions: [(x: Double, y: Double)]

    public static func == (a: FigureLayout, b: FigureLayout) -> Bool {
        a.width == b.width && a.height == b.height && a.plotLeft == b.plotLeft && a.plotWidth == b.plotWidth
            && a.panelTops == b.panelTops && a.panelHeight == b.panelHeight && a.x == b.x && a.y == b.y
            && a.legendTop == b.legendTop && a.doseTop == b.doseTop
            && a.legendPositions.elementsEqual(b.legendPositions) { $0.x == $1.x && $0.y == $1.y }
    }
}
