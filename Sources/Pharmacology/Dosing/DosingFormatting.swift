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

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), used to suggest
/// the column a user meant ("TMIE" → "TIME" is one transposition, not two substitutions).
func editDistance(_ a: String, _ b: String) -> Int {
    let s = Array(a), t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    // Three rows suffice: the transposition looks two rows back.
    var twoBack = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
        current[0] = i
        for j in 1...t.count {
            let cost = s[i - 1] == t[j - 1] ? 0 : 1
            var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                best = min(best, twoBack[j - 2] + 1)
            }
            current[j] = best
        }
        (twoBack, previous, current) = (previous, current, twoBack)
    }
    return previous[t.count]
}
