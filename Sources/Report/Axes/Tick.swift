/// One labelled axis tick: the data value it marks and the text shown beside it.
///
/// A tick's value is the decimal number `mantissa · 10^exponent` (rounded once to the nearest
/// `Double`) and its label spells exactly that decimal, so `Double(label) == value`.
public struct Tick: Sendable, Equatable {
    /// The data value (in the axis' units).
    public let value: Double
    /// The label, e.g. `0.25`, `100`, `1e-05`.
    public let label: String

    /// The tick `mantissa · 10^exponent`.
    public init(mantissa: Int, exponent: Int) {
        value = Tick.decimal(mantissa, exponent)
        label = Tick.label(mantissa, exponent)
    }

    /// `mantissa · 10^exponent` correctly rounded (the standard library's decimal parser rounds
    /// correctly; `mantissa * pow(10, exponent)` would not for negative exponents).
    static func decimal(_ mantissa: Int, _ exponent: Int) -> Double {
        Double("\(mantissa)e\(exponent)")!
    }

    /// The decimal `mantissa · 10^exponent` as text: positional notation for values from 10⁻⁴ to
    /// below 10⁶ (`0.0005`, `12.5`, `250000`), otherwise `d.ddde±XX` like Swift's `description`
    /// (`1e-05`, `2.5e+06`); no trailing zeros after a decimal point; `-` for negatives.
    static func label(_ mantissa: Int, _ exponent: Int) -> String {
        if mantissa == 0 { return "0" }
        var digits = String(mantissa.magnitude)
        var exponent = exponent
        while digits.count > 1 && digits.hasSuffix("0") {
            digits.removeLast()
            exponent += 1
        }
        let sign = mantissa < 0 ? "-" : ""
        // The number is 0.d₁d₂… · 10^(magnitude) with magnitude = digits.count + exponent.
        let magnitude = digits.count + exponent
        if magnitude > 6 || magnitude < -3 {
            // Scientific: d.ddd e±XX, at least two exponent digits.
            let head = String(digits.prefix(1)), tail = String(digits.dropFirst())
            let e = magnitude - 1
            let exponentText = (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
            return sign + head + (tail.isEmpty ? "" : "." + tail) + "e" + exponentText
        }
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
        if magnitude > 0 {
            return sign + String(digits.prefix(magnitude)) + "." + String(digits.dropFirst(magnitude))
        }
        return sign + "0." + String(repeating: "0", count: -magnitude) + digits
    }
}
