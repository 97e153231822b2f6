/// Errors in setting up the model: each message names what is wrong and what is expected.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A parameter name that the model does not have.
    case unknownParameter(name: String, suggestion: String?)
    /// A parameter value outside its plausible range, or not a number.
    case parameterOutOfRange(name: String, value: Double, range: ClosedRange<Double>, unit: String)
    /// A covariate outside its range.
    case invalidCovariate(String)

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
        }
    }
}
