/// Estimated text extents for layout without a font engine: the average advance of DejaVu Sans
/// and Helvetica is close to 0.6 em for lower-case text and digits, a little more for capitals, so
/// estimates err wide (boxes fit; text never overlaps its neighbour).
public enum TextMetrics {
    /// Estimated width (px) of `text` at font `size` (px).
    public static func width(_ text: String, size: Double) -> Double {
        var ems = 0.0
        for character in text {
            if character.isUppercase || character == "m" || character == "w" || character == "%" { ems += 0.78 }
            else if character == " " || character == "." || character == "," || character == "i" || character == "l" { ems += 0.32 }
            else { ems += 0.6 }
        }
        return ems * size
    }
}
