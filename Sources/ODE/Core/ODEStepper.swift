/// The contract between a method and the `Integrator` that drives it (compare scipy's `OdeSolver`).
///
/// A stepper owns the method's work buffers and step history; the integrator owns time, the
/// current state, stop times, saving, events and dense-output storage. A step goes:
///
/// 1. `restart(t:state:)` at the start and after every discontinuity (a dose): the stepper evaluates
///    what it needs at `(t, y)` and forgets its history (FSAL stage, controller memory, BDF
///    differences) but may keep a Jacobian.
/// 2. `attemptStep(t:state:step:into:)` proposes `y(t + h)` and says whether its error estimate
///    passed and which step to try next.
/// 3. If the integrator accepts, it may ask for `interpolant(t:state:step:into:)` of that step, then
///    calls `acceptStep()`, after which `(t + h, yNew)` is the new start.
///
/// Conformers must not allocate in `attemptStep`, `interpolant` or `acceptStep`.
public protocol ODEStepper<System>: AnyObject {
    /// The system being integrated.
    associatedtype System: ODESystem

    /// The system.
    var system: System { get }
    /// Order of the propagated solution (for the initial-step heuristic and reports).
    var order: Int { get }
    /// Degree in θ of the polynomial returned by `interpolant`.
    var interpolantDegree: Int { get }
    /// The stepper's own work: right-hand-side and Jacobian evaluations, factorisations, solves.
    /// (The integrator counts steps and its own evaluations and merges the two.)
    var statistics: SolverStatistics { get }

    /// Starts (or restarts after a jump) at `(t, y)`. Evaluates `f(t, y)` into `startDerivative`.
    func restart(t: Double, state y: UnsafePointer<Double>)

    /// `f(t, y)` at the start of the current step; valid after `restart` and `acceptStep`.
    var startDerivative: UnsafePointer<Double> { get }

    /// Tries one step of size `h > 0` from `(t, y)`, writing the candidate `y(t + h)` into `yNew`.
    func attemptStep(t: Double, state y: UnsafePointer<Double>, step h: Double,
                     into yNew: UnsafeMutablePointer<Double>) -> StepAttempt

    /// Writes the coefficients of the last attempted step's interpolant,
    /// `y(t + θh) = Σ_{p=0}^{degree} c_p θ^p` for `θ ∈ [0, 1]`, as `c[p * n + i]`.
    /// `t`, `y` and `h` are those passed to `attemptStep`.
    func interpolant(t: Double, state y: UnsafePointer<Double>, step h: Double,
                     into coefficients: UnsafeMutablePointer<Double>)

    /// The last attempted step was accepted: its end becomes the start of the next one.
    func acceptStep()
}

/// Why an attempted step could not produce a usable result (apart from a too-large error).
@frozen
public enum StepFailure: Sendable, Equatable {
    /// NaN or infinity appeared in this state component.
    case nonFinite(component: Int)
    /// The Newton or Rosenbrock matrix could not be factorised (singular or non-finite).
    case singularMatrix
    /// An implicit method's nonlinear (Newton) iteration did not converge.
    case convergence
}

/// The outcome of `ODEStepper.attemptStep`.
@frozen
public struct StepAttempt: Sendable {
    /// Weighted RMS norm of the local error estimate; the step passes when `≤ 1` and `failure` is nil.
    /// Rejections for convergence failures (e.g. Newton) report a value above 1.
    public var errorNorm: Double
    /// The step size (time units) to use next, whether this one is accepted or not.
    public var proposedStep: Double
    /// Set when the step failed for a reason other than its error estimate.
    public var failure: StepFailure?

    /// Creates an attempt record.
    @inlinable
    public init(errorNorm: Double, proposedStep: Double, failure: StepFailure? = nil) {
        self.errorNorm = errorNorm
        self.proposedStep = proposedStep
        self.failure = failure
    }

    /// The error estimate passed and nothing failed.
    @inlinable public var passed: Bool { failure == nil && errorNorm <= 1 }
}
