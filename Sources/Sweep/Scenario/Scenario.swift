import ODE
import Pharmacology

/// When to sample the outputs.
public enum Sampling: Sendable, Equatable {
    /// Every `step` hours from 0 to the end time.
    case every(step: Double)
    /// At these times (h), sorted.
    case times([Double])
    /// At these offsets (h) after every dose (e.g. 0 = trough just before, 1, 2, 4 h after).
    case doseRelative(offsets: [Double])
}

/// A fully specified, validated simulation: everything `simulate` needs for one subject, plus the
/// regimen's source text so sweeps can substitute `{placeholders}` in it.
public struct Scenario: Sendable {
    /// Species of the parameter set.
    public var species: Species
    /// Subject covariates.
    public var covariates: Covariates
    /// TSPO knockout switch.
    public var tspoKnockout: Bool
    /// Parameter values (species defaults plus overrides).
    public var parameters: ParameterSet
    /// Regimen source in the regimen language (with `{name}` placeholders allowed), when the regimen
    /// was given as text; `nil` for an event table.
    public var regimenText: String?
    /// The dosing regimen (parsed from `regimenText`, or from an event table).
    public var regimen: Regimen
    /// Reset times (h) from an event table (EVID 3/4).
    public var resetTimes: [Double]
    /// Sampling.
    public var sampling: Sampling
    /// End of the simulation (h).
    public var endTime: Double
    /// Solver and tolerances.
    public var solver: SimulationOptions
    /// The event-table individual whose rows are the output (one row per EVID 0 and 2 record,
    /// `simulate(_:subject:endTime:options:)`), or `nil` to sample by `sampling`.
    public var eventSubject: EventTable.Subject? = nil
    /// The event-table individual's values that change with time (`eventSubject`'s records), or `nil`.
    public var timeVarying: TimeVaryingValues? = nil

    /// Creates a scenario.
    public init(species: Species = .human, covariates: Covariates? = nil, tspoKnockout: Bool = false,
                parameters: ParameterSet? = nil, regimenText: String? = nil, regimen: Regimen,
                resetTimes: [Double] = [], sampling: Sampling = .every(step: 1), endTime: Double,
                solver: SimulationOptions = SimulationOptions()) {
        self.species = species
        self.covariates = covariates ?? Covariates(species: species)
        self.tspoKnockout = tspoKnockout
        self.parameters = parameters ?? ParameterSet(species: species)
        self.regimenText = regimenText
        self.regimen = regimen
        self.resetTimes = resetTimes
        self.sampling = sampling
        self.endTime = endTime
        self.solver = solver
    }
}
