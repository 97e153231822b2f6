#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Two rules that keep the BDF from returning a confident wrong answer (issue 15: before them,
// Van der Pol μ = 1000 at rtol 1e-2/1e-3 and OREGO at 1e-2 ended with errors of order 100 %).

extension BDFStepper {
    /// Jacobian steps and ages beyond which the Jacobian is re-evaluated before a step.
    @usableFromInline static var jacobianStepRatioLimit: Double { 3 }
    @usableFromInline static var jacobianAgeLimit: Int { 50 }

    /// Whether the Jacobian kept from an earlier step must be re-evaluated before this step of
    /// size `h`: it is `jacobianAgeLimit` (50) or more accepted steps old (CVODE's `MSBJ`;
    /// Hindmarsh et al., ACM TOMS 31 (2005) §3), or it was evaluated for a step more than 3×
    /// larger or smaller.
    ///
    /// Why: modified Newton with a Jacobian from a very different regime can return a tiny first
    /// correction that passes the convergence test though the corrector equation is far from
    /// solved, and then the error estimate `C_k d` (which is built from that correction) is tiny
    /// too. Observed on Van der Pol: the Jacobian of the fast jump (`∂f₂/∂y₁ ≈ −7·10⁵`) kept on the
    /// slow arc let order-1 steps grow 10× per step to h = 335 while `y₂` stayed frozen. A change
    /// of step by 3× means the solution moved to another time scale, where the old `J` is suspect.
    @inlinable
    func jacobianIsStale(step h: Double) -> Bool {
        guard !jacobianIsCurrent else { return false }
        let limit = Self.jacobianStepRatioLimit
        return stepsSinceJacobian >= Self.jacobianAgeLimit || h > limit * jacobianStep || h * limit < jacobianStep
    }

    /// The factor by which the local error test is tightened, `B = 10 (0.01/rtol)^0.12`
    /// (7.6 at rtol 0.1, 10 at 1e-2, 30 at 1e-6, 91 at 1e-10): the step controller works with
    /// `rtol/B` and `atol/B`.
    ///
    /// Why: the estimate `C_k ∇^{k+1} y` is the error of the propagated solution itself (no local
    /// extrapolation, unlike a Rosenbrock or Runge–Kutta pair), and on oscillating stiff problems
    /// those errors add up along the orbit: with `B = 1` the end values of OREGO and Van der Pol
    /// were 50–300× the requested tolerance at every rtol from 1e-4 to 1e-10. The global error then
    /// grows like `N · tol` with `N ∝ tol^{−1/(k+1)}` steps, so `B` grows slowly as rtol shrinks.
    /// Measured with the trust rule above, end values in units of the requested tolerance
    /// (`Tests/ODETests/BDFAccuracyTests.swift`): HIRES ≤ 2, OREGO and Van der Pol ≤ 10 from
    /// rtol 1e-2 to 1e-10, for 1.3–2× the steps of `B = 1` at the same rtol (the same or less work
    /// for the same achieved accuracy).
    @inlinable
    static func toleranceScale(rtol: Double) -> Double {
        10 * pow(0.01 / rtol, 0.12)
    }
}
