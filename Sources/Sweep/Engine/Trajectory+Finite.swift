import Pharmacology

extension Trajectory {
    /// The first sample at which a state or a derived output is NaN or infinite (e.g. a dose of
    /// 1e308 mg overflows the concentrations), or `nil` when every value is finite. A result with
    /// such a value is reported as a failure, never written as an `inf` cell.
    /// (`DiazepamModel.firstNonFiniteOutput`: specialised, no per-sample allocation.) With `models`
    /// (one per sample: values that change with time), sample `i` uses `models[i]`.
    public func firstNonFiniteValue(model: DiazepamModel, models: [DiazepamModel]? = nil)
        -> (time: Double, variable: OutputVariable, value: Double)? {
        guard let models else { return model.firstNonFiniteOutput(times: times, states: states) }
        let n = StateVariable.count
        for sample in times.indices {
            let state = Array(states[(sample * n)..<((sample + 1) * n)])
            if let bad = models[sample].firstNonFiniteOutput(times: [times[sample]], states: state) { return bad }
        }
        return nil
    }
}
