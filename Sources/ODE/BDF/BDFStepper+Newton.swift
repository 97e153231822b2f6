#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a modified Newton solve of the corrector ended.
@usableFromInline
enum NewtonOutcome {
    /// Converged after this many iterations.
    case converged(iterations: Int)
    /// Diverging, too slow to converge within the iteration limit, or a non-finite correction.
    case diverged(iterations: Int)
    /// `f` returned NaN or infinity in this component.
    case nonFinite(component: Int)
}

extension BDFStepper {
    /// Predictor `y⁽⁰⁾ = Σ_{j=0}^{k} D_j` and `ψ = Σ_{j=1}^{k} γ_j D_j / α_k`.
    @inlinable
    func predict(order k: Int) {
        predicted.update(from: differences, count: n)
        psi.update(repeating: 0, count: n)
        for j in 1...k {
            let dj = differences + j &* n
            let g = gamma[j] / alpha[k]
            for i in 0..<n {
                predicted[i] += dj[i]
                psi[i] += g * dj[i]
            }
        }
    }

    /// Evaluates `J(t, y)`; `f` must be `f(t, y)` (used only by finite differences). Records the
    /// step it was evaluated for and restarts its age count (see `jacobianIsStale`), and whether
    /// the new Jacobian differs from the old one in any entry (see `factorize`).
    @inlinable
    func updateJacobian(at t: Double, state y: UnsafePointer<Double>, derivative f: UnsafePointer<Double>) {
        let count = n &* n
        previousJacobian.update(from: jacobian, count: count)
        jacobianEvaluator.evaluate(at: t, state: y, derivative: f, into: MatrixView(base: jacobian, rows: n, columns: n))
        if !jacobianChangedSinceFactorization {
            for e in 0..<count where jacobian[e] != previousJacobian[e] {
                jacobianChangedSinceFactorization = true
                break
            }
        }
        jacobianIsNeeded = false
        jacobianIsCurrent = true
        stepsSinceJacobian = 0
        jacobianStep = historyStep
        factorizationIsValid = false
    }

    /// Evaluates `J(t_{n+1}, y⁽⁰⁾)` at the predictor, as scipy and CVODE do after a Newton failure.
    @inlinable
    func updateJacobianAtPredictor(_ tNew: Double) {
        if !system.hasAnalyticJacobian && !predictedDerivativeIsKnown {
            evaluate(tNew, predicted, into: predictedDerivative)
            predictedDerivativeIsKnown = true
        }
        updateJacobian(at: tNew, state: predicted, derivative: predictedDerivative)
    }

    /// Forms `M = I − c J` in the LU workspace and factors it. Returns `false` if it is singular.
    @inlinable
    func factorize(_ c: Double) -> Bool {
        let m = lu.matrix.base
        let count = n &* n
        for e in 0..<count { m[e] = -c * jacobian[e] }
        for i in 0..<n { m[i &* (n &+ 1)] += 1 }
        counters.luFactorizations &+= 1
        // Typed `do` so the error is never boxed into `any Error` (no allocation).
        do throws(LinearAlgebraError) {
            try lu.factor()
        } catch {
            factorizationIsValid = false
            return false
        }
        factorizationIsValid = true
        factorizedC = c
        // The remembered contraction rate is kept when only c changed (or a re-evaluation returned
        // the same Jacobian, as for a linear system): the new matrix is the old one at a c closer to
        // this step's, which can only contract as well. With a changed Jacobian it starts again
        // from 1 (CVODE resets `crate` at every setup). Resetting it at every factorisation cost the
        // 60-dose PK benchmark a third of its f evaluations (41,098 → 27,401 at rtol 1e-8, 1,387
        // factorisations): each reset forces second Newton iterations until the memory decays.
        if jacobianChangedSinceFactorization {
            rateMemory = 1
            jacobianChangedSinceFactorization = false
        }
        return true
    }

    /// Modified Newton iteration for `d − c f(t_{n+1}, y⁽⁰⁾ + d) + ψ = 0` from `d = 0`, leaving the
    /// iterate in `iterate` and `d` in `correction`.
    ///
    /// Convergence test (scipy's `solve_bdf_system`, after Hairer & Wanner, *Solving ODEs II*,
    /// §IV.8): with the rate `ρ = ‖Δ_m‖/‖Δ_{m−1}‖`, stop when `ρ/(1 − ρ) ‖Δ_m‖ < tol`; declare
    /// failure when `ρ ≥ 1` or `ρ^{M−m}/(1 − ρ) ‖Δ_m‖ > tol` (cannot converge within `M`
    /// iterations). The first correction is accepted when `‖Δ_0‖ · min(1, ρ̄) ≤ tol` with `ρ̄` the
    /// rate remembered from earlier steps on the same matrix (CVODE's `crate`, updated as
    /// `max(0.3 ρ̄, ρ)`), which saves an `f` evaluation per step once the iteration is known to
    /// contract. Norms are weighted RMS with scales from `y⁽⁰⁾`.
    @inlinable
    func newtonIteration(at tNew: Double, c: Double) -> NewtonOutcome {
        correction.update(repeating: 0, count: n)
        iterate.update(from: predicted, count: n)
        // Stale c: scale corrections by 2/(1 + c/c_LU) (CVODE, cvLsSolve).
        let ratio = c / factorizedC
        let correctionScale = ratio == 1 ? 1 : 2 / (1 + ratio)
        let tol = newtonTolerance
        var previousNorm = 0.0
        var m = 0
        while m < maxNewtonIterations {
            if m == 0 && predictedDerivativeIsKnown {
                residual.update(from: predictedDerivative, count: n)
            } else {
                evaluate(tNew, iterate, into: residual)
            }
            for i in 0..<n where !residual[i].isFinite { return .nonFinite(component: i) }
            if m == 0 && !predictedDerivativeIsKnown {
                predictedDerivative.update(from: residual, count: n)
                predictedDerivativeIsKnown = true
            }
            for i in 0..<n { residual[i] = c * residual[i] - psi[i] - correction[i] }
            lu.solve(residual)
            counters.linearSolves &+= 1
            if correctionScale != 1 {
                for i in 0..<n { residual[i] *= correctionScale }
            }
            let deltaNorm = norm.norm(residual, scaledBy: predicted)
            if !deltaNorm.isFinite { return .diverged(iterations: m + 1) }
            var rate = 0.0
            if m > 0 {
                rate = deltaNorm / previousNorm
                rateMemory = max(0.3 * rateMemory, rate)
                if rate >= 1 || pow(rate, Double(maxNewtonIterations - m)) / (1 - rate) * deltaNorm > tol {
                    return .diverged(iterations: m + 1)
                }
            }
            for i in 0..<n {
                iterate[i] += residual[i]
                correction[i] += residual[i]
            }
            if deltaNorm == 0 { return .converged(iterations: m + 1) }
            if m == 0 {
                if deltaNorm * min(1, rateMemory) <= tol { return .converged(iterations: 1) }
            } else if rate / (1 - rate) * deltaNorm < tol {
                return .converged(iterations: m + 1)
            }
            previousNorm = deltaNorm
            m += 1
        }
        return .diverged(iterations: maxNewtonIterations)
    }
}
