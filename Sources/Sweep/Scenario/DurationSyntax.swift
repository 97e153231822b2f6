/// Durations as users write them in scenario files and options: a number of hours (`36`, `2.5`),
/// or a number followed by a unit, with or without a space: `30min`, `12h`, `450d`, `2w`,
/// `1.5 d`, `6mo`. Units: `min` (minutes), `h` (hours), `d` (days, 24 h), `w` (weeks, 168 h),
/// `mo` (months of 365.25/12 days, 730.5 h).
public enum DurationSyntax {
    /// The unit suffixes.
    private static let suffixes = ["min", "mo", "h", "d", "w"]

    /// `x` in `suffix` units as hours: minutes divide (so `90min` is exactly 1.5 h), the others
    /// multiply.
    private static func hours(_ x: Double, unit suffix: String) -> Double {
        switch suffix {
        case "min": return x / 60
        case "d": return x * 24
        case "w": return x * 168
        case "mo": return x * 730.5
        default: return x
        }
    }

    /// What a duration looks like, for messages.
    public static let expected = "a duration: hours as a number, or a number with a unit min, h, d, w or mo (e.g. 30min, 12h, 450d, 2w, 6mo)"

    /// The duration `text` in hours, or `nil` if it is not a number with an optional unit. The
    /// number may be negative or non-finite (`inf`); callers check the range they need.
    public static func hours(_ text: String) -> Double? {
        let trimmed = ScenarioFile.trimmed(text)
        guard !trimmed.isEmpty else { return nil }
        if let x = Double(trimmed) { return x }
        for suffix in suffixes where trimmed.hasSuffix(suffix) {
            let number = ScenarioFile.trimmed(String(trimmed.dropLast(suffix.count)))
            // `Double` accepts words such as "inf"; a unit glued to a word ("infh") is not a duration.
            guard let first = number.first, first.isNumber || first == "." || first == "-" || first == "+",
                  let x = Double(number) else { return nil }
            return hours(x, unit: suffix)
        }
        return nil
    }
}
