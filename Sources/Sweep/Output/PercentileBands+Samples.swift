import Pharmacology

extension PercentileBands {
    /// The outputs of the bands: every output variable, in trajectory column order.
    public static let variables = OutputVariable.allCases

    /// The values `add(subject:times:values:)` takes for one subject: at each sample of
    /// `trajectory`, every one of `variables` (time-major).
    /// With `models` (one per sample: values that change with time), sample `i` uses `models[i]`.
    public static func sampleValues(trajectory: Trajectory, model: DiazepamModel,
                                    variables: [OutputVariable] = variables, models: [DiazepamModel]? = nil) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(trajectory.times.count * variables.count)
        for sample in trajectory.times.indices {
            let state = trajectory.state(at: sample)
            let outputs = (models?[sample] ?? model).outputs(at: state)
            for variable in variables { values.append(variable.value(state: state, outputs: outputs)) }
        }
        return values
    }
}
