import Dispatch
import Pharmacology

/// The subjects a taper is designed for (one patient, or a virtual population), their state at the
/// start of the taper, and the simulations of candidate continuations from any state.
///
/// Every candidate is simulated from a snapshot (`simulate(_:regimen:from:...)`), never from 0 h,
/// so the 180 days of maintenance are simulated once per subject, not once per candidate.
/// Subjects are simulated in parallel; each result depends only on its subject, so results are
/// identical for any thread count.
final class TaperCohort: @unchecked Sendable {
    /// The subjects' models.
    let models: [DiazepamModel]
    let request: TaperRequest
    /// Each subject's state at the start of the taper (just before the dose the taper replaces).
    let starts: [SimulationSnapshot]
    /// Each subject's peak withdrawal after an abrupt stop at the start of the taper.
    private(set) var abruptPeaks: [Double] = []
    /// Each subject's ceiling (X − 1).
    private(set) var ceilings: [Double] = []
    let threads: Int
    /// Sampling step (h) of the designer's simulations; the peak between samples is covered by
    /// `margin`.
    static let sampleStep = 0.5
    /// Candidates must stay under `(1 − margin) ·` the ceiling on the designer's 0.5 h grid, so
    /// that the schedule stays under the ceiling on any finer grid and after a fresh simulation
    /// from 0 h: withdrawal changes over days, so a 0.5 h grid sees nearly all of a peak, and the
    /// tests re-simulate designed schedules from 0 h on a 5-minute grid (Docs/TAPER.md).
    static let margin = 2e-3
    /// The window (h) after the last dose change over which a withdrawal peak is looked for; it is
    /// extended while the peak lies in its last third.
    static let window = 42.0 * 24

    /// Simulates each subject's maintenance once and its abrupt stop.
    init(models: [DiazepamModel], request: TaperRequest, threads: Int) throws(TaperError) {
        precondition(!models.isEmpty)
        self.models = models
        self.request = request
        self.threads = max(1, threads)
        let m = request.maintenance
        for model in models where model.lagTime >= m.interval {
            throw .invalidRequest("the lag time (\(TaperText.number(model.lagTime)) h) is not shorter than the dose interval (\(TaperText.number(m.interval)) h)")
        }
        let options = request.options
        let startResults: [Result<SimulationSnapshot, TaperError>] = Self.map(models.count, threads: threads) { i in
            do {
                let t = try simulate(models[i], regimen: m.regimen, sampleTimes: [m.startTime], endTime: m.startTime, options: options)
                return .success(t.snapshot(at: 0))
            } catch {
                return .failure(.simulation("subject \(i + 1): the maintenance could not be simulated: \(error)"))
            }
        }
        var starts: [SimulationSnapshot] = []
        for r in startResults { starts.append(try r.get()) }
        self.starts = starts
        let abrupt = try run(phases: [], from: starts, observeFrom: m.startTime, ceilings: nil)
        abruptPeaks = abrupt.map(\.peak)
        switch request.ceiling {
        case .absolute(let c): ceilings = models.map { _ in c }
        case .fractionOfAbruptStop(let f):
            if let i = abruptPeaks.firstIndex(where: { !($0 > 0) }) {
                throw .invalidRequest("subject \(i + 1) has no withdrawal after an abrupt stop of \(TaperText.mg(m.dose)), so a ceiling relative to it is 0: "
                                      + "give an absolute ceiling instead (e.g. --max-withdrawal 0.005)")
            }
            ceilings = abruptPeaks.map { f * $0 }
        }
    }

    /// What one subject's continuation gave.
    struct SubjectRun {
        /// Highest withdrawal on the grid and when (h).
        var peak: Double, peakTime: Double
        /// Hours above the subject's ceiling (sample-based).
        var hoursAbove: Double
        /// States at the requested snapshot times.
        var snapshots: [SimulationSnapshot]
        /// Highest withdrawal in each `[boundaries[k], boundaries[k+1])` (the last: to the end).
        var peaksBetween: [(peak: Double, time: Double)]
        /// GABA-A occupancy at the last sample, and the highest sampled.
        var occupancyAtEnd: Double, highestOccupancy: Double
    }

    /// Simulates `phases` (dose mg per administration, for hours) back to back from each subject's
    /// snapshot (all at the same time), then no drug, for at least `window` h after the last
    /// change; the window grows while the peak lies in its last third.
    /// - Parameters:
    ///   - snapshotTimes: times (h, on the grid) to return each subject's state at.
    ///   - boundaries: times (h) that split the run for `peaksBetween`.
    ///   - holdLast: keep giving the last phase's dose through the window (a "hold").
    func run(phases: [(dose: Double, hours: Double)], from snapshots: [SimulationSnapshot], observeFrom: Double? = nil,
             snapshotTimes: [Double] = [], boundaries: [Double] = [], holdLast: Bool = false,
             ceilings: [Double]? = nil) throws(TaperError) -> [SubjectRun] {
        let m = request.maintenance, options = request.options
        let start = snapshots[0].time
        let list: [Phase] = phases.map { p in
            p.dose > 0 ? Phase(amount: p.dose, every: m.interval, for: p.hours, route: m.route) : .pause(for: p.hours)
        }
        let dosedEnd = phases.reduce(start) { $0 + $1.hours }
        let ceilings = ceilings ?? self.ceilings
        let models = self.models
        let results: [Result<SubjectRun, TaperError>] = Self.map(models.count, threads: threads) { i in
            var window = max(Self.window, (snapshotTimes.max() ?? start) - dosedEnd + 24)
            while true {
                let end = dosedEnd + window
                var phasesHere = list
                if holdLast, let last = phases.last, last.dose > 0 {
                    phasesHere.append(Phase(amount: last.dose, every: m.interval, for: window, route: m.route))
                }
                do {
                    let regimen = try Regimen.phases(phasesHere, startingAt: start)
                    let times = Self.grid(from: start, to: end, including: snapshotTimes + boundaries)
                    let t = try simulate(models[i], regimen: regimen, from: snapshots[i], sampleTimes: times,
                                         endTime: end, options: options)
                    let r = Self.summarise(t, model: models[i], from: observeFrom ?? start, ceiling: ceilings.isEmpty ? .infinity : ceilings[i],
                                           snapshotTimes: snapshotTimes, boundaries: boundaries)
                    // Look further while the peak is recent, or (no drug given) while the drug is
                    // still there: a poor metaboliser's withdrawal may start weeks after the stop.
                    let holding = holdLast && (phases.last?.dose ?? 0) > 0
                    let draining = !holding && r.occupancyAtEnd > 0.01 * r.highestOccupancy
                    if (r.peakTime > end - window / 3 || draining) && window < 2 * 365 * 24 {
                        window *= 2
                        continue
                    }
                    return .success(r)
                } catch let error as RegimenError {
                    return .failure(.invalidRequest("a schedule could not be built: \(error)"))
                } catch {
                    return .failure(.simulation("subject \(i + 1): simulation failed: \(error)"))
                }
            }
        }
        var out: [SubjectRun] = []
        out.reserveCapacity(results.count)
        for r in results { out.append(try r.get()) }
        return out
    }

    /// `start, start + 0.5, …, end` (each computed from its index) plus `extra` times, sorted, distinct.
    static func grid(from start: Double, to end: Double, including extra: [Double]) -> [Double] {
        let n = Int(((end - start) / sampleStep).rounded(.down))
        var times = (0...n).map { start + Double($0) * sampleStep }
        if times.last! < end { times.append(end) }
        if !extra.isEmpty {
            times += extra.filter { $0 >= start && $0 <= end }
            times.sort()
            var distinct: [Double] = []
            for t in times where distinct.last != t { distinct.append(t) }
            times = distinct
        }
        return times
    }

    static func summarise(_ t: Trajectory, model: DiazepamModel, from: Double, ceiling: Double,
                          snapshotTimes: [Double], boundaries: [Double]) -> SubjectRun {
        var peak = 0.0, peakTime = from, above = 0.0, previousAbove = false, previousTime = from
        var between = [(peak: Double, time: Double)](repeating: (0, from), count: boundaries.count)
        var b = 0
        var snaps: [SimulationSnapshot] = []
        var occupancy = 0.0, highestOccupancy = 0.0
        var s = 0
        let wanted = snapshotTimes.sorted()
        for i in t.times.indices {
            let time = t.times[i]
            while s < wanted.count && wanted[s] <= time {
                if wanted[s] == time { snaps.append(t.snapshot(at: i)) }
                s += 1
            }
            guard time >= from else { continue }
            let outputs = model.outputs(at: t.state(at: i))
            let w = outputs.withdrawal
            occupancy = outputs.occupancyGaba
            highestOccupancy = max(highestOccupancy, occupancy)
            if w > peak { peak = w; peakTime = time }
            let isAbove = w > ceiling
            if isAbove && previousAbove { above += time - previousTime }
            previousAbove = isAbove
            previousTime = time
            while b + 1 < boundaries.count && time >= boundaries[b + 1] { b += 1 }
            if !boundaries.isEmpty && time >= boundaries[0] && w > between[b].peak { between[b] = (w, time) }
        }
        return SubjectRun(peak: peak, peakTime: peakTime, hoursAbove: above, snapshots: snaps, peaksBetween: between,
                          occupancyAtEnd: occupancy, highestOccupancy: highestOccupancy)
    }

    /// The `percentile` of `values` by nearest rank (the smallest value with at least that share
    /// of values at or below it), and its index in `values`.
    static func percentile(_ values: [Double], _ p: Double) -> (value: Double, index: Int) {
        let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        let rank = min(values.count, max(1, Int((p / 100 * Double(values.count) - 1e-9).rounded(.up))))
        let index = order[rank - 1]
        return (values[index], index)
    }

    /// The request's percentile of the subjects' peak relative to their ceiling (≤ 1: under it).
    func score(_ runs: [SubjectRun]) -> Double {
        Self.percentile(runs.indices.map { runs[$0].peak / ceilings[$0] }, request.percentile).value
    }

    /// Whether `runs` keep the request's percentile under `(1 − margin) ·` the ceiling.
    func isSafe(_ runs: [SubjectRun]) -> Bool { score(runs) <= 1 - Self.margin }

    /// `body(0..<count)` on `threads` threads, results in index order.
    static func map<T>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        let out = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        out.initialize(repeating: nil)
        defer { out.deallocate() }
        nonisolated(unsafe) let slots = out
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < count {
                slots[i] = body(i)
                i += workers
            }
        }
        return out.map { $0! }
    }
}

extension Maintenance {
    /// The route of the taper's doses.
    var route: Dose.Route { routeText == "ip" ? .intraperitoneal : .oral }
}
