extension RosenbrockStepper: StiffnessEstimating {
    /// Rosenbrock methods of this family are L-stable: no boundary on the negative real axis.
    public var stabilityBoundary: Double { .infinity }

    /// `h · max_i Σ_j |J_ij|`: the step times a Gershgorin bound on the spectral radius of the
    /// Jacobian the last step used. It over-estimates `ρ`, so an automatic method leaves the stiff
    /// method a little later than it could, never too early.
    public var lastStepStiffness: Double? {
        guard jacobianAvailable else { return nil }
        var radius = 0.0
        for i in 0..<n {
            var row = 0.0
            for j in 0..<n { row += abs(jacobianStorage[i + j * n]) }
            radius = max(radius, row)
        }
        return abs(attemptSize) * radius
    }
}
