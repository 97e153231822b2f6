/// Values for every `ParameterName`, starting from a species' defaults. Setting a value checks it
/// against the species' plausible range; unknown names are errors with a suggestion.
public struct ParameterSet: Sendable, Equatable {
    /// The species whose defaults and ranges apply.
    public let species: Species
    @usableFromInline var values: [Double]

    /// The defaults of `species`.
    public init(species: Species = .human) {
        self.species = species
        values = ParameterName.allCases.map { $0.definition.defaultValue(for: species) }
    }

    /// The value of a parameter (its unit is `parameter.definition.unit`).
    @inlinable
    public subscript(_ parameter: ParameterName) -> Double { values[parameter.rawValue] }

    /// Sets a parameter after checking it is a number inside the species' plausible range (and
    /// within the magnitudes the arithmetic can use, `checkRepresentable`).
    public mutating func set(_ parameter: ParameterName, to value: Double) throws(ModelError) {
        try Self.checkRepresentable(parameter, value)
        let definition = parameter.definition
        let range = definition.range(for: species)
        guard !value.isNaN, range.contains(value) else {
            throw .parameterOutOfRange(name: definition.name, value: value, range: range, unit: definition.unit)
        }
        values[parameter.rawValue] = value
    }

    /// Sets an individual's value, drawn around a checked typical value (between-subject
    /// variability): the plausible range describes typical values, so only physical bounds apply:
    /// finite, ≥ 0, and ≤ 1 for fractions (dimensionless parameters whose range lies within 0–1),
    /// and within the magnitudes the arithmetic can use (`checkRepresentable`).
    public mutating func setIndividual(_ parameter: ParameterName, to value: Double) throws(ModelError) {
        try Self.checkRepresentable(parameter, value)
        let definition = parameter.definition
        let isFraction = definition.unit == "1" && definition.range.upperBound <= 1
        let upper = isFraction ? 1.0 : .infinity
        guard value.isFinite || value == .infinity, value >= 0, value <= upper else {
            throw .parameterOutOfRange(name: definition.name, value: value, range: 0...upper, unit: definition.unit)
        }
        values[parameter.rawValue] = value
    }

    /// Sets a parameter by its MODEL.md name (as `--set NAME=VALUE` does).
    public mutating func set(_ name: String, to value: Double) throws(ModelError) {
        guard let parameter = ParameterName(name: name) else {
            throw .unknownParameter(name: name, suggestion: Self.closestName(to: name))
        }
        try set(parameter, to: value)
    }

    /// The parameter name nearest to `name` (a likely typo, case-insensitive), for error hints.
    public static func closestName(to name: String) -> String? {
        Spelling.closest(to: name, among: ParameterName.allCases.map(\.definition.name))
    }
}
