#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Variable-order (1–5), variable-step BDF/NDF for stiff problems, with its own dense output.
///
/// The formulation is the quasi-constant-step backward-difference form of Shampine & Reichelt,
/// "The MATLAB ODE Suite", SIAM J. Sci. Comput. 18 (1997) 1–22 (`ode15s`), in the variant of
/// scipy's `integrate/_ivp/bdf.py`:
///
/// - History: the backward differences `D_j = ∇^j y_n` (`j = 0 … k`) of the interpolating
///   polynomial on an equally spaced grid of the current step `h`. A step-size change by `r`
///   re-samples that polynomial on the new grid, `D ← (R(r) U)ᵀ D` (Shampine & Reichelt §2.4).
/// - Predictor `y⁽⁰⁾ = Σ_{j=0}^{k} D_j`; corrector for `d = y_{n+1} − y⁽⁰⁾`:
///   `d − c f(t_{n+1}, y⁽⁰⁾ + d) + ψ = 0`, `c = h/α_k`, `ψ = Σ_{j=1}^{k} γ_j D_j / α_k`
///   (tables in `BDFTables`), solved by modified Newton with `M = I − c J`.
/// - Local error `C_k d` (weighted RMS norm of `WeightedNorm`); after `k + 1` steps of equal size
///   the orders `k − 1`, `k`, `k + 1` are compared through `C_{k−1} ∇^k y_{n+1}`, `C_k d` and
///   `C_{k+1} ∇^{k+2} y_{n+1}`, and the order and step giving the largest step are taken.
///
/// Linear algebra follows CVODE's reuse rules (Hindmarsh et al., "SUNDIALS", ACM TOMS 31 (2005)
/// 363–396; `cvode.c`, `cvode_ls.c`):
/// - `M = I − c J` is refactored only when the Jacobian changed, after a Newton failure, or when
///   `|c / c_LU − 1| > 0.3` (CVODE's `DGMAX`). While `c ≠ c_LU` every Newton correction is scaled
///   by `2 / (1 + c/c_LU)` (CVODE's `cvLsSolve`), which compensates the stale `c` for the stiff
///   components.
/// - The Jacobian is re-evaluated when a restart brings a changed state (a dose), when Newton
///   fails with a Jacobian from an earlier step, and before a step when the Jacobian is 50 steps
///   old or was evaluated for a step more than 3× larger or smaller (`jacobianIsStale`: a stale
///   Jacobian can make a wrong Newton solution look converged); a failure while `c` has drifted by
///   20 % or more from `c_LU` is first blamed on `c` and retried with a refactorisation only
///   (CVODE's `CVLS_DGMAX`). The Jacobian is kept across restarts that leave the state unchanged.
/// - The local error test works with `rtol/B`, `atol/B`, `B = toleranceScale(rtol)` (10 at
///   rtol 1e-2, 91 at 1e-10), so that global errors stay within the requested tolerance.
/// - The Newton contraction rate remembered for accepting a first correction (CVODE's `crate`)
///   starts again from 1 only when the Jacobian changed; a refactorisation for a new `c`, or with a
///   re-evaluated Jacobian equal in every entry (a linear system), keeps it.
/// - Newton fails for good only with a Jacobian of this step and a matrix of exactly this `c`;
///   the step is then rejected with `h/4` (CVODE's `ETACF`).
///
/// All work buffers are allocated in `init`; `attemptStep`, `interpolant` and `acceptStep`
/// allocate nothing. Counters in `statistics`: `rhsEvaluations` (Newton iterations, restarts,
/// finite-difference Jacobians), `jacobianEvaluations`, `luFactorizations`, `linearSolves`.
///
/// Mutable stored properties are `@exclusivity(unchecked)`: an instance is used by one thread and
/// never hands out overlapping `inout` accesses, and the runtime checks cost 20–30% of a step on small
/// systems (Van der Pol with Rodas5P: 2.18 → 1.52 ms, `Benchmarks/ComparisonRunner`).
public final class BDFStepper<System: ODESystem>: ODEStepper {
    /// The system.
    public let system: System
    /// Highest order the stepper may use, 1...5.
    public let maxOrder: Int
    /// BDF or NDF coefficients.
    public let formula: BDFFormula

    @usableFromInline let n: Int
    @usableFromInline let adaptive: Bool
    @usableFromInline let norm: WeightedNorm
    /// Newton stops when the estimated remaining error (weighted RMS, where the local error test
    /// allows 1) is below `max(10 ε / rtol, 0.03)`: Hairer & Wanner (*Solving ODEs II*, §IV.8)
    /// advise κ·Tol with κ between 0.01 and 0.1, and 0.03 is RADAU5's and scipy's value at loose
    /// tolerances. Their extra cap `√rtol` was dropped: on the tests here (PK, Robertson, Van der
    /// Pol) it cost 1.3–2.9× the `f` evaluations at rtol 1e-6 … 1e-10 for no gain in accuracy
    /// (CVODE is looser still: 0.1 of the error-test allowance). `10 ε / rtol` keeps it above
    /// round-off.
    @usableFromInline let newtonTolerance: Double
    /// Newton iterations per attempt (scipy's `NEWTON_MAXITER`; more in fixed-step mode, where a
    /// failed iteration cannot be rejected).
    @usableFromInline let maxNewtonIterations: Int

    // Tables (see `BDFTables`), indexed by order.
    @usableFromInline let gamma: UnsafeMutablePointer<Double>
    @usableFromInline let alpha: UnsafeMutablePointer<Double>
    @usableFromInline let errorConstant: UnsafeMutablePointer<Double>
    /// `basis[j * stride + p]`: coefficient of `θ^p` in `φ_j` (`stride = BDFTables.maxOrder + 1`).
    @usableFromInline let basis: UnsafeMutablePointer<Double>
    /// Scratch for the step-change matrices `R(r)`, `U = R(1)` and `R U` (each `stride × stride`).
    @usableFromInline let rMatrix: UnsafeMutablePointer<Double>
    @usableFromInline let uMatrix: UnsafeMutablePointer<Double>
    @usableFromInline let productMatrix: UnsafeMutablePointer<Double>

    /// Backward differences `D[j * n + i]`, `j = 0 … maxOrder + 2` (the two above the order carry
    /// `∇^{k+1}` and `∇^{k+2}` for order selection).
    @usableFromInline let differences: UnsafeMutablePointer<Double>
    @usableFromInline let rescaled: UnsafeMutablePointer<Double>
    /// The step the differences are scaled to.
    @exclusivity(unchecked) @usableFromInline var historyStep = 1.0
    @exclusivity(unchecked) @usableFromInline var currentOrder = 1
    /// Accepted steps since the last change of step size or order.
    @exclusivity(unchecked) @usableFromInline var equalSteps = 0
    /// Time of `D_0`.
    @exclusivity(unchecked) @usableFromInline var currentTime = 0.0
    @exclusivity(unchecked) @usableFromInline var hasState = false

    @usableFromInline let derivative: UnsafeMutablePointer<Double>
    /// `derivative` holds `f(currentTime, D_0)` (it is evaluated lazily after accepted steps).
    @exclusivity(unchecked) @usableFromInline var derivativeIsCurrent = false

    @usableFromInline let predicted: UnsafeMutablePointer<Double>
    @usableFromInline let psi: UnsafeMutablePointer<Double>
    @usableFromInline let correction: UnsafeMutablePointer<Double>
    @usableFromInline let iterate: UnsafeMutablePointer<Double>
    @usableFromInline let residual: UnsafeMutablePointer<Double>
    /// `f(t_{n+1}, y⁽⁰⁾)` from the first Newton iteration, reused by a retry and by a
    /// finite-difference Jacobian at the predictor.
    @usableFromInline let predictedDerivative: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) @usableFromInline var predictedDerivativeIsKnown = false

    @usableFromInline let jacobian: UnsafeMutablePointer<Double>
    @usableFromInline let jacobianEvaluator: JacobianEvaluator<System>
    @usableFromInline let lu: LUFactorization
    /// No Jacobian for the current trajectory yet (start, or a restart after a jump).
    @exclusivity(unchecked) @usableFromInline var jacobianIsNeeded = true
    /// The Jacobian was evaluated during the current step (since the last accepted one).
    @exclusivity(unchecked) @usableFromInline var jacobianIsCurrent = false
    /// Accepted steps since the Jacobian was evaluated.
    @exclusivity(unchecked) @usableFromInline var stepsSinceJacobian = 0
    /// The step `h` the Jacobian was evaluated for.
    @exclusivity(unchecked) @usableFromInline var jacobianStep = 1.0
    @exclusivity(unchecked) @usableFromInline var factorizationIsValid = false
    /// `c = h/α_k` of the current factorisation.
    @exclusivity(unchecked) @usableFromInline var factorizedC = 0.0
    /// Newton contraction-rate memory (CVODE's `crate`), reset to 1 at a factorisation with a
    /// Jacobian that differs from the one it was measured with.
    @exclusivity(unchecked) @usableFromInline var rateMemory = 1.0
    /// The Jacobian before the last evaluation (to tell whether an evaluation changed it).
    @usableFromInline let previousJacobian: UnsafeMutablePointer<Double>
    /// An evaluation changed the Jacobian since the last factorisation.
    @exclusivity(unchecked) @usableFromInline var jacobianChangedSinceFactorization = true

    // The last attempt, consumed by `interpolant` and `acceptStep`.
    @exclusivity(unchecked) @usableFromInline var attemptTime = 0.0
    @exclusivity(unchecked) @usableFromInline var pendingOrder = 1
    @exclusivity(unchecked) @usableFromInline var consecutiveErrorFailures = 0

    @exclusivity(unchecked) @usableFromInline var counters = SolverStatistics()

    /// A stepper for `system` with the tolerances of `options` (validate them first).
    /// - Parameters:
    ///   - maxOrder: highest order, 1...5 (5 by default). `1` and `2` give A-stable methods.
    ///   - formula: `.numericalDifferentiation` (default, as `ode15s` and scipy) or
    ///     `.backwardDifferentiation`.
    ///   - linearSolver: LU backend for the Newton matrix (`.automatic` picks by dimension).
    public init(system: System, options: SolverOptions, maxOrder: Int = 5,
                formula: BDFFormula = .numericalDifferentiation, linearSolver: LUBackend = .automatic) {
        precondition((1...BDFTables.maxOrder).contains(maxOrder), "BDF maxOrder must be in 1...\(BDFTables.maxOrder)")
        self.system = system
        self.maxOrder = maxOrder
        self.formula = formula
        n = system.dimension
        adaptive = options.adaptive
        let scale = adaptive ? Self.toleranceScale(rtol: options.rtol) : 1
        let internalAtol: AbsoluteTolerance
        switch options.atol {
        case .scalar(let v): internalAtol = .scalar(v / scale)
        case .perComponent(let v): internalAtol = .perComponent(v.map { $0 / scale })
        }
        norm = WeightedNorm(dimension: n, rtol: options.rtol / scale, atol: internalAtol)
        newtonTolerance = max(10 * Double.ulpOfOne * scale / options.rtol, 0.03)
        maxNewtonIterations = options.adaptive ? 4 : 10

        func table(_ values: [Double]) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: values.count)
            p.initialize(from: values, count: values.count)
            return p
        }
        gamma = table(BDFTables.gamma())
        alpha = table(BDFTables.alpha(formula))
        errorConstant = table(BDFTables.errorConstants(formula))
        basis = table(BDFTables.interpolationBasis())
        let stride = BDFTables.maxOrder + 1
        rMatrix = table([Double](repeating: 0, count: stride * stride))
        uMatrix = table([Double](repeating: 0, count: stride * stride))
        productMatrix = table([Double](repeating: 0, count: stride * stride))

        let width = max(n, 1)
        func buffer(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }
        differences = buffer((maxOrder + 3) * width)
        rescaled = buffer((maxOrder + 1) * width)
        derivative = buffer(width)
        predicted = buffer(width)
        psi = buffer(width)
        correction = buffer(width)
        iterate = buffer(width)
        residual = buffer(width)
        predictedDerivative = buffer(width)
        jacobian = buffer(width * width)
        previousJacobian = buffer(width * width)
        jacobianEvaluator = JacobianEvaluator(system: system)
        lu = LUFactorization(dimension: width, backend: linearSolver)
    }

    deinit {
        gamma.deallocate(); alpha.deallocate(); errorConstant.deallocate(); basis.deallocate()
        rMatrix.deallocate(); uMatrix.deallocate(); productMatrix.deallocate()
        differences.deallocate(); rescaled.deallocate(); derivative.deallocate()
        predicted.deallocate(); psi.deallocate(); correction.deallocate(); iterate.deallocate()
        residual.deallocate(); predictedDerivative.deallocate(); jacobian.deallocate()
        previousJacobian.deallocate()
    }

    /// The current order `k` (1 after a restart).
    public var order: Int { currentOrder }
    /// `maxOrder`: the interpolant of an order-`k` step has degree `k`, padded with zero coefficients.
    public var interpolantDegree: Int { maxOrder }

    /// Work counters: `f` evaluations (including finite-difference Jacobians), Jacobian
    /// evaluations, LU factorisations and linear solves.
    public var statistics: SolverStatistics {
        var s = counters
        s.rhsEvaluations &+= jacobianEvaluator.rhsEvaluations
        s.jacobianEvaluations = jacobianEvaluator.evaluations
        return s
    }

    /// `f(t, y)` at the start of the current step. After an accepted step it is evaluated on first
    /// access (one counted `f` evaluation), since the BDF step itself never needs it.
    @inlinable
    public var startDerivative: UnsafePointer<Double> {
        if !derivativeIsCurrent {
            evaluate(currentTime, differences, into: derivative)
            derivativeIsCurrent = true
        }
        return UnsafePointer(derivative)
    }

    /// `f(t, y)` into `dy`, counted.
    @inlinable @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafePointer<Double>, into dy: UnsafeMutablePointer<Double>) {
        system.derivatives(at: t, state: UnsafeBufferPointer(start: y, count: n),
                           into: UnsafeMutableBufferPointer(start: dy, count: n))
        counters.rhsEvaluations &+= 1
    }

    /// Restarts at order 1 from `(t, y)`: `D_0 = y`, `D_1 = h f(t, y)` (scaled lazily to the first
    /// step). The Jacobian is kept when `y` is the state the last step ended with (a restart for a
    /// discontinuity of `f` only), but marked as from an earlier step; a changed state (a dose)
    /// makes it be re-evaluated before the first Newton iteration.
    @inlinable
    public func restart(t: Double, state y: UnsafePointer<Double>) {
        var changed = !hasState
        if hasState {
            for i in 0..<n where y[i] != differences[i] { changed = true; break }
        }
        if changed { jacobianIsNeeded = true }
        jacobianIsCurrent = false
        evaluate(t, y, into: derivative)
        derivativeIsCurrent = true
        differences.update(from: y, count: n)
        (differences + n).update(from: derivative, count: n)
        historyStep = 1
        currentOrder = 1
        pendingOrder = 1
        equalSteps = 0
        consecutiveErrorFailures = 0
        currentTime = t
        hasState = true
        predictedDerivativeIsKnown = false
    }

    /// One BDF/NDF step of size `h` from `(t, y)` (`y` is the end of the last accepted step or the
    /// restart state). Outcomes:
    /// - passed: `errorNorm ≤ 1`, `proposedStep` from the order/step selection (unchanged `h`
    ///   until `k + 1` equal steps have been taken, then up to 10× larger);
    /// - error test failed: `errorNorm > 1`, `proposedStep = h · max(0.2, s · err^{−1/(k+1)})` with
    ///   scipy's safety `s = 0.9 (2M + 1)/(2M + m)` (`m` Newton iterations, `M = 4`); after three
    ///   failures in a row at order ≥ 2 the order drops to 1 and the step to `h/10` (CVODE);
    /// - Newton did not converge even with a fresh Jacobian and matrix: `.convergence`,
    ///   `errorNorm = 2`, `proposedStep = h/4`;
    /// - `M` singular even with a fresh Jacobian: `.singularMatrix`, `errorNorm = ∞`, `h/4`;
    /// - NaN or infinity in `f` or the solution: `.nonFinite(component:)`, `h/4`.
    /// With `SolverOptions.adaptive == false` the order rises by one after every `k + 1` steps up to
    /// `maxOrder` and Newton may take up to 10 iterations; a step that still does not converge
    /// reports `.convergence`, which the integrator turns into `ODEError.convergenceFailure`.
    @inlinable
    public func attemptStep(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into yNew: UnsafeMutablePointer<Double>) -> StepAttempt {
        // The integrator may shorten the proposed step (stop times, maxStep) or shrink it after a
        // failure: re-sample the history polynomial on the grid of the step actually taken.
        if h != historyStep {
            rescaleHistory(by: h / historyStep)
            historyStep = h
            equalSteps = 0
        }
        attemptTime = t
        predictedDerivativeIsKnown = false
        let k = currentOrder
        let tNew = t + h
        let c = h / alpha[k]
        predict(order: k)

        if jacobianIsNeeded {
            // After a start or a jump: J at the (new) start point, where f is already known.
            updateJacobian(at: t, state: y, derivative: startDerivative)
        } else if jacobianIsStale(step: h) {
            // f at the predictor first (the first Newton iteration reuses it): NaN there is the
            // model's failure, to be reported as such rather than as a singular matrix.
            if !predictedDerivativeIsKnown {
                evaluate(tNew, predicted, into: predictedDerivative)
                predictedDerivativeIsKnown = true
            }
            for i in 0..<n where !predictedDerivative[i].isFinite {
                return StepAttempt(errorNorm: .nan, proposedStep: h / 4, failure: .nonFinite(component: i))
            }
            updateJacobianAtPredictor(tNew)
        }

        var converged = false
        var iterations = 0
        newton: while true {
            if !factorizationIsValid || abs(c / factorizedC - 1) > 0.3 {
                if !factorize(c) {
                    if !jacobianIsCurrent {
                        updateJacobianAtPredictor(tNew)
                        continue newton
                    }
                    return StepAttempt(errorNorm: .infinity, proposedStep: h / 4, failure: .singularMatrix)
                }
            }
            switch newtonIteration(at: tNew, c: c) {
            case .converged(let count):
                converged = true
                iterations = count
                break newton
            case .nonFinite(let component):
                return StepAttempt(errorNorm: .nan, proposedStep: h / 4, failure: .nonFinite(component: component))
            case .diverged(let count):
                iterations = count
                // Retry this step with what is stale. When c moved by 20 % or more since the
                // factorisation, blame c and refactor with the same Jacobian first (CVODE's
                // cvLsSetup, CVLS_DGMAX = 0.2); otherwise re-evaluate a Jacobian from an earlier
                // step; finally refactor at exactly this c.
                let drift = abs(c / factorizedC - 1)
                if factorizedC != c && drift >= 0.2 {
                    factorizationIsValid = false
                    continue newton
                }
                if !jacobianIsCurrent {
                    updateJacobianAtPredictor(tNew)
                    continue newton
                }
                if factorizedC != c {
                    factorizationIsValid = false
                    continue newton
                }
                break newton
            }
        }

        if !converged && adaptive {
            // Newton failed with a current Jacobian and matrix: reject, shrink as CVODE (ETACF).
            factorizationIsValid = false
            consecutiveErrorFailures = 0
            return StepAttempt(errorNorm: 2, proposedStep: h * 0.25, failure: .convergence)
        }
        yNew.update(from: iterate, count: n)

        // Local error estimate C_k d (Shampine & Reichelt eq. (2.3)).
        let error = scaledNorm(errorConstant[k], correction, y, yNew)
        if !error.isFinite {
            return StepAttempt(errorNorm: .nan, proposedStep: h / 4, failure: .nonFinite(component: max(firstNonFinite(yNew, count: n), 0)))
        }
        guard adaptive else {
            // Fixed steps: raise the order by one after k + 1 equal steps, up to maxOrder.
            pendingOrder = (equalSteps + 1 >= k + 1 && k < maxOrder) ? k + 1 : k
            return StepAttempt(errorNorm: converged ? 0 : 2, proposedStep: h, failure: converged ? nil : .convergence)
        }

        // scipy's safety factor: more Newton iterations, more caution.
        let m = Double(maxNewtonIterations)
        let safety = 0.9 * (2 * m + 1) / (2 * m + Double(iterations))
        if error > 1 {
            consecutiveErrorFailures += 1
            var factor = max(0.2, safety * pow(error, -1 / Double(k + 1)))
            if consecutiveErrorFailures >= 3 && k > 1 {
                // Repeated failures: the higher differences are unreliable. Restart at order 1 from
                // the current point with a fresh derivative (CVODE, MXNEF1 = 3, ETAMIN = 0.1).
                let f0 = startDerivative
                let d1 = differences + n
                for i in 0..<n { d1[i] = h * f0[i] }
                currentOrder = 1
                factor = 0.1
            }
            return StepAttempt(errorNorm: error, proposedStep: h * factor)
        }
        consecutiveErrorFailures = 0
        pendingOrder = k
        var factor = 1.0
        if equalSteps + 1 >= k + 1 {
            factor = chooseOrder(order: k, error: error, y: y, yNew: yNew, safety: safety)
        }
        return StepAttempt(errorNorm: error, proposedStep: h * factor)
    }

    /// After `k + 1` equal steps: error norms of orders `k − 1` and `k + 1` from the differences the
    /// step would leave, `‖C_{k−1} ∇^k y_{n+1}‖` and `‖C_{k+1} ∇^{k+2} y_{n+1}‖`, and the order whose
    /// step factor `‖e_q‖^{−1/(q+1)}` is largest (lowest order on ties). Sets `pendingOrder`;
    /// returns the step factor, at most 10.
    @inlinable
    func chooseOrder(order k: Int, error: Double, y: UnsafePointer<Double>, yNew: UnsafePointer<Double>,
                     safety: Double) -> Double {
        var lowerNorm = Double.infinity
        var higherNorm = Double.infinity
        if k > 1 {
            // ∇^k y_{n+1} = D_k + d
            let dk = differences + k &* n
            var sum = 0.0
            for i in 0..<n {
                let r = errorConstant[k - 1] * (dk[i] + correction[i]) / norm.scale(i, y[i], yNew[i])
                sum += r * r
            }
            lowerNorm = (sum / Double(n)).squareRoot()
        }
        if k < maxOrder {
            // ∇^{k+2} y_{n+1} = d − D_{k+1}
            let dk1 = differences + (k &+ 1) &* n
            var sum = 0.0
            for i in 0..<n {
                let r = errorConstant[k + 1] * (correction[i] - dk1[i]) / norm.scale(i, y[i], yNew[i])
                sum += r * r
            }
            higherNorm = (sum / Double(n)).squareRoot()
        }
        let lower = pow(lowerNorm, -1 / Double(k))
        let same = pow(error, -1 / Double(k + 1))
        let higher = pow(higherNorm, -1 / Double(k + 2))
        var best = same
        var newOrder = k
        if lower > best || (lower == best && k > 1) { best = lower; newOrder = k - 1 }
        if higher > best { best = higher; newOrder = k + 1 }
        if best.isNaN { return 1 }
        pendingOrder = newOrder
        return min(10, safety * best)
    }

    /// `‖coefficient · v‖` in the weighted RMS norm with scales from `y` and `yNew`.
    @inlinable
    func scaledNorm(_ coefficient: Double, _ v: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                    _ yNew: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<n {
            let r = coefficient * v[i] / norm.scale(i, y[i], yNew[i])
            sum += r * r
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Appends the accepted step to the history: `∇^{k+1} y_{n+1} = d`,
    /// `∇^{k+2} y_{n+1} = d − ∇^{k+1} y_n` and `∇^j y_{n+1} = ∇^j y_n + ∇^{j+1} y_{n+1}`.
    @inlinable
    public func acceptStep() {
        let k = currentOrder
        let d = differences
        let top = d + (k &+ 2) &* n, next = d + (k &+ 1) &* n
        for i in 0..<n {
            top[i] = correction[i] - next[i]
            next[i] = correction[i]
        }
        var j = k
        while j >= 1 {
            let dj = d + j &* n, above = d + (j &+ 1) &* n
            for i in 0..<n { dj[i] += above[i] }
            j -= 1
        }
        // D_0 is exactly the state handed to the integrator (not a re-rounded sum).
        d.update(from: iterate, count: n)
        currentTime = attemptTime + historyStep
        equalSteps += 1
        if pendingOrder != k {
            currentOrder = pendingOrder
            equalSteps = 0
        }
        jacobianIsCurrent = false
        stepsSinceJacobian &+= 1
        derivativeIsCurrent = false
        predictedDerivativeIsKnown = false
    }
}
