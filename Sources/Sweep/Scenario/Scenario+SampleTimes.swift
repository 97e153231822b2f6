import Pharmacology

extension Scenario {
    /// The times (h) at which outputs are sampled: ascending, distinct, within `0...endTime`.
    ///
    /// - `.every(step)`: `0, step, 2·step, …` up to `endTime` (each `k·step` computed directly, so
    ///   no round-off accumulates; a point a rounding error past `endTime` becomes `endTime`).
    /// - `.times`: the given times inside `0...endTime`.
    /// - `.doseRelative(offsets)`: `t + offset` for every distinct dose administration time `t` of
    ///   `regimen` (before any lag), inside `0...endTime`. An offset of 0 samples at the dose time
    ///   itself, which the simulation reports before the dose is applied: the pre-dose trough.
    public func sampleTimes() -> [Double] {
        guard endTime.isFinite, endTime >= 0 else { return [] }
        var times: [Double]
        switch sampling {
        case .every(let step):
            guard step > 0, step.isFinite else { return [0] }
            let count = Int((endTime / step * (1 + 1e-9)).rounded(.down))
            times = (0...count).map { min(Double($0) * step, endTime) }
        case .times(let given):
            times = given.filter { $0 >= 0 && $0 <= endTime }
        case .doseRelative(let offsets):
            let doseTimes = Set(regimen.doses.map(\.time))
            times = doseTimes.flatMap { t in offsets.map { t + $0 } }.filter { $0 >= 0 && $0 <= endTime }
        }
        times.sort()
        var distinct: [Double] = []
        distinct.reserveCapacity(times.count)
        for t in times where distinct.last != t { distinct.append(t) }
        return distinct
    }
}
