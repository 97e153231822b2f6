import ODE

/// How a simulation is integrated.
public struct SimulationOptions: Sendable {
    /// The solver (see `ODEMethod`). Unless set, it depends on `pharmacokinetics`:
    /// - `.exact` (the default): only the six slow PD states are integrated, and the explicit
    ///   eighth-order `.dop853` is the fastest method to a given accuracy on them
    ///   (`Benchmarks/RESULTS.md`: 7 digits over a year of daily doses at rtol 1e-6 in about a
    ///   third of Rodas5P's time).
    /// - `.integrated`: `.rodas5P`. The twelve-state model is moderately stiff, and in washout the
    ///   depot decays to nothing, which an explicit method leaves as ~1e-9 mg of noise
    ///   (2.8e-5 relative error at rtol 1e-10 with DOP853) where Rodas5P decays it cleanly.
    /// `simulate` runs an explicit method with a hand-over to Rodas5P while the system is stiff
    /// (`ODEProblem.solveSwitchingWhenStiff`), so a subject whose parameter draw makes the PD
    /// stiff (a large `k_syn`) costs what Rodas5P costs instead of seconds at the stability limit;
    /// a typical subject never switches.
    public var method: ODEMethod {
        get { chosenMethod ?? (pharmacokinetics == .integrated ? .rodas5P : .dop853) }
        set { chosenMethod = newValue }
    }
    /// The method set explicitly, if any (`nil`: the default for `pharmacokinetics`).
    var chosenMethod: ODEMethod?
    /// Relative tolerance. The default 1e-6 gives the summary outputs to about 8 significant
    /// digits (measured against rtol 1e-8/atol 1e-10 on six months of 10 mg/day: peak withdrawal,
    /// minimum synapses and Cmax agree to ≤ 1e-8 relative) at a third of the steps.
    public var rtol: Double = 1e-6
    /// Absolute tolerance: mg for the drug amounts (1e-8 mg ≈ 1e-9 of a 10 mg dose, so a dose's
    /// tail is not followed to meaningless relative precision); the PD states are of order 1.
    public var atol: Double = 1e-8
    /// How the linear PK is solved: in closed form (default) or integrated with the PD.
    public var pharmacokinetics: PKSolution = .exact
    /// Largest step (h). The default of 24 h keeps every sample within a step of at most a day:
    /// in a drug-free washout the steps would otherwise grow to weeks, and values read from the
    /// interpolant between such steps lose digits (measured: a year of daily doses then 85 days
    /// off, DOP853 at rtol 1e-6 gives 0.7 correct digits over the daily samples without the cap
    /// and 7.3 with it, for 2% more steps).
    public var maxStep: Double = 24

    /// Defaults.
    public init() {}

    /// Options for a method and tolerance.
    public init(method: ODEMethod, rtol: Double = 1e-6, atol: Double = 1e-8) {
        self.chosenMethod = method
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

/// How `simulate` solves the linear pharmacokinetics.
public enum PKSolution: String, Sendable, CaseIterable {
    /// Exactly, as sums of exponentials between doses (`LinearPropagator`); the method integrates
    /// only the six PD states. Falls back to `.integrated` when the PK matrix has repeated rate
    /// constants (no well-conditioned eigenbasis).
    case exact
    /// All twelve states integrated by the method (the reference for the exact path).
    case integrated
}
