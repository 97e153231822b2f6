/// A dose or regimen that cannot be built: names the field, the value given and what is expected.
///
/// ```
/// taper.tabletSize = 0 mg: expected a finite tablet size > 0 mg (the smallest amount that can be
/// given, e.g. 0.5 for half of a 1 mg tablet)
/// ```
public struct RegimenError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is: the builder and the field, e.g. `"repeated.interval"`,
    /// `"phases[2].duration"` or `"dose.amount"`.
    public var field: String
    /// The offending value as given, with its unit, e.g. `"-24 h"` or `"nan mg"`.
    public var value: String
    /// What the field must be instead, phrased so that it tells the user how to fix it.
    public var expected: String

    /// Creates an error for `field` holding `value`, which should have been `expected`.
    public init(field: String, value: String, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    /// `"<field> = <value>: expected <expected>"`.
    public var description: String { "\(field) = \(value): expected \(expected)" }
}

extension RegimenError {
    /// The error for a number `x` (in `unit`) in `field`.
    static func number(_ field: String, _ x: Double, _ unit: String, expected: String) -> RegimenError {
        RegimenError(field: field, value: formatQuantity(x, unit), expected: expected)
    }
}

// Validation helpers shared by the builders. Each returns the value so that call sites read as
// `let interval = try positive(interval, "repeated.interval", "h", ...)`.

/// `x` if it is finite and `> 0`, else an error naming `field`.
func requirePositive(_ x: Double, _ field: String, _ unit: String, _ what: String) throws(RegimenError) -> Double {
    guard x.isFinite, x > 0 else {
        throw .number(field, x, unit, expected: "a finite \(what) > 0 \(unit)")
    }
    return x
}

/// `x` if it is finite and `≥ 0`, else an error naming `field`.
func requireNonNegative(_ x: Double, _ field: String, _ unit: String, _ what: String) throws(RegimenError) -> Double {
    guard x.isFinite, x >= 0 else {
        throw .number(field, x, unit, expected: "a finite \(what) ≥ 0 \(unit)")
    }
    return x
}
