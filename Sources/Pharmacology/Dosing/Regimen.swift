/// A dosing regimen: a list of doses, in the order given. Build one with the validated builders
/// (`single`, `repeated`, `daily`, `phases`, `taper`), from an event table, or from doses; combine
/// with `+`, `appending(_:)`, `shifted(by:)` and `stopped(at:)`.
///
/// ```swift
/// // 10 mg by mouth once a day for 180 days, then a 10%-every-14-days taper to zero.
/// let maintenance = try Regimen.repeated(10, every: 24, count: 180)
/// let taper = try Regimen.taper(from: 10, cut: .fraction(0.1), everyDays: 14,
///                               smallestStep: 0.5, tabletSize: 0.5, startingAt: 180 * 24, cutsAtStart: true)
/// let events = (maintenance + taper).events(bioavailability: 0.95, lag: 0.2)
/// ```
///
/// Doses need not be in time order: `events(bioavailability:lag:)` sorts. An empty regimen is
/// valid (no drug: the placebo arm, or the model's baseline).
public struct Regimen: Hashable, Sendable {
    /// The doses, in the order they were added; same-time events keep this order.
    public var doses: [Dose]
    /// Doses at which the subject is at steady state (regimen language `ss`), in time order.
    public var steadyStates: [SteadyStateDose] = []
    /// Whether every amount (and infusion rate) is per kg of body weight (regimen language
    /// `5mg/kg`), not in mg. Such a regimen is not simulated as it is: `inMilligrams(weight:)` with
    /// the subject's weight gives the mg doses, and `events(bioavailability:lag:)` refuses it.
    public var amountsPerKilogram = false

    /// A regimen of `doses` (already validated, since `Dose.init` validates).
    public init(doses: [Dose] = []) {
        self.doses = doses
    }

    /// No doses.
    public static let empty = Regimen()

    /// Upper bound on the number of doses a builder will generate (1 million), so that a typo
    /// such as an interval of 1e-9 h fails with a message instead of exhausting memory or time.
    /// Hourly doses over the longest simulated span allowed by default (100 years) are 876,600;
    /// 5.7 million (a taper step of 40,993 weeks, found by fuzzing) took seconds to expand.
    public static let maximumDoseCount = 1_000_000

    /// The doses of `lhs` followed by those of `rhs` (nothing is moved in time).
    /// - Precondition: both in mg or both per kg (`amountsPerKilogram`), unless one has no doses.
    public static func + (lhs: Regimen, rhs: Regimen) -> Regimen {
        precondition(lhs.doses.isEmpty || rhs.doses.isEmpty || lhs.amountsPerKilogram == rhs.amountsPerKilogram,
                     "adding a regimen in mg/kg to one in mg: convert with inMilligrams(weight:) first")
        var sum = Regimen(doses: lhs.doses + rhs.doses)
        sum.steadyStates = lhs.steadyStates + rhs.steadyStates
        sum.amountsPerKilogram = lhs.doses.isEmpty ? rhs.amountsPerKilogram : lhs.amountsPerKilogram
        return sum
    }

    /// This regimen's doses followed by `other`'s (nothing is moved in time).
    public func appending(_ other: Regimen) -> Regimen { self + other }

    /// Every dose `offset` h later, e.g. to start a phase at a given time:
    /// `try Regimen.repeated(5, every: 24, count: 30).shifted(by: 180 * 24)`.
    ///
    /// - Throws: `RegimenError` if a dose would move before time 0 or to a non-finite time.
    public func shifted(by offset: Double) throws(RegimenError) -> Regimen {
        guard offset.isFinite else {
            throw .number("shift", offset, "h", expected: "a finite offset in h")
        }
        var moved: [Dose] = []
        moved.reserveCapacity(doses.count)
        for dose in doses { moved.append(try dose.shifted(by: offset)) }
        var result = Regimen(doses: moved)
        result.amountsPerKilogram = amountsPerKilogram
        for ss in steadyStates {
            var copy = ss
            copy.dose = try ss.dose.shifted(by: offset)
            copy.time = copy.dose.time
            result.steadyStates.append(copy)
        }
        return result
    }

    /// An abrupt stop at `time` h: doses given at or after it are removed, and infusions (IV or
    /// into the depot) put in nothing from `time` on. A tablet swallowed before `time` whose lagged
    /// entry falls after it still enters: it was taken.
    ///
    /// - Throws: `RegimenError` if `time` is negative or not finite.
    public func stopped(at time: Double) throws(RegimenError) -> Regimen {
        let stop = try requireNonNegative(time, "stop", "h", "stop time")
        var result = Regimen(doses: doses.compactMap { dose in
            guard dose.time < stop else { return nil }
            return dose.route.isInfusion ? dose.interrupted(at: stop) : dose
        })
        result.steadyStates = steadyStates.filter { $0.time < stop }
        result.amountsPerKilogram = amountsPerKilogram
        return result
    }

    /// Time of the last administration (h), or `nil` for an empty regimen. Lags and infusion
    /// durations are not included: see `events(bioavailability:lag:)` for when drug last enters.
    public var lastDoseTime: Double? { doses.map(\.time).max() }

    /// Total amount administered (mg, or mg/kg if `amountsPerKilogram`), before bioavailability
    /// and ignoring interruptions.
    public var totalAmount: Double { doses.reduce(0) { $0 + $1.amount } }
}

extension Regimen {
    /// The exact discontinuities of this regimen for a subject with bioavailability `F` and lag
    /// time `lag` (h), sorted by time.
    ///
    /// - Depot doses (oral, i.p., depot infusions) enter at `time + lag`; a depot bolus adds
    ///   `F·amount`; a depot infusion delivers `F·amount` (at `F·amount/duration` mg/h for
    ///   `.depotInfusion`, or at its rate for `F·amount/rate` h for `.depotInfusionAtRate`, see
    ///   `Dose`). Both its start and its end are shifted by the lag.
    /// - Central doses (IV bolus and infusions) ignore F and the lag.
    /// - An infusion is `+rate` at its start and `-rate` (the same number, negated) at its end.
    /// - A dose with an interruption time loses whatever would enter at or after it: a bolus is
    ///   dropped, an infusion ends there (see `Dose.interruptedAt`).
    /// - Nothing is emitted for a dose whose delivered amount is 0 (F = 0).
    ///
    /// Order: by time; at the same time rate decreases come first (so the running rate never
    /// passes through the sum of an ending and a starting infusion, and a rate returns to exactly
    /// 0 before the next infusion adds to it), then everything else in dose order (a dose's own
    /// start before its end). Each time is computed from the dose time in at most three roundings
    /// (`time + lag`, then `+ duration`), never accumulated, so a dose at 9 h is at 9 h exactly.
    ///
    /// - Parameters:
    ///   - F: bioavailability of depot doses, finite and `≥ 0` (NONMEM allows F > 1 for a relative
    ///     bioavailability).
    ///   - lag: absorption lag time (h), finite and `≥ 0`.
    /// - Precondition: F and lag as above; the model's parameter validation guarantees them. The
    ///   amounts are in mg (not `amountsPerKilogram`: convert with `inMilligrams(weight:)`), so
    ///   that a dose written in mg/kg is never simulated as mg.
    public func events(bioavailability F: Double, lag: Double) -> [DosingEvent] {
        precondition(!amountsPerKilogram, "the doses are in mg/kg: convert them with inMilligrams(weight:) and the subject's weight first")
        precondition(F.isFinite && F >= 0, "bioavailability F = \(F): expected a finite F ≥ 0")
        precondition(lag.isFinite && lag >= 0, "lag = \(lag) h: expected a finite lag ≥ 0 h")

        // (event, decrease-first rank, generation order): sorting on all three is deterministic
        // whatever the sort algorithm's stability.
        var keyed: [(event: DosingEvent, rank: Int, order: Int)] = []
        keyed.reserveCapacity(doses.count * 2)
        func emit(_ time: Double, _ compartment: DoseCompartment, _ kind: DosingEvent.Kind) {
            var rank = 1
            if case .rateChange(let delta) = kind, delta < 0 { rank = 0 }
            keyed.append((DosingEvent(time: time, compartment: compartment, kind: kind), rank, keyed.count))
        }
        func emitBolus(_ time: Double, _ compartment: DoseCompartment, _ amount: Double, _ stop: Double?) {
            guard amount > 0, time < (stop ?? .infinity) else { return }
            emit(time, compartment, .bolus(amount: amount))
        }
        func emitInfusion(_ start: Double, _ end: Double, _ rate: Double, _ compartment: DoseCompartment, _ stop: Double?) {
            let end = min(end, stop ?? .infinity)
            guard rate > 0, start < end else { return }
            emit(start, compartment, .rateChange(delta: rate))
            emit(end, compartment, .rateChange(delta: -rate))
        }

        for dose in doses {
            let stop = dose.interruptedAt
            switch dose.route {
            case .oral, .intraperitoneal:
                emitBolus(dose.time + lag, .depot, F * dose.amount, stop)
            case .intravenousBolus:
                emitBolus(dose.time, .central, dose.amount, stop)
            case .infusion(let duration):
                emitInfusion(dose.time, dose.time + duration, dose.amount / duration, .central, stop)
            case .infusionAtRate(let rate):
                emitInfusion(dose.time, dose.time + dose.amount / rate, rate, .central, stop)
            case .depotInfusion(let duration):
                let start = dose.time + lag
                emitInfusion(start, start + duration, F * dose.amount / duration, .depot, stop)
            case .depotInfusionAtRate(let rate):
                let start = dose.time + lag
                emitInfusion(start, start + F * dose.amount / rate, rate, .depot, stop)
            }
        }
        keyed.sort { a, b in
            if a.event.time != b.event.time { return a.event.time < b.event.time }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.order < b.order
        }
        return keyed.map(\.event)
    }

    /// The distinct times (h, ascending) at which the integrator must stop for this regimen with
    /// bioavailability `F` and lag `lag` (h): every dose entry, infusion start and infusion end,
    /// each once. F matters because a rate-given depot infusion lasts F·amount/rate h.
    public func stopTimes(bioavailability F: Double, lag: Double) -> [Double] {
        events(bioavailability: F, lag: lag).distinctTimes
    }
}
