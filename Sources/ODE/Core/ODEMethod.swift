/// The methods a user can pick by name. Each case resolves, once, to a concrete stepper type, so
/// the integration loop is specialised for it.
public enum ODEMethod: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Dormand–Prince 5(4) with Shampine's dense output (non-stiff, moderate tolerances).
    case dormandPrince54 = "dp5"
    /// DOP853, Dormand–Prince 8(5,3) (non-stiff, tight tolerances).
    case dop853 = "dop853"

    /// Name, order and intended use, for `--help` and reports.
    public var description: String {
        switch self {
        case .dormandPrince54: return "dp5: Dormand-Prince 5(4), explicit, non-stiff, rtol 1e-3..1e-8"
        case .dop853: return "dop853: Dormand-Prince 8(5,3), explicit, non-stiff, rtol 1e-6..1e-13"
        }
    }
}

extension ODEProblem {
    /// Solves with a method chosen by name.
    /// - Throws: `ODEError` for invalid input or a failed integration.
    public func solve(method: ODEMethod = .dormandPrince54, options: SolverOptions = SolverOptions()) throws(ODEError) -> ODESolution {
        try options.validate(dimension: system.dimension)
        switch method {
        case .dormandPrince54:
            return try solve(with: ExplicitRKStepper<System, DormandPrince54>(system: system, options: options), options: options)
        case .dop853:
            return try solve(with: ExplicitRKStepper<System, DOP853>(system: system, options: options), options: options)
        }
    }
}
