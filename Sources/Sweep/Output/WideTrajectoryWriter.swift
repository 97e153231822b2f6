import Pharmacology

/// Trajectories in wide CSV: one row per run and sample time, one column per output variable,
/// units in the column names: `id,time_h,dz_plasma_ng_per_mL,…,nmda_gain`.
///
/// Rows are formatted on the worker that ran the subject (`rows(id:trajectory:model:)`); the
/// per-sample loop reads the state buffer and the derived outputs through `OutputVariable`
/// switches, with no dictionaries, strings or existentials besides the text being built.
public struct WideTrajectoryWriter: Sendable {
    /// The output columns after `id` and `time_h`, in order.
    public let variables: [OutputVariable]

    /// A writer of `variables` (default: every output, in `OutputVariable.allCases` order).
    public init(variables: [OutputVariable] = OutputVariable.allCases) {
        self.variables = variables
    }

    /// `id,time_h,<columnName…>` and a line feed.
    public var header: String {
        (["id", "time_h"] + variables.map(\.columnName)).joined(separator: ",") + "\n"
    }

    /// One row per sample of `trajectory` (a simulation of `model`), each starting with `id`.
    public func rows(id: String, trajectory: Trajectory, model: DiazepamModel) -> String {
        var idField = CSVFormat.escape(id) + ","
        var text = CSVByteBuffer(capacity: trajectory.times.count * (idField.utf8.count + 20 * (variables.count + 1)))
        idField.withUTF8 { idBytes in
            for sample in trajectory.times.indices {
                let state = trajectory.state(at: sample)
                let outputs = model.outputs(at: state)
                text.append(idBytes)
                text.append(trajectory.times[sample])
                for variable in variables {
                    text.append(byte: UInt8(ascii: ","))
                    text.append(variable.value(state: state, outputs: outputs))
                }
                text.append(byte: UInt8(ascii: "\n"))
            }
        }
        return text.string
    }
}
