import Foundation

/// A map from data values to pixel positions along one axis, linear or logarithmic.
///
/// `position(of:)` sends `domain.lowerBound` to `start` and `domain.upperBound` to `end` (for a
/// vertical axis `start` is the bottom pixel, so `start > end`); a log scale interpolates
/// `log10` of the value. `value(at:)` is the inverse.
public struct AxisScale: Sendable, Equatable {
    /// How values are spaced.
    public enum Kind: Sendable, Equatable {
        /// Equal differences are equal distances.
        case linear
        /// Equal ratios are equal distances; the domain must be positive.
        case logarithmic
    }

    /// Linear or logarithmic.
    public let kind: Kind
    /// The data range shown.
    public let domain: ClosedRange<Double>
    /// Pixel position of `domain.lowerBound`.
    public let start: Double
    /// Pixel position of `domain.upperBound`.
    public let end: Double

    /// A scale; `domain` must have positive width (and a positive lower bound when logarithmic).
    public init(kind: Kind, domain: ClosedRange<Double>, start: Double, end: Double) {
        precondition(domain.upperBound > domain.lowerBound, "an axis domain needs positive width")
        precondition(kind == .linear || domain.lowerBound > 0, "a log axis needs a positive domain")
        self.kind = kind
        self.domain = domain
        self.start = start
        self.end = end
    }

    func transform(_ x: Double) -> Double { kind == .linear ? x : log10(x) }

    /// The pixel position of `x` (not clamped; non-positive values on a log scale give NaN).
    public func position(of x: Double) -> Double {
        let a = transform(domain.lowerBound), b = transform(domain.upperBound)
        return start + (transform(x) - a) / (b - a) * (end - start)
    }

    /// The data value at pixel `p` (the inverse of `position(of:)`).
    public func value(at p: Double) -> Double {
        let a = transform(domain.lowerBound), b = transform(domain.upperBound)
        let t = a + (p - start) / (end - start) * (b - a)
        return kind == .linear ? t : pow(10, t)
    }

    /// Whether `x` can be drawn: finite, and positive on a log scale.
    public func canShow(_ x: Double) -> Bool { x.isFinite && (kind == .linear || x > 0) }

    /// The ticks of this axis inside its domain (`NiceTicks.linear` or `NiceTicks.logarithmic`).
    public func ticks(count: Int = 5) -> [Tick] {
        kind == .linear ? NiceTicks.linear(domain.lowerBound, domain.upperBound, count: count)
            : NiceTicks.logarithmic(domain.lowerBound, domain.upperBound)
    }
}
