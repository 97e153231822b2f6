import Pharmacology

/// Designs tapers for one patient or a virtual population (see Docs/TAPER.md).
///
/// ```swift
/// let request = TaperRequest(maintenance: try Maintenance("10mg po q24h for 180d"),
///                            ceiling: .fractionOfAbruptStop(0.25),
///                            dispensing: try .tablets([2, 5, 10], splitInHalf: true),
///                            timing: .every(hours: 14 * 24))
/// let designer = try TaperDesigner(models: [try DiazepamModel()], request: request)
/// let schedule = try designer.design()          // the shortest schedule under the ceiling
/// print(schedule.regimenText)                   // "10mg po q24h for 180d; 7.5mg po q24h for 14d; …; stop"
/// ```
///
/// `optimal` is a greedy search: at every possible cut time it gives the smallest dispensable dose
/// whose withdrawal, with that dose held from then on, stays under the ceiling (so the schedule is
/// under the ceiling by construction and never reaches a state with no safe continuation); it
/// cuts at the earliest allowed time at which some cut is safe. Why this is (near-)optimal, and
/// how it compares with the rule-based families, is in Docs/TAPER.md.
public struct TaperDesigner: Sendable {
    let cohort: TaperCohort
    /// The request.
    public var request: TaperRequest { cohort.request }
    /// Each subject's ceiling (X − 1) and abrupt-stop peak.
    public var ceilings: [Double] { cohort.ceilings }
    /// Each subject's peak withdrawal after an abrupt stop at the start of the taper.
    public var abruptPeaks: [Double] { cohort.abruptPeaks }
    /// 0, then every dispensable dose below the start dose, ascending (mg).
    let ladder: [Double]
    let occupancy: SteadyStateOccupancy

    /// Simulates every subject's maintenance (in parallel on `threads` threads) and checks the
    /// request.
    /// - Throws: `TaperError`.
    public init(models: [DiazepamModel], request: TaperRequest, threads: Int = 1) throws(TaperError) {
        guard !models.isEmpty else { throw .invalidRequest("no subjects") }
        guard request.percentile > 0 && request.percentile <= 100 else {
            throw .invalidRequest("percentile \(TaperText.number(request.percentile)): expected a number in (0, 100]")
        }
        switch request.ceiling {
        case .absolute(let c) where !(c > 0 && c.isFinite):
            throw .invalidRequest("ceiling \(TaperText.number(c)): expected a withdrawal (X − 1) > 0, e.g. 0.01")
        case .fractionOfAbruptStop(let f) where !(f > 0 && f.isFinite):
            throw .invalidRequest("ceiling \(TaperText.number(f * 100))%: expected a percentage > 0 of the abrupt-stop peak, e.g. 25%")
        default: break
        }
        let interval = request.maintenance.interval
        for (name, h) in Self.lengths(of: request.timing) {
            let k = h / interval
            guard h > 0, abs(k - k.rounded()) <= 1e-9 * k else {
                throw .invalidRequest("\(name) \(TaperText.number(h / 24)) d: expected a whole number of dose intervals (\(TaperText.number(interval)) h)")
            }
        }
        if case .range(let lo, let hi, _) = request.timing, lo > hi {
            throw .invalidRequest("--min-step (\(TaperText.number(lo / 24)) d) is longer than --max-step (\(TaperText.number(hi / 24)) d)")
        }
        cohort = try TaperCohort(models: models, request: request, threads: threads)
        ladder = [0] + request.dispensing.doses(upTo: request.maintenance.dose).filter { $0 < request.maintenance.dose }
        occupancy = try SteadyStateOccupancy(models: models, interval: interval, options: request.options, threads: threads)
    }

    static func lengths(of timing: StepTiming) -> [(String, Double)] {
        switch timing {
        case .every(let h): return [("step", h)]
        case .range(let lo, let hi, let inc): return [("--min-step", lo), ("--max-step", hi), ("step increment", inc)]
        }
    }

    /// The schedule of `request.strategy`.
    public func design() throws(TaperError) -> TaperSchedule {
        switch request.strategy {
        case .optimal: return try optimal()
        case .percent(let f?): return try evaluate(plan(percent: f, every: request.timing.shortest), name: "percent \(TaperText.short(f * 100))%")
        case .linear(let a?): return try evaluate(plan(linear: a, every: request.timing.shortest), name: "linear \(TaperText.mg(a))")
        case .hyperbolic(let n?): return try evaluate(plan(hyperbolic: n, every: request.timing.shortest), name: "hyperbolic \(n) steps")
        case .percent(nil), .linear(nil), .hyperbolic(nil):
            let family = request.strategy.name
            guard let best = try fastest(family) else {
                throw .impossible("no \(family) schedule with these dispensing rules keeps withdrawal under the ceiling (\(describeCeiling)); "
                                  + "the optimal strategy may: try --strategy optimal")
            }
            return best
        }
    }

    var describeCeiling: String {
        switch request.ceiling {
        case .absolute(let c): return TaperText.number(c)
        case .fractionOfAbruptStop(let f):
            return "\(TaperText.number(f * 100))% of the abrupt-stop peak \(TaperText.short(cohort.abruptPeaks[0]))"
                + (cohort.models.count > 1 ? " (first subject)" : "") + " = \(TaperText.short(cohort.ceilings[0]))"
        }
    }

    // MARK: - Optimal (greedy)

    /// The greedy search described in the type's documentation.
    func optimal() throws(TaperError) -> TaperSchedule {
        try checkFinalStep()
        let m = request.maintenance
        let holdLengths: [Double]
        switch request.timing {
        case .every(let h): holdLengths = (1...max(1, Int((365 * 24 / h).rounded(.up)))).map { Double($0) * h }
        case .range(let lo, let hi, let inc):
            // Past the longest step only when no cut is safe sooner (the schedule would otherwise
            // have no safe continuation): then in steps of `inc`, up to a year.
            holdLengths = Array(stride(from: lo, through: hi * (1 + 1e-12), by: inc))
                + Array(stride(from: hi + inc, through: max(hi, 365 * 24), by: inc))
        }
        let next = holdLengths[0]
        var s = m.startTime, current = m.dose, snaps = cohort.starts
        var plan: [(dose: Double, hours: Double)] = []
        var cached: (time: Double, snaps: [SimulationSnapshot]) = (s, snaps)
        var lengths = [0] + holdLengths
        // Rollout: at every step, the earliest safe "hold the current dose, then stop" too; the
        // shortest of these and the greedy schedule wins (it catches a last hold that ends sooner
        // than more small cuts).
        let probes = holdLengths.filter { $0 <= Self.longestStep(request.timing) }
        var rollout: (stop: Double, plan: [(dose: Double, hours: Double)])? = nil
        while current > 0 {
            if let r = rollout, s >= r.stop { break }
            if rollout.map({ s + probes[0] < $0.stop }) ?? true {
                let held = try cohort.run(phases: [(current, probes[0])], from: snaps, snapshotTimes: probes.map { s + $0 }, holdLast: true)
                func stopIsSafe(_ i: Int) throws(TaperError) -> Bool {
                    cohort.isSafe(try cohort.run(phases: [], from: held.map { $0.snapshots[i] }))
                }
                if try stopIsSafe(probes.count - 1) {
                    var lo = 0, hi = probes.count - 1
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if try stopIsSafe(mid) { hi = mid } else { lo = mid + 1 }
                    }
                    if rollout.map({ s + probes[hi] < $0.stop }) ?? true { rollout = (s + probes[hi], plan + [(current, probes[hi])]) }
                }
            }
            let below = ladder.filter { $0 < current }
            var chosen: (length: Double, dose: Double, runs: [TaperCohort.SubjectRun])? = nil
            var smallestCutPeak = 0.0
            for length in lengths {
                let t = s + length
                let at: [SimulationSnapshot]
                if cached.time == t {
                    at = cached.snaps
                } else {
                    at = try cohort.run(phases: [(current, length)], from: snaps, snapshotTimes: [t], holdLast: true).map { $0.snapshots[0] }
                }
                func trial(_ j: Int) throws(TaperError) -> [TaperCohort.SubjectRun] {
                    let phases: [(dose: Double, hours: Double)] = below[j] > 0 ? [(below[j], next)] : []
                    return try cohort.run(phases: phases, from: at, snapshotTimes: below[j] > 0 ? [t + next] : [], holdLast: true)
                }
                let top = try trial(below.count - 1)
                guard cohort.isSafe(top) else {
                    smallestCutPeak = cohort.score(top)
                    continue
                }
                var lo = 0, hi = below.count - 1, best = top
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let runs = try trial(mid)
                    if cohort.isSafe(runs) { hi = mid; best = runs } else { lo = mid + 1 }
                }
                chosen = (length, below[hi], best)
                snaps = at
                break
            }
            guard let chosen else {
                let held = (lengths.last ?? 0) / 24
                throw .impossible("from \(TaperText.mg(current)) no dispensable cut keeps withdrawal under the ceiling (\(describeCeiling)), "
                                  + "even after holding \(TaperText.mg(current)) for \(TaperText.number(held)) days: the smallest cut, to "
                                  + "\(TaperText.mg(below.last ?? 0)), reaches \(TaperText.short(smallestCutPeak * 100))% of the ceiling. "
                                  + "Possible: a ceiling of at least \(TaperText.short(smallestCutPeak * 1.01))× this one, smaller units "
                                  + "(--split half, a smaller tablet, or --liquid 0.1mg)")
            }
            if chosen.length > 0 { plan.append((current, chosen.length)) }
            s += chosen.length
            current = chosen.dose
            if current > 0 { cached = (s + next, chosen.runs.map { $0.snapshots[0] }) }
            lengths = holdLengths
        }
        if let r = rollout, current > 0 || r.stop < s { plan = r.plan }
        return try evaluate(plan, name: "optimal")
    }

    /// The longest regular step: `--every`'s, or `--max-step`.
    static func longestStep(_ timing: StepTiming) -> Double {
        switch timing {
        case .every(let h): return 8 * h
        case .range(_, let hi, _): return hi
        }
    }

    /// Fails when even the smallest dispensable dose, held for 120 days, cannot be stopped under
    /// the ceiling: then no schedule can end.
    func checkFinalStep() throws(TaperError) {
        guard let unit = ladder.dropFirst().first else {
            throw .impossible("no dispensable dose is smaller than the start dose \(TaperText.mg(request.maintenance.dose)) with \(request.dispensing): "
                              + "the only cut is an abrupt stop (peak \(TaperText.short(cohort.abruptPeaks[0]))); "
                              + "possible: smaller tablets, --split half, or --liquid 0.1mg")
        }
        let settle = 120.0 * 24
        let stopAt = request.maintenance.startTime + settle
        let runs = try cohort.run(phases: [(unit, settle)], from: cohort.starts, observeFrom: stopAt)
        guard cohort.isSafe(runs) else {
            let ratio = cohort.score(runs)
            throw .impossible("the smallest dose that can be dispensed, \(TaperText.mg(unit)) (\(request.dispensing)), raises withdrawal to "
                              + "\(TaperText.short(ratio * 100))% of the ceiling (\(describeCeiling)) when it is stopped, even after 120 days on it. "
                              + "Possible: a ceiling at least \(TaperText.short(ratio * 1.01))× this one"
                              + (cohort.models.count == 1 ? " (\(TaperText.short(ratio * 1.01 * cohort.ceilings[0])))" : "")
                              + ", or a smaller unit (--liquid 0.1mg, a smaller tablet, --split half)")
        }
    }

    // MARK: - Rule-based families

    /// The dispensable dose nearest `x` (ties: the lower) below `dose`; at least one unit lower.
    func rounded(_ x: Double, below dose: Double) -> Double {
        let candidates = ladder.filter { $0 < dose }
        guard var best = candidates.last else { return 0 }
        for c in candidates where abs(c - x) < abs(best - x) || (abs(c - x) == abs(best - x) && c < best) { best = c }
        return best
    }

    /// Cut `fraction` of the current dose every `hours`.
    func plan(percent fraction: Double, every hours: Double) -> [(dose: Double, hours: Double)] {
        plan(every: hours) { d in rounded(d * (1 - fraction), below: d) }
    }

    /// Cut `amount` mg every `hours`.
    func plan(linear amount: Double, every hours: Double) -> [(dose: Double, hours: Double)] {
        plan(every: hours) { d in rounded(d - amount, below: d) }
    }

    /// `steps` equal steps of steady-state occupancy from the start dose to 0, every `hours`.
    func plan(hyperbolic steps: Int, every hours: Double) -> [(dose: Double, hours: Double)] {
        let start = occupancy.mean(at: request.maintenance.dose)
        var k = 0
        return plan(every: hours) { d in
            k += 1
            let target = start * (1 - Double(k) / Double(max(1, steps)))
            return target <= 0 ? 0 : rounded(occupancy.dose(forMean: target, below: request.maintenance.dose), below: d)
        }
    }

    func plan(every hours: Double, _ next: (Double) -> Double) -> [(dose: Double, hours: Double)] {
        var d = request.maintenance.dose
        var plan: [(dose: Double, hours: Double)] = []
        while d > 0 {
            d = next(d)
            if d > 0 { plan.append((d, hours)) }
        }
        return plan
    }

    /// Fixed step lengths a family may use: the step of `.every`, or a few across the range.
    var familyLengths: [Double] {
        switch request.timing {
        case .every(let h): return [h]
        case .range(let lo, let hi, let inc):
            var set = Array(stride(from: lo, through: hi * (1 + 1e-12), by: max(inc, 7 * 24)))
            if set.last != hi { set.append(hi) }
            return set
        }
    }

    /// The shortest schedule of `family` (`percent`, `linear`, `hyperbolic`) that keeps under the
    /// ceiling, over its parameter (bisection, assuming a larger cut never lowers the peak) and
    /// the family's step lengths; nil if none does.
    func fastest(_ family: String) throws(TaperError) -> TaperSchedule? {
        var best: TaperSchedule? = nil
        func consider(_ s: TaperSchedule) -> Bool {
            guard s.ceilingRatio <= 1 - TaperCohort.margin else { return false }
            if best == nil || (s.durationDays, s.ceilingRatio) < (best!.durationDays, best!.ceilingRatio) { best = s }
            return true
        }
        for hours in familyLengths {
            let days = TaperText.number(hours / 24)
            switch family {
            case "hyperbolic":
                // Fewest steps n under the ceiling: doubling, then bisection.
                let maximum = ladder.count * 4
                var lo = 0, hi = 1
                while hi <= maximum, !consider(try evaluate(plan(hyperbolic: hi, every: hours), name: "hyperbolic \(hi) steps/\(days)d")) {
                    lo = hi; hi *= 2
                }
                guard hi <= maximum else { continue }
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if consider(try evaluate(plan(hyperbolic: mid, every: hours), name: "hyperbolic \(mid) steps/\(days)d")) { hi = mid } else { lo = mid }
                }
            default:
                let isPercent = family == "percent"
                let smallest = isPercent ? 1e-3 : (ladder.count > 1 ? ladder[1] / 2 : 0.01)
                let largest = isPercent ? 1.0 : request.maintenance.dose
                func make(_ p: Double) throws(TaperError) -> TaperSchedule {
                    isPercent ? try evaluate(plan(percent: p, every: hours), name: "percent \(TaperText.short(p * 100))%/\(days)d")
                              : try evaluate(plan(linear: p, every: hours), name: "linear \(TaperText.short(p))mg/\(days)d")
                }
                guard consider(try make(smallest)) else { continue }
                if consider(try make(largest)) { continue }
                var lo = smallest, hi = largest
                for _ in 0..<12 {
                    let mid = isPercent ? (lo + hi) / 2 : (lo * hi).squareRoot()
                    if consider(try make(mid)) { lo = mid } else { hi = mid }
                }
            }
        }
        return best
    }

    // MARK: - Evaluation

    /// Simulates `plan` (steps from the start of the taper) for every subject and summarises it.
    public func evaluate(_ plan: [(dose: Double, hours: Double)], name: String) throws(TaperError) -> TaperSchedule {
        let m = request.maintenance
        var starts: [Double] = []
        var t = m.startTime
        for p in plan { starts.append(t); t += p.hours }
        let stop = t
        let runs = try cohort.run(phases: plan, from: cohort.starts, boundaries: starts + [stop])
        let p = request.percentile
        let ratios = runs.indices.map { runs[$0].peak / cohort.ceilings[$0] }
        let (ratio, worst) = TaperCohort.percentile(ratios, p)
        var steps: [TaperStep] = []
        for k in 0...plan.count {
            let dose = k < plan.count ? plan[k].dose : 0
            let (peak, who) = TaperCohort.percentile(runs.map { $0.peaksBetween[k].peak }, p)
            steps.append(TaperStep(number: k + 1, start: k < plan.count ? starts[k] : stop,
                                   hours: k < plan.count ? plan[k].hours : 0,
                                   dose: dose, dispense: request.dispensing.describe(dose) ?? "\(TaperText.mg(dose)) (not dispensable)",
                                   occupancy: occupancy.mean(at: dose), peakWithdrawal: peak, peakTime: runs[who].peaksBetween[k].time))
        }
        let days = TaperCohort.percentile(runs.map { $0.hoursAbove / 24 }, p).value
        return TaperSchedule(name: name, steps: steps, regimenText: regimenText(plan), startTime: m.startTime, stopTime: stop,
                             peakWithdrawal: runs[worst].peak, peakTime: runs[worst].peakTime,
                             daysAboveCeiling: days, ceilingRatio: ratio)
    }

    /// The maintenance text, each step as a phase (equal neighbours merged), then `stop`.
    func regimenText(_ plan: [(dose: Double, hours: Double)]) -> String {
        let m = request.maintenance
        var merged: [(dose: Double, hours: Double)] = []
        for p in plan {
            if let last = merged.last, last.dose == p.dose { merged[merged.count - 1].hours += p.hours } else { merged.append(p) }
        }
        let q = "q\(TaperText.number(m.interval))h"
        let phases = merged.map { p in
            let length = p.hours.truncatingRemainder(dividingBy: 24) == 0 ? "\(TaperText.number(p.hours / 24))d" : "\(TaperText.number(p.hours))h"
            return "\(TaperText.mg(p.dose)) \(m.routeText) \(q) for \(length)"
        }
        return ([m.text] + phases + ["stop"]).joined(separator: "; ")
    }

    // MARK: - Comparison

    /// The designed schedule against an abrupt stop, 10% and 25% every 2 weeks, and the fastest
    /// hyperbolic, percent and linear schedules under the ceiling, for the same subject(s).
    public func comparison(of designed: TaperSchedule) throws(TaperError) -> TaperComparison {
        var schedules = [designed]
        var impossible: [(name: String, reason: String)] = []
        schedules.append(try evaluate([], name: "abrupt stop"))
        schedules.append(try evaluate(plan(percent: 0.10, every: 14 * 24), name: "10%/2 weeks"))
        schedules.append(try evaluate(plan(percent: 0.25, every: 14 * 24), name: "25%/2 weeks"))
        for family in ["hyperbolic", "percent", "linear"] where family != designed.name.split(separator: " ").first.map(String.init) {
            if let s = try fastest(family) {
                var named = s
                named.name = "fastest " + s.name
                schedules.append(named)
            } else {
                impossible.append(("fastest \(family)", "no \(family) schedule keeps under the ceiling"))
            }
        }
        return TaperComparison(ceiling: cohort.ceilings[0], schedules: schedules, impossible: impossible)
    }
}
