/// `Report`: drawing (SVG panels with axes, "nice" ticks, lines, bands and legends) and the
/// self-contained HTML report. It knows tables and named series, never pharmacology.
///
/// - `SVGWriter`: escaped SVG elements (lines, polylines, polygons, text, groups, clip paths).
/// - `NiceTicks`, `Tick`, `AxisScale`: tick values and labels, linear and log data-to-pixel maps.
/// - `Figure` of `Panel`s (`LineSeries`, `BandSeries`), `LegendEntry`, `DoseRow`, `Palette`:
///   stacked panels on a shared x axis, rendered by `Figure.svg()`.
/// - `BarChart` of `BarPanel`s (`BarGroup`, `BarValue`): horizontal grouped bars with interval
///   whiskers, a value axis per panel, rendered by `BarChart.svg()`.
/// - `HTMLReport`: one offline HTML page of headings, figures, tables and text.
///
/// No maintained Swift plotting library fits (Swift Charts is Apple-only; the package mirror
/// offers none for Linux), so this is a small SVG writer of its own.
public enum ReportModule {
    /// The module's version of its SVG/HTML layout, written into manifests.
    public static let formatVersion = 1
}
