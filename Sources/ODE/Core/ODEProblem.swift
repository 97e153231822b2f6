/// An initial-value problem: a system, an initial state, a time span, and what to do on the way
/// (save times, stop times with state jumps, events).
///
/// ```swift
/// var problem = ODEProblem(system: decay, initialState: [0], from: 0, to: 48)
/// problem.stopTimes = [0, 24]                                  // doses
/// problem.onStop = { _, _, y in y[0] += 10 }                   // +10 mg each
/// problem.saveTimes = Array(stride(from: 0.0, through: 48, by: 1))
/// let solution = try problem.solve(method: .dormandPrince54, options: .init(rtol: 1e-8))
/// ```
public struct ODEProblem<System: ODESystem> {
    /// The equations.
    public var system: System
    /// State at `startTime`.
    public var initialState: [Double]
    /// Start of the span (time units).
    public var startTime: Double
    /// End of the span (time units), `> startTime`.
    public var endTime: Double
    /// Times at which to record the state (non-decreasing, inside the span). At a stop time the
    /// recorded state is the one before `onStop` changes it.
    public var saveTimes: [Double] = []
    /// Times the integrator must land on exactly (doses, infusion ends, any discontinuity of `f`).
    /// The method restarts at each. Times outside `startTime ... endTime` are ignored.
    public var stopTimes: [Double] = []
    /// Called at each stop time with the stop's index in `stopTimes`, the time and the state, which
    /// it may change. Stops at the same time are called in index order.
    public var onStop: ((_ index: Int, _ time: Double, _ state: UnsafeMutableBufferPointer<Double>) -> Void)?
    /// Continuous events to locate.
    public var events: [ODEEvent] = []

    /// A problem on `startTime ... endTime`.
    public init(system: System, initialState: [Double], from startTime: Double, to endTime: Double) {
        self.system = system
        self.initialState = initialState
        self.startTime = startTime
        self.endTime = endTime
    }

    /// Solves with an explicit stepper instance (any `ODEStepper` for this system).
    @inlinable
    public func solve<Stepper: ODEStepper>(with stepper: Stepper, options: SolverOptions) throws(ODEError) -> ODESolution
    where Stepper.System == System {
        guard startTime.isFinite, endTime.isFinite, endTime > startTime else {
            throw .invalidInput("time span \(startTime) ... \(endTime) must be finite with end > start")
        }
        if let bad = saveTimes.first(where: { $0 > endTime }) {
            throw .invalidInput("save time \(bad) is after the end time \(endTime)")
        }
        if let i = stopTimes.firstIndex(where: { !$0.isFinite }) {
            throw .invalidInput("stop time \(i) is \(stopTimes[i]); stop times must be finite")
        }
        let integrator = try Integrator(stepper: stepper, options: options, startTime: startTime,
                                        initialState: initialState, saveTimes: saveTimes, events: events)
        let stops = stopTimes.enumerated()
            .filter { $0.element >= startTime && $0.element <= endTime }
            .sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
        var terminatingEvent: Int? = nil
        var next = 0
        run: while true {
            // Apply every stop at the current time, then head for the next distinct one.
            while next < stops.count && stops[next].element == integrator.time {
                let (index, t) = stops[next]
                if let onStop { integrator.applyJump { onStop(index, t, $0) } } else { integrator.restart() }
                next += 1
            }
            let target = next < stops.count ? stops[next].element : endTime
            if case .terminalEvent(let index) = try integrator.advance(to: target) {
                terminatingEvent = index
                break run
            }
            if target == endTime && next >= stops.count { break }
        }
        return ODESolution(integrator: integrator, method: String(describing: Stepper.self),
                           terminatingEvent: terminatingEvent)
    }
}
