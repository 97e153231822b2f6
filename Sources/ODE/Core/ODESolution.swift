/// The result of `ODEProblem.solve`.
public struct ODESolution: Sendable {
    /// Number of states.
    public let dimension: Int
    /// The saved times (the problem's `saveTimes` up to the final time).
    public let times: [Double]
    /// The saved states, `dimension` values per saved time, row after row; see `state(at:)`.
    public let values: [Double]
    /// Time at which the integration ended: the end of the span, or a terminal event's time.
    public let finalTime: Double
    /// State at `finalTime` (after any stop-time jump there).
    public let finalState: [Double]
    /// Events located, in time order.
    public let events: [EventOccurrence]
    /// Index of the terminal event that ended the solve, if any.
    public let terminatingEvent: Int?
    /// Work counters.
    public let statistics: SolverStatistics
    /// The continuous solution when `SolverOptions.denseOutput` was set, else `nil`.
    public let dense: DenseSolution?
    /// The stepper type that produced it.
    public let method: String

    @usableFromInline
    init<Stepper>(integrator: Integrator<Stepper>, method: String, terminatingEvent: Int?) {
        dimension = integrator.dimension
        times = integrator.savedTimes
        values = integrator.savedStates
        finalTime = integrator.time
        finalState = integrator.state
        events = integrator.eventLog
        statistics = integrator.statistics
        dense = integrator.dense
        self.method = method
        self.terminatingEvent = terminatingEvent
    }

    /// The saved state at `times[index]`.
    public func state(at index: Int) -> ArraySlice<Double> {
        values[(index * dimension)..<((index + 1) * dimension)]
    }

    /// Component `component` at every saved time.
    public func component(_ component: Int) -> [Double] {
        stride(from: component, to: values.count, by: dimension).map { values[$0] }
    }
}
