/// Work counters of one solve (they add up across `advance` calls of the same integrator).
public struct SolverStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Step attempts (accepted + rejected).
    public var steps = 0
    /// Steps whose error estimate passed.
    public var acceptedSteps = 0
    /// Steps repeated with a smaller size (error too large or non-finite values).
    public var rejectedSteps = 0
    /// Right-hand-side evaluations, including those of the initial-step heuristic, finite-difference
    /// Jacobians and dense-output extra stages.
    public var rhsEvaluations = 0
    /// Jacobian evaluations (analytic or finite-difference).
    public var jacobianEvaluations = 0
    /// LU factorisations of Newton or Rosenbrock matrices.
    public var luFactorizations = 0
    /// Linear solves with an existing factorisation.
    public var linearSolves = 0

    /// All counters zero.
    public init() {}

    /// One line, for logs.
    public var description: String {
        "steps \(steps) (accepted \(acceptedSteps), rejected \(rejectedSteps)), f evals \(rhsEvaluations), "
            + "J evals \(jacobianEvaluations), LU \(luFactorizations), solves \(linearSolves)"
    }
}
