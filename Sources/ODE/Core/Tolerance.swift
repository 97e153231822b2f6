/// Absolute error tolerance: one value for every component, or one per component (same units as
/// the state). A component's allowed local error is `atol_i + rtol · |y_i|`.
public enum AbsoluteTolerance: Sendable, Equatable, ExpressibleByFloatLiteral {
    /// The same absolute tolerance for every component.
    case scalar(Double)
    /// One absolute tolerance per component; must have `dimension` elements.
    case perComponent([Double])

    /// `.scalar(value)`.
    public init(floatLiteral value: Double) { self = .scalar(value) }

    /// The tolerance of component `i`.
    @inlinable
    public func value(at i: Int) -> Double {
        switch self {
        case .scalar(let v): return v
        case .perComponent(let values): return values[i]
        }
    }
}
