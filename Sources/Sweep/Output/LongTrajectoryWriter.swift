import Pharmacology

/// Trajectories in long ("tidy") CSV: one row per run, sample time and output variable,
/// `id,time_h,name,value,unit`, e.g. `3,24,dz_plasma,152.1,ng/mL`. Within a run, rows are in time
/// order and, at each time, in the order of `variables`. `unit` is `1` for dimensionless outputs.
public struct LongTrajectoryWriter: Sendable {
    /// The output variables written at each sample, in order.
    public let variables: [OutputVariable]
    /// `,name,` and `,unit\n` per variable, pre-escaped, so the sample loop only appends.
    let names: [String], suffixes: [String]

    /// A writer of `variables` (default: every output, in `OutputVariable.allCases` order).
    public init(variables: [OutputVariable] = OutputVariable.allCases) {
        self.variables = variables
        suffixes = variables.map { "," + CSVFormat.escape($0.unit) + "\n" }
        names = variables.map { "," + CSVFormat.escape($0.name) + "," }
    }

    /// `id,time_h,name,value,unit` and a line feed.
    public var header: String { "id,time_h,name,value,unit\n" }

    /// One row per sample of `trajectory` (a simulation of `model`) and variable.
    public func rows(id: String, trajectory: Trajectory, model: DiazepamModel) -> String {
        let idField = CSVFormat.escape(id) + ","
        var text = CSVByteBuffer(capacity: trajectory.times.count * variables.count * (idField.utf8.count + 48))
        // The time field, formatted once per sample into stack scratch and copied per variable.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: CSVFormat.maximumByteCount) { time in
            for sample in trajectory.times.indices {
                let state = trajectory.state(at: sample)
                let outputs = model.outputs(at: state)
                let timeField = UnsafeBufferPointer(rebasing: time[..<CSVFormat.write(trajectory.times[sample], to: time.baseAddress!)])
                for k in variables.indices {
                    text.append(idField)
                    text.append(timeField)
                    text.append(names[k])
                    text.append(variables[k].value(state: state, outputs: outputs))
                    text.append(suffixes[k])
                }
            }
        }
        return text.string
    }
}
