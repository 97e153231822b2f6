import ODE

/// How a simulation is integrated.
public struct SimulationOptions: Sendable {
    /// The solver (see `ODEMethod`); `.rodas5P` suits this moderately stiff model.
    public var method: ODEMethod = .rodas5P
    /// Relative tolerance. The default 1e-6 gives the summary outputs to about 8 significant
    /// digits (measured against rtol 1e-8/atol 1e-10 on six months of 10 mg/day: peak withdrawal,
    /// minimum synapses and Cmax agree to ≤ 1e-8 relative) at a third of the steps.
    public var rtol: Double = 1e-6
    /// Absolute tolerance: mg for the drug amounts (1e-8 mg ≈ 1e-9 of a 10 mg dose, so a dose's
    /// tail is not followed to meaningless relative precision); the PD states are of order 1.
    public var atol: Double = 1e-8
    /// Largest step (h).
    public var maxStep: Double = .infinity

    /// Defaults.
    public init() {}

    /// Options for a method and tolerance.
    public init(method: ODEMethod, rtol: Double = 1e-6, atol: Double = 1e-8) {
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
