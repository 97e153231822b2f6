/// Number and field formatting for every CSV file: fast, deterministic, and round-tripping.
///
/// - Finite numbers use Swift's shortest representation that reads back to the same `Double`
///   (`Double.description`'s digits, written without an intermediate `String`), except that
///   whole numbers below 10¹⁶ in magnitude (where `description` would end in `.0`) are written as
///   integers (`3`, not `3.0`) and −0 as `0`. So `0.1` → `0.1`, `1e-05` → `1e-05`,
///   `2.5e+20` → `2.5e+20`, `72.0` → `72`, `1e16` → `1e+16`.
/// - NaN (quiet, signalling or negative) is `nan`; infinities are `inf` and `-inf`. pandas,
///   NumPy, R (`as.numeric`) and Julia all read these spellings.
///
/// Measured (release, x86-64): `append(_:to:)` into a `String` ≈ 90 ns per 16–17-digit number
/// before the byte path existed (`string += x.description` ≈ 150 ns, `snprintf("%.17g")` ≈ 860 ns);
/// `write(_:to:)` produces the same bytes in ≈ 25–35 ns, and `CSVByteBuffer` appends them
/// without a `String` per field (the trajectory and summary writers use it).
public enum CSVFormat {
    /// `x` as a CSV field.
    @inlinable
    public static func format(_ x: Double) -> String {
        var s = ""
        append(x, to: &s)
        return s
    }

    /// Appends `x` as a CSV field to `text`.
    @inlinable
    public static func append(_ x: Double, to text: inout String) {
        // Into a String the standard library's path stays the fastest (a `String` made from
        // `write(_:to:)`'s bytes costs a heap allocation past 15 bytes); bulk output uses
        // `CSVByteBuffer`.
        if x.isNaN {
            text += "nan"
        } else if x.isInfinite {
            text += x < 0 ? "-inf" : "inf"
        } else if x == x.rounded(.towardZero) && abs(x) < 1e16 {
            text += String(Int(x))
        } else {
            x.write(to: &text)
        }
    }

    /// `field` quoted as RFC 4180 requires: unchanged unless it contains a comma, a double quote,
    /// a line break or leading/trailing spaces, in which case it is wrapped in double quotes with
    /// inner quotes doubled.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        var quoted = "\""
        for ch in field.unicodeScalars {
            if ch == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(ch) }
        }
        return quoted + "\""
    }

    /// `fields` escaped and joined by commas, ending in a line feed.
    public static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }
}
