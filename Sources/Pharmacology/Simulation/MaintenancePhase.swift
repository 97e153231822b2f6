/// The maintenance phase of a regimen: the longest stretch of repeated, identical doses (same
/// amount and route, constant interval) that the steady-state summary columns describe.
///
/// Definition (used by `RunSummary`): doses at the same time with the same route count as one dose
/// of their summed amount; a phase is a run of ≥ 2 consecutive doses with equal amount (relative
/// difference ≤ 1e-9) and route, spaced by one constant interval τ (to 1e-9·τ), none interrupted
/// (`Dose.interruptedAt`) and no reset strictly after its first dose and at or before its last.
/// The maintenance phase is the phase covering the longest time `(doses − 1)·τ`; on a tie the
/// earliest (so a taper's equal-length steps give its first, highest step).
public struct MaintenancePhase: Sendable, Equatable {
    /// Time of the phase's first dose (h).
    public let firstDoseTime: Double
    /// Time of the phase's last dose (h).
    public let lastDoseTime: Double
    /// Dosing interval τ (h).
    public let interval: Double
    /// Amount of each dose (mg, before bioavailability).
    public let amount: Double
    /// Route of every dose.
    public let route: Dose.Route
    /// Number of doses in the phase (≥ 2).
    public let doseCount: Int

    /// Time covered from the first to the last dose (h): `(doseCount − 1)·interval`.
    public var duration: Double { lastDoseTime - firstDoseTime }

    /// The phase's last full dosing interval, `lastDoseTime − τ … lastDoseTime` (h): every
    /// steady-state column is read over it, so no dose of another phase falls inside.
    public var lastInterval: ClosedRange<Double> { (lastDoseTime - interval)...lastDoseTime }

    /// The maintenance phase of `regimen`, or `nil` when no dose is repeated at a constant
    /// interval (a single dose, or every dose different).
    public static func longest(in regimen: Regimen, resetTimes: [Double] = []) -> MaintenancePhase? {
        // Combine simultaneous doses of one route; a time with two routes cannot be in a phase.
        struct Slot { var time: Double; var amount: Double; var route: Dose.Route?; var usable: Bool }
        var slots: [Slot] = []
        for dose in regimen.doses.sorted(by: { $0.time < $1.time }) {
            let usable = dose.interruptedAt == nil
            if var last = slots.last, last.time == dose.time {
                last.amount += dose.amount
                last.usable = last.usable && usable && last.route == dose.route
                slots[slots.count - 1] = last
            } else {
                slots.append(Slot(time: dose.time, amount: dose.amount, route: dose.route, usable: usable))
            }
        }
        let resets = resetTimes.sorted()
        func resetBetween(_ a: Double, _ b: Double) -> Bool { resets.contains { $0 > a && $0 <= b } }
        func sameAmount(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(a, b) }

        var best: MaintenancePhase?
        var start = 0
        while start + 1 < slots.count {
            guard slots[start].usable else { start += 1; continue }
            let tau = slots[start + 1].time - slots[start].time
            var end = start
            while end + 1 < slots.count, slots[end + 1].usable, slots[end + 1].route == slots[start].route,
                  sameAmount(slots[end + 1].amount, slots[start].amount),
                  abs(slots[end + 1].time - slots[end].time - tau) <= 1e-9 * tau,
                  !resetBetween(slots[end].time, slots[end + 1].time) {
                end += 1
            }
            if end > start, let route = slots[start].route {
                let phase = MaintenancePhase(firstDoseTime: slots[start].time, lastDoseTime: slots[end].time,
                                             interval: tau, amount: slots[start].amount, route: route,
                                             doseCount: end - start + 1)
                if phase.duration > (best?.duration ?? 0) { best = phase }
                // A phase's last dose may start the next phase (a new interval or amount).
                start = end
            } else {
                start += 1
            }
        }
        return best
    }
}
