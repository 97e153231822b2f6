/// The methods a user can pick by name. Each case resolves, once, to a concrete stepper type, so
/// the integration loop is specialised for it.
public enum ODEMethod: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Dormand–Prince 5(4) with Shampine's dense output (non-stiff, moderate tolerances).
    case dormandPrince54 = "dp5"
    /// DOP853, Dormand–Prince 8(5,3) (non-stiff, tight tolerances).
    case dop853 = "dop853"
    /// Rodas5P, L-stable Rosenbrock 5(4) (stiff, rtol 1e-3 to 1e-10).
    case rodas5P = "rodas5p"
    /// Variable-order (1–5) BDF/NDF with Jacobian and LU reuse (stiff, large systems, loose to
    /// moderate tolerances).
    case bdf = "bdf"
    /// Dormand–Prince 5(4) while non-stiff, Rodas5P while stiff, switching automatically.
    case auto = "auto"

    /// Name, order and intended use, for `--help` and reports.
    public var description: String {
        switch self {
        case .dormandPrince54: return "dp5: Dormand-Prince 5(4), explicit, non-stiff, rtol 1e-3..1e-8"
        case .dop853: return "dop853: Dormand-Prince 8(5,3), explicit, non-stiff, rtol 1e-6..1e-13"
        case .rodas5P: return "rodas5p: Rodas5P, Rosenbrock 5(4), L-stable, stiff, rtol 1e-3..1e-10"
        case .bdf: return "bdf: variable-order NDF/BDF 1-5 (Shampine & Reichelt), stiff, Jacobian and LU reuse"
        case .auto: return "auto: Dormand-Prince 5(4) while non-stiff, Rodas5P while stiff (switches automatically)"
        }
    }
}

extension ODEProblem {
    /// Solves with a method chosen by name.
    /// - Throws: `ODEError` for invalid input or a failed integration.
    @inlinable
    public func solve(method: ODEMethod = .dormandPrince54, options: SolverOptions = SolverOptions()) throws(ODEError) -> ODESolution {
        try options.validate(dimension: system.dimension)
        switch method {
        case .dormandPrince54:
            return try solve(with: ExplicitRKStepper<System, DormandPrince54>(system: system, options: options), options: options)
        case .dop853:
            return try solve(with: ExplicitRKStepper<System, DOP853>(system: system, options: options), options: options)
        case .rodas5P:
            return try solve(with: RosenbrockStepper<System, Rodas5P>(system: system, options: options), options: options)
        case .bdf:
            return try solve(with: BDFStepper<System>(system: system, options: options), options: options)
        case .auto:
            let stepper = AutoSwitchingStepper(
                explicit: ExplicitRKStepper<System, DormandPrince54>(system: system, options: options),
                stiff: RosenbrockStepper<System, Rodas5P>(system: system, options: options))
            return try solve(with: stepper, options: options)
        }
    }
}
