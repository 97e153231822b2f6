/// Errors in setting up the model: each message names what is wrong and what is expected.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A parameter name that the model does not have.
    case unknownParameter(name: String, suggestion: String?)
    /// A parameter value outside its plausible range, or not a number.
    case parameterOutOfRange(name: String, value: Double, range: ClosedRange<Double>, unit: String)
    /// A covariate outside its range.
    case invalidCovariate(String)
    /// A parameter value outside the magnitudes the model's arithmetic keeps at full precision
    /// (`ParameterSet.representableMagnitudes`), whatever its plausible range; `zeroAllowed`:
    /// 0 is accepted (not a divisor), `infinityAllowed`: ∞ is (an affinity: no binding).
    case parameterNotRepresentable(name: String, value: Double, unit: String, zeroAllowed: Bool, infinityAllowed: Bool)

    /// A one-line explanation with what to do.
    public var description: String {
        switch self {
        case .unknownParameter(let name, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown parameter '\(name)'\(hint); `benzosim params` lists every parameter"
        case .parameterOutOfRange(let name, let value, let range, let unit):
            let u = unit == "1" ? "" : " \(unit)"
            return "parameter \(name) = \(value)\(u) is outside its plausible range "
                + "\(range.lowerBound)–\(range.upperBound)\(u)"
        case .invalidCovariate(let message):
            return "invalid covariate: \(message)"
        case .parameterNotRepresentable(let name, let value, let unit, let zeroAllowed, let infinityAllowed):
            let u = unit == "1" ? "" : " \(unit)"
            let exact = zeroAllowed ? "; exactly 0 is accepted (no such process)" : infinityAllowed ? "; exactly inf is accepted (no binding)" : ""
            return "parameter \(name) = \(value)\(u) is outside 2^-511 ≈ 1.5e-154 to 2^511 ≈ 6.7e153\(u), the magnitudes the "
                + "model's arithmetic keeps at full precision (a product or quotient of two of them is a normal double): "
                + "no value beyond has a numerical meaning, typical or individual\(exact)"
        }
    }
}
