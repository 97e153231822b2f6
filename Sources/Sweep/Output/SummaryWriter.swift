import Pharmacology

/// The per-run summary CSV: `id`, the plan's assignment columns, every `RunSummary` field with its
/// unit in the column name, then `status` (`ok` or `failed`) and `message`.
///
/// Summary columns, for each analyte `a` of `dz`, `ndz`, `tmz`, `oxz`: `a_cmax_ng_per_mL`,
/// `a_tmax_h`, `a_cmin_ng_per_mL`, `a_auc_ng_h_per_mL`, `a_t90ss_h`; then `synapses_min`,
/// `synapses_min_time_h`, `synapse_recovery_h`, `withdrawal_peak`, `withdrawal_peak_time_h`,
/// `withdrawal_days`, `withdrawal_threshold`, `tolerance_ratio` (dimensionless unless a unit is
/// named). A failed run has empty summary fields, `failed` and the message.
public struct SummaryWriter: Sendable {
    /// The assignment columns, in order (use `SweepPlan.assignmentNames(of:)` on the whole plan,
    /// so every shard writes the same header). A run without a value for a column leaves it empty.
    public let assignmentNames: [String]

    /// The `RunSummary` columns, in order.
    public static let summaryColumns: [String] = {
        var columns: [String] = []
        for analyte in ["dz", "ndz", "tmz", "oxz"] {
            columns += ["\(analyte)_cmax_ng_per_mL", "\(analyte)_tmax_h", "\(analyte)_cmin_ng_per_mL",
                        "\(analyte)_auc_ng_h_per_mL", "\(analyte)_t90ss_h"]
        }
        return columns + ["synapses_min", "synapses_min_time_h", "synapse_recovery_h", "withdrawal_peak",
                          "withdrawal_peak_time_h", "withdrawal_days", "withdrawal_threshold", "tolerance_ratio"]
    }()

    /// A writer with these assignment columns.
    public init(assignmentNames: [String]) {
        self.assignmentNames = assignmentNames
    }

    /// Every column name, in order.
    public var columns: [String] { ["id"] + assignmentNames + Self.summaryColumns + ["status", "message"] }

    /// The header line (with its line feed).
    public var header: String { CSVFormat.row(columns) }

    /// The row of a run that succeeded.
    public func row(run: RunSpec, summary s: RunSummary) -> String {
        var text = CSVByteBuffer(capacity: 1024)
        text.append(prefix(run))
        for exposure in [s.dz, s.ndz, s.tmz, s.oxz] {
            for x in [exposure.cmax, exposure.tmax, exposure.cmin, exposure.auc, exposure.timeTo90PercentSteadyState] {
                text.append(x)
                text.append(byte: UInt8(ascii: ","))
            }
        }
        for x in [s.minimumSynapses, s.minimumSynapsesTime, s.synapseRecoveryTime, s.peakWithdrawal,
                  s.peakWithdrawalTime, s.withdrawalDays, s.withdrawalThreshold, s.toleranceRatio] {
            text.append(x)
            text.append(byte: UInt8(ascii: ","))
        }
        text.append("ok,\n")
        return text.string
    }

    /// The row of a run that failed: empty summary fields, `failed` and `message`.
    public func failedRow(run: RunSpec, message: String) -> String {
        prefix(run) + String(repeating: ",", count: Self.summaryColumns.count) + "failed," + CSVFormat.escape(message) + "\n"
    }

    /// `id,` and the assignment fields, each followed by a comma.
    func prefix(_ run: RunSpec) -> String {
        var text = CSVFormat.escape(run.id) + ","
        for name in assignmentNames {
            if let value = run.assignments.first(where: { $0.name == name })?.value {
                switch value {
                case .number(let x): CSVFormat.append(x, to: &text)
                case .text(let word): text += CSVFormat.escape(word)
                }
            }
            text += ","
        }
        return text
    }
}
