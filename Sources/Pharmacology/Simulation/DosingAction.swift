/// One thing that happens at a time: a reset to baseline, a dosing event, or a steady state
/// entered (every state set to `state`, or with `additive` the 6 PK amounts added and the PD
/// states kept: NONMEM SS = 1 and SS = 2).
struct DosingAction {
    enum Kind { case reset, event(DosingEvent), setState([Double], additive: Bool) }
    let time: Double
    let kind: Kind

    /// All actions in time order; at equal times resets come first, then events in their order.
    /// Steady states come after resets and before events at their time.
    static func ordered(events: [DosingEvent], resetTimes: [Double],
                        steadyStates: [(time: Double, state: [Double], additive: Bool)] = []) -> [DosingAction] {
        (resetTimes.map { (time: $0, rank: 0, kind: Kind.reset) }
         + steadyStates.map { (time: $0.time, rank: 1, kind: Kind.setState($0.state, additive: $0.additive)) }
         + events.map { (time: $0.time, rank: 2, kind: Kind.event($0)) })
            .enumerated()
            .sorted { ($0.element.time, $0.element.rank, $0.offset) < ($1.element.time, $1.element.rank, $1.offset) }
            .map { DosingAction(time: $0.element.time, kind: $0.element.kind) }
    }
}
