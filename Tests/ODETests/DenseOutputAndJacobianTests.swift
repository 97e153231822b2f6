import Foundation
import Testing
import ODE

@Suite struct DenseOutputTests {
    /// The recorded interpolant matches the exact solution anywhere in the span (not only at steps),
    /// to a bound set by the tolerance: Kepler orbit, 2000 points between the steps.
    @Test(arguments: explicitMethods)
    func denseOutputIsAccurateEverywhere(method: ODEMethod) throws {
        var options = SolverOptions(rtol: 1e-10, atol: .scalar(1e-12))
        options.denseOutput = true
        let e = 0.5, end = 2 * Double.pi
        let problem = ODEProblem(system: Kepler(), initialState: Kepler.initialState(eccentricity: e), from: 0, to: end)
        let solution = try problem.solve(method: method, options: options)
        let dense = try #require(solution.dense)
        #expect(dense.segmentCount == solution.statistics.acceptedSteps)
        var worst = 0.0
        for k in 0...2000 {
            let t = end * Double(k) / 2000
            let exact = Kepler.exact(t, eccentricity: e)
            let y = dense(t)
            for i in 0..<4 { worst = max(worst, abs(y[i] - exact[i])) }
        }
        #expect(worst < 1e-7, "worst dense-output error \(worst)")
    }

    /// Across a dose the interpolant gives the left limit at the dose time and the post-dose curve after.
    @Test func denseOutputAcrossAJump() throws {
        var options = SolverOptions(rtol: 1e-10, atol: .scalar(1e-14))
        options.denseOutput = true
        let system = OralTwoCompartment()
        var problem = ODEProblem(system: system, initialState: [0, 0, 0], from: 0, to: 48)
        problem.stopTimes = [0, 24]
        problem.onStop = { _, _, y in y[0] += 10 }
        let solution = try problem.solve(method: .dormandPrince54, options: options)
        let dense = try #require(solution.dense)
        for t in [0.3, 7.7, 24.0, 24.5, 47.9] {
            let exact = system.exact(t, doseTimes: [0, 24], dose: 10)
            let y = dense(t)
            for i in 1..<3 { #expect(relativeError(y[i], exact[i], floor: 1e-6) < 1e-7, "t = \(t), component \(i)") }
            #expect(abs(y[0] - exact[0]) < 1e-8, "depot at t = \(t)")
        }
    }
}

@Suite struct JacobianTests {
    /// Forward differences agree with the analytic Jacobian of the Kepler problem to ~1e-7
    /// (the expected O(sqrt ε) accuracy), and the analytic path is used when offered.
    @Test func finiteDifferencesMatchAnalyticJacobian() {
        let y: [Double] = [0.7, -0.4, 0.3, 1.1]
        let f0 = [Double](unsafeUninitializedCapacity: 4) { buffer, count in
            y.withUnsafeBufferPointer { Kepler().derivatives(at: 0, state: $0, into: buffer) }
            count = 4
        }
        let numeric = DenseMatrix(rows: 4, columns: 4)
        let evaluator = JacobianEvaluator(system: Kepler())
        y.withUnsafeBufferPointer { yp in
            f0.withUnsafeBufferPointer { evaluator.evaluate(at: 0, state: yp.baseAddress!, derivative: $0.baseAddress!, into: numeric.view) }
        }
        #expect(evaluator.rhsEvaluations == 4)
        // Analytic: d(−q/r³)/dq = −I/r³ + 3 q qᵀ / r⁵.
        let r2 = y[0] * y[0] + y[1] * y[1], r = r2.squareRoot(), r3 = r2 * r, r5 = r3 * r2
        let exact: [[Double]] = [
            [0, 0, 1, 0],
            [0, 0, 0, 1],
            [-1 / r3 + 3 * y[0] * y[0] / r5, 3 * y[0] * y[1] / r5, 0, 0],
            [3 * y[0] * y[1] / r5, -1 / r3 + 3 * y[1] * y[1] / r5, 0, 0],
        ]
        for i in 0..<4 {
            for j in 0..<4 { #expect(abs(numeric[i, j] - exact[i][j]) < 1e-6 * max(1, abs(exact[i][j])), "J[\(i), \(j)]") }
        }
        let analytic = ClosureSystem(dimension: 1, derivatives: { _, y, dy in dy[0] = y[0] * y[0] },
                                     jacobian: { _, y, J in J[0, 0] = 2 * y[0] })
        let jacobianEvaluator = JacobianEvaluator(system: analytic)
        let matrix = DenseMatrix(rows: 1, columns: 1)
        var state = 3.0, derivative = 9.0
        jacobianEvaluator.evaluate(at: 0, state: &state, derivative: &derivative, into: matrix.view)
        #expect(matrix[0, 0] == 6)
        #expect(jacobianEvaluator.rhsEvaluations == 0)
    }
}
