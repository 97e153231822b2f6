/// A continuous event: a root of `condition(t, y)` crossed in a chosen direction.
///
/// Crossings are detected by a sign change across an accepted step and then located on the
/// method's own interpolant to `SolverOptions.eventTimeTolerance` (a root that enters and leaves
/// within one step is not seen; limit `maxStep` if that matters).
public struct ODEEvent {
    /// Which sign changes count.
    public enum Direction: Sendable {
        /// From negative to zero or positive.
        case rising
        /// From positive to zero or negative.
        case falling
        /// Either way.
        case either
    }

    /// Name used in reports.
    public var name: String
    /// `g(t, y)`; an event happens where it crosses zero.
    public var condition: (Double, UnsafeBufferPointer<Double>) -> Double
    /// Which crossings count.
    public var direction: Direction
    /// Stop the integration at the event (the final time is then the event time).
    public var isTerminal: Bool

    /// Creates an event.
    public init(name: String = "event", direction: Direction = .either, isTerminal: Bool = false,
                condition: @escaping (Double, UnsafeBufferPointer<Double>) -> Double) {
        self.name = name
        self.condition = condition
        self.direction = direction
        self.isTerminal = isTerminal
    }

    /// Whether going from `before` to `after` is a crossing this event counts. A value of exactly
    /// zero at the start of a step is not a crossing (it was reported at the end of the previous one).
    @inlinable
    func isCrossing(from before: Double, to after: Double) -> Bool {
        switch direction {
        case .rising: return before < 0 && after >= 0
        case .falling: return before > 0 && after <= 0
        case .either: return (before < 0 && after >= 0) || (before > 0 && after <= 0)
        }
    }
}

/// One located event.
public struct EventOccurrence: Sendable, Equatable {
    /// Index of the event in the list given to the solver.
    public let eventIndex: Int
    /// Time of the crossing (time units), accurate to `eventTimeTolerance` plus the interpolant's error.
    public let time: Double
    /// The interpolated state at `time`.
    public let state: [Double]

    @usableFromInline
    init(eventIndex: Int, time: Double, state: [Double]) {
        self.eventIndex = eventIndex
        self.time = time
        self.state = state
    }
}
