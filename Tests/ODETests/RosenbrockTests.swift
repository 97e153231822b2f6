import AllocationCounter
import Foundation
import Testing
import ODE

/// The Rosenbrock stepper (`RosenbrockStepper` with `Rodas5P`, and `Rodas4`) on problems with known
/// answers: convergence order, stiff benchmarks against reference solvers, the 60-dose PK regimen,
/// a 200-state diffusion chain solved through LAPACK, and the Jacobian/LU bookkeeping.
@Suite struct RosenbrockTests {
    // MARK: Systems (nested so they cannot clash with other test files)

    /// Prothero–Robinson, stiff and non-autonomous: y' = λ(y − sin t) + cos t, y = sin t from y(0) = 0.
    /// Exercises the `∂f/∂t` term (here f_t = −λ cos t − sin t, large).
    struct ProtheroRobinson: ODESystem {
        var lambda = -1e4
        var dimension: Int { 1 }
        func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
            dy[0] = lambda * (y[0] - sin(t)) + cos(t)
        }
        var hasAnalyticJacobian: Bool { true }
        func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) { j[0, 0] = lambda }
    }

    typealias Stepper<S: ODESystem> = RosenbrockStepper<S, Rodas5P>

    // MARK: Convergence

    /// Least-squares slope of log(error) against log(h).
    static func slope(_ hs: [Double], _ errors: [Double]) -> Double {
        let xs = hs.map { log($0) }, ys = errors.map { log($0) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return sxy / sxx
    }

    /// Kepler (e = 0.5, one period) with fixed steps: maximum error at the end and at the saved
    /// times in the middle of steps (the dense output).
    static func keplerErrors<M: RosenbrockMethod>(_: M.Type, steps: Int) throws -> (end: Double, dense: Double) {
        let e = 0.5, end = 2 * Double.pi, h = end / Double(steps)
        var options = SolverOptions()
        options.adaptive = false
        options.initialStep = h
        options.maxSteps = 10 * steps
        var problem = ODEProblem(system: Kepler(), initialState: Kepler.initialState(eccentricity: e), from: 0, to: end)
        problem.saveTimes = stride(from: 0, to: steps, by: max(steps / 16, 1)).map { (Double($0) + 0.5) * h }
        let stepper = RosenbrockStepper<Kepler, M>(system: Kepler(), options: options)
        let solution = try problem.solve(with: stepper, options: options)
        let endError = zip(solution.finalState, Kepler.exact(end, eccentricity: e)).map { abs($0 - $1) }.max()!
        var denseError = 0.0
        for (i, t) in solution.times.enumerated() {
            let exact = Kepler.exact(t, eccentricity: e)
            denseError = max(denseError, zip(solution.state(at: i), exact).map { abs($0 - $1) }.max()!)
        }
        return (endError, denseError)
    }

    /// Fitted order within 0.3 of the nominal one, for the steps and for the interpolant at θ = 1/2
    /// (a continuous extension of order q has local error O(h^(q+1)); with q = p − 1 that equals the
    /// global order p). Step counts keep errors between ~1e-4 and ~1e-9, far above round-off.
    @Test func rodas5PIsFifthOrderOnKepler() throws {
        let counts = [160, 200, 250, 320, 400]
        let runs = try counts.map { try Self.keplerErrors(Rodas5P.self, steps: $0) }
        let hs = counts.map { 2 * Double.pi / Double($0) }
        let order = Self.slope(hs, runs.map(\.end)), denseOrder = Self.slope(hs, runs.map(\.dense))
        print("Rodas5P Kepler errors \(runs.map(\.end)), fitted order \(order); dense \(runs.map(\.dense)), order \(denseOrder)")
        #expect(abs(order - 5) <= 0.3, "fitted order \(order)")
        #expect(abs(denseOrder - 5) <= 0.3, "dense-output fitted order \(denseOrder)")
        #expect(runs.allSatisfy { $0.end > 1e-11 })
    }

    /// Rodas4's dense output (order 3, so local errors O(h⁴)) on Kepler. Its step error on Kepler
    /// over a full period is pre-asymptotic (slope ≈ 5 down to 1e-9), so the step order is
    /// measured on the forced decay below.
    @Test func rodas4DenseOutputIsThirdOrder() throws {
        let counts = [160, 200, 250, 320, 400]
        let runs = try counts.map { try Self.keplerErrors(Rodas4.self, steps: $0) }
        let denseOrder = Self.slope(counts.map { 2 * Double.pi / Double($0) }, runs.map(\.dense))
        print("Rodas4 Kepler dense errors \(runs.map(\.dense)), fitted order \(denseOrder)")
        #expect(abs(denseOrder - 4) <= 0.3, "dense-output fitted order \(denseOrder)")
    }

    /// Forced decay y' = −y + sin t on 0…10 with fixed steps: maximum error at the end.
    static func forcedDecayError<M: RosenbrockMethod>(_: M.Type, steps: Int) throws -> Double {
        var options = SolverOptions()
        options.adaptive = false
        options.initialStep = 10 / Double(steps)
        let problem = ODEProblem(system: ForcedDecay(), initialState: [1], from: 0, to: 10)
        let stepper = RosenbrockStepper<ForcedDecay, M>(system: ForcedDecay(), options: options)
        return abs(try problem.solve(with: stepper, options: options).finalState[0] - ForcedDecay.exact(10))
    }

    /// Non-autonomous and non-stiff: the `h d_i f_t` terms (with the finite-difference `f_t`) are
    /// needed for the full order.
    @Test func rodas5PIsFifthOrderOnForcedDecay() throws {
        let counts = [10, 14, 20, 28, 40]
        let errors = try counts.map { try Self.forcedDecayError(Rodas5P.self, steps: $0) }
        let order = Self.slope(counts.map { 10 / Double($0) }, errors)
        print("Rodas5P forced decay errors \(errors), fitted order \(order)")
        #expect(abs(order - 5) <= 0.3, "fitted order \(order)")
        #expect(errors.allSatisfy { $0 > 1e-10 })
    }

    @Test func rodas4IsFourthOrderOnForcedDecay() throws {
        let counts = [20, 28, 40, 56, 80]
        let errors = try counts.map { try Self.forcedDecayError(Rodas4.self, steps: $0) }
        let order = Self.slope(counts.map { 10 / Double($0) }, errors)
        print("Rodas4 forced decay errors \(errors), fitted order \(order)")
        #expect(abs(order - 4) <= 0.3, "fitted order \(order)")
        #expect(errors.allSatisfy { $0 > 1e-10 })
    }

    /// Stiff and non-autonomous (Prothero–Robinson, λ = −1e4, h λ up to −5e3): an L-stable,
    /// stiffly accurate method keeps the error small with steps far beyond the explicit limit.
    @Test func protheroRobinsonStiffNonAutonomous() throws {
        let options = SolverOptions(rtol: 1e-8, atol: .scalar(1e-10))
        let problem = ODEProblem(system: ProtheroRobinson(), initialState: [0], from: 0, to: 10)
        let solution = try problem.solve(with: Stepper(system: ProtheroRobinson(), options: options), options: options)
        let error = abs(solution.finalState[0] - sin(10))
        print("Prothero-Robinson error \(error), \(solution.statistics)")
        #expect(error <= 1e-8)
        #expect(solution.statistics.acceptedSteps < 200)
    }

    // MARK: Stiff benchmarks

    static func robertson(to end: Double) throws -> ODESolution {
        let options = SolverOptions(rtol: 1e-8, atol: .scalar(1e-14))
        let problem = ODEProblem(system: Robertson(), initialState: [1, 0, 0], from: 0, to: end)
        return try problem.solve(with: Stepper(system: Robertson(), options: options), options: options)
    }

    /// Robertson to t = 1e5 at rtol 1e-8, atol 1e-14, against CVODE (rtol 1e-8, /work/shared notes):
    /// (1.7865920011e-02, 7.2747510012e-08, 9.8213400724e-01). SciPy's Radau/LSODA/BDF at rtol 1e-13
    /// give (1.786592114e-02, 7.2747514684e-08, 9.821340061e-01), 6e-8 relative from CVODE.
    @Test func robertsonTo1e5MatchesCVODE() throws {
        let solution = try Self.robertson(to: 1e5)
        let reference = [1.7865920011e-02, 7.2747510012e-08, 9.8213400724e-01]
        let errors = zip(solution.finalState, reference).map { abs($0 - $1) / abs($1) }
        print("Robertson 1e5: \(solution.finalState), relative errors \(errors), \(solution.statistics)")
        for e in errors { #expect(e <= 1e-6) }
    }

    /// Robertson to t = 1e11. Reference from SciPy 1.17.1:
    /// `solve_ivp(f, (0, 1e11), [1, 0, 0], method=M, jac=J, rtol=1e-13, atol=[1e-22, 1e-26, 1e-22],
    /// first_step=1e-10)` with the analytic Jacobian J, for M in Radau, LSODA, BDF:
    ///   Radau  2.083340149700e-08 8.333360770330e-14 9.999999791665e-01
    ///   LSODA  2.083340149723e-08 8.333360770422e-14 9.999999791665e-01
    ///   BDF    2.083340149728e-08 8.333360770441e-14 9.999999791665e-01
    /// (agreeing to 1.3e-11 relative); the values below are LSODA's, y3 = 1 − y1 − y2.
    @Test func robertsonTo1e11MatchesReference() throws {
        let solution = try Self.robertson(to: 1e11)
        let reference = [2.083340149723e-08, 8.333360770422e-14, 1 - 2.083340149723e-08 - 8.333360770422e-14]
        let errors = zip(solution.finalState, reference).map { abs($0 - $1) / abs($1) }
        print("Robertson 1e11: \(solution.finalState), relative errors \(errors), \(solution.statistics)")
        for e in errors { #expect(e <= 1e-6) }
        // Mass is conserved by every linear combination of f-values: Σ y stays 1.
        #expect(abs(solution.finalState.reduce(0, +) - 1) <= 1e-14)
    }

    /// Van der Pol, μ = 1000, t = 0…3000 (about two periods of ≈ 1614), rtol = atol = 1e-6: the
    /// Rosenbrock method needs ~7e3 evaluations, Dormand–Prince (stability-limited to h ≲ 3.3/|λ|,
    /// |λ| up to ~3000) at least 20 times more. DP5 is capped at the step count worth 20× the
    /// Rosenbrock evaluations, so the test stays fast; hitting the cap proves "at least 20×": every
    /// DP5 attempt costs 6 fresh evaluations (FSAL), so it spent ≥ 6·maxSteps without finishing.
    /// (Uncapped, DP5 took 1 691 327 steps and 10 147 964 evaluations, ≈ 1400× Rodas5P.)
    @Test func vanDerPolStiffVersusExplicit() throws {
        let options = SolverOptions(rtol: 1e-6, atol: .scalar(1e-6))
        let problem = ODEProblem(system: VanDerPol(analyticJacobian: false), initialState: [2, 0], from: 0, to: 3000)
        let rosenbrock = try problem.solve(with: Stepper(system: VanDerPol(analyticJacobian: false), options: options), options: options)
        let rosenbrockCost = rosenbrock.statistics.rhsEvaluations
        print("VdP Rodas5P: y(3000) = \(rosenbrock.finalState), \(rosenbrock.statistics)")
        // SciPy 1.17.1 `solve_ivp(f, (0, 3000), [2, 0], method=M, jac=J, rtol=1e-12, atol=1e-14)`:
        // Radau (−1.510606936744, 1.178380000731e-3), LSODA (−1.510606936388, 1.178380001443e-3).
        #expect(relativeError(rosenbrock.finalState[0], -1.510606936744, floor: 0) <= 1e-4)
        #expect(relativeError(rosenbrock.finalState[1], 1.178380000731e-3, floor: 0) <= 1e-4)
        #expect(rosenbrock.statistics.jacobianEvaluations == rosenbrock.statistics.acceptedSteps)

        var explicitOptions = options
        explicitOptions.maxSteps = 20 * rosenbrockCost / 6 + 1
        var explicitCost: Int
        do {
            let dp5 = try problem.solve(method: .dormandPrince54, options: explicitOptions)
            explicitCost = dp5.statistics.rhsEvaluations
            print("VdP DP5: \(dp5.statistics)")
        } catch .maxStepsExceeded(let t, _, let maxSteps) {
            explicitCost = 6 * maxSteps
            print("VdP DP5: stopped at t = \(t) after \(maxSteps) steps (≥ \(explicitCost) evaluations)")
            #expect(t < 3000)
        }
        print("VdP work ratio ≥ \(Double(explicitCost) / Double(rosenbrockCost))")
        #expect(explicitCost >= 20 * rosenbrockCost)
    }

    // MARK: Dosing

    /// 10 mg every 24 h for 60 days, hourly saves, stop times at the doses, rtol 1e-10: central and
    /// peripheral amounts within 1e-7 relative of the exact superposition (as `DosingPKTests`).
    @Test func sixtyDailyDosesMatchSuperposition() throws {
        let dose = 10.0, doseTimes = (0..<60).map { Double($0) * 24 }
        let system = OralTwoCompartment()
        var problem = ODEProblem(system: system, initialState: [0, 0, 0], from: 0, to: 60 * 24)
        problem.stopTimes = doseTimes
        problem.onStop = { _, _, y in y[0] += dose }
        problem.saveTimes = Array(stride(from: 0.0, through: 60 * 24, by: 1))
        let options = SolverOptions(rtol: 1e-10, atol: .scalar(1e-14))
        let solution = try problem.solve(with: Stepper(system: system, options: options), options: options)
        #expect(solution.times.count == 60 * 24 + 1)
        var worst = 0.0, worstDepot = 0.0
        for (i, t) in solution.times.enumerated() where t > 0 {
            let exact = system.exact(t, doseTimes: doseTimes, dose: dose)
            let y = Array(solution.state(at: i))
            worst = max(worst, relativeError(y[1], exact[1], floor: 0), relativeError(y[2], exact[2], floor: 0))
            worstDepot = max(worstDepot, abs(y[0] - exact[0]))
        }
        print("PK 60 doses: worst relative error \(worst), depot \(worstDepot) mg, \(solution.statistics)")
        #expect(worst <= 1e-7, "worst relative error \(worst)")
        #expect(worstDepot <= 1e-7 * dose)
        let exactEnd = system.exact(60 * 24, doseTimes: doseTimes, dose: dose)
        #expect(relativeError(solution.finalState[1], exactEnd[1], floor: 0) <= 1e-7)
    }

    /// `∂f/∂t` by forward difference is exactly zero for an autonomous system, so promising
    /// autonomy changes nothing but the count: one evaluation fewer per Jacobian.
    @Test func autonomousFlagSavesOneEvaluationPerJacobian() throws {
        let system = OralTwoCompartment()
        var problem = ODEProblem(system: system, initialState: [10, 0, 0], from: 0, to: 72)
        problem.stopTimes = [24, 48]
        problem.onStop = { _, _, y in y[0] += 10 }
        let options = SolverOptions(rtol: 1e-8)
        let general = try problem.solve(with: Stepper(system: system, options: options), options: options)
        let autonomous = try problem.solve(with: Stepper(system: system, options: options, isAutonomous: true), options: options)
        #expect(general.finalState == autonomous.finalState)
        #expect(general.statistics.steps == autonomous.statistics.steps)
        #expect(general.statistics.rhsEvaluations - autonomous.statistics.rhsEvaluations
                == general.statistics.jacobianEvaluations)
    }

    // MARK: Large system through LAPACK

    /// 200-state diffusion chain, κ = 100, from a block initial profile (ones on the middle third),
    /// which excites the fast modes: |λ| from 0.024 to 400 (stiffness ratio 1.6e4; an explicit
    /// method would need ≳ 50 · 400 / 3.3 ≈ 6000 steps to t = 50). Against the eigen-decomposition
    /// solution at t = 50 (slowest mode decayed to e^−1.2): max error ≤ 1e-9 at rtol 1e-8,
    /// atol 1e-10 (the state is O(0.1–1)).
    @Test func diffusionChainThroughLapack() throws {
        let n = 200
        #expect(LUFactorization(dimension: n).backend == .lapack)
        let system = DiffusionChain(n: n, kappa: 100)
        let y0 = (0..<n).map { (n / 3 ..< 2 * n / 3).contains($0) ? 1.0 : 0.0 }
        let options = SolverOptions(rtol: 1e-8, atol: .scalar(1e-10))
        let stepper = Stepper(system: system, options: options)
        #expect(stepper.linearSolverBackend == .lapack)
        let problem = ODEProblem(system: system, initialState: y0, from: 0, to: 50)
        let solution = try problem.solve(with: stepper, options: options)
        let exact = system.exact(50, from: y0)
        let error = zip(solution.finalState, exact).map { abs($0 - $1) }.max()!
        print("Diffusion n = 200: max error \(error), max |y| \(exact.map(abs).max()!), \(solution.statistics)")
        #expect(error <= 1e-9)
        #expect(solution.statistics.luFactorizations == solution.statistics.steps)
        #expect(solution.statistics.linearSolves == 8 * solution.statistics.steps)
        #expect(solution.statistics.steps < 300)
    }

    // MARK: Bookkeeping of Jacobians, factorisations and evaluations

    /// Every count follows from the algorithm: one Jacobian per step start (reused after
    /// rejections), one factorisation per attempt, eight solves per attempt, and the evaluations
    /// 7 per attempt + 1 per accepted step and restart (f at the new start) + 1 per Jacobian (f_t)
    /// + 1 per restart (initial-step heuristic of the integrator).
    /// Van der Pol (finite-difference Jacobian: 2 more evaluations per Jacobian) over one period.
    @Test func workCountsFollowTheAlgorithm() throws {
        let options = SolverOptions(rtol: 1e-6, atol: .scalar(1e-6))
        let problem = ODEProblem(system: VanDerPol(analyticJacobian: false), initialState: [2, 0], from: 0, to: 1614)
        let stats = try problem.solve(with: Stepper(system: VanDerPol(analyticJacobian: false), options: options), options: options).statistics
        #expect(stats.rejectedSteps > 0)
        #expect(stats.jacobianEvaluations == stats.acceptedSteps)
        #expect(stats.luFactorizations == stats.steps)
        #expect(stats.linearSolves == 8 * stats.steps)
        let restarts = 1, differenceColumns = 2
        #expect(stats.rhsEvaluations == 7 * stats.steps + stats.acceptedSteps + restarts
                + stats.jacobianEvaluations * (1 + differenceColumns) + restarts)
    }

    /// Driving the stepper directly: the Jacobian and the factorisation survive a restart at the
    /// same `(t, y)` and a repeated attempt with the same `h`; a changed state (a dose) forces both.
    @Test func jacobianKeptOnlyWhileTheStateIsUnchanged() {
        let system = Robertson()
        let stepper = Stepper(system: system, options: SolverOptions(rtol: 1e-6))
        var y: [Double] = [1, 0, 0]
        let yNew = UnsafeMutablePointer<Double>.allocate(capacity: 3)
        defer { yNew.deallocate() }
        y.withUnsafeBufferPointer { stepper.restart(t: 0, state: $0.baseAddress!) }
        _ = y.withUnsafeBufferPointer { stepper.attemptStep(t: 0, state: $0.baseAddress!, step: 1e-4, into: yNew) }
        #expect(stepper.statistics.jacobianEvaluations == 1)
        #expect(stepper.statistics.luFactorizations == 1)
        // Same point: restart keeps J and its factors; the same h needs no new factorisation.
        y.withUnsafeBufferPointer { stepper.restart(t: 0, state: $0.baseAddress!) }
        _ = y.withUnsafeBufferPointer { stepper.attemptStep(t: 0, state: $0.baseAddress!, step: 1e-4, into: yNew) }
        #expect(stepper.statistics.jacobianEvaluations == 1)
        #expect(stepper.statistics.luFactorizations == 1)
        // A "rejection" retried with a smaller h: same J, new factorisation.
        _ = y.withUnsafeBufferPointer { stepper.attemptStep(t: 0, state: $0.baseAddress!, step: 5e-5, into: yNew) }
        #expect(stepper.statistics.jacobianEvaluations == 1)
        #expect(stepper.statistics.luFactorizations == 2)
        // A jump in the state at the same time: re-evaluated.
        y[0] += 1
        y.withUnsafeBufferPointer { stepper.restart(t: 0, state: $0.baseAddress!) }
        _ = y.withUnsafeBufferPointer { stepper.attemptStep(t: 0, state: $0.baseAddress!, step: 5e-5, into: yNew) }
        #expect(stepper.statistics.jacobianEvaluations == 2)
        #expect(stepper.statistics.luFactorizations == 3)
    }

    // MARK: Allocations

    /// Allocations while integrating 30 daily doses (saves every hour, a non-firing event), after a
    /// warm-up through one full dose cycle (first steps, a jump, a restart with a new Jacobian).
    static func allocationsPerDoseCycles<S: ODESystem>(_ system: S, initialState: [Double]) throws -> (Int64, SolverStatistics) {
        let options = SolverOptions(rtol: 1e-8)
        let stepper = Stepper(system: system, options: options)
        let saves = Array(stride(from: 0.0, through: 24 * 30, by: 1))
        let integrator = try Integrator(stepper: stepper, options: options, startTime: 0, initialState: initialState,
                                        saveTimes: saves, events: [ODEEvent { _, y in y[1] - 1e6 }])
        try integrator.advance(to: 1)
        integrator.applyJump { y in y[0] += 0 }
        try integrator.advance(to: 2)
        allocation_counter_start()
        for day in 1...30 {
            try integrator.advance(to: Double(day) * 24)
            integrator.applyJump { y in y[0] += 10 }
        }
        let count = allocation_counter_stop()
        #expect(integrator.savedTimes.count == saves.count)
        return (count, integrator.statistics)
    }

    /// The PK model: 3 states, hand-written LU, finite-difference Jacobian.
    @Test func stepsWithoutAllocatingSmallSystem() throws {
        let (count, stats) = try Self.allocationsPerDoseCycles(OralTwoCompartment(), initialState: [10, 0, 0])
        #expect(stats.acceptedSteps > 300)
        #expect(count == 0, "\(count) allocations")
    }

    /// A diffusion chain as large as the LU crossover (so LAPACK) dosed at its first node, analytic Jacobian.
    @Test func stepsWithoutAllocatingThroughLapack() throws {
        let n = LUFactorization.crossoverDimension
        let system = DiffusionChain(n: n, kappa: 0.5)
        #expect(Stepper(system: system, options: SolverOptions()).linearSolverBackend == .lapack)
        let (count, stats) = try Self.allocationsPerDoseCycles(system, initialState: [Double](repeating: 0, count: n))
        #expect(stats.acceptedSteps > 100)
        #expect(count == 0, "\(count) allocations")
    }

    // MARK: Failures

    /// y' = y/γ makes W = I/(hγ) − J exactly zero at h = 1: a singular factorisation is reported as
    /// such, with a quarter step proposed.
    @Test func singularMatrixIsReported() {
        let gamma = Rodas5P.tableau.gamma
        let system = ClosureSystem(dimension: 1, derivatives: { _, y, dy in dy[0] = y[0] / gamma },
                                   jacobian: { _, _, j in j[0, 0] = 1 / gamma })
        let stepper = RosenbrockStepper<ClosureSystem, Rodas5P>(system: system, options: SolverOptions())
        let y: [Double] = [1]
        let yNew = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { yNew.deallocate() }
        let attempt = y.withUnsafeBufferPointer { p -> StepAttempt in
            stepper.restart(t: 0, state: p.baseAddress!)
            return stepper.attemptStep(t: 0, state: p.baseAddress!, step: 1, into: yNew)
        }
        #expect(attempt.failure == .singularMatrix)
        #expect(attempt.errorNorm == .infinity)
        #expect(attempt.proposedStep == 0.25)
    }

    /// A right-hand side that turns NaN in its second component past t = 0.5: the step fails with
    /// the component's index.
    @Test func nonFiniteStateIsReported() {
        let system = ClosureSystem(dimension: 2, derivatives: { t, y, dy in
            dy[0] = -y[0]
            dy[1] = t > 0.5 ? .nan : -y[1]
        })
        let stepper = RosenbrockStepper<ClosureSystem, Rodas5P>(system: system, options: SolverOptions())
        let y: [Double] = [1, 1]
        let yNew = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        defer { yNew.deallocate() }
        let attempt = y.withUnsafeBufferPointer { p -> StepAttempt in
            stepper.restart(t: 0, state: p.baseAddress!)
            return stepper.attemptStep(t: 0, state: p.baseAddress!, step: 1, into: yNew)
        }
        // The NaN enters component 1; the LU solve may spread it (0 · NaN = NaN), so any index is honest.
        guard case .nonFinite(let component)? = attempt.failure else {
            Issue.record("expected a non-finite failure, got \(String(describing: attempt.failure))")
            return
        }
        #expect((0..<2).contains(component))
        #expect(attempt.proposedStep == 0.25)
        // Through the integrator: it shrinks the step and gives up with the component named.
        #expect(throws: ODEError.self) {
            _ = try ODEProblem(system: system, initialState: [1, 1], from: 0, to: 1).solve(with: stepper, options: SolverOptions())
        }
    }
}
