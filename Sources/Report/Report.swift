/// `Report`: drawing (SVG panels with axes, "nice" ticks, lines, bands and legends) and the
/// self-contained HTML report. It knows tables and named series, never pharmacology.
public enum ReportModule {
    /// The module's version of its SVG/HTML layout, written into manifests.
    public static let formatVersion = 1
}
