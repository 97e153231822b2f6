import ODE

/// How a simulation is integrated.
public struct SimulationOptions: Sendable {
    /// The solver (see `ODEMethod`); `.rodas5P` suits this moderately stiff model.
    public var method: ODEMethod = .rodas5P
    /// Relative tolerance.
    public var rtol: Double = 1e-8
    /// Absolute tolerance (mg for the drug amounts; the PD states are of order 1).
    public var atol: Double = 1e-10
    /// Largest step (h).
    public var maxStep: Double = .infinity

    /// Defaults.
    public init() {}

    /// Options for a method and tolerance.
    public init(method: ODEMethod, rtol: Double = 1e-8, atol: Double = 1e-10) {
        self.method = method
        self.rtol = rtol
        self.atol = atol
    }

    var solverOptions: SolverOptions {
        var options = SolverOptions(rtol: rtol, atol: .scalar(atol))
        options.maxStep = maxStep
        options.maxSteps = 10_000_000
        return options
    }
}
