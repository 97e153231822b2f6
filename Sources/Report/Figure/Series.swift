/// A line through data points `(x[i], y[i])`, drawn in order. Points that cannot be drawn on the
/// panel's scale (NaN, infinities, values ≤ 0 on a log axis) break the line into segments.
public struct LineSeries: Sendable, Equatable {
    /// The name shown in the legend and written as the polyline's `data-series` attribute.
    public var name: String
    /// Data x values (the figure's shared axis, e.g. time in days); ascending for decimation.
    public var x: [Double]
    /// Data y values, as many as `x`.
    public var y: [Double]
    /// Stroke colour, any SVG colour (`#0072B2`).
    public var colour: String
    /// Stroke width (px).
    public var width: Double
    /// An SVG dash pattern (`4 3`), or `nil` for a solid line.
    public var dash: String?

    /// A line; `x` and `y` must have the same length.
    public init(name: String, x: [Double], y: [Double], colour: String, width: Double = 1.5, dash: String? = nil) {
        precondition(x.count == y.count, "a line needs as many y as x values")
        self.name = name
        self.x = x
        self.y = y
        self.colour = colour
        self.width = width
        self.dash = dash
    }
}

/// A shaded band between `lower[i]` and `upper[i]` at `x[i]` (e.g. a 5th–95th percentile
/// prediction interval). Points where either bound cannot be drawn split the band.
public struct BandSeries: Sendable, Equatable {
    /// The name written as the polygon's `data-band` attribute (and usable in a legend entry).
    public var name: String
    /// Data x values, ascending.
    public var x: [Double]
    /// Lower bounds, as many as `x`.
    public var lower: [Double]
    /// Upper bounds, as many as `x`.
    public var upper: [Double]
    /// Fill colour.
    public var colour: String
    /// Fill opacity, 0–1 (nested bands: lower opacity for the wider one).
    public var opacity: Double

    /// A band; the three arrays must have the same length.
    public init(name: String, x: [Double], lower: [Double], upper: [Double], colour: String, opacity: Double = 0.2) {
        precondition(x.count == lower.count && x.count == upper.count, "a band needs as many bounds as x values")
        self.name = name
        self.x = x
        self.lower = lower
        self.upper = upper
        self.colour = colour
        self.opacity = opacity
    }
}

/// One row of dose markers above the panels: a short vertical tick at each dose time, its height
/// proportional to the amount (relative to the largest dose in the figure), so a taper is visible.
public struct DoseRow: Sendable, Equatable {
    /// The run the doses belong to (used in the row's `data-doses` attribute).
    public var name: String
    /// Tick colour (the run's colour).
    public var colour: String
    /// Dose times (on the shared x axis) and amounts (any unit, the same in every row).
    public var doses: [(x: Double, amount: Double)]

    /// A row of dose markers.
    public init(name: String, colour: String, doses: [(x: Double, amount: Double)]) {
        self.name = name
        self.colour = colour
        self.doses = doses
    }

    public static func == (a: DoseRow, b: DoseRow) -> Bool {
        a.name == b.name && a.colour == b.colour && a.doses.elementsEqual(b.doses) { $0.x == $1.x && $0.amount == $1.amount }
    }
}

/// An entry of the figure's legend: a swatch (a line, or a filled box for a band) and a name.
public struct LegendEntry: Sendable, Equatable {
    /// How the swatch looks.
    public enum Style: Sendable, Equatable {
        /// A short line (optionally dashed).
        case line(dash: String?)
        /// A filled box with this opacity.
        case band(opacity: Double)
    }

    /// The text shown.
    public var name: String
    /// Swatch colour.
    public var colour: String
    /// Swatch style.
    public var style: Style

    /// An entry.
    public init(name: String, colour: String, style: Style = .line(dash: nil)) {
        self.name = name
        self.colour = colour
        self.style = style
    }
}

/// One panel of a figure: its own y axis (linear or log), lines and bands, sharing the figure's
/// x axis.
public struct Panel: Sendable, Equatable {
    /// What is plotted, e.g. `withdrawal` or `DZ plasma`.
    public var title: String
    /// Unit of the y values, e.g. `ng/mL`; `nil` or empty for dimensionless.
    public var unit: String?
    /// Linear or logarithmic y axis.
    public var scale: AxisScale.Kind
    /// Bands, drawn first (under the lines) in order.
    public var bands: [BandSeries]
    /// Lines, drawn in order.
    public var lines: [LineSeries]

    /// A panel.
    public init(title: String, unit: String? = nil, scale: AxisScale.Kind = .linear, bands: [BandSeries] = [], lines: [LineSeries] = []) {
        self.title = title
        self.unit = unit
        self.scale = scale
        self.bands = bands
        self.lines = lines
    }

    /// The y-axis title: `title (unit)`, or `title` alone when dimensionless.
    public var axisTitle: String {
        guard let unit, !unit.isEmpty, unit != "1" else { return title }
        return "\(title) (\(unit))"
    }
}
