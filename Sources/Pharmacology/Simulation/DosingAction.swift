/// One thing that happens at a time: a reset to baseline or a dosing event.
struct DosingAction {
    enum Kind { case reset, event(DosingEvent) }
    let time: Double
    let kind: Kind

    /// All actions in time order; at equal times resets come first, then events in their order.
    static func ordered(events: [DosingEvent], resetTimes: [Double]) -> [DosingAction] {
        (resetTimes.map { (time: $0, rank: 0, kind: Kind.reset) }
         + events.map { (time: $0.time, rank: 1, kind: Kind.event($0)) })
            .enumerated()
            .sorted { ($0.element.time, $0.element.rank, $0.offset) < ($1.element.time, $1.element.rank, $1.offset) }
            .map { DosingAction(time: $0.element.time, kind: $0.element.kind) }
    }
}
