/// How a solve is carried out: tolerances, step limits and what is recorded.
///
/// Defaults suit a PK/PD model with amounts in mg: `rtol = 1e-6`, `atol = 1e-10`.
public struct SolverOptions: Sendable {
    /// Relative tolerance (dimensionless), `> 0`. Roughly the number of correct digits wanted.
    public var rtol: Double = 1e-6
    /// Absolute tolerance, in the units of the state; `> 0` for each component.
    public var atol: AbsoluteTolerance = .scalar(1e-10)
    /// First step size (time units); `nil` selects it automatically (Hairer, Nørsett & Wanner,
    /// *Solving ODEs I*, §II.4). Required when `adaptive` is `false`.
    public var initialStep: Double? = nil
    /// Largest step size allowed (time units).
    public var maxStep: Double = .infinity
    /// Maximum number of step attempts in one solve (accepted + rejected) before
    /// `ODEError.maxStepsExceeded` is thrown.
    public var maxSteps: Int = 1_000_000
    /// `false` takes fixed steps of `initialStep` (shortened to land on stop times) without error
    /// control; used for convergence studies.
    public var adaptive: Bool = true
    /// Record a dense-output interpolant for the whole span (`ODESolution.dense`). Costs memory
    /// (one polynomial per step) and, for some methods, extra right-hand-side evaluations.
    public var denseOutput: Bool = false
    /// Event times are located to within this absolute tolerance in time (time units), on the
    /// method's own interpolant.
    public var eventTimeTolerance: Double = 1e-13

    /// Default options.
    public init() {}

    /// Options with the given tolerances and defaults for the rest.
    public init(rtol: Double, atol: AbsoluteTolerance = .scalar(1e-10)) {
        self.rtol = rtol
        self.atol = atol
    }

    /// Checks the options against a system of `dimension` states; the message of the thrown
    /// `ODEError.invalidInput` names the field, the value and what is expected. Call it before
    /// constructing a stepper yourself (`ODEProblem.solve` and `Integrator.init` call it).
    public func validate(dimension: Int) throws(ODEError) {
        guard rtol.isFinite, rtol > 0 else {
            throw .invalidInput("rtol must be a finite number > 0 (got \(rtol)); typical values are 1e-3 to 1e-12")
        }
        if rtol < 1e-15 {
            throw .invalidInput("rtol = \(rtol) is below double precision (about 2.2e-16 per step); use rtol >= 1e-14")
        }
        switch atol {
        case .scalar(let a):
            guard a.isFinite, a > 0 else { throw .invalidInput("atol must be a finite number > 0 (got \(a))") }
        case .perComponent(let values):
            guard values.count == dimension else {
                throw .invalidInput("atol has \(values.count) components but the system has \(dimension) states; give one per state or a single scalar")
            }
            if let i = values.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw .invalidInput("atol[\(i)] must be a finite number > 0 (got \(values[i]))")
            }
        }
        guard maxStep > 0 else { throw .invalidInput("maxStep must be > 0 (got \(maxStep))") }
        guard maxSteps > 0 else { throw .invalidInput("maxSteps must be > 0 (got \(maxSteps))") }
        if let h = initialStep, !(h.isFinite && h > 0) {
            throw .invalidInput("initialStep must be a finite number > 0 (got \(h)); leave it nil to choose automatically")
        }
        if !adaptive && initialStep == nil {
            throw .invalidInput("fixed-step integration (adaptive = false) needs initialStep")
        }
        guard eventTimeTolerance > 0 else {
            throw .invalidInput("eventTimeTolerance must be > 0 (got \(eventTimeTolerance))")
        }
    }
}
