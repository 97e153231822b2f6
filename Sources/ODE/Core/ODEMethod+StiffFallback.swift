extension ODEProblem {
    /// Solves with a method chosen by name; an explicit method (`.dormandPrince54`, `.dop853`)
    /// hands over to Rodas5P while the problem is stiff (`AutoSwitchingStepper`, the same rules
    /// as `.auto`), instead of crawling at its stability limit until `maxSteps`. On a problem that
    /// never looks stiff the explicit method runs alone (no Jacobian, same steps) and the answer is
    /// that of `solve(method:options:)`. Implicit methods and `.auto` are unchanged.
    /// - Throws: `ODEError` for invalid input or a failed integration.
    @inlinable
    public func solveSwitchingWhenStiff(method: ODEMethod, options: SolverOptions) throws(ODEError) -> ODESolution {
        try options.validate(dimension: system.dimension)
        switch method {
        case .dormandPrince54:
            return try solve(method: .auto, options: options)
        case .dop853:
            let stepper = AutoSwitchingStepper(
                explicit: ExplicitRKStepper<System, DOP853>(system: system, options: options),
                stiff: RosenbrockStepper<System, Rodas5P>(system: system, options: options))
            return try solve(with: stepper, options: options)
        case .rodas5P, .bdf, .auto:
            return try solve(method: method, options: options)
        }
    }
}
