/// The generic stepper for every `RosenbrockMethod` (linearly implicit, for stiff problems): one
/// implementation, specialised by the compiler for each system and tableau.
///
/// Each step solves `s` linear systems with one factorisation of `W = I/(hγ) − J` (see
/// `RosenbrockTableau` for the scheme). Work done, and when:
/// - `J = ∂f/∂y(t, y)` comes from `JacobianEvaluator` (the system's analytic Jacobian, or forward
///   differences, `n` extra evaluations of `f`) once per step start. After a rejected step the
///   start is the same, so `J` and `f_t` are reused and only `W` is refactored for the new `h`.
///   `restart` keeps them only when `(t, y)` is bit-for-bit the point they were evaluated at (a
///   dose jump changes `y`, so they are re-evaluated).
/// - `f_t = ∂f/∂t(t, y)` by one forward difference in `t`, `(f(t + δ, y) − f(t, y)) / δ` with
///   `δ = √ε · max(|t|, h)` (the increment actually represented is used): one extra evaluation of
///   `f` per Jacobian, counted in `rhsEvaluations`. Exactly zero for autonomous systems; pass
///   `isAutonomous: true` to skip that evaluation. The increment scales with the time unit, so the
///   result does not depend on it; its truncation error `O(δ)` enters the solution only through
///   the `h² d_i f_t` terms.
/// - `f(t, y)` of the next step is evaluated in `acceptStep` (and `restart`), so a rejected step
///   costs `s − 1` evaluations and no Jacobian.
/// - `W` is refactored whenever `hγ` or `J` changed (`luFactorizations`), and solved once per stage
///   (`linearSolves`) through `LUFactorization` (hand-written LU for small systems, LAPACKE above
///   its crossover).
///
/// All buffers are allocated in `init`; `attemptStep`, `interpolant`, `acceptStep` and `restart`
/// do not allocate.
///
/// Mutable stored properties are `@exclusivity(unchecked)`: an instance is used by one thread and
/// never hands out overlapping `inout` accesses, and the runtime checks cost 20–30% of a step on small
/// systems (Van der Pol with Rodas5P: 2.18 → 1.52 ms, `Benchmarks/ComparisonRunner`).
public final class RosenbrockStepper<System: ODESystem, Method: RosenbrockMethod>: ODEStepper {
    /// The system.
    public let system: System
    @usableFromInline let n: Int
    @usableFromInline let s: Int
    @usableFromInline let degree: Int
    @usableFromInline let gamma: Double
    @usableFromInline let adaptive: Bool
    @usableFromInline let skipsTimeDerivative: Bool
    /// Nodes `c`, time-derivative coefficients `d`, solution and error weights (`s` each).
    @usableFromInline let nodes: UnsafeMutablePointer<Double>
    @usableFromInline let timeWeights: UnsafeMutablePointer<Double>
    @usableFromInline let solutionWeights: UnsafeMutablePointer<Double>
    @usableFromInline let errorWeights: UnsafeMutablePointer<Double>
    /// `a` and `C`, dense strictly-lower `s × s`, row-major: `a[i * s + j]`.
    @usableFromInline let stageCoefficients: UnsafeMutablePointer<Double>
    @usableFromInline let couplingCoefficients: UnsafeMutablePointer<Double>
    /// Monomial dense-output weights, `interpolationWeights[(p − 1) * s + i]` for `θ^p`.
    @usableFromInline let interpolationWeights: UnsafeMutablePointer<Double>
    /// Stage increments `u_i`, `u[i * n + k]`.
    @usableFromInline let u: UnsafeMutablePointer<Double>
    /// `f(t, y)` at the start of the current step.
    @usableFromInline let f0: UnsafeMutablePointer<Double>
    /// `∂f/∂t` at the point of `jacobian`.
    @usableFromInline let ft: UnsafeMutablePointer<Double>
    @usableFromInline let stageState: UnsafeMutablePointer<Double>
    @usableFromInline let stageDerivative: UnsafeMutablePointer<Double>
    @usableFromInline let errorEstimate: UnsafeMutablePointer<Double>
    /// `J`, column-major `n × n`, and the point `(jacobianTime, jacobianState)` it belongs to.
    @usableFromInline let jacobianStorage: UnsafeMutablePointer<Double>
    @usableFromInline let jacobianState: UnsafeMutablePointer<Double>
    @exclusivity(unchecked) @usableFromInline var jacobianTime = 0.0
    /// `J` and `f_t` were evaluated at the start of the current step.
    @exclusivity(unchecked) @usableFromInline var jacobianCurrent = false
    /// `J` and `f_t` exist (at `(jacobianTime, jacobianState)`).
    @exclusivity(unchecked) @usableFromInline var jacobianAvailable = false
    /// `lu` holds the factors of `I/(factoredGammaStep) − J` for the current `J`.
    @exclusivity(unchecked) @usableFromInline var factorValid = false
    @exclusivity(unchecked) @usableFromInline var factoredGammaStep = 0.0
    @usableFromInline let jacobianEvaluator: JacobianEvaluator<System>
    @usableFromInline let lu: LUFactorization
    @usableFromInline let norm: WeightedNorm
    @exclusivity(unchecked) @usableFromInline var controller: PIController
    /// End of the last attempted step and where its state was written, for `acceptStep`.
    @exclusivity(unchecked) @usableFromInline var attemptEnd = 0.0
    /// Size of the last attempted step (for the stiffness estimate).
    @exclusivity(unchecked) @usableFromInline var attemptSize = 0.0
    @exclusivity(unchecked) @usableFromInline var attemptState: UnsafePointer<Double>? = nil
    /// This stepper's own counters (the Jacobian evaluator's are merged in `statistics`).
    @exclusivity(unchecked) @usableFromInline var counters = SolverStatistics()

    /// A stepper for `system` with the tolerances of `options`.
    /// - Parameters:
    ///   - backend: LU implementation for `W`; `.automatic` picks by dimension
    ///     (`LUFactorization.crossoverDimension`).
    ///   - isAutonomous: `true` promises that `f` does not depend on `t`, which skips the one
    ///     evaluation of `f` per step spent on `∂f/∂t` (the result is identical: the difference
    ///     quotient of an autonomous `f` is exactly zero).
    public init(system: System, options: SolverOptions, backend: LUBackend = .automatic,
                isAutonomous: Bool = false) {
        let tableau = Method.tableau
        self.system = system
        n = system.dimension
        s = tableau.stageCount
        degree = tableau.interpolantDegree
        gamma = tableau.gamma
        adaptive = options.adaptive
        skipsTimeDerivative = isAutonomous
        nodes = .allocate(capacity: s)
        nodes.initialize(from: tableau.c, count: s)
        timeWeights = .allocate(capacity: s)
        timeWeights.initialize(from: tableau.d, count: s)
        solutionWeights = .allocate(capacity: s)
        solutionWeights.initialize(from: tableau.m, count: s)
        errorWeights = .allocate(capacity: s)
        errorWeights.initialize(from: tableau.e, count: s)
        stageCoefficients = .allocate(capacity: s * s)
        stageCoefficients.initialize(repeating: 0, count: s * s)
        couplingCoefficients = .allocate(capacity: s * s)
        couplingCoefficients.initialize(repeating: 0, count: s * s)
        for i in 0..<s {
            for j in 0..<i {
                stageCoefficients[i * s + j] = tableau.a[i][j]
                couplingCoefficients[i * s + j] = tableau.C[i][j]
            }
        }
        let weights = tableau.monomialWeights
        interpolationWeights = .allocate(capacity: degree * s)
        for p in 0..<degree {
            for i in 0..<s { interpolationWeights[p * s + i] = weights[p][i] }
        }
        let width = max(n, 1)
        u = .allocate(capacity: s * width)
        u.initialize(repeating: 0, count: s * width)
        f0 = .allocate(capacity: width)
        f0.initialize(repeating: 0, count: width)
        ft = .allocate(capacity: width)
        ft.initialize(repeating: 0, count: width)
        stageState = .allocate(capacity: width)
        stageDerivative = .allocate(capacity: width)
        errorEstimate = .allocate(capacity: width)
        jacobianStorage = .allocate(capacity: width * width)
        jacobianStorage.initialize(repeating: 0, count: width * width)
        jacobianState = .allocate(capacity: width)
        jacobianState.initialize(repeating: 0, count: width)
        jacobianEvaluator = JacobianEvaluator(system: system)
        lu = LUFactorization(dimension: width, backend: backend)
        norm = WeightedNorm(dimension: n, rtol: options.rtol, atol: options.atol)
        controller = PIController(estimatorOrder: tableau.estimatorOrder, parameters: tableau.controller)
    }

    deinit {
        nodes.deallocate(); timeWeights.deallocate(); solutionWeights.deallocate(); errorWeights.deallocate()
        stageCoefficients.deallocate(); couplingCoefficients.deallocate(); interpolationWeights.deallocate()
        u.deallocate(); f0.deallocate(); ft.deallocate(); stageState.deallocate(); stageDerivative.deallocate()
        errorEstimate.deallocate(); jacobianStorage.deallocate(); jacobianState.deallocate()
    }

    /// Order of the propagated solution.
    public var order: Int { Method.tableau.order }
    /// Degree of the method's own dense output.
    public var interpolantDegree: Int { degree }
    /// The LU implementation factoring `W` (never `.automatic`).
    public var linearSolverBackend: LUBackend { lu.backend }
    /// Work so far: this stepper's evaluations of `f` (stages, `f_t`, step starts) plus the
    /// finite-difference ones of the Jacobian evaluator; Jacobians, factorisations and solves.
    public var statistics: SolverStatistics {
        var merged = counters
        merged.rhsEvaluations += jacobianEvaluator.rhsEvaluations
        merged.jacobianEvaluations = jacobianEvaluator.evaluations
        return merged
    }
    /// `f(t, y)` at the start of the current step.
    @inlinable public var startDerivative: UnsafePointer<Double> { UnsafePointer(f0) }

    /// Starts at `(t, y)`: evaluates `f(t, y)`, forgets the controller history, and keeps the
    /// Jacobian (and its factorisation) only if it was evaluated at exactly this `(t, y)`.
    @inlinable
    public func restart(t: Double, state y: UnsafePointer<Double>) {
        evaluate(t, y, into: f0)
        controller.reset()
        attemptState = nil
        jacobianCurrent = jacobianAvailable && jacobianTime == t && sameState(y)
        if !jacobianCurrent { factorValid = false }
    }

    /// `y` equals the state the Jacobian was evaluated at, bit for bit.
    @inlinable
    func sameState(_ y: UnsafePointer<Double>) -> Bool {
        for i in 0..<n where y[i].bitPattern != jacobianState[i].bitPattern { return false }
        return true
    }

    /// `f(t, y)` into `dy`, counted.
    @inlinable @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafePointer<Double>, into dy: UnsafeMutablePointer<Double>) {
        evaluateUncounted(t, y, into: dy)
        counters.rhsEvaluations &+= 1
    }

    /// `f(t, y)` into `dy`; the caller counts (once per step: every update of a stored property of
    /// a class is a dynamic exclusivity check, measurable on small systems).
    @inlinable @inline(__always)
    func evaluateUncounted(_ t: Double, _ y: UnsafePointer<Double>, into dy: UnsafeMutablePointer<Double>) {
        system.derivatives(at: t, state: UnsafeBufferPointer(start: y, count: n),
                           into: UnsafeMutableBufferPointer(start: dy, count: n))
    }

    /// Evaluates `J` and `f_t` at the step start `(t, y)` (`f0` holds `f(t, y)`).
    @inlinable
    func updateJacobian(t: Double, state y: UnsafePointer<Double>, step h: Double) {
        jacobianEvaluator.evaluate(at: t, state: y, derivative: f0,
                                   into: MatrixView(base: jacobianStorage, rows: n, columns: n))
        if skipsTimeDerivative {
            ft.update(repeating: 0, count: n)
        } else {
            // Forward difference in t; δ in the units of t, and the increment actually represented.
            let delta = Double.ulpOfOne.squareRoot() * max(abs(t), abs(h))
            let shifted = t + delta
            let step = shifted - t
            evaluate(shifted, y, into: ft)
            let scale = step > 0 ? 1 / step : 0
            for i in 0..<n { ft[i] = (ft[i] - f0[i]) * scale }
        }
        jacobianTime = t
        jacobianState.update(from: y, count: n)
        jacobianAvailable = true
        jacobianCurrent = true
        factorValid = false
    }

    /// Factors `W = I/(hγ) − J` unless the current factors already are that matrix.
    /// Returns `false` when `W` is singular (or not finite).
    @inlinable
    func factorIterationMatrix(step h: Double) -> Bool {
        let gammaStep = h * gamma
        if factorValid && gammaStep == factoredGammaStep { return true }
        let w = lu.matrix.base
        let diagonal = 1 / gammaStep
        for k in 0..<(n &* n) { w[k] = -jacobianStorage[k] }
        for i in 0..<n { w[i &* (n &+ 1)] += diagonal }
        counters.luFactorizations &+= 1
        do {
            try lu.factor()
        } catch {
            factorValid = false
            return false
        }
        factoredGammaStep = gammaStep
        factorValid = true
        return true
    }

    /// One step of size `h` from `(t, y)` into `yNew`: `J`/`f_t` if this start has none yet, `W`
    /// factored if `hγ` changed, then the `s` stages. The error norm is the weighted RMS norm of
    /// `Σ e_i u_i`; the next step comes from the method's PI controller. A singular `W` returns
    /// `.singularMatrix` with `h/4`, a NaN or infinity `.nonFinite` with `h/4`.
    @inlinable
    public func attemptStep(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into yNew: UnsafeMutablePointer<Double>) -> StepAttempt {
        attemptEnd = t + h
        attemptSize = h
        attemptState = UnsafePointer(yNew)
        if !jacobianCurrent { updateJacobian(t: t, state: y, step: h) }
        guard factorIterationMatrix(step: h) else {
            if adaptive { _ = controller.propose(step: h, error: .infinity) }
            return StepAttempt(errorNorm: .infinity, proposedStep: h * 0.25, failure: .singularMatrix)
        }
        // Locals rather than `self.` reads (a store through a buffer could alias the object and
        // force reloads), and per-component sums in registers: on 2–12 states, clearing and
        // re-reading buffers per coefficient cost more than the arithmetic. Same summation order
        // as the textbook loops, so results are bit-identical.
        let n = self.n, s = self.s, u = self.u, y0 = y, f0 = self.f0, ft = self.ft, stage = stageState
        let inverseStep = 1 / h
        for i in 0..<s {
            let ui = u + i &* n
            // Right-hand side: f(stage) + Σ_{j<i} (C_ij / h) u_j + h d_i f_t.
            if i == 0 {
                ui.update(from: f0, count: n)
            } else {
                let aRow = stageCoefficients + i &* s
                for k in 0..<n {
                    var acc = y0[k]
                    for j in 0..<i {
                        let aij = aRow[j]
                        if aij == 0 { continue }
                        acc += aij * u[j &* n &+ k]
                    }
                    stage[k] = acc
                }
                evaluateUncounted(t + nodes[i] * h, stage, into: ui)
                let cRow = couplingCoefficients + i &* s
                for k in 0..<n {
                    var acc = ui[k]
                    for j in 0..<i {
                        let cij = cRow[j] * inverseStep
                        if cij == 0 { continue }
                        acc += cij * u[j &* n &+ k]
                    }
                    ui[k] = acc
                }
            }
            let hd = h * timeWeights[i]
            if hd != 0 { for k in 0..<n { ui[k] += hd * ft[k] } }
            lu.solve(ui)
        }
        counters.rhsEvaluations &+= s &- 1
        counters.linearSolves &+= s
        let estimates = errorEstimate
        for k in 0..<n {
            var next = y0[k], estimate = 0.0
            for i in 0..<s {
                let uik = u[i &* n &+ k]
                let mi = solutionWeights[i], ei = errorWeights[i]
                if mi != 0 { next += mi * uik }
                if ei != 0 { estimate += ei * uik }
            }
            yNew[k] = next
            estimates[k] = estimate
        }
        guard adaptive else {
            let bad = firstNonFinite(yNew, count: n)
            return StepAttempt(errorNorm: 0, proposedStep: h, failure: bad >= 0 ? .nonFinite(component: bad) : nil)
        }
        let error = norm.norm(errorEstimate, y, yNew)
        if !error.isFinite {
            var bad = firstNonFinite(yNew, count: n)
            if bad < 0 { bad = max(firstNonFinite(errorEstimate, count: n), 0) }
            _ = controller.propose(step: h, error: .infinity)
            return StepAttempt(errorNorm: .nan, proposedStep: h * 0.25, failure: .nonFinite(component: bad))
        }
        return StepAttempt(errorNorm: error, proposedStep: controller.propose(step: h, error: error))
    }


    /// The method's own continuous extension of the last attempted step (no extra evaluations):
    /// `c_0 = y`, `c_p = Σ_i w_pi u_i` with `RosenbrockTableau.monomialWeights`.
    @inlinable
    public func interpolant(t: Double, state y: UnsafePointer<Double>, step h: Double,
                            into coefficients: UnsafeMutablePointer<Double>) {
        let n = self.n, s = self.s, u = self.u
        coefficients.update(from: y, count: n)
        for p in 1...degree {
            let cp = coefficients + p &* n
            let w = interpolationWeights + (p &- 1) &* s
            for k in 0..<n {
                var acc = 0.0
                for i in 0..<s {
                    let wi = w[i]
                    if wi == 0 { continue }
                    acc += wi * u[i &* n &+ k]
                }
                cp[k] = acc
            }
        }
    }

    /// Moves to the end of the last attempt: evaluates `f` there (stage 1 of the next step) and
    /// marks the Jacobian as belonging to the previous start.
    @inlinable
    public func acceptStep() {
        if let yNew = attemptState { evaluate(attemptEnd, yNew, into: f0) }
        attemptState = nil
        jacobianCurrent = false
    }
}
