/// A stepper that can tell how stiff the problem looked on its last step, so that an automatic
/// method can switch between explicit and stiff integration.
public protocol StiffnessEstimating: ODEStepper {
    /// An estimate of `h·ρ` for the last attempted step, where `ρ` is the spectral radius of the
    /// Jacobian (dominant eigenvalue magnitude), or `nil` when the step gave no estimate.
    var lastStepStiffness: Double? { get }
    /// Where the method's stability region meets the negative real axis, `|hλ|` (dimensionless):
    /// an explicit method is stability-limited when `h·ρ` sits near this value.
    var stabilityBoundary: Double { get }
}
