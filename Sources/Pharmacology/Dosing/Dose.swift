/// One administration of diazepam: when (h), how much (mg) and by which route.
///
/// A dose is data; `Regimen.events(bioavailability:lag:)` turns doses into the exact jumps and
/// rate changes the integrator applies. Bioavailability F and the lag time apply to every route
/// into the depot and to nothing else:
///
/// | route | compartment | lag | F | shape |
/// |---|---|---|---|---|
/// | `.oral`, `.intraperitoneal` | depot | yes | yes | bolus of F·amount at time + lag |
/// | `.intravenousBolus` | central | no | no | bolus of amount at time |
/// | `.infusion(duration: d)` | central | no | no | amount/d mg/h from time to time + d |
/// | `.infusionAtRate(r)` | central | no | no | r mg/h from time to time + amount/r |
/// | `.depotInfusion(duration: d)` | depot | yes | yes | F·amount/d mg/h from time + lag for d h |
/// | `.depotInfusionAtRate(r)` | depot | yes | yes | r mg/h from time + lag for F·amount/r h |
///
/// Why two depot infusions: NONMEM applies F to the *amount* of an infusion, never to a given
/// rate. With a rate on the record (`RATE > 0`) the rate is kept and the infusion ends sooner,
/// after F·AMT/RATE h; with a modelled duration (`RATE = -2`) the duration is kept and the rate is
/// F·AMT/D. Sources: NONMEM Users Guide VIII, "Bioavailability fraction parameter" ("only the
/// fraction F of A actually appears in the dose compartment … over a period of time – with a
/// regular infusion"); Users Guide VI §V.E (RATE data item); NONMEM help "PRCOMU" (since NONMEM IV
/// F applies to infusions too); mrgsolve, which reproduces NONMEM, `src/datarecord.cpp`:
/// `datarecord::dur()` is `Fn*Amt/Rate` while the rate added is `Rate`; and J. Koup,
/// "Bioavailability and zero order infusions", NONMEM Users Network, 18 Nov 1997, on the pitfall of
/// expecting F·RATE instead. The total amount entering is F·amount either way; only the shape differs.
public struct Dose: Hashable, Sendable {
    /// How a dose is given, which fixes the compartment it enters and whether F and the lag apply.
    public enum Route: Hashable, Sendable {
        /// By mouth, into the depot (gut): enters at time + lag as a bolus of F·amount.
        case oral
        /// Intraperitoneal injection (rodent protocols), into the depot (injection site): like
        /// `.oral`, with the species' own F, lag and ka.
        case intraperitoneal
        /// Intravenous bolus into the central compartment: the whole amount at the dose time.
        case intravenousBolus
        /// Zero-order intravenous infusion into the central compartment over `duration` h, at
        /// amount/duration mg/h.
        case infusion(duration: Double)
        /// Zero-order intravenous infusion into the central compartment at `rate` mg/h, lasting
        /// amount/rate h (NONMEM `CMT = 2, RATE > 0`).
        case infusionAtRate(Double)
        /// Zero-order input into the depot over `duration` h, starting at time + lag, at
        /// F·amount/duration mg/h: F scales the amount and the duration is kept (NONMEM `RATE = -2`
        /// semantics).
        case depotInfusion(duration: Double)
        /// Zero-order input into the depot at `rate` mg/h, starting at time + lag and lasting
        /// F·amount/rate h: F scales the amount and the rate is kept (NONMEM `CMT = 1, RATE > 0`).
        case depotInfusionAtRate(Double)

        /// The compartment this route doses (NONMEM `CMT`).
        public var compartment: DoseCompartment {
            switch self {
            case .oral, .intraperitoneal, .depotInfusion, .depotInfusionAtRate: return .depot
            case .intravenousBolus, .infusion, .infusionAtRate: return .central
            }
        }

        /// Whether the dose is zero-order (an infusion) rather than a bolus.
        public var isInfusion: Bool {
            switch self {
            case .oral, .intraperitoneal, .intravenousBolus: return false
            case .infusion, .infusionAtRate, .depotInfusion, .depotInfusionAtRate: return true
            }
        }
    }

    /// When the dose is given (h from the start of the simulation), finite and `≥ 0`. Doses into
    /// the depot enter the body at `time + lag`.
    public let time: Double
    /// The amount administered (mg), finite and `> 0`, before bioavailability.
    public let amount: Double
    /// How it is given.
    public let route: Dose.Route
    /// The time (h) from which this dose no longer acts, or `nil` (the usual case): a bolus that
    /// would enter at or after it is dropped, and an infusion still running then stops there.
    /// Event tables set it at a reset (NONMEM: a reset "will deactivate any previous dose event
    /// record which happens to be active", Users Guide VI §V.K); `Regimen.stopped(at:)` uses it for
    /// an abrupt stop in the middle of an infusion.
    public let interruptedAt: Double?

    /// A dose of `amount` mg at `time` h by `route`.
    ///
    /// - Throws: `RegimenError` naming the field if `time` is negative or not finite, `amount` is
    ///   not finite and positive, or an infusion's duration or rate is not finite and positive.
    public init(time: Double, amount: Double, route: Dose.Route = .oral) throws(RegimenError) {
        try self.init(time: time, amount: amount, route: route, interruptedAt: nil, field: "dose")
    }

    /// As `init(time:amount:route:)`, with an interruption time (h, `≥ time`, or `nil`) and the
    /// name under which errors report the dose (e.g. `"phases[1]"`).
    init(time: Double, amount: Double, route: Dose.Route, interruptedAt: Double?, field: String) throws(RegimenError) {
        self.time = try requireNonNegative(time, "\(field).time", "h", "dose time")
        self.amount = try requirePositive(amount, "\(field).amount", "mg", "amount")
        switch route {
        case .oral, .intraperitoneal, .intravenousBolus:
            break
        case .infusion(let duration), .depotInfusion(let duration):
            _ = try requirePositive(duration, "\(field).duration", "h", "infusion duration")
        case .infusionAtRate(let rate), .depotInfusionAtRate(let rate):
            _ = try requirePositive(rate, "\(field).rate", "mg/h", "infusion rate")
        }
        self.route = route
        self.interruptedAt = interruptedAt  // internal callers pass a reset or stop time, never NaN
    }

    /// The same dose, unchecked: for builders that have validated every field already and only
    /// move the time or set an interruption.
    init(unchecked time: Double, amount: Double, route: Dose.Route, interruptedAt: Double?) {
        self.time = time
        self.amount = amount
        self.route = route
        self.interruptedAt = interruptedAt
    }

    /// The compartment the dose enters (NONMEM `CMT`).
    public var compartment: DoseCompartment { route.compartment }

    /// This dose given `offset` h later (its interruption, if any, moves with it).
    ///
    /// - Throws: `RegimenError` if the new time is negative or not finite.
    public func shifted(by offset: Double) throws(RegimenError) -> Dose {
        let moved = time + offset
        guard moved.isFinite, moved >= 0 else {
            throw .number("shift", offset, "h",
                          expected: "an offset that keeps the dose at \(formatQuantity(time, "h")) at a finite time ≥ 0 h")
        }
        return Dose(unchecked: moved, amount: amount, route: route, interruptedAt: interruptedAt.map { $0 + offset })
    }

    /// This dose, stopped at `time` h at the latest (the earlier of `time` and any existing
    /// interruption).
    func interrupted(at stop: Double) -> Dose {
        Dose(unchecked: time, amount: amount, route: route, interruptedAt: min(stop, interruptedAt ?? stop))
    }
}
