/// Exposure of one analyte over a run, read from the model on the internal `SummaryGrid` (never
/// from the user's samples). Concentrations are plasma, total (bound + unbound), ng/mL.
public struct AnalyteExposure: Sendable, Equatable {
    /// Highest concentration of the run (ng/mL) and when (h); Tmax is NaN without any drug.
    public var cmax: Double, tmax: Double
    /// Lowest concentration from the analyte's first peak to the end of the run (ng/mL): during
    /// dosing the lowest trough, after a stop the end of the washout. NaN if it never peaks.
    public var cminRun: Double
    /// Area under the concentration curve from 0 to the end of the run (ng·h/mL).
    public var auc: Double
    /// Maintenance phase (`MaintenancePhase`), over its last full dosing interval
    /// `[last dose − τ, last dose]`: the concentration at its end, just before the last dose (the
    /// pre-dose trough, ng/mL).
    public var ctroughSteadyState: Double
    /// Highest concentration in that interval (ng/mL).
    public var cmaxSteadyState: Double
    /// `aucTauSteadyState / τ` (ng/mL).
    public var cavgSteadyState: Double
    /// Area under the curve over that interval (ng·h/mL).
    public var aucTauSteadyState: Double
    /// Hours from the maintenance phase's first dose until the mean concentration over the
    /// trailing dosing interval first reaches 90% of the phase's steady-state average (the exact
    /// plateau `DiazepamModel.steadyStateAverageConcentrations`); at least τ, except 0 for a phase
    /// entered at steady state (`MaintenancePhase.startsAtSteadyState`). NaN when it is not
    /// reached by the phase's last dose (the regimen never reaches a steady state) or there is no
    /// maintenance phase; the four steady-state values above are then NaN too.
    public var timeTo90PercentSteadyState: Double
}

/// The per-run summary row of MODEL.md ("Outputs").
///
/// Every value is read from the model on an internal grid fixed by the regimen (`SummaryGrid`: dense
/// after every dose, at most 1 h apart elsewhere, extrema refined by a parabola), so it does not
/// depend on how the user samples the trajectory. Build it with `simulateWithSummary(...)` or
/// `RunSummary(model:regimen:...)`.
public struct RunSummary: Sendable, Equatable {
    /// DZ, NDZ, TMZ, OXZ exposure.
    public var dz, ndz, tmz, oxz: AnalyteExposure
    /// The maintenance phase the steady-state columns describe (`nil` if no dose is repeated).
    public var maintenance: MaintenancePhase?
    /// Lowest synapse density (baseline 1) and when (h).
    public var minimumSynapses: Double, minimumSynapsesTime: Double
    /// Hours after the last dose until synapse density is back at ≥ 95% of baseline for good
    /// (linear interpolation of the crossing; 0 if it never fell below; NaN if not recovered by the
    /// end of the run).
    public var synapseRecoveryTime: Double
    /// Highest withdrawal (X − 1) and when (h; NaN if withdrawal stays 0).
    public var peakWithdrawal: Double, peakWithdrawalTime: Double
    /// Days with withdrawal above `withdrawalThreshold` (crossings interpolated linearly). The
    /// default 0.01: the human abrupt-stop peak after 6 months of 10 mg/day is ≈ 0.035 at the
    /// default parameters, the mouse's ≈ 0.08.
    public var withdrawalDays: Double
    /// The threshold used for `withdrawalDays`.
    public var withdrawalThreshold: Double
    /// Anxiolysis 13 days after day 1's anxiolysis peak divided by that peak (day 1 = the 24 h
    /// from the first dose; 1 = no tolerance; NaN if the run is shorter or there is no anxiolysis).
    public var toleranceRatio: Double

    /// Summarises the states at `grid.times` (12 per sample); `exact`, when the PK has a closed
    /// form, gives the concentrations at any time for exact peaks.
    /// With `outputModel`, sample `i`'s outputs are derived with `outputModel(i)` (time-varying models).
    init(grid: SummaryGrid, states: [Double], model: DiazepamModel, regimen: Regimen, phase: MaintenancePhase?,
         exact: ExactConcentrations?, withdrawalThreshold: Double, outputModel: ((Int) -> DiazepamModel)? = nil) {
        let series = SummarySeries(states: states, count: grid.times.count, model: model, outputModel: outputModel)
        self.init(grid: grid, series: series, model: model, regimen: regimen, phase: phase, exact: exact,
                  withdrawalThreshold: withdrawalThreshold)
    }

    /// Summarises the series read off the states at `grid.times` (`SummarySeries`); `exact` as above.
    init(grid: SummaryGrid, series: SummarySeries, model: DiazepamModel, regimen: Regimen, phase: MaintenancePhase?,
         exact: ExactConcentrations?, withdrawalThreshold: Double) {
        let times = grid.times
        let plasma = series.plasma
        let withdrawal = series.withdrawal, anxiolysis = series.anxiolysis, synapses = series.synapses
        let first = regimen.doses.map(\.time).min() ?? .nan, last = regimen.lastDoseTime ?? .nan
        let reader = GridReader(grid: grid)
        let dose = phase.map { model.steadyStateAverageConcentrations(amount: $0.amount, interval: $0.interval, route: $0.route) }
        func concentration(_ analyte: Int) -> ((Double) -> Double)? {
            exact.map { exact in { t in exact.concentration(analyte, at: t) } }
        }
        dz = reader.exposure(plasma[0], phase: phase, plateau: dose?.dz, exact: concentration(0))
        ndz = reader.exposure(plasma[1], phase: phase, plateau: dose?.ndz, exact: concentration(1))
        tmz = reader.exposure(plasma[2], phase: phase, plateau: dose?.tmz, exact: concentration(2))
        oxz = reader.exposure(plasma[3], phase: phase, plateau: dose?.oxz, exact: concentration(3))
        maintenance = phase

        let lowest = reader.extremum(synapses, in: times.indices, sign: -1)
        minimumSynapses = lowest.value
        minimumSynapsesTime = lowest.time
        if let lastBelow = synapses.indices.last(where: { synapses[$0] < 0.95 }) {
            if lastBelow + 1 < times.count {
                let up = reader.crossing(synapses, 0.95, between: lastBelow, lastBelow + 1)
                synapseRecoveryTime = max(0, up - last)
            } else {
                synapseRecoveryTime = .nan
            }
        } else {
            synapseRecoveryTime = 0
        }

        let peak = reader.extremum(withdrawal, in: times.indices, sign: 1)
        peakWithdrawal = peak.value
        peakWithdrawalTime = peak.value > 0 ? peak.time : .nan
        var hoursAbove = 0.0
        for i in times.indices.dropFirst() {
            let a = withdrawal[i - 1], b = withdrawal[i], dt = times[i] - times[i - 1]
            if a > withdrawalThreshold && b > withdrawalThreshold {
                hoursAbove += dt
            } else if (a > withdrawalThreshold) != (b > withdrawalThreshold) {
                let high = max(a, b), low = min(a, b)
                hoursAbove += dt * (high - withdrawalThreshold) / (high - low)
            }
        }
        withdrawalDays = hoursAbove / 24
        self.withdrawalThreshold = withdrawalThreshold

        let dayOne = reader.range(from: first, to: first + 24, closed: false)
        let peakDayOne = reader.extremum(anxiolysis, in: dayOne, sign: 1)
        if peakDayOne.value > 0, let later = reader.interpolate(anxiolysis, at: peakDayOne.time + 13 * 24) {
            toleranceRatio = later / peakDayOne.value
        } else {
            toleranceRatio = .nan
        }
    }
}

/// Reads extrema, integrals and crossings off values on a `SummaryGrid`.
struct GridReader {
    let grid: SummaryGrid
    /// `grid.times`.
    let times: [Double]

    /// `intervalIntegral`'s weights for each interval `i` (`i + 1 < times.count`), which depend on
    /// the grid alone: computed once here and shared by every series read (four analytes).
    private let weights: [IntervalWeights]

    /// How one interval is integrated: `h · (a·v[p] + b·v[q] − c·v[r])`, or the trapezoid when `r < 0`.
    private struct IntervalWeights {
        var h, a, b, c: Double
        var p, q, r: Int
    }

    init(grid: SummaryGrid) {
        self.grid = grid
        times = grid.times
        let s = grid.startsPiece, t = grid.times
        var weights: [IntervalWeights] = []
        weights.reserveCapacity(max(0, t.count - 1))
        for i in t.indices.dropLast() {
            let h = t[i + 1] - t[i]
            if i + 2 < t.count && !s[i + 1] && !s[i + 2] {
                // Lagrange weights of the parabola through t_i, t_{i+1}, t_{i+2}, integrated over [t_i, t_{i+1}].
                let h2 = t[i + 2] - t[i + 1]
                weights.append(IntervalWeights(h: h, a: (2 * h + 3 * h2) / (6 * (h + h2)), b: (h + 3 * h2) / (6 * h2),
                                               c: h * h / (6 * h2 * (h + h2)), p: i, q: i + 1, r: i + 2))
            } else if i >= 1 && !s[i] && !s[i + 1] {
                // Mirror image: the parabola through t_{i-1}, t_i, t_{i+1} over [t_i, t_{i+1}].
                let h0 = t[i] - t[i - 1]
                weights.append(IntervalWeights(h: h, a: (2 * h + 3 * h0) / (6 * (h + h0)), b: (h + 3 * h0) / (6 * h0),
                                               c: h * h / (6 * h0 * (h + h0)), p: i + 1, q: i, r: i - 1))
            } else {
                weights.append(IntervalWeights(h: h, a: 0, b: 0, c: 0, p: i, q: i + 1, r: -1))
            }
        }
        self.weights = weights
    }

    /// Indices of the samples in `from … to` (or `from ..< to`).
    func range(from a: Double, to b: Double, closed: Bool = true) -> Range<Int> {
        guard a.isFinite, b.isFinite else { return 0..<0 }
        let lower = times.partitionPoint { $0 < a }
        let upper = closed ? times.partitionPoint { $0 <= b } : times.partitionPoint { $0 < b }
        return lower..<max(lower, upper)
    }

    /// The largest (`sign` 1) or smallest (`sign` −1) value on `indices` and its reported time;
    /// an extremum inside a smooth piece is refined by the parabola through it and its neighbours.
    /// `(NaN, NaN)` for no samples.
    /// With `exact` (the value at any time, e.g. a concentration from the closed-form PK), the
    /// extremum is instead located by golden-section search between the neighbours, to ~1e-10 h.
    func extremum(_ v: [Double], in indices: Range<Int>, sign: Double,
                  exact: ((Double) -> Double)? = nil) -> (value: Double, time: Double) {
        guard var best = indices.first else { return (.nan, .nan) }
        for i in indices where sign * v[i] > sign * v[best] { best = i }
        guard indices.contains(best - 1), indices.contains(best + 1), grid.isInterior(best) else {
            return (v[best], grid.reportTimes[best])
        }
        if let exact {
            let ratio = (5.0.squareRoot() - 1) / 2
            var a = times[best - 1], b = times[best + 1]
            var x1 = b - ratio * (b - a), x2 = a + ratio * (b - a)
            var f1 = sign * exact(x1), f2 = sign * exact(x2)
            while b - a > 1e-10 {
                if f1 > f2 {
                    b = x2; x2 = x1; f2 = f1; x1 = b - ratio * (b - a); f1 = sign * exact(x1)
                } else {
                    a = x1; x1 = x2; f1 = f2; x2 = a + ratio * (b - a); f2 = sign * exact(x2)
                }
            }
            let t = 0.5 * (a + b), value = exact(t)
            return sign * value >= sign * v[best] ? (value, t) : (v[best], times[best])
        }
        // Vertex of the parabola through (t0, v0), (t1, v1), (t2, v2), kept inside [t0, t2].
        let t0 = times[best - 1], t1 = times[best], t2 = times[best + 1]
        let v0 = v[best - 1], v1 = v[best], v2 = v[best + 1]
        let d1 = (v1 - v0) / (t1 - t0), d2 = (v2 - v1) / (t2 - t1)
        let curvature = (d2 - d1) / (t2 - t0)            // half the second derivative
        guard sign * curvature < 0 else { return (v1, grid.reportTimes[best]) }
        let vertex = min(t2, max(t0, 0.5 * (t0 + t1) - d1 / (2 * curvature)))
        let value = v1 + (vertex - t1) * (d1 + curvature * (vertex - t0))
        return sign * value >= sign * v1 ? (value, vertex) : (v1, t1)
    }

    /// Integral of `v` over samples `indices` (value·h): each interval inside a smooth piece by the
    /// parabola through it and the next sample (the previous one at a piece's end), fourth-order
    /// accurate on the smooth concentration curves; an interval with no third sample by the trapezoid.
    func integral(_ v: [Double], over indices: Range<Int>) -> Double {
        var sum = 0.0
        for i in indices.dropLast() { sum += intervalIntegral(v, i) }
        return sum
    }

    /// `∫ v` from sample `i` to `i + 1` (the weights' arithmetic in the order of the formulas in `init`).
    @inline(__always)
    func intervalIntegral(_ v: [Double], _ i: Int) -> Double {
        let w = weights[i]
        if w.r < 0 { return 0.5 * w.h * (v[w.p] + v[w.q]) }
        return w.h * (w.a * v[w.p] + w.b * v[w.q] - w.c * v[w.r])
    }

    /// Linear interpolation of `v` at `t`, or `nil` outside the grid.
    func interpolate(_ v: [Double], at t: Double) -> Double? {
        guard t.isFinite, let t0 = times.first, t >= t0, t <= times[times.count - 1] else { return nil }
        let upper = times.partitionPoint { $0 < t }
        if times[upper] == t || upper == 0 { return v[upper] }
        let w = (t - times[upper - 1]) / (times[upper] - times[upper - 1])
        return v[upper - 1] + w * (v[upper] - v[upper - 1])
    }

    /// `interpolate(v, at: t)` for `t` within the grid, searching forward from sample `cursor` (left at
    /// the sample found): for times that increase from call to call, with the same arithmetic.
    func interpolate(_ v: [Double], at t: Double, from cursor: inout Int) -> Double {
        precondition(t >= times[0] && t <= times[times.count - 1], "interpolate: \(t) h is outside the grid")
        while times[cursor] < t { cursor += 1 }
        let upper = cursor
        if times[upper] == t || upper == 0 { return v[upper] }
        let w = (t - times[upper - 1]) / (times[upper] - times[upper - 1])
        return v[upper - 1] + w * (v[upper] - v[upper - 1])
    }

    /// The time between samples `i` and `j` where `v` crosses `level` (linear interpolation).
    func crossing(_ v: [Double], _ level: Double, between i: Int, _ j: Int) -> Double {
        guard v[j] != v[i] else { return times[j] }
        return times[i] + (level - v[i]) / (v[j] - v[i]) * (times[j] - times[i])
    }

    /// Exposure of one analyte's concentrations `c`; `plateau` is the maintenance phase's exact
    /// steady-state average.
    /// `exact` gives the concentration at any time (closed-form PK) to locate peaks exactly.
    func exposure(_ c: [Double], phase: MaintenancePhase?, plateau: Double?,
                  exact: ((Double) -> Double)? = nil) -> AnalyteExposure {
        let all = times.indices
        let peak = extremum(c, in: all, sign: 1, exact: exact)
        let firstPeak = c.indices.dropLast().first { c[$0] > 0 && c[$0 + 1] < c[$0] }
        let cminRun = firstPeak.map { i in c[i...].min()! } ?? .nan
        // Cumulative integral; its last value is `integral(c, over: all)` (the same sums in the same order).
        var cumulative = [Double](repeating: 0, count: c.count)
        for i in all.dropFirst() { cumulative[i] = cumulative[i - 1] + intervalIntegral(c, i - 1) }
        var result = AnalyteExposure(cmax: peak.value, tmax: peak.value > 0 ? peak.time : .nan, cminRun: cminRun,
                                     auc: cumulative.last ?? 0, ctroughSteadyState: .nan, cmaxSteadyState: .nan,
                                     cavgSteadyState: .nan, aucTauSteadyState: .nan, timeTo90PercentSteadyState: .nan)
        guard let phase, let plateau, plateau > 0, phase.lastInterval.upperBound <= times[times.count - 1] else { return result }
        let tau = phase.interval
        // The trailing-τ mean at every sample of the phase from first + τ.
        let target = 0.9 * plateau
        var previous: (time: Double, mean: Double)?
        // At steady state from the first dose on: reached at once (and the interval starts after the entry).
        var reached: Double? = phase.startsAtSteadyState ? phase.firstDoseTime : nil
        var lagged = 0    // `interpolate(cumulative, at: times[i] − τ)`'s sample, found by a cursor (the times increase)
        for i in range(from: phase.firstDoseTime + tau, to: phase.lastDoseTime) where !phase.startsAtSteadyState {
            let mean = (cumulative[i] - interpolate(cumulative, at: times[i] - tau, from: &lagged)) / tau
            if mean >= target {
                if let previous, previous.mean < target {
                    reached = previous.time + (target - previous.mean) / (mean - previous.mean) * (times[i] - previous.time)
                } else {
                    reached = times[i]
                }
                break
            }
            previous = (times[i], mean)
        }
        guard let reached else { return result }
        var interval = range(from: phase.lastInterval.lowerBound, to: phase.lastInterval.upperBound)
        // A single steady-state dose: its interval starts at the entry, and the sample before it is the earlier history.
        if phase.startsAtSteadyState, phase.doseCount == 1, interval.count > 1, grid.reportTimes[interval.lowerBound + 1] == times[interval.lowerBound] {
            interval = (interval.lowerBound + 1)..<interval.upperBound
        }
        result.timeTo90PercentSteadyState = reached - phase.firstDoseTime
        result.ctroughSteadyState = c[interval.upperBound - 1]
        result.cmaxSteadyState = extremum(c, in: interval, sign: 1, exact: exact).value
        result.aucTauSteadyState = integral(c, over: interval)
        result.cavgSteadyState = result.aucTauSteadyState / tau
        return result
    }
}

extension Array where Element == Double {
    /// The first index whose element does not satisfy `belongs` (the array must be partitioned:
    /// all elements satisfying it first).
    func partitionPoint(_ belongs: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
