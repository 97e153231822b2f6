/// A dose taper down to zero: the dose is cut every few days, by an amount or by a fraction of the
/// current dose, rounded to whole tablets, with a smallest step so that the taper always ends
/// (MODEL.md, "Dosing"; Ashton-style schedules).
///
/// ## Algorithm
///
/// Doses are counted in whole tablets, so every dose is an exact multiple of `tabletSize`:
///
/// ```
/// n ← startDose / tabletSize                   (must be a whole number of tablets)
/// m ← max(1, ⌈smallestStep / tabletSize⌉)      (the smallest step, in whole tablets)
/// if cutsAtStart: n ← next(n)
/// while n > 0:
///     give n tablets at every dose time for stepDays days (one step)
///     n ← next(n)
///
/// next(n):
///     x ← n − amount / tabletSize    (Cut.amount)
///      or n · (1 − fraction)         (Cut.fraction: a fraction of the current dose)
///     r ← x rounded to the nearest whole tablet, halves rounded down (to the smaller dose)
///     cut ← max(n − r, m)            (if rounding would leave the dose unchanged, or cut less
///                                     than the smallest step, the cut is the smallest step)
///     return n − cut                 (≤ 0 ends the taper: a dose never goes below 0)
/// ```
///
/// Every cut removes at least one tablet, so a taper from n tablets has at most n steps: it always
/// reaches zero. "Halves" are recognised to within 1e-9 tablet, so that `2.5 × 0.9 = 2.25` mg in
/// binary floating point is still a half tablet of 0.5 mg and goes down to 2 mg.
///
/// ## Example
///
/// 10 mg once a day (interval 24 h), −10% every 14 days, tablet 0.5 mg, smallest step 0.5 mg:
///
/// | step | days | dose (mg) | 0.9 × dose | rounded | cut |
/// |---|---|---|---|---|---|
/// | 1 | 0–13 | 10 | 9 | 9 | 1 |
/// | 2 | 14–27 | 9 | 8.1 | 8 | 1 |
/// | 3 | 28–41 | 8 | 7.2 | 7 | 1 |
/// | 4 | 42–55 | 7 | 6.3 | 6.5 | 0.5 |
/// | 5 | 56–69 | 6.5 | 5.85 | 6 | 0.5 |
/// | 6 | 70–83 | 6 | 5.4 | 5.5 | 0.5 |
/// | 7 | 84–97 | 5.5 | 4.95 | 5 | 0.5 |
/// | 8 | 98–111 | 5 | 4.5 | 4.5 | 0.5 |
/// | 9 | 112–125 | 4.5 | 4.05 | 4 | 0.5 |
/// | 10 | 126–139 | 4 | 3.6 | 3.5 | 0.5 |
/// | 11 | 140–153 | 3.5 | 3.15 | 3 | 0.5 |
/// | 12 | 154–167 | 3 | 2.7 | 2.5 | 0.5 |
/// | 13 | 168–181 | 2.5 | 2.25 | 2 (half, down) | 0.5 |
/// | 14 | 182–195 | 2 | 1.8 | 2 (unchanged) | 0.5 (smallest step) |
/// | 15 | 196–209 | 1.5 | 1.35 | 1.5 (unchanged) | 0.5 (smallest step) |
/// | 16 | 210–223 | 1 | 0.9 | 1 (unchanged) | 0.5 (smallest step) |
/// | 17 | 224–237 | 0.5 | 0.45 | 0.5 (unchanged) | 0.5 (smallest step) → 0, end |
///
/// 17 steps, 238 doses, the last at day 237 (5688 h); from day 238 on, nothing.
public struct Taper: Hashable, Sendable {
    /// How much each cut takes off, before rounding to tablets.
    public enum Cut: Hashable, Sendable {
        /// A fixed amount (mg), `> 0`.
        case amount(Double)
        /// A fraction of the current dose, in `(0, 1]` (0.1 = 10%).
        case fraction(Double)
    }

    /// One step of the taper: the same dose at every dose time in `start ..< end` (h).
    public struct Step: Hashable, Sendable {
        /// Amount per dose (mg), a whole number of tablets, `> 0`.
        public let dose: Double
        /// When the step begins (h).
        public let start: Double
        /// When the next step (or the end of the taper) begins (h).
        public let end: Double
    }

    /// The dose before the first cut (mg).
    public let startDose: Double
    /// Time between doses (h).
    public let doseInterval: Double
    /// Length of each step (days).
    public let stepDays: Double
    /// How much each cut takes off.
    public let cut: Cut
    /// The smallest cut (mg), rounded up to whole tablets.
    public let smallestStep: Double
    /// The tablet size (mg): every dose is a whole number of tablets.
    public let tabletSize: Double
    /// When the taper begins (h).
    public let startTime: Double
    /// Whether the first cut is made at `startTime` (the start dose is the dose before the taper).
    public let cutsAtStart: Bool
    /// How each dose is given.
    public let route: Dose.Route
    /// The steps, in order; empty only if `cutsAtStart` and the first cut reaches zero.
    public let steps: [Step]

    /// Plans a taper (see the type's documentation for the algorithm).
    ///
    /// - Parameters:
    ///   - startDose: dose before any cut (mg), a whole number of tablets.
    ///   - doseInterval: time between doses (h), e.g. 24 for once a day; at most one step long.
    ///   - cut: how much each cut takes off.
    ///   - stepDays: days between cuts, e.g. 14.
    ///   - smallestStep: the smallest cut (mg), `> 0`; less than a tablet counts as one tablet.
    ///   - tabletSize: the smallest amount that can be given (mg), e.g. 0.5 for half of a 1 mg tablet.
    ///   - startTime: when the first step begins (h), `≥ 0`.
    ///   - cutsAtStart: `false` (default): the first step gives `startDose`. `true`: the first cut is
    ///     made at `startTime`, as when a taper follows a maintenance phase of `startDose`.
    ///   - route: how each dose is given (default oral).
    /// - Throws: `RegimenError` naming the field (`taper.tabletSize`, …), the value and what is expected.
    public init(from startDose: Double, every doseInterval: Double = 24, cut: Cut, everyDays stepDays: Double,
                smallestStep: Double, tabletSize: Double, startingAt startTime: Double = 0,
                cutsAtStart: Bool = false, route: Dose.Route = .oral) throws(RegimenError) {
        let tablet = try requirePositive(tabletSize, "taper.tabletSize", "mg", "tablet size")
        _ = try requirePositive(startDose, "taper.startDose", "mg", "start dose")
        _ = try requirePositive(doseInterval, "taper.doseInterval", "h", "dose interval")
        _ = try requirePositive(stepDays, "taper.stepDays", "d", "step length")
        _ = try requirePositive(smallestStep, "taper.smallestStep", "mg", "smallest step")
        _ = try requireNonNegative(startTime, "taper.start", "h", "start time")
        // A probe dose checks the route's own fields (an infusion's duration or rate).
        _ = try Dose(time: startTime, amount: startDose, route: route, interruptedAt: nil, field: "taper")
        let stepLength = stepDays * 24
        guard stepLength >= doseInterval else {
            throw .number("taper.stepDays", stepDays, "d",
                          expected: "a step of at least one dose interval (\(formatQuantity(doseInterval, "h"))), or a shorter dose interval")
        }
        switch cut {
        case .amount(let amount):
            _ = try requirePositive(amount, "taper.cut.amount", "mg", "cut")
        case .fraction(let fraction):
            guard fraction.isFinite, fraction > 0, fraction <= 1 else {
                throw .number("taper.cut.fraction", fraction, "",
                              expected: "a fraction of the current dose in (0, 1], e.g. 0.1 for 10%")
            }
        }
        let tablets = startDose / tablet
        let wholeTablets = tablets.rounded()
        guard abs(tablets - wholeTablets) <= 1e-9 * max(1, tablets), wholeTablets >= 1 else {
            let below = tablets.rounded(.down) * tablet, above = tablets.rounded(.up) * tablet
            throw .number("taper.startDose", startDose, "mg",
                          expected: "a whole number of \(formatQuantity(tablet, "mg")) tablets"
                              + (below > 0 ? " (e.g. \(formatQuantity(below, "mg")) or \(formatQuantity(above, "mg")))" : "")
                              + ", or a tablet size that divides it")
        }
        guard wholeTablets <= Double(Regimen.maximumDoseCount) else {
            throw .number("taper.startDose", startDose, "mg",
                          expected: "at most \(Regimen.maximumDoseCount) tablets of \(formatQuantity(tablet, "mg")); check the units (mg)")
        }
        let smallestTablets = max(1, Int((smallestStep / tablet - 1e-9).rounded(.up)))
        let mg = TabletAmounts(tabletSize: tablet)

        self.startDose = startDose
        self.doseInterval = doseInterval
        self.stepDays = stepDays
        self.cut = cut
        self.smallestStep = mg.amount(ofTablets: smallestTablets)
        self.tabletSize = tablet
        self.startTime = startTime
        self.cutsAtStart = cutsAtStart
        self.route = route

        var n = Int(wholeTablets)
        if cutsAtStart { n = Taper.next(n, cut: cut, tabletSize: tablet, smallestTablets: smallestTablets) }
        var steps: [Step] = []
        while n > 0 {
            let k = Double(steps.count)
            // Step boundaries from integers, like dose times: start + k·stepLength.
            steps.append(Step(dose: mg.amount(ofTablets: n), start: startTime + k * stepLength,
                              end: startTime + (k + 1) * stepLength))
            n = Taper.next(n, cut: cut, tabletSize: tablet, smallestTablets: smallestTablets)
        }
        let dosesPerStep = (stepLength / doseInterval).rounded(.up)
        guard Double(steps.count) * dosesPerStep <= Double(Regimen.maximumDoseCount) else {
            throw RegimenError(field: "taper", value: "\(steps.count) steps of \(formatQuantity(stepDays, "d"))",
                               expected: "at most \(Regimen.maximumDoseCount) doses; use a larger tablet size, cut or dose interval")
        }
        self.steps = steps
    }

    /// The dose after `n` tablets (the algorithm's `next`): ≤ 0 ends the taper.
    static func next(_ n: Int, cut: Cut, tabletSize: Double, smallestTablets: Int) -> Int {
        let x: Double
        switch cut {
        case .amount(let amount): x = Double(n) - amount / tabletSize
        case .fraction(let fraction): x = Double(n) * (1 - fraction)
        }
        // Nearest whole tablet, halves down; the 1e-9 absorbs binary round-off at exact halves.
        // Clamped below at -1 (any x < 0 ends the taper) so that a huge cut cannot overflow Int.
        let rounded = Int(max(-1, (x - 0.5 - 1e-9).rounded(.up)))
        return n - max(n - rounded, smallestTablets)
    }

    /// The doses: every `doseInterval` h from `startTime` (dose k at `startTime + k·doseInterval`),
    /// each the dose of the step it falls in, until the last step ends.
    public var regimen: Regimen {
        guard let last = steps.last else { return Regimen() }
        var doses: [Dose] = []
        var step = 0
        var k = 0.0
        while true {
            let time = startTime + k * doseInterval
            while step < steps.count && time >= steps[step].end { step += 1 }
            if step == steps.count || time >= last.end { break }
            doses.append(Dose(unchecked: time, amount: steps[step].dose, route: route, interruptedAt: nil))
            k += 1
        }
        return Regimen(doses: doses)
    }

    /// When the taper is over (h): the end of the last step (the start time if there are no steps).
    public var endTime: Double { steps.last?.end ?? startTime }
}

extension Regimen {
    /// A taper to zero; see `Taper` for the algorithm, an example schedule and the parameters.
    ///
    /// - Throws: `RegimenError` naming the invalid field.
    public static func taper(from startDose: Double, every doseInterval: Double = 24, cut: Taper.Cut,
                             everyDays stepDays: Double, smallestStep: Double, tabletSize: Double,
                             startingAt startTime: Double = 0, cutsAtStart: Bool = false,
                             route: Dose.Route = .oral) throws(RegimenError) -> Regimen {
        try Taper(from: startDose, every: doseInterval, cut: cut, everyDays: stepDays, smallestStep: smallestStep,
                  tabletSize: tabletSize, startingAt: startTime, cutsAtStart: cutsAtStart, route: route).regimen
    }
}

/// Converts whole tablets to mg so that the result is the double a person would type: with a
/// 0.1 mg tablet, 73 tablets are `73 / 10 = 7.3`, not `73 × 0.1 = 7.300000000000001`. Works for
/// tablet sizes with up to 9 decimals; any other size falls back to `n × tabletSize`.
struct TabletAmounts {
    private let units: Int?
    private let scale: Double
    private let tabletSize: Double

    init(tabletSize: Double) {
        self.tabletSize = tabletSize
        var found: (Int, Double)? = nil
        var scale = 1.0
        for _ in 0...9 {
            let scaled = tabletSize * scale
            if scaled < 1e15, abs(scaled - scaled.rounded()) <= 1e-9 * scaled {
                found = (Int(scaled.rounded()), scale)
                break
            }
            scale *= 10
        }
        units = found?.0
        self.scale = found?.1 ?? 1
    }

    func amount(ofTablets n: Int) -> Double {
        guard let units else { return Double(n) * tabletSize }
        let (product, overflow) = n.multipliedReportingOverflow(by: units)
        return overflow ? Double(n) * tabletSize : Double(product) / scale
    }
}
