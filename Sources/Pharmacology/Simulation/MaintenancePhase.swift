/// The maintenance phase of a regimen: the longest stretch of repeated, identical doses (same
/// amount and route, constant interval) that the steady-state summary columns describe.
///
/// Definition (used by `RunSummary`): doses at the same time with the same route count as one dose
/// of their summed amount; a phase is a run of ≥ 2 consecutive doses with equal amount (relative
/// difference ≤ 1e-9) and route, spaced by one constant interval τ (to 1e-9·τ), none interrupted
/// (`Dose.interruptedAt`) and no reset strictly after its first dose and at or before its last.
/// The maintenance phase is the phase covering the longest time `(doses − 1)·τ`; on a tie the
/// earliest (so a taper's equal-length steps give its first, highest step).
///
/// A steady-state dose that replaces the state (`Regimen.steadyStates`, NONMEM SS 1) starts a
/// phase that has lasted forever: the earliest such dose whose phase is clean is the maintenance
/// phase, whatever the lengths of the others (`startsAtSteadyState`). Its doses are the steady-state
/// dose and the doses after it that continue its pattern (amount, route, II); with none after it,
/// the phase is that one dose, and its steady-state interval is the one the dose starts,
/// `[dose, dose + τ]`, provided no other dose or reset falls inside. An additive steady state
/// (SS 2) starts no such phase: the state is not periodic.
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
    /// Number of doses in the phase (≥ 2; ≥ 1 for a phase entered at steady state).
    public let doseCount: Int
    /// Whether the subject is at the phase's periodic steady state from its first dose on (a
    /// steady-state dose): its time to 90% of steady state is 0.
    public let startsAtSteadyState: Bool

    /// Time covered from the first to the last dose (h): `(doseCount − 1)·interval`.
    public var duration: Double { lastDoseTime - firstDoseTime }

    /// The phase's last full dosing interval, `lastDoseTime − τ … lastDoseTime` (h): every
    /// steady-state column is read over it, so no dose of another phase falls inside. For a
    /// single dose at steady state, the interval it starts, `lastDoseTime … lastDoseTime + τ`.
    public var lastInterval: ClosedRange<Double> {
        doseCount == 1 ? lastDoseTime...(lastDoseTime + interval) : (lastDoseTime - interval)...lastDoseTime
    }

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

        /// The last slot of the run of doses like slot `start`'s, every `tau` h.
        func runEnd(from start: Int, every tau: Double) -> Int {
            var end = start
            while end + 1 < slots.count, slots[end + 1].usable, slots[end + 1].route == slots[start].route,
                  sameAmount(slots[end + 1].amount, slots[start].amount),
                  abs(slots[end + 1].time - slots[end].time - tau) <= 1e-9 * tau,
                  !resetBetween(slots[end].time, slots[end + 1].time) {
                end += 1
            }
            return end
        }

        for ss in regimen.steadyStates.sorted(by: { $0.time < $1.time }) where !ss.additive {
            guard let s = slots.firstIndex(where: { $0.time == ss.time }), slots[s].usable, slots[s].route == ss.dose.route,
                  sameAmount(slots[s].amount, ss.dose.amount) else { continue }
            let tau = ss.interval, last = runEnd(from: s, every: tau)
            // One dose: the interval it starts must be free of other doses and resets.
            if last == s, (s + 1 < slots.count && slots[s + 1].time < ss.time + tau * (1 - 1e-9))
                || resets.contains(where: { $0 > ss.time && $0 < ss.time + tau }) { continue }
            return MaintenancePhase(firstDoseTime: ss.time, lastDoseTime: slots[last].time, interval: tau,
                                    amount: ss.dose.amount, route: ss.dose.route, doseCount: last - s + 1,
                                    startsAtSteadyState: true)
        }

        var best: MaintenancePhase?
        var start = 0
        while start + 1 < slots.count {
            guard slots[start].usable else { start += 1; continue }
            let tau = slots[start + 1].time - slots[start].time
            let end = runEnd(from: start, every: tau)
            if end > start, let route = slots[start].route {
                let phase = MaintenancePhase(firstDoseTime: slots[start].time, lastDoseTime: slots[end].time,
                                             interval: tau, amount: slots[start].amount, route: route,
                                             doseCount: end - start + 1, startsAtSteadyState: false)
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
