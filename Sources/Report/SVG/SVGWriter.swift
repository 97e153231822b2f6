/// A small writer of SVG 1.1 text: elements are appended in drawing order (later ones paint over
/// earlier ones) and `document(width:height:)` wraps them in the root `<svg>` element.
///
/// Coordinates are user units (pixels at 100% zoom), origin top-left, y pointing down. Numbers are
/// written with at most two decimals (`coordinate(_:)`), i.e. to 1/100 px; every text and attribute
/// value goes through `escape(_:)`, so any series name is safe. The output is well-formed XML
/// (and so valid inline in HTML5).
public struct SVGWriter: Sendable {
    /// The elements written so far.
    public private(set) var body = ""

    /// An empty drawing.
    public init() {}

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, safe inside element content
    /// and quoted attribute values. Control characters other than tab and line feed (not allowed
    /// in XML 1.0) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// `x` rounded to 1/100 and written without trailing zeros (`12`, `12.5`, `-0.25`); non-finite
    /// values (which SVG cannot draw) are written as `0`.
    public static func coordinate(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return "0" }
        let hundredths = Int((x * 100).rounded())
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        var text = hundredths < 0 ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return text
    }

    /// Appends `<name attributes…/>`; attribute values are escaped.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        body += "<" + name + Self.attributeText(attributes) + "/>\n"
    }

    /// Appends `<name attributes…>content</name>` with `content` escaped.
    public mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text content: String) {
        body += "<" + name + Self.attributeText(attributes) + ">" + Self.escape(content) + "</" + name + ">\n"
    }

    /// Opens a group `<g …>`; close it with `endGroup()`.
    public mutating func beginGroup(_ attributes: KeyValuePairs<String, String> = [:]) {
        body += "<g" + Self.attributeText(attributes) + ">\n"
    }

    /// Closes the innermost open group.
    public mutating func endGroup() { body += "</g>\n" }

    /// A straight line from (x1, y1) to (x2, y2).
    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil) {
        var text = "<line x1=\"\(Self.coordinate(x1))\" y1=\"\(Self.coordinate(y1))\" x2=\"\(Self.coordinate(x2))\" y2=\"\(Self.coordinate(y2))\""
        text += " stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.coordinate(width))\""
        if let dash { text += " stroke-dasharray=\"\(Self.escape(dash))\"" }
        body += text + "/>\n"
    }

    /// A rectangle with top-left corner (x, y).
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String = "none",
                              stroke: String? = nil, strokeWidth: Double = 1, opacity: Double? = nil) {
        var text = "<rect x=\"\(Self.coordinate(x))\" y=\"\(Self.coordinate(y))\" width=\"\(Self.coordinate(width))\" height=\"\(Self.coordinate(height))\" fill=\"\(Self.escape(fill))\""
        if let stroke { text += " stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.coordinate(strokeWidth))\"" }
        if let opacity { text += " fill-opacity=\"\(Self.coordinate(opacity))\"" }
        body += text + "/>\n"
    }

    /// Defines a rectangular clip path `id`; a group with `clip-path="url(#id)"` then draws only
    /// inside the rectangle.
    public mutating func clipRectangle(id: String, x: Double, y: Double, width: Double, height: Double) {
        body += "<defs><clipPath id=\"\(Self.escape(id))\"><rect x=\"\(Self.coordinate(x))\" y=\"\(Self.coordinate(y))\" width=\"\(Self.coordinate(width))\" height=\"\(Self.coordinate(height))\"/></clipPath></defs>\n"
    }

    /// An open polyline through `points` (at least two, or nothing is drawn). `data` attributes
    /// (e.g. `["data-series": name]`) let tools and tests find it.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5,
                                  dash: String? = nil, data: KeyValuePairs<String, String> = [:]) {
        guard points.count >= 2 else { return }
        var text = "<polyline fill=\"none\" stroke=\"\(Self.escape(stroke))\" stroke-width=\"\(Self.coordinate(width))\" stroke-linejoin=\"round\""
        if let dash { text += " stroke-dasharray=\"\(Self.escape(dash))\"" }
        text += Self.attributeText(data) + " points=\"" + Self.pointList(points) + "\"/>\n"
        body += text
    }

    /// A closed, filled polygon through `points` (at least three, or nothing is drawn).
    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double,
                                 data: KeyValuePairs<String, String> = [:]) {
        guard points.count >= 3 else { return }
        body += "<polygon fill=\"\(Self.escape(fill))\" fill-opacity=\"\(Self.coordinate(opacity))\" stroke=\"none\""
            + Self.attributeText(data) + " points=\"" + Self.pointList(points) + "\"/>\n"
    }

    /// How a text is placed relative to its anchor point.
    public enum Anchor: String, Sendable {
        /// The point is the start of the text.
        case start
        /// The point is the middle of the text.
        case middle
        /// The point is the end of the text.
        case end
    }

    /// Text whose baseline starts, centres or ends (`anchor`) at (x, y); `rotation` in degrees
    /// (clockwise) about that point, e.g. −90 for a vertical axis title.
    public mutating func text(_ content: String, x: Double, y: Double, size: Double = 11, anchor: Anchor = .start,
                              rotation: Double = 0, fill: String = "#222", weight: String? = nil,
                              data: KeyValuePairs<String, String> = [:]) {
        var text = "<text x=\"\(Self.coordinate(x))\" y=\"\(Self.coordinate(y))\" font-size=\"\(Self.coordinate(size))\""
        if anchor != .start { text += " text-anchor=\"\(anchor.rawValue)\"" }
        if rotation != 0 {
            text += " transform=\"rotate(\(Self.coordinate(rotation)) \(Self.coordinate(x)) \(Self.coordinate(y)))\""
        }
        if fill != "#222" { text += " fill=\"\(Self.escape(fill))\"" }
        if let weight { text += " font-weight=\"\(Self.escape(weight))\"" }
        body += text + Self.attributeText(data) + ">" + Self.escape(content) + "</text>\n"
    }

    /// The complete SVG document: the root element with `width`×`height` and a matching
    /// `viewBox`, a white background, a sans-serif font, and `title` as its accessible name.
    public func document(width: Double, height: Double, title: String? = nil) -> String {
        let w = Self.coordinate(width), h = Self.coordinate(height)
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        text += " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        if let title { text += "<title>" + Self.escape(title) + "</title>\n" }
        text += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        return text + body + "</svg>\n"
    }

    static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        var text = ""
        for (name, value) in attributes { text += " " + name + "=\"" + escape(value) + "\"" }
        return text
    }

    static func pointList(_ points: [(x: Double, y: Double)]) -> String {
        var text = ""
        text.reserveCapacity(points.count * 14)
        for (i, p) in points.enumerated() {
            if i > 0 { text += " " }
            text += coordinate(p.x) + "," + coordinate(p.y)
        }
        return text
    }
}
