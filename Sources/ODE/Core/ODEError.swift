/// Why a solve failed. Every case says where (t, h) and what to try.
public enum ODEError: Error, Equatable, CustomStringConvertible {
    /// The problem or options are malformed; the message names the field and the expected value.
    case invalidInput(String)
    /// The step size fell below what double precision can resolve at `t`.
    case stepSizeTooSmall(t: Double, h: Double)
    /// More than `maxSteps` step attempts were needed.
    case maxStepsExceeded(t: Double, h: Double, maxSteps: Int)
    /// The right-hand side produced NaN or infinity (in `component`) and shrinking the step did not help.
    case nonFiniteState(t: Double, h: Double, component: Int)
    /// A linear system in an implicit method was singular.
    case singularMatrix(t: Double, h: Double)
    /// An implicit method's Newton iteration did not converge (in fixed-step mode, or down to the
    /// smallest step).
    case convergenceFailure(t: Double, h: Double)

    /// A one-paragraph explanation with a suggestion.
    public var description: String {
        switch self {
        case .invalidInput(let message):
            return "invalid input: \(message)"
        case .stepSizeTooSmall(let t, let h):
            return "step size underflow at t = \(t) (h = \(h)): the solution may blow up or have a discontinuity here; "
                + "check the right-hand side near this time, add it as a stop time if it is a discontinuity, "
                + "or try a stiff method or a looser rtol"
        case .maxStepsExceeded(let t, let h, let maxSteps):
            return "more than \(maxSteps) steps needed (stopped at t = \(t), h = \(h)): raise maxSteps, loosen rtol, "
                + "or, if h is tiny compared with the time span, the problem is probably stiff: use a stiff method"
        case .nonFiniteState(let t, let h, let component):
            return "the right-hand side returned NaN or infinity in component \(component) at t = \(t) (h = \(h)): "
                + "check for division by zero, log or sqrt of a negative value, or overflow in the model"
        case .singularMatrix(let t, let h):
            return "singular Newton matrix at t = \(t) (h = \(h)): the Jacobian may be wrong or contain NaN"
        case .convergenceFailure(let t, let h):
            return "Newton iteration did not converge at t = \(t) (h = \(h)): check the analytic Jacobian, "
                + "use a smaller fixed step, or let the step size adapt (adaptive = true)"
        }
    }
}
