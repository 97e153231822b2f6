// The validated regimen builders. Every dose time is computed as `start + k·interval` (or
// `start + (day·24 + hour)`) from integers, never by adding intervals one after another, so the
// 180th daily dose is at exactly 4296 h and the integrator never sees 4295.999999999999.

/// One phase of a regimen: the same dose every `interval` h for `duration` h, or a pause.
///
/// Phases run back to back in `Regimen.phases(_:startingAt:)`; a dose is given at the phase start
/// and every `interval` h while the time since the phase start is `< duration`, so
/// `Phase(amount: 10, every: 24, for: 180 * 24)` is 180 doses and the next phase starts at 4320 h.
/// A regimen simply ends after its last phase: that is an abrupt stop.
public struct Phase: Hashable, Sendable {
    /// Amount per dose (mg), `> 0`; `0` marks a pause (no doses).
    public var amount: Double
    /// Time between doses (h), `> 0`.
    public var interval: Double
    /// Length of the phase (h), `> 0`.
    public var duration: Double
    /// How each dose is given.
    public var route: Dose.Route

    /// `amount` mg every `interval` h for `duration` h by `route`. Checked by `Regimen.phases`.
    public init(amount: Double, every interval: Double, for duration: Double, route: Dose.Route = .oral) {
        self.amount = amount
        self.interval = interval
        self.duration = duration
        self.route = route
    }

    /// No doses for `duration` h (a drug holiday between two phases).
    public static func pause(for duration: Double) -> Phase {
        Phase(amount: 0, every: duration, for: duration)
    }

    /// Whether this phase gives no doses.
    public var isPause: Bool { amount == 0 }
}

extension Regimen {
    /// One dose of `amount` mg at `time` h (default 0) by `route` (default oral).
    ///
    /// - Throws: `RegimenError` (`single.amount`, `single.time`, `single.duration`, `single.rate`).
    public static func single(_ amount: Double, at time: Double = 0, route: Dose.Route = .oral) throws(RegimenError) -> Regimen {
        Regimen(doses: [try Dose(time: time, amount: amount, route: route, interruptedAt: nil, field: "single")])
    }

    /// `count` doses of `amount` mg, `interval` h apart, the first at `start` h: NONMEM's
    /// `AMT`/`II`/`ADDL` with `count = ADDL + 1`. Dose k (from 0) is at `start + k·interval`.
    ///
    /// - Throws: `RegimenError` if the amount, interval or start is invalid, or `count` is not in
    ///   `1 ... maximumDoseCount`.
    public static func repeated(_ amount: Double, every interval: Double, count: Int,
                                startingAt start: Double = 0, route: Dose.Route = .oral) throws(RegimenError) -> Regimen {
        let start = try requireNonNegative(start, "repeated.start", "h", "start time")
        let first = try Dose(time: start, amount: amount, route: route, interruptedAt: nil, field: "repeated")
        let interval = try requirePositive(interval, "repeated.interval", "h", "interval")
        guard count >= 1, count <= maximumDoseCount else {
            throw RegimenError(field: "repeated.count", value: "\(count)",
                               expected: "a number of doses from 1 to \(maximumDoseCount) (NONMEM's ADDL + 1)")
        }
        guard (first.time + Double(count - 1) * interval).isFinite else {
            throw .number("repeated.interval", interval, "h", expected: "an interval that keeps the last dose at a finite time")
        }
        return Regimen(doses: (0..<count).map { k in
            Dose(unchecked: first.time + Double(k) * interval, amount: first.amount, route: route, interruptedAt: nil)
        })
    }

    /// Several doses a day: `amount` mg at each of `hoursOfDay` (h after midnight, in `[0, 24)`)
    /// on `days` consecutive days, day 0 starting at `start` h. The dose on day d at hour h is at
    /// `start + (d·24 + h)`; doses are listed day by day, hours ascending.
    ///
    /// `try Regimen.daily(5, atHours: [8, 20], days: 28)` is 56 doses: 8, 20, 32, 44, …, 668 h.
    ///
    /// - Throws: `RegimenError` if an hour is outside `[0, 24)` or repeated, `hoursOfDay` is empty,
    ///   `days < 1`, or the amount or start is invalid.
    public static func daily(_ amount: Double, atHours hoursOfDay: [Double], days: Int,
                             startingAt start: Double = 0, route: Dose.Route = .oral) throws(RegimenError) -> Regimen {
        let start = try requireNonNegative(start, "daily.start", "h", "start time")
        let first = try Dose(time: start, amount: amount, route: route, interruptedAt: nil, field: "daily")
        guard !hoursOfDay.isEmpty else {
            throw RegimenError(field: "daily.hours", value: "[]", expected: "at least one time of day in h, e.g. [8, 20]")
        }
        for (i, hour) in hoursOfDay.enumerated() {
            guard hour.isFinite, hour >= 0, hour < 24 else {
                throw .number("daily.hours[\(i)]", hour, "h",
                              expected: "a time of day from 0 h up to (not including) 24 h; later times belong to the next day")
            }
        }
        let hours = hoursOfDay.sorted()
        for i in hours.indices.dropFirst() where hours[i] == hours[i - 1] {
            throw .number("daily.hours", hours[i], "h",
                          expected: "each time of day once; give a larger amount instead of two doses at the same time")
        }
        guard days >= 1, days <= maximumDoseCount / hours.count else {
            throw RegimenError(field: "daily.days", value: "\(days)",
                               expected: "a number of days from 1 to \(maximumDoseCount / hours.count)")
        }
        var doses: [Dose] = []
        doses.reserveCapacity(days * hours.count)
        for day in 0..<days {
            for hour in hours {
                doses.append(Dose(unchecked: first.time + (Double(day) * 24 + hour), amount: first.amount,
                                  route: route, interruptedAt: nil))
            }
        }
        return Regimen(doses: doses)
    }

    /// Phases back to back from `start` h: each phase begins when the previous one ends, and
    /// the regimen ends (abruptly) with the last phase.
    ///
    /// ```swift
    /// // 10 mg daily for 180 days, then 5 mg daily for 30 days, then nothing.
    /// try Regimen.phases([Phase(amount: 10, every: 24, for: 180 * 24),
    ///                     Phase(amount: 5, every: 24, for: 30 * 24)])
    /// ```
    ///
    /// - Throws: `RegimenError` naming the phase (`phases[1].interval`, …) if a field is invalid.
    public static func phases(_ phases: [Phase], startingAt start: Double = 0) throws(RegimenError) -> Regimen {
        var phaseStart = try requireNonNegative(start, "phases.start", "h", "start time")
        var doses: [Dose] = []
        for (i, phase) in phases.enumerated() {
            let field = "phases[\(i)]"
            let duration = try requirePositive(phase.duration, "\(field).duration", "h", "phase duration")
            guard (phaseStart + duration).isFinite else {
                throw .number("\(field).duration", duration, "h", expected: "a duration that keeps the phase end at a finite time")
            }
            defer { phaseStart += duration }
            if phase.amount == 0 { continue }  // a pause
            guard phase.amount.isFinite, phase.amount > 0 else {
                throw .number("\(field).amount", phase.amount, "mg",
                              expected: "a finite amount > 0 mg, or Phase.pause(for:) for a phase without doses")
            }
            let first = try Dose(time: phaseStart, amount: phase.amount, route: phase.route, interruptedAt: nil, field: field)
            let interval = try requirePositive(phase.interval, "\(field).interval", "h", "interval")
            let count = try dosesBefore(duration, every: interval, field: field)
            guard doses.count + count <= maximumDoseCount else {
                throw RegimenError(field: field, value: "\(doses.count + count) doses in total",
                                   expected: "at most \(maximumDoseCount) doses; check the intervals (h) and durations (h)")
            }
            for k in 0..<count {
                doses.append(Dose(unchecked: first.time + Double(k) * interval, amount: first.amount,
                                  route: phase.route, interruptedAt: nil))
            }
        }
        return Regimen(doses: doses)
    }

    /// The number of k ≥ 0 with `k·interval < duration`, computed the way the dose times are, so
    /// that a dose never lands exactly on the end of its phase (where the next phase starts).
    static func dosesBefore(_ duration: Double, every interval: Double, field: String) throws(RegimenError) -> Int {
        let estimate = (duration / interval).rounded(.up)
        guard estimate <= Double(maximumDoseCount) else {
            throw RegimenError(field: field, value: "\(formatQuantity(duration, "h")) every \(formatQuantity(interval, "h"))",
                               expected: "at most \(maximumDoseCount) doses; check the interval and duration (both in h)")
        }
        var count = Int(estimate)
        while count > 0 && Double(count - 1) * interval >= duration { count -= 1 }
        while Double(count) * interval < duration { count += 1 }
        return count
    }
}
