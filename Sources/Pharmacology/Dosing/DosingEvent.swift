/// One discontinuity the integrator must stop at exactly: a jump in a compartment's amount or a
/// step in its zero-order input rate. Produced by `Regimen.events(bioavailability:lag:)`, with F
/// and the lag time already applied.
///
/// The simulator integrates to `time` exactly, applies every event at that time in array order,
/// and restarts the method. With `ODEProblem`, `stopTimes = events.map(\.time)` and an `onStop`
/// that applies `events[index]` does exactly this (stops at the same time run in index order).
public struct DosingEvent: Hashable, Sendable {
    /// What happens to the compartment.
    public enum Kind: Hashable, Sendable {
        /// Add `amount` mg to the compartment's amount (a bolus, F already applied).
        case bolus(amount: Double)
        /// Add `delta` mg/h to the compartment's zero-order input rate. An infusion is a `+r` at its
        /// start and a `-r` of exactly the same magnitude at its end; overlapping infusions add up.
        /// `InfusionRates` sums these without leaving round-off behind when infusions end.
        case rateChange(delta: Double)
    }

    /// When (h). Depot doses are already shifted by the lag time.
    public var time: Double
    /// Which compartment changes (NONMEM numbering: depot 1, central 2).
    public var compartment: DoseCompartment
    /// The change.
    public var kind: Kind

    /// An event at `time` h in `compartment`.
    public init(time: Double, compartment: DoseCompartment, kind: Kind) {
        self.time = time
        self.compartment = compartment
        self.kind = kind
    }
}

extension Collection where Element == DosingEvent {
    /// The distinct event times (h), ascending: the integrator's stop times. Events at the same
    /// time (an infusion ending exactly when the next dose is given) give one stop time; times are
    /// compared exactly, as the expansion computes each time from the dose time in one or two
    /// operations and never accumulates round-off.
    public var distinctTimes: [Double] {
        var times = map(\.time)
        times.sort()
        var distinct: [Double] = []
        distinct.reserveCapacity(times.count)
        for t in times where distinct.last != t { distinct.append(t) }
        return distinct
    }
}

/// The zero-order input rate (mg/h) into each dose compartment, updated by `.rateChange` events.
///
/// Why not a plain sum: after `+0.1, +0.2, -0.1, -0.2` a floating-point sum is `2.8e-17`, not 0,
/// and a tiny negative input rate can drive an empty depot below zero. Each infusion contributes
/// one increase and one decrease of exactly the same magnitude, so counting the infusions running
/// in each compartment tells when none is left, and the rate is then set to exactly 0.
public struct InfusionRates: Hashable, Sendable {
    /// Current input rate into the depot (mg/h).
    public private(set) var depot: Double = 0
    /// Current input rate into the central compartment (mg/h).
    public private(set) var central: Double = 0
    private var runningInDepot = 0
    private var runningInCentral = 0

    /// No infusion running: both rates 0 mg/h.
    public init() {}

    /// The current input rate (mg/h) into `compartment`.
    public subscript(compartment: DoseCompartment) -> Double {
        compartment == .depot ? depot : central
    }

    /// Applies `event` if it is a rate change; boluses are left to the caller (they change amounts,
    /// not rates). Returns whether the event changed a rate.
    @discardableResult
    public mutating func apply(_ event: DosingEvent) -> Bool {
        guard case .rateChange(let delta) = event.kind, delta != 0 else { return false }
        let step = delta > 0 ? 1 : -1
        switch event.compartment {
        case .depot:
            runningInDepot += step
            depot = runningInDepot <= 0 ? 0 : depot + delta
        case .central:
            runningInCentral += step
            central = runningInCentral <= 0 ? 0 : central + delta
        }
        return true
    }
}
