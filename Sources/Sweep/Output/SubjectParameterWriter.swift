import Pharmacology

/// The per-subject parameter CSV (`population --subject-parameters`): `id`, then every value the
/// subject's model uses (`DiazepamModel.resolvedParameters`: volumes and clearances after
/// covariates and between-subject variability, half-lives, F, lag, ka, fu_dz, PD rates after
/// species scaling), each with its unit in the column name (`V1_L`, `CL_L_per_h`, `t_half_dz_h`,
/// `k_tspo_per_h`; dimensionless without a suffix). A subject whose model cannot be built has empty
/// fields (its summary row says why).
public struct SubjectParameterWriter: Sendable {
    /// The value columns, in order (the same for every species and subject).
    public static let valueColumns: [String] = {
        try! DiazepamModel().resolvedParameters.map { columnName($0.name, $0.unit) }
    }()

    /// `name_unit` with `/` as `_per_`; no suffix for `1`.
    static func columnName(_ name: String, _ unit: String) -> String {
        if unit == "1" { return name }
        let suffix = unit == "1/h" ? "per_h" : unit.replacingOccurrences(of: "/", with: "_per_")
        return name + "_" + suffix
    }

    /// A writer.
    public init() {}

    /// The header line (with its line feed).
    public var header: String { CSVFormat.row(["id"] + Self.valueColumns) }

    /// The row of one subject.
    public func row(id: String, model: DiazepamModel) -> String {
        var text = CSVFormat.escape(id)
        for p in model.resolvedParameters {
            text += ","
            CSVFormat.append(p.value, to: &text)
        }
        return text + "\n"
    }

    /// The row of a subject whose model could not be built.
    public func failedRow(id: String) -> String {
        CSVFormat.escape(id) + String(repeating: ",", count: Self.valueColumns.count) + "\n"
    }
}

extension Scenario {
    /// The subject-parameter rows of `runs`: each run's scenario as `output(for:...)` builds it
    /// (`common`, then the run's assignments; `individual` as there), its model's resolved values.
    public func subjectParameterRows(for runs: [RunSpec], common: [Assignment] = [], individual: Bool = false,
                                     writer: SubjectParameterWriter = SubjectParameterWriter()) -> String {
        var text = ""
        for run in runs {
            let individuals = individual ? Set(run.assignments.map(\.name)) : []
            if let model = try? applying(common + run.assignments, individualParameters: individuals).makeModel() {
                text += writer.row(id: run.id, model: model)
            } else {
                text += writer.failedRow(id: run.id)
            }
        }
        return text
    }
}
