extension ExplicitRKStepper: StiffnessEstimating {
    public var stabilityBoundary: Double { Method.tableau.stabilityBoundary }

    /// Hairer's estimate (DOPRI5 and DOP853 codes, *Solving ODEs II* §IV.2): when the last two step
    /// stages are both evaluated at `t + h`, `h·ρ ≈ h ‖K_last − K_prev‖ / ‖y_new − Y_prev‖`, where
    /// `Y_prev` is the argument of the second-to-last stage. `nil` for tableaus without that shape.
    public var lastStepStiffness: Double? {
        let last = stepStages - 1
        guard isFSAL, last >= 2, nodes[last] == 1, nodes[last - 1] == 1, let yNew = attemptState else { return nil }
        let kLast = k + last * n, kPrevious = k + (last - 1) * n
        var numerator = 0.0, denominator = 0.0
        for i in 0..<n {
            let dk = kLast[i] - kPrevious[i], dy = yNew[i] - stageState[i]
            numerator += dk * dk
            denominator += dy * dy
        }
        guard denominator > 0 else { return nil }
        return abs(attemptEnd - attemptStart) * (numerator / denominator).squareRoot()
    }
}
