import Pharmacology

/// Trajectory CSV with the columns a user asked for: a selection of outputs (`--outputs`), input
/// columns of an event table copied to each row (`--carry-out`) and the time after dose
/// (`--tad`, column `tad_h`).
///
/// Wide: `id,time_h,<carried…>,[tad_h,]<outputs…>`. Long: `id,time_h,<carried…>,[tad_h,]name,value,unit`.
/// A carried column holds the cell of the event-table row the output row is for, as written; on
/// rows that are not an event-table row (sampling by `--every` or `--times`) it is empty. `tad_h`
/// is the time since the most recent dose (h), empty before the first dose and after a reset
/// until the next dose; at a sampled dose time it counts from the previous dose (the sample is the
/// trough; at a steady-state dose's time, from the implied dose II h before, `gridTimeAfterDose`),
/// on an event-table row it follows row order like the state does.
public struct EventTableTrajectoryWriter: Sendable {
    /// The layout.
    public let format: TrajectoryFormat
    /// The outputs written, in order.
    public let variables: [OutputVariable]
    /// Carried columns: the name written in the header and the column index in the table's rows.
    public let carried: [Carried]
    /// Whether `tad_h` is written.
    public let timeAfterDose: Bool
    /// Long layout: `,name,` and `,unit\n` per variable, pre-escaped, so the sample loop only appends.
    private let longNames: [String], longUnits: [String]

    /// One input column copied to the output.
    public struct Carried: Sendable, Hashable {
        /// Header name, as written in the event table.
        public var name: String
        /// Index of the column in `EventTable.Record.cells`.
        public var column: Int
    }

    /// A writer in `format` of `variables`, with `carried` columns and optionally `tad_h`.
    public init(format: TrajectoryFormat, variables: [OutputVariable] = OutputVariable.allCases,
                carried: [Carried] = [], timeAfterDose: Bool = false) {
        self.format = format
        self.variables = variables
        self.carried = carried
        self.timeAfterDose = timeAfterDose
        longNames = variables.map { "," + CSVFormat.escape($0.name) + "," }
        longUnits = variables.map { "," + CSVFormat.escape($0.unit) + "\n" }
    }

    /// The outputs named in a comma-separated list, by column name (`dz_plasma_ng_per_mL`) or name
    /// (`dz_plasma`), case-insensitive, in the order given.
    /// - Throws: `InputError` (usage, field `--outputs`) naming each unknown name and the closest output.
    public static func variables(named list: String) throws(InputError) -> [OutputVariable] {
        var result: [OutputVariable] = []
        var problems: [InputProblem] = []
        for raw in list.split(separator: ",", omittingEmptySubsequences: false) {
            let name = raw.trimmingCharacters(in: .whitespaces)
            let key = name.lowercased()
            if let v = OutputVariable.allCases.first(where: { $0.columnName.lowercased() == key || $0.name.lowercased() == key }) {
                if !result.contains(v) { result.append(v) }
                continue
            }
            func distance(_ v: OutputVariable) -> Int {
                min(Spelling.distance(v.name.lowercased(), key), Spelling.distance(v.columnName.lowercased(), key))
            }
            let closest = OutputVariable.allCases.min { distance($0) < distance($1) }.map(\.columnName)
            problems.append(InputProblem(field: "--outputs", message: "\"\(name)\" is not an output; expected output column "
                                         + "names separated by commas, e.g. dz_plasma_ng_per_mL,withdrawal"
                                         + (closest.map { " (did you mean \($0)?)" } ?? "")))
        }
        if !problems.isEmpty { throw InputError(.usage, problems) }
        return result
    }

    /// The columns of `table` named in `names` (case-insensitive).
    /// - Throws: `InputError` (usage, field `--carry-out`) for a name that is not a column of the table.
    public static func carried(_ names: [String], table: EventTable, file: String) throws(InputError) -> [Carried] {
        var result: [Carried] = []
        var problems: [InputProblem] = []
        for name in names {
            if let c = table.columnNames.firstIndex(where: { $0.uppercased() == name.uppercased() }) {
                result.append(Carried(name: table.columnNames[c], column: c))
            } else {
                problems.append(InputProblem(field: "--carry-out", message: "\"\(name)\" is not a column of \(file); "
                                             + "expected one of \(table.columnNames.joined(separator: ", "))"))
            }
        }
        if !problems.isEmpty { throw InputError(.usage, problems) }
        return result
    }

    private var prefixNames: [String] { ["id", "time_h"] + carried.map(\.name) + (timeAfterDose ? ["tad_h"] : []) }

    /// The header line (with newline).
    public var header: String {
        switch format {
        case .wide: return (prefixNames.map(CSVFormat.escape) + variables.map(\.columnName)).joined(separator: ",") + "\n"
        case .long: return (prefixNames.map(CSVFormat.escape) + ["name", "value", "unit"]).joined(separator: ",") + "\n"
        }
    }

    /// The rows of one run.
    public func rows(id: String, result: ScenarioResult, regimen: Regimen) -> String {
        let trajectory = result.trajectory
        let count = trajectory.times.count
        // The fields between time_h and the outputs, per sample, pre-escaped.
        var extras = [String](repeating: "", count: count)
        if !carried.isEmpty || timeAfterDose {
            let tad = result.records?.timeAfterDose ?? Self.gridTimeAfterDose(trajectory.times, regimen: regimen,
                                                                                  resetTimes: result.resetTimes)
            for k in 0..<count {
                var fields = ""
                if let records = result.records, let subject = result.eventSubject {
                    let cells = subject.records[records.records[k]].cells
                    for c in carried { fields += "," + CSVFormat.escape(cells[c.column]) }
                } else {
                    for _ in carried { fields += "," }
                }
                if timeAfterDose {
                    fields += ","
                    if let t = tad[k] { CSVFormat.append(t, to: &fields) }
                }
                extras[k] = fields
            }
        }
        let idField = CSVFormat.escape(id)
        var text = CSVByteBuffer(capacity: count * (idField.utf8.count + 20 * (format == .wide ? variables.count + 1 : 3 * variables.count)))
        for k in 0..<count {
            let state = trajectory.state(at: k)
            let outputs = (result.outputModels?[k] ?? result.model).outputs(at: state)
            switch format {
            case .wide:
                text.append(idField)
                text.append(byte: UInt8(ascii: ","))
                text.append(trajectory.times[k])
                text.append(extras[k])
                for variable in variables {
                    text.append(byte: UInt8(ascii: ","))
                    text.append(variable.value(state: state, outputs: outputs))
                }
                text.append(byte: UInt8(ascii: "\n"))
            case .long:
                for (v, variable) in variables.enumerated() {
                    text.append(idField)
                    text.append(byte: UInt8(ascii: ","))
                    text.append(trajectory.times[k])
                    text.append(extras[k])
                    text.append(longNames[v])
                    text.append(variable.value(state: state, outputs: outputs))
                    text.append(longUnits[v])
                }
            }
        }
        return text.string
    }

    /// Time after the most recent dose before each sample (h; a sample at a dose time is its trough).
    ///
    /// A steady-state dose is the last of an endless series of the same dose every II h (NONMEM
    /// Help, SS DOSE EVENT RECORD, https://nmhelp.tingjieguo.com/ssdose.htm), and a sample at its
    /// time is the steady-state trough (`simulate(_:regimen:…)`), so there the most recent dose is
    /// the implied one II h earlier: with SS 1 whatever was written before (SS 1 discards what the
    /// earlier doses left, SS DATA ITEM, https://nmhelp.tingjieguo.com/ss.html), with SS 2 the
    /// later of it and the last written dose. After its time the steady-state dose itself and its
    /// ADDL doses are the most recent; before it only the written doses count (the sample shows the
    /// earlier history). mrgsolve's `tad` counts dose records only
    /// (https://rdrr.io/github/metrumresearchgroup/mrgsolve/f/vignettes/extra/time-after-dose.Rmd):
    /// that would leave the trough at a steady-state dose's time without the dose it follows.
    ///
    /// A reset (EVID 3; EVID 4 before its dose) clears the dose history (NONMEM Users Guide VI
    /// §V.K; Docs/EVENT_TABLES.md §4): only doses at or after the last reset before the sample
    /// count (a dose at the reset's time comes after it, `DosingAction.ordered`), so between an
    /// EVID 3 and the next dose `tad_h` is empty. A sample at a reset's time is the state before
    /// it, and counts from the earlier doses, unless a steady state is entered there too (the
    /// sample is then after the reset, `DosingPlan.enteringSteadyStates`). `resetTimes` are on the
    /// same clock as `times` (the internal one: an occasion that restarts TIME is shifted).
    static func gridTimeAfterDose(_ times: [Double], regimen: Regimen, resetTimes: [Double] = []) -> [Double?] {
        let doses = regimen.doses.map(\.time).sorted()
        let resets = resetTimes.sorted()
        // By time; at one time in the regimen's order, the order their entries are applied in.
        let steadyStates = regimen.steadyStates.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var last = -1, s = 0, r = 0
        return times.map { t in
            while last + 1 < doses.count, doses[last + 1] < t { last += 1 }
            while s < steadyStates.count, steadyStates[s].time < t { s += 1 }
            while r < resets.count, resets[r] < t { r += 1 }
            // The last reset the sample sees: before it, or at its time when a steady state is entered there.
            let entering = s < steadyStates.count && steadyStates[s].time == t
            let reset: Double? = entering && r < resets.count && resets[r] == t ? t : (r > 0 ? resets[r - 1] : nil)
            var recent: Double? = last >= 0 ? doses[last] : nil
            if let dose = recent, let reset, dose < reset { recent = nil }
            var k = s
            while k < steadyStates.count, steadyStates[k].time == t {
                let implied = t - steadyStates[k].interval
                recent = steadyStates[k].additive ? max(recent ?? implied, implied) : implied
                k += 1
            }
            return recent.map { t - $0 }
        }
    }
}
