import Foundation
import Testing
import ODE

/// Observed order of each method with fixed steps on the Kepler problem (e = 0.5, one period),
/// whose exact solution is known: the least-squares slope of log(error) against log(h) must be
/// within 0.3 of the nominal order. Step counts keep every error well above round-off.
@Suite struct ConvergenceTests {
    /// Global error at t = 2π after `steps` fixed steps.
    static func error(method: ODEMethod, steps: Int) throws -> Double {
        let e = 0.5, end = 2 * Double.pi
        var options = SolverOptions()
        options.adaptive = false
        options.initialStep = end / Double(steps)
        options.maxSteps = 10 * steps
        let problem = ODEProblem(system: Kepler(), initialState: Kepler.initialState(eccentricity: e), from: 0, to: end)
        let solution = try problem.solve(method: method, options: options)
        let exact = Kepler.exact(end, eccentricity: e)
        return zip(solution.finalState, exact).map { abs($0 - $1) }.max()!
    }

    /// Least-squares slope of log(error) against log(h).
    static func fittedOrder(method: ODEMethod, stepCounts: [Int]) throws -> Double {
        let xs = stepCounts.map { log(2 * Double.pi / Double($0)) }
        let ys = try stepCounts.map { log(try error(method: method, steps: $0)) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return sxy / sxx
    }

    @Test func dormandPrince54IsFifthOrder() throws {
        let order = try Self.fittedOrder(method: .dormandPrince54, stepCounts: [200, 283, 400, 566, 800])
        #expect(abs(order - 5) <= 0.3, "fitted order \(order)")
    }

    @Test func dop853IsEighthOrder() throws {
        let order = try Self.fittedOrder(method: .dop853, stepCounts: [120, 150, 180, 216, 259])
        #expect(abs(order - 8) <= 0.3, "fitted order \(order)")
    }

    /// Adaptive runs: tightening rtol by 100× must reduce the error, and the error must stay
    /// within a modest factor of the tolerance (the controller is honest).
    @Test(arguments: explicitMethods)
    func toleranceProportionality(method: ODEMethod) throws {
        var previous = Double.infinity
        for rtol in [1e-5, 1e-7, 1e-9] {
            let problem = ODEProblem(system: ForcedDecay(), initialState: [1], from: 0, to: 10)
            let solution = try problem.solve(method: method, options: SolverOptions(rtol: rtol, atol: .scalar(rtol * 1e-2)))
            let err = abs(solution.finalState[0] - ForcedDecay.exact(10))
            #expect(err < 50 * rtol, "rtol \(rtol): error \(err)")
            #expect(err < previous)
            previous = err
        }
    }
}
