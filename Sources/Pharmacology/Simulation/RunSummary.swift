/// Exposure of one analyte over a run (from the sampled plasma concentrations).
public struct AnalyteExposure: Sendable, Equatable {
    /// Highest sampled concentration (ng/mL) and its time (h).
    public var cmax: Double, tmax: Double
    /// Lowest sampled concentration after the first dose (ng/mL).
    public var cmin: Double
    /// Area under the concentration curve over the run, trapezoidal (ng·h/mL).
    public var auc: Double
    /// First time (h) the trailing 24-h mean concentration reaches 90% of its value at the last
    /// dose, i.e. of the steady state when the regimen runs long enough; NaN without doses.
    public var timeTo90PercentSteadyState: Double
}

/// The per-run summary row of MODEL.md ("Outputs"). Everything is read off the sampled trajectory,
/// so its resolution is the sampling interval: sample finely (≤ 0.25 h) around peaks.
public struct RunSummary: Sendable, Equatable {
    /// DZ, NDZ, TMZ, OXZ exposure.
    public var dz, ndz, tmz, oxz: AnalyteExposure
    /// Lowest synapse density (baseline 1) and when (h).
    public var minimumSynapses: Double, minimumSynapsesTime: Double
    /// Hours after the last dose until synapse density is back at ≥ 95% of baseline for good
    /// (0 if it never fell below; NaN if not recovered by the end of the run).
    public var synapseRecoveryTime: Double
    /// Highest withdrawal (X − 1) and when (h).
    public var peakWithdrawal: Double, peakWithdrawalTime: Double
    /// Days with withdrawal above `withdrawalThreshold` (default 0.01: the human abrupt-stop peak
    /// after 6 months of 10 mg/day is ≈ 0.035 at the default parameters, the mouse's ≈ 0.08).
    public var withdrawalDays: Double
    /// The threshold used for `withdrawalDays`.
    public var withdrawalThreshold: Double
    /// Anxiolysis on day 14 divided by anxiolysis on day 1, at the same time after the first dose
    /// as day 1's anxiolysis peak (1 = no tolerance; NaN if the run is shorter than 14 days).
    public var toleranceRatio: Double

    /// Summarises a trajectory of `model`; `doseTimes` are the (first and last) dosing times in h.
    public init(trajectory: Trajectory, model: DiazepamModel, doseTimes: [Double], withdrawalThreshold: Double = 0.01) {
        let times = trajectory.times
        let outputs = times.indices.map { model.outputs(at: Array(trajectory.state(at: $0))) }
        let first = doseTimes.min() ?? .nan, last = doseTimes.max() ?? .nan
        func exposure(_ value: (DerivedOutputs) -> Double) -> AnalyteExposure {
            let c = outputs.map(value)
            var peak = 0, auc = 0.0, cmin = Double.infinity
            for i in c.indices {
                if c[i] > c[peak] { peak = i }
                if i > 0 { auc += 0.5 * (c[i] + c[i - 1]) * (times[i] - times[i - 1]) }
                if times[i] > first { cmin = min(cmin, c[i]) }
            }
            return AnalyteExposure(cmax: c.isEmpty ? .nan : c[peak], tmax: c.isEmpty ? .nan : times[peak],
                                   cmin: cmin.isFinite ? cmin : .nan, auc: auc,
                                   timeTo90PercentSteadyState: Self.timeTo90Percent(times, c, lastDose: last))
        }
        dz = exposure { $0.plasma.dz }
        ndz = exposure { $0.plasma.ndz }
        tmz = exposure { $0.plasma.tmz }
        oxz = exposure { $0.plasma.oxz }

        let synapses = trajectory.values(of: .synapses)
        let lowest = synapses.indices.min { synapses[$0] < synapses[$1] }
        minimumSynapses = lowest.map { synapses[$0] } ?? .nan
        minimumSynapsesTime = lowest.map { times[$0] } ?? .nan
        if let lastBelow = synapses.indices.last(where: { synapses[$0] < 0.95 }) {
            synapseRecoveryTime = lastBelow + 1 < times.count ? max(0, times[lastBelow + 1] - last) : .nan
        } else {
            synapseRecoveryTime = 0
        }

        let withdrawal = outputs.map(\.withdrawal)
        let peak = withdrawal.indices.max { withdrawal[$0] < withdrawal[$1] }
        peakWithdrawal = peak.map { withdrawal[$0] } ?? .nan
        peakWithdrawalTime = peak.map { times[$0] } ?? .nan
        var hoursAbove = 0.0
        for i in 1..<max(times.count, 1) where withdrawal[i] > withdrawalThreshold && withdrawal[i - 1] > withdrawalThreshold {
            hoursAbove += times[i] - times[i - 1]
        }
        withdrawalDays = hoursAbove / 24
        self.withdrawalThreshold = withdrawalThreshold

        let anxiolysis = outputs.map(\.anxiolysis)
        let dayOne = times.indices.filter { times[$0] >= first && times[$0] < first + 24 }
        if let peakDayOne = dayOne.max(by: { anxiolysis[$0] < anxiolysis[$1] }), anxiolysis[peakDayOne] > 0,
           let later = Self.interpolate(times, anxiolysis, at: times[peakDayOne] + 13 * 24) {
            toleranceRatio = later / anxiolysis[peakDayOne]
        } else {
            toleranceRatio = .nan
        }
    }

    static func interpolate(_ times: [Double], _ values: [Double], at t: Double) -> Double? {
        guard let upper = times.firstIndex(where: { $0 >= t }) else { return nil }
        if times[upper] == t || upper == 0 { return values[upper] }
        let w = (t - times[upper - 1]) / (times[upper] - times[upper - 1])
        return values[upper - 1] + w * (values[upper] - values[upper - 1])
    }

    static func timeTo90Percent(_ times: [Double], _ c: [Double], lastDose: Double) -> Double {
        guard lastDose.isFinite, times.count > 1 else { return .nan }
        // Trailing 24-h means by a running trapezoid.
        var cumulative = [0.0]
        for i in 1..<times.count { cumulative.append(cumulative[i - 1] + 0.5 * (c[i] + c[i - 1]) * (times[i] - times[i - 1])) }
        func trailingMean(_ i: Int) -> Double? {
            guard let j = times.firstIndex(where: { $0 >= times[i] - 24 }), times[i] - times[j] > 0 else { return nil }
            return (cumulative[i] - cumulative[j]) / (times[i] - times[j])
        }
        guard let atLast = times.lastIndex(where: { $0 <= lastDose }), let target = trailingMean(atLast), target > 0 else { return .nan }
        for i in times.indices where times[i] >= 24 {
            if let m = trailingMean(i), m >= 0.9 * target { return times[i] }
        }
        return .nan
    }
}
