/// The seven series a `RunSummary` reads, one value per `SummaryGrid` sample, derived in one pass
/// over the samples' states: plasma DZ, NDZ, TMZ, OXZ (ng/mL), withdrawal, anxiolysis and synapse
/// density. The same pass proves the run finite, so a summary-only run needs no second pass over
/// its states (`simulateSummary`).
struct SummarySeries {
    /// Plasma DZ, NDZ, TMZ, OXZ (ng/mL).
    let plasma: [[Double]]
    /// Withdrawal (X − 1, ≥ 0), anxiolysis (1 − X, ≥ 0) and synapse density (baseline 1).
    let withdrawal: [Double], anxiolysis: [Double], synapses: [Double]
    /// Whether the sum of every state and every derived output over all samples is finite, which
    /// proves each of them finite (a NaN or infinity never leaves a sum). `false` also when finite
    /// values merely overflow the sum: `DiazepamModel.firstNonFiniteOutput` tells which, if any.
    let everyValueFinite: Bool

    /// The series of the 12 states per sample in `states` (`count` samples). With `outputModel`,
    /// sample `k`'s outputs are derived with `outputModel(k)` (time-varying models), else `model`'s.
    init(states: [Double], count: Int, model: DiazepamModel, outputModel: ((Int) -> DiazepamModel)?) {
        self = states.withUnsafeBufferPointer { all in
            SummarySeries(count: count, rows: StoredStateRows(states: all.baseAddress!), model: model, outputModel: outputModel)
        }
    }

    /// The series of the states that `rows` writes, one sample at a time (nothing stored).
    init<Rows: SummaryStateRows>(count: Int, rows: Rows, model: DiazepamModel, outputModel: ((Int) -> DiazepamModel)?) {
        var rows = rows
        var total = 0.0
        let n = StateVariable.count
        let series = [Double](unsafeUninitializedCapacity: 7 * count) { out, initialized in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { row in
                let state = UnsafeBufferPointer(row)
                for k in 0..<count {
                    rows.fill(k, into: row.baseAddress!)
                    // The model is only copied per sample when it changes with time.
                    let o = outputModel.map { $0(k).outputs(at: state) } ?? model.outputs(at: state)
                    out[k] = o.plasma.dz
                    out[count + k] = o.plasma.ndz
                    out[2 * count + k] = o.plasma.tmz
                    out[3 * count + k] = o.plasma.oxz
                    out[4 * count + k] = o.withdrawal
                    out[5 * count + k] = o.anxiolysis
                    out[6 * count + k] = row[StateVariable.synapses.rawValue]
                    var sum = o.plasma.dz + o.plasma.ndz + o.plasma.tmz + o.plasma.oxz + o.unbound.dz + o.unbound.ndz
                    sum += o.unbound.tmz + o.unbound.oxz + o.occupancyGaba + o.occupancyTspo + o.inhibition + o.excitability
                    sum += o.anxiolysis + o.withdrawal
                    for v in state { sum += v }
                    total += sum
                }
            }
            initialized = 7 * count
        }
        func column(_ c: Int) -> [Double] { Array(series[(c * count)..<((c + 1) * count)]) }
        plasma = (0..<4).map(column)
        withdrawal = column(4)
        anxiolysis = column(5)
        synapses = column(6)
        everyValueFinite = total.isFinite
    }
}

/// A source of the 12 states (`StateVariable` order) of each `SummaryGrid` sample, asked for in
/// increasing sample order.
protocol SummaryStateRows {
    /// Writes sample `k`'s 12 states to `row`.
    mutating func fill(_ k: Int, into row: UnsafeMutablePointer<Double>)
}

/// States already stored, 12 per sample.
struct StoredStateRows: SummaryStateRows {
    let states: UnsafePointer<Double>

    func fill(_ k: Int, into row: UnsafeMutablePointer<Double>) {
        row.update(from: states + k * StateVariable.count, count: StateVariable.count)
    }
}

/// The drug amounts from the closed-form PK (`PKSchedule.amounts(inSegment:at:into:)`, the same
/// arithmetic as `PKSchedule.writeAmounts`, so the same bits) beside the six integrated PD states
/// (6 per sample); samples the solver did not reach (it saves every time up to the end, but the
/// summary must not read garbage if it did not) are all zero, as a stored trajectory padded with zeros.
struct ExactPKStateRows: SummaryStateRows {
    let schedule: PKSchedule
    /// The solver's sample times (h) and PD states (6 per sample).
    let times: UnsafeBufferPointer<Double>
    let pd: UnsafeBufferPointer<Double>
    /// The segment of the last sample asked for.
    private var segment = 0

    init(schedule: PKSchedule, times: UnsafeBufferPointer<Double>, pd: UnsafeBufferPointer<Double>) {
        self.schedule = schedule
        self.times = times
        self.pd = pd
    }

    mutating func fill(_ k: Int, into row: UnsafeMutablePointer<Double>) {
        let m = DiazepamModel.pkDimension
        guard k < times.count else {
            row.update(repeating: 0, count: StateVariable.count)
            return
        }
        let t = times[k]
        segment = schedule.segment(holding: t, from: segment)
        schedule.amounts(inSegment: segment, at: t, into: row)
        (row + m).update(from: pd.baseAddress! + k * m, count: StateVariable.count - m)
    }
}
