import Pharmacology

/// The per-run summary CSV: `id`, the plan's assignment columns, every `RunSummary` field with its
/// unit in the column name, then `status` (`ok` or `failed`) and `message`.
///
/// Every summary value is read from the model on an internal grid fixed by the regimen (dense after
/// each dose, extrema refined), never from the trajectory samples: it is the same for any
/// `--every`. Concentrations are total plasma concentrations (ng/mL). For each analyte `a` of
/// `dz`, `ndz`, `tmz`, `oxz`:
/// - `a_cmax_ng_per_mL`, `a_tmax_h`: highest concentration of the run and when (h from 0).
/// - `a_cmin_run_ng_per_mL`: lowest concentration from the analyte's first peak to the end of the
///   run (after a stop: the end of the washout; not a steady-state trough).
/// - `a_auc_ng_h_per_mL`: area under the curve from 0 to the end of the run.
/// - `a_ctrough_ss_ng_per_mL`, `a_cmax_ss_ng_per_mL`, `a_cavg_ss_ng_per_mL`,
///   `a_auc_tau_ss_ng_h_per_mL`: over the last full dosing interval of the maintenance phase (the
///   longest run of identical doses at a constant interval τ, `MaintenancePhase`), from its
///   second-to-last to its last dose: the pre-dose trough at its end, the peak, AUC/τ and the AUC.
/// - `a_t90ss_h`: hours from the maintenance phase's first dose until the mean concentration over
///   the trailing interval τ first reaches 90% of the phase's exact steady-state average
///   (F·dose/τ through the linear PK). NaN when that does not happen by the phase's last dose
///   (never at steady state) or there is no maintenance phase; the four `_ss` columns are then
///   NaN too.
///
/// Then the maintenance phase: `maintenance_start_h` (first dose), `maintenance_end_h` (last dose),
/// `maintenance_interval_h` (τ), `maintenance_dose_mg` (each dose; all NaN without a phase); then
/// `synapses_min` (lowest synapse density, baseline 1), `synapses_min_time_h`,
/// `synapse_recovery_h` (h after the last dose until synapses stay ≥ 0.95; 0 if never below, NaN if
/// not by the end), `withdrawal_peak` (highest X − 1), `withdrawal_peak_time_h` (NaN if 0),
/// `withdrawal_days` (days with withdrawal above the threshold), `withdrawal_threshold`,
/// `tolerance_ratio` (anxiolysis 13 days after day 1's anxiolysis peak over that peak; NaN for runs
/// shorter than that). Dimensionless unless a unit is named. A failed run has empty summary
/// fields, `failed` and the message. `Docs/SUMMARY_COLUMNS.md` explains each column and its caveats
/// (the human synapse columns depend on the unknown human TSPO affinity).
public struct SummaryWriter: Sendable {
    /// The assignment columns, in order (use the whole plan's `RunPlan.assignmentNames`,
    /// so every shard writes the same header). A run without a value for a column leaves it empty.
    public let assignmentNames: [String]

    /// The `RunSummary` columns, in order.
    public static let summaryColumns: [String] = {
        var columns: [String] = []
        for a in ["dz", "ndz", "tmz", "oxz"] {
            columns += ["\(a)_cmax_ng_per_mL", "\(a)_tmax_h", "\(a)_cmin_run_ng_per_mL", "\(a)_auc_ng_h_per_mL",
                        "\(a)_ctrough_ss_ng_per_mL", "\(a)_cmax_ss_ng_per_mL", "\(a)_cavg_ss_ng_per_mL",
                        "\(a)_auc_tau_ss_ng_h_per_mL", "\(a)_t90ss_h"]
        }
        columns += ["maintenance_start_h", "maintenance_end_h", "maintenance_interval_h", "maintenance_dose_mg"]
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
        var text = CSVByteBuffer(capacity: 2048)
        text.append(prefix(run))
        for exposure in [s.dz, s.ndz, s.tmz, s.oxz] {
            for x in [exposure.cmax, exposure.tmax, exposure.cminRun, exposure.auc, exposure.ctroughSteadyState,
                      exposure.cmaxSteadyState, exposure.cavgSteadyState, exposure.aucTauSteadyState,
                      exposure.timeTo90PercentSteadyState] {
                text.append(x)
                text.append(byte: UInt8(ascii: ","))
            }
        }
        let phase = s.maintenance
        for x in [phase?.firstDoseTime ?? .nan, phase?.lastDoseTime ?? .nan, phase?.interval ?? .nan, phase?.amount ?? .nan,
                  s.minimumSynapses, s.minimumSynapsesTime, s.synapseRecoveryTime, s.peakWithdrawal,
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
