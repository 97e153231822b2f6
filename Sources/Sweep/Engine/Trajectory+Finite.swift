import Pharmacology

extension Trajectory {
    /// The first sample at which a state or a derived output is NaN or infinite (e.g. a dose of
    /// 1e308 mg overflows the concentrations), or `nil` when every value is finite. A result with
    /// such a value is reported as a failure, never written as an `inf` cell.
    /// (`DiazepamModel.firstNonFiniteOutput`: specialised, no per-sample allocation.)
    public func firstNonFiniteValue(model: DiazepamModel) -> (time: Double, variable: OutputVariable, value: Double)? {
        model.firstNonFiniteOutput(times: times, states: states)
    }
}
