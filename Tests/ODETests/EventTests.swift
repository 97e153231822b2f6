import Foundation
import Testing
import ODE

@Suite struct EventTests {
    static let tight = SolverOptions(rtol: 1e-12, atol: .scalar(1e-14))

    /// x = cos t crosses zero at π/2 + kπ: every crossing is located within 1e-10, and direction
    /// filtering keeps only the rising ones (3π/2 + 2kπ).
    @Test(arguments: explicitMethods)
    func zeroCrossingsOfCosineAreLocated(method: ODEMethod) throws {
        var problem = ODEProblem(system: Oscillator(), initialState: [1, 0], from: 0, to: 20)
        problem.events = [
            ODEEvent(name: "any", direction: .either) { _, y in y[0] },
            ODEEvent(name: "rising", direction: .rising) { _, y in y[0] },
        ]
        let solution = try problem.solve(method: method, options: Self.tight)
        let any = solution.events.filter { $0.eventIndex == 0 }.map(\.time)
        let rising = solution.events.filter { $0.eventIndex == 1 }.map(\.time)
        let expectedAny = (0..<6).map { Double.pi / 2 + Double($0) * .pi }
        let expectedRising = (0..<3).map { 3 * Double.pi / 2 + Double($0) * 2 * .pi }
        #expect(any.count == expectedAny.count)
        #expect(rising.count == expectedRising.count)
        for (a, b) in zip(any, expectedAny) { #expect(abs(a - b) < 1e-10, "\(a) vs \(b)") }
        for (a, b) in zip(rising, expectedRising) { #expect(abs(a - b) < 1e-10, "\(a) vs \(b)") }
        #expect(solution.terminatingEvent == nil)
        #expect(solution.finalTime == 20)
    }

    /// A falling ball (x'' = −g from 10 m) stops at the ground: t = sqrt(2·10/g) to 1e-10, the final
    /// state is on the ground with the exact impact speed, and saves after the event are not made.
    @Test(arguments: explicitMethods)
    func terminalEventStopsTheSolve(method: ODEMethod) throws {
        let g = 9.81
        let ball = ClosureSystem(dimension: 2) { _, y, dy in dy[0] = y[1]; dy[1] = -g }
        var problem = ODEProblem(system: ball, initialState: [10, 0], from: 0, to: 5)
        problem.saveTimes = [0.5, 1.0, 2.0, 3.0]
        problem.events = [ODEEvent(name: "ground", direction: .falling, isTerminal: true) { _, y in y[0] }]
        let solution = try problem.solve(method: method, options: Self.tight)
        let impact = (2 * 10 / g).squareRoot()
        #expect(solution.terminatingEvent == 0)
        #expect(abs(solution.finalTime - impact) < 1e-10)
        #expect(abs(solution.finalState[0]) < 1e-9)
        #expect(abs(solution.finalState[1] + g * impact) < 1e-9)
        #expect(solution.times == [0.5, 1.0])
    }
}
