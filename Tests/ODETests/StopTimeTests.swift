import Foundation
import Testing
@testable import ODE

/// y' = 1: the state is the elapsed time, so any drift in t shows in y as well.
private struct Clock: ODESystem {
    var dimension: Int { 1 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = 1
    }
}

@Suite struct StopTimeTests {
    /// The float-drift case of the issue: 90 additions of 0.1 give 8.999999999999996, not 9.0.
    /// Fixed steps of 0.1 land on 9.0 exactly, the jump is applied once, and the saved value at
    /// 9.0 is the pre-jump one.
    @Test(arguments: explicitMethods)
    func fixedStepsLandExactlyOnDriftedStop(method: ODEMethod) throws {
        var accumulated = 0.0
        for _ in 0..<90 { accumulated += 0.1 }
        #expect(accumulated != 9.0)   // the premise: naive accumulation misses the stop

        var options = SolverOptions()
        options.adaptive = false
        options.initialStep = 0.1
        var hits: [Double] = []
        var problem = ODEProblem(system: Clock(), initialState: [0], from: 0, to: 10)
        problem.stopTimes = [9.0]
        problem.saveTimes = [9.0, 10.0]
        problem.onStop = { _, t, y in hits.append(t); y[0] += 100 }
        let solution = try problem.solve(method: method, options: options)
        #expect(hits == [9.0])
        #expect(abs(solution.state(at: 0).first! - 9.0) < 1e-12)
        #expect(abs(solution.finalState[0] - 110.0) < 1e-12)
        #expect(solution.finalTime == 10.0)
    }

    /// An integrator sitting at 8.999999999999996 advances to 9.0 exactly, without a tiny step.
    @Test func advanceSnapsAcrossRoundingGap() throws {
        let stepper = ExplicitRKStepper<Clock, DormandPrince54>(system: Clock(), options: SolverOptions())
        let start = 8.999999999999996
        let integrator = try Integrator(stepper: stepper, options: SolverOptions(), startTime: start, initialState: [start])
        try integrator.advance(to: 9.0)
        #expect(integrator.time == 9.0)
        #expect(integrator.statistics.steps == 0)
        #expect(abs(integrator.state[0] - 9.0) < 1e-14)
    }

    /// Adaptive steps with 1000 stop times built by accumulation (0.01 added repeatedly), each with a
    /// jump: every stop is hit exactly once at its own value, and the method restarts at each.
    @Test(arguments: explicitMethods)
    func manyAccumulatedStopsAreHitExactly(method: ODEMethod) throws {
        var stops: [Double] = []
        var t = 0.0
        for _ in 0..<1000 { t += 0.01; stops.append(t) }
        var hits: [Double] = []
        var problem = ODEProblem(system: Clock(), initialState: [0], from: 0, to: 11)
        problem.stopTimes = stops
        problem.onStop = { _, t, y in hits.append(t); y[0] += 1 }
        let solution = try problem.solve(method: method, options: SolverOptions(rtol: 1e-10))
        #expect(hits == stops)
        #expect(abs(solution.finalState[0] - (11 + 1000)) < 1e-9)
    }

    /// After a jump the FSAL stage is recomputed: with f depending on y, a stale derivative would
    /// give a visibly wrong answer. y' = −y, y(0) = 1, y += 1 at t = 1: exact y(2) = (e⁻¹ + 1) e⁻¹.
    @Test(arguments: explicitMethods)
    func restartAfterJumpUsesFreshDerivative(method: ODEMethod) throws {
        let decay = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = -y[0] }
        var problem = ODEProblem(system: decay, initialState: [1], from: 0, to: 2)
        problem.stopTimes = [1]
        problem.onStop = { _, _, y in y[0] += 1 }
        let solution = try problem.solve(method: method, options: SolverOptions(rtol: 1e-11, atol: .scalar(1e-14)))
        let exact = (exp(-1.0) + 1) * exp(-1.0)
        #expect(abs(solution.finalState[0] - exact) < 1e-10)
    }
}
