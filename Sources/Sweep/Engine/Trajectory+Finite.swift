import Pharmacology

extension Trajectory {
    /// The first sample at which a state or a derived output is NaN or infinite (e.g. a dose of
    /// 1e308 mg overflows the concentrations), or `nil` when every value is finite. A result with
    /// such a value is reported as a failure, never written as an `inf` cell.
    /// With `models` (one per sample: values that change with time), sample `i` uses `models[i]`.
    public func firstNonFiniteValue(model: DiazepamModel, models: [DiazepamModel]? = nil)
        -> (time: Double, variable: OutputVariable, value: Double)? {
        let variables = OutputVariable.allCases
        for sample in times.indices {
            let state = self.state(at: sample)
            let outputs = (models?[sample] ?? model).outputs(at: state)
            for variable in variables {
                let value = variable.value(state: state, outputs: outputs)
                if !value.isFinite { return (times[sample], variable, value) }
            }
        }
        return nil
    }
}
