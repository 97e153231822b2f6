/// Drives an `ODEStepper` forward in time: step-size control, exact stop times, saving at
/// requested times, event location and dense-output recording. Generic over the stepper (and so
/// over the system), so each combination is compiled into its own specialised loop.
///
/// Typical use with discontinuities (doses):
/// ```swift
/// let integrator = try Integrator(stepper: stepper, options: options, startTime: 0, initialState: y0)
/// for dose in doses {
///     try integrator.advance(to: dose.time)          // lands exactly on dose.time
///     integrator.applyJump { y in y[0] += dose.amount }
/// }
/// try integrator.advance(to: end)
/// ```
/// Buffers are allocated in `init`; `advance` allocates nothing per step unless dense output is
/// recorded (amortised array growth) or an event occurs.
///
/// Mutable stored properties are `@exclusivity(unchecked)`: an instance is used by one thread and
/// never hands out overlapping `inout` accesses, and the runtime checks cost 20–30% of a step on small
/// systems (Van der Pol with Rodas5P: 2.18 → 1.52 ms, `Benchmarks/ComparisonRunner`).
public final class Integrator<Stepper: ODEStepper> {
    /// The method doing the steps.
    public let stepper: Stepper
    /// Options of this solve.
    public let options: SolverOptions
    /// Number of states.
    public let dimension: Int
    /// Current time (time units).
    public var time: Double { currentTime }
    @exclusivity(unchecked) @usableFromInline var currentTime: Double
    @exclusivity(unchecked) @usableFromInline var y: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) @usableFromInline var yNew: UnsafeMutablePointer<Double>
    @usableFromInline let scratch: UnsafeMutablePointer<Double>
    @usableFromInline let scratch2: UnsafeMutablePointer<Double>
    /// Interpolation coefficients of the current step, `(degree + 1) · n`.
    @usableFromInline let coefficients: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) @usableFromInline var coefficientsReady = false
    /// Step size to try next; 0 means "choose automatically".
    @exclusivity(unchecked) @usableFromInline var nextStep = 0.0
    @exclusivity(unchecked) @usableFromInline var needsRestart = true
    @exclusivity(unchecked) @usableFromInline var nonFiniteStreak = 0
    /// Error norm for the initial-step heuristic (built once: restarts happen at every dose).
    @usableFromInline let norm: WeightedNorm
    /// Steps and the integrator's own `f` evaluations (initial-step heuristic).
    @exclusivity(unchecked) @usableFromInline var counts = SolverStatistics()

    @exclusivity(unchecked) @usableFromInline var saveTimes: [Double]
    @exclusivity(unchecked) @usableFromInline var saveCursor = 0
    /// Times of the saved states, in order.
    public var savedTimes: [Double] { savedTimeList }
    /// Saved states, `dimension` values per saved time, row after row.
    public var savedStates: [Double] { savedStateList }
    @exclusivity(unchecked) @usableFromInline var savedTimeList: [Double] = []
    @exclusivity(unchecked) @usableFromInline var savedStateList: [Double] = []

    @usableFromInline let events: [ODEEvent]
    @usableFromInline let eventValues: UnsafeMutablePointer<Double>
    @usableFromInline let eventValuesNew: UnsafeMutablePointer<Double>
    /// Events located so far, in time order.
    public var eventLog: [EventOccurrence] { eventList }
    @exclusivity(unchecked) @usableFromInline var eventList: [EventOccurrence] = []

    /// The recorded interpolant when `options.denseOutput` is set.
    public var dense: DenseSolution? { denseRecord }
    @exclusivity(unchecked) @usableFromInline var denseRecord: DenseSolution?

    /// Prepares a solve from `(startTime, initialState)`.
    /// - Parameters:
    ///   - saveTimes: times at which to record the state, non-decreasing and ≥ `startTime`.
    ///   - events: continuous events to locate.
    /// - Throws: `ODEError.invalidInput` for malformed options, state or save times.
    public init(stepper: Stepper, options: SolverOptions, startTime: Double, initialState: [Double],
                saveTimes: [Double] = [], events: [ODEEvent] = []) throws(ODEError) {
        let n = stepper.system.dimension
        try options.validate(dimension: n)
        guard n > 0 else { throw .invalidInput("the system has dimension \(n); it needs at least one state") }
        guard initialState.count == n else {
            throw .invalidInput("initial state has \(initialState.count) values but the system has \(n) states")
        }
        if let i = initialState.firstIndex(where: { !$0.isFinite }) {
            throw .invalidInput("initial state component \(i) is \(initialState[i]); it must be finite")
        }
        guard startTime.isFinite else { throw .invalidInput("start time must be finite (got \(startTime))") }
        try Self.validateSaveTimes(saveTimes, from: startTime)
        self.stepper = stepper
        self.options = options
        self.dimension = n
        self.norm = WeightedNorm(dimension: n, rtol: options.rtol, atol: options.atol)
        self.currentTime = startTime
        let y0 = UnsafeMutablePointer<Double>.allocate(capacity: n)
        initialState.withUnsafeBufferPointer { y0.initialize(from: $0.baseAddress!, count: n) }
        y = y0
        yNew = .allocate(capacity: n)
        scratch = .allocate(capacity: n)
        scratch2 = .allocate(capacity: n)
        coefficients = .allocate(capacity: (stepper.interpolantDegree + 1) * n)
        yNew.initialize(repeating: 0, count: n)
        self.saveTimes = saveTimes
        self.events = events
        eventValues = .allocate(capacity: max(events.count, 1))
        eventValuesNew = .allocate(capacity: max(events.count, 1))
        savedTimeList.reserveCapacity(saveTimes.count)
        savedStateList.reserveCapacity(saveTimes.count * n)
        if options.denseOutput { denseRecord = DenseSolution(dimension: n) }
        recordSaves(through: startTime, interpolating: false)
    }

    deinit {
        y.deallocate(); yNew.deallocate(); scratch.deallocate(); scratch2.deallocate()
        coefficients.deallocate(); eventValues.deallocate(); eventValuesNew.deallocate()
    }

    static func validateSaveTimes(_ times: [Double], from start: Double) throws(ODEError) {
        for (i, t) in times.enumerated() {
            guard t.isFinite else { throw .invalidInput("save time \(i) is \(t); save times must be finite") }
            guard t >= start else { throw .invalidInput("save time \(i) = \(t) is before the start time \(start)") }
            if i > 0 && t < times[i - 1] {
                throw .invalidInput("save times must be non-decreasing: time \(i) = \(t) follows \(times[i - 1])")
            }
        }
    }

    /// Work counters so far: the integrator's step counts merged with the stepper's evaluations.
    public var statistics: SolverStatistics {
        var merged = stepper.statistics
        merged.steps = counts.steps
        merged.acceptedSteps = counts.acceptedSteps
        merged.rejectedSteps = counts.rejectedSteps
        merged.rhsEvaluations += counts.rhsEvaluations
        return merged
    }

    /// The current state (read-only copy).
    public var state: [Double] { Array(UnsafeBufferPointer(start: y, count: dimension)) }

    /// Reads the current state without copying.
    @inlinable
    public func withState<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: y, count: dimension))
    }

    /// Changes the state at the current time (a dose, a reset) and restarts the method there: the
    /// next step forgets FSAL stages and step history, as after any discontinuity.
    /// Saved states at the current time keep the value from before the jump.
    @inlinable
    public func applyJump(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
        body(UnsafeMutableBufferPointer(start: y, count: dimension))
        needsRestart = true
    }

    /// Marks a discontinuity of the right-hand side at the current time (e.g. an infusion starts or
    /// ends) without changing the state.
    @inlinable
    public func restart() { needsRestart = true }

    /// How an `advance(to:)` ended.
    public enum Outcome: Equatable, Sendable {
        /// The target time was reached exactly.
        case reachedTarget
        /// A terminal event stopped the integration at `time`.
        case terminalEvent(index: Int)
    }

    /// Integrates from the current time to exactly `target` (`time == target` on return, bit for
    /// bit), unless a terminal event stops it earlier.
    /// - Throws: `ODEError` when the method fails (with the time, step and a suggestion).
    @inlinable @discardableResult
    public func advance(to target: Double) throws(ODEError) -> Outcome {
        guard target.isFinite, target >= time else {
            throw .invalidInput("advance(to: \(target)) must target a finite time at or after the current time \(time)")
        }
        if needsRestart { try start(toward: target) }
        while time < target {
            let remaining = target - time
            if remaining <= 4 * max(time.magnitude, target.magnitude).ulp {
                // Accumulated rounding left us a few ulps short (8.999999999999996 for 9.0): snap.
                recordSaves(through: target, interpolating: false)
                currentTime = target
                break
            }
            var h = min(nextStep, options.maxStep)
            let lands = h * 1.01 >= remaining
            if lands { h = remaining }
            if counts.steps >= options.maxSteps {
                throw .maxStepsExceeded(t: time, h: h, maxSteps: options.maxSteps)
            }
            counts.steps &+= 1
            let attempt = stepper.attemptStep(t: time, state: y, step: h, into: yNew)
            switch attempt.failure {
            case .nonFinite(let component)?:
                counts.rejectedSteps &+= 1
                nonFiniteStreak &+= 1
                if !options.adaptive || nonFiniteStreak > 40 || h * 0.25 < minimumStep(at: time) {
                    throw .nonFiniteState(t: time, h: h, component: component)
                }
                nextStep = h * 0.25
                continue
            case .singularMatrix?:
                counts.rejectedSteps &+= 1
                nextStep = attempt.proposedStep
                if !options.adaptive || nextStep < minimumStep(at: time) { throw .singularMatrix(t: time, h: h) }
                continue
            case .convergence?:
                counts.rejectedSteps &+= 1
                nextStep = attempt.proposedStep
                if !options.adaptive || nextStep < minimumStep(at: time) { throw .convergenceFailure(t: time, h: h) }
                continue
            case nil:
                break
            }
            nonFiniteStreak = 0
            if options.adaptive && !attempt.passed {
                counts.rejectedSteps &+= 1
                nextStep = attempt.proposedStep
                if nextStep < minimumStep(at: time) { throw .stepSizeTooSmall(t: time, h: nextStep) }
                continue
            }
            let end = lands ? target : time + h
            coefficientsReady = false
            if !events.isEmpty, let index = handleEvents(stepStart: time, stepEnd: end, step: h) {
                return .terminalEvent(index: index)
            }
            recordSaves(through: end, step: h)
            if denseRecord != nil {
                ensureCoefficients(step: h)
                denseRecord!.append(start: time, end: end, step: h, degree: stepper.interpolantDegree, coefficients: coefficients)
            }
            stepper.acceptStep()
            counts.acceptedSteps &+= 1
            swap(&y, &yNew)
            currentTime = end
            nextStep = options.adaptive ? attempt.proposedStep : options.initialStep!
        }
        return .reachedTarget
    }

    /// Smallest step that still changes `t` meaningfully in double precision.
    @inlinable
    func minimumStep(at t: Double) -> Double {
        max(16 * t.magnitude.ulp, .leastNormalMagnitude)
    }

    /// (Re)starts the method at the current state and picks the first step.
    @inlinable
    func start(toward target: Double) throws(ODEError) {
        stepper.restart(t: time, state: y)
        let f0 = stepper.startDerivative
        for i in 0..<dimension where !f0[i].isFinite {
            throw .nonFiniteState(t: time, h: 0, component: i)
        }
        if let h = options.initialStep {
            nextStep = h
        } else {
            nextStep = initialStep(span: target - time)
        }
        for i in 0..<events.count {
            eventValues[i] = events[i].condition(time, UnsafeBufferPointer(start: y, count: dimension))
        }
        needsRestart = false
    }

    /// Computes the current step's interpolant once.
    @inlinable
    func ensureCoefficients(step h: Double) {
        if !coefficientsReady {
            stepper.interpolant(t: time, state: y, step: h, into: coefficients)
            coefficientsReady = true
        }
    }

    /// The state at `time + θh` on the current step into `out`.
    @inlinable
    func interpolate(theta: Double, step h: Double, into out: UnsafeMutablePointer<Double>) {
        ensureCoefficients(step: h)
        evaluatePolynomial(coefficients, degree: stepper.interpolantDegree, dimension: dimension, at: theta, into: out)
    }

    /// Records every pending save time `≤ end` on the step `(time, end]`: exact at `end`, interpolated inside.
    @inlinable
    func recordSaves(through end: Double, step h: Double = 0, interpolating: Bool = true) {
        while saveCursor < saveTimes.count && saveTimes[saveCursor] <= end {
            let ts = saveTimes[saveCursor]
            savedTimeList.append(ts)
            if ts == end && interpolating {
                savedStateList.append(contentsOf: UnsafeBufferPointer(start: yNew, count: dimension))
            } else if interpolating && ts > time {
                interpolate(theta: (ts - time) / h, step: h, into: scratch)
                savedStateList.append(contentsOf: UnsafeBufferPointer(start: scratch, count: dimension))
            } else {
                savedStateList.append(contentsOf: UnsafeBufferPointer(start: y, count: dimension))
            }
            saveCursor &+= 1
        }
    }
}
