import Foundation

/// "Nice" tick values for linear and logarithmic axes: steps of 1, 2 or 5 times a power of ten
/// (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990), and decades (with 2 and 5
/// between them on short log ranges).
public enum NiceTicks {
    /// A nice step for `span` divided into about `count` intervals: 1, 2 or 5 × 10^exponent.
    /// The step lies between 0.67 and 1.67 times `span / count`.
    public static func step(span: Double, count: Int) -> (mantissa: Int, exponent: Int) {
        precondition(span > 0 && span.isFinite && count >= 1, "a positive, finite span and at least one interval")
        let raw = span / Double(count)
        var exponent = Int(log10(raw).rounded(.down))
        let fraction = raw / pow(10, Double(exponent))
        let mantissa: Int
        switch fraction {
        case ..<1.5: mantissa = 1
        case ..<3: mantissa = 2
        case ..<7: mantissa = 5
        default:
            mantissa = 1
            exponent += 1
        }
        return (mantissa, exponent)
    }

    /// Ticks at the multiples of a nice step that lie in `lower...upper` (about `count` of them:
    /// between 3 and 8 for the default 5). A tick within 10⁻⁹ steps outside the range counts as
    /// inside, so range ends that are themselves nice (0.7, 100) get their tick despite rounding.
    public static func linear(_ lower: Double, _ upper: Double, count: Int = 5) -> [Tick] {
        let (mantissa, exponent) = step(span: upper - lower, count: count)
        let scale = Tick.decimal(mantissa, exponent)
        // A range narrower than 10⁻¹⁵ of its magnitude has no representable ticks.
        guard max(abs(lower), abs(upper)) / scale < 1e15 else { return [] }
        let first = Int((lower / scale - 1e-9).rounded(.up)), last = Int((upper / scale + 1e-9).rounded(.down))
        return (first...max(first, last)).filter { $0 <= last }.map { Tick(mantissa: $0 * mantissa, exponent: exponent) }
    }

    /// `lower...upper` widened outwards to multiples of its nice step (d3's `nice()`), so the axis
    /// starts and ends on a tick. An empty range (`lower == upper`) is widened by ±1 (±10% of a
    /// nonzero value) first.
    public static func niceLinearDomain(_ lower: Double, _ upper: Double, count: Int = 5) -> ClosedRange<Double> {
        var (lower, upper) = (lower, upper)
        if !(upper > lower) {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            (lower, upper) = (lower - pad, lower + pad)
        }
        let (mantissa, exponent) = step(span: upper - lower, count: count)
        let scale = Tick.decimal(mantissa, exponent)
        guard max(abs(lower), abs(upper)) / scale < 1e15 else { return lower...upper }
        let first = Int((lower / scale + 1e-9).rounded(.down)), last = Int((upper / scale - 1e-9).rounded(.up))
        return Tick.decimal(first * mantissa, exponent)...Tick.decimal(last * mantissa, exponent)
    }

    /// Ticks of a logarithmic axis over `lower...upper` (both > 0): the powers of ten inside it
    /// (every second or third when there are more than `maximum`); when fewer than three decades
    /// fall inside, 2 and 5 times them as well; and when even that gives fewer than two ticks
    /// (a range within one decade), the linear ticks.
    public static func logarithmic(_ lower: Double, _ upper: Double, maximum: Int = 8) -> [Tick] {
        precondition(lower > 0 && upper > lower && upper.isFinite, "a log axis needs 0 < lower < upper")
        let first = Int((log10(lower) - 1e-9).rounded(.up)), last = Int((log10(upper) + 1e-9).rounded(.down))
        if last - first + 1 >= 3 {
            let stride = (last - first + maximum) / maximum
            let decades = (first...last).filter { ($0 - first) % stride == 0 }
            return decades.map { Tick(mantissa: 1, exponent: $0) }
        }
        var ticks: [Tick] = []
        for exponent in (first - 1)...(last + 1) {
            for mantissa in [1, 2, 5] {
                let tick = Tick(mantissa: mantissa, exponent: exponent)
                if tick.value >= lower * (1 - 1e-9) && tick.value <= upper * (1 + 1e-9) { ticks.append(tick) }
            }
        }
        return ticks.count >= 2 ? ticks : linear(lower, upper)
    }

    /// `lower...upper` (both > 0) widened outwards to the nearest 1, 2 or 5 × 10^k.
    public static func niceLogDomain(_ lower: Double, _ upper: Double) -> ClosedRange<Double> {
        precondition(lower > 0 && upper >= lower && upper.isFinite, "a log axis needs 0 < lower ≤ upper")
        func candidates(around x: Double) -> [Double] {
            let e = Int(log10(x).rounded(.down))
            return (e - 1...e + 1).flatMap { k in [1, 2, 5].map { Tick.decimal($0, k) } }
        }
        let low = candidates(around: lower).filter { $0 <= lower * (1 + 1e-12) }.max() ?? lower
        var high = candidates(around: upper).filter { $0 >= upper * (1 - 1e-12) }.min() ?? upper
        if high <= low { high = candidates(around: low).filter { $0 > low }.min() ?? low * 2 }
        return low...high
    }
}
