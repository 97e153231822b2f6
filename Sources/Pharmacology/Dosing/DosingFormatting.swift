// Small text helpers shared by the dosing error messages. Internal: messages are the public face.

/// A number as a person would write it in an input file: `24` not `24.0`, `0.1`, `nan`, `inf`.
/// Error messages quote values this way so that the user recognises what they typed.
func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return "0" }  // also prints -0 as 0: the sign of zero means nothing to a user
    let text = "\(x)"
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}

/// `formatNumber` followed by a unit, e.g. `"-24 h"`; a unitless value when `unit` is empty.
func formatQuantity(_ x: Double, _ unit: String) -> String {
    unit.isEmpty ? formatNumber(x) : "\(formatNumber(x)) \(unit)"
}

