import Foundation
import Testing
import ODE

/// The linear oral PK model (depot → central ↔ peripheral) with 10 mg every 24 h for 60 days,
/// stopping exactly at each dose, against the exact superposition solution.
@Suite struct DosingPKTests {
    static let dose = 10.0
    static let doseTimes = (0..<60).map { Double($0) * 24 }

    static func solve(method: ODEMethod, rtol: Double) throws -> (ODESolution, OralTwoCompartment) {
        let system = OralTwoCompartment()
        var problem = ODEProblem(system: system, initialState: [0, 0, 0], from: 0, to: 60 * 24)
        problem.stopTimes = doseTimes
        problem.onStop = { _, _, y in y[0] += dose }
        problem.saveTimes = Array(stride(from: 0.0, through: 60 * 24, by: 1))
        return (try problem.solve(method: method, options: SolverOptions(rtol: rtol, atol: .scalar(1e-14))), system)
    }

    @Test(arguments: explicitMethods)
    func sixtyDailyDosesMatchSuperposition(method: ODEMethod) throws {
        let (solution, system) = try Self.solve(method: method, rtol: 1e-10)
        #expect(solution.times.count == 60 * 24 + 1)
        var worst = 0.0
        for (i, t) in solution.times.enumerated() where t > 0 {
            let exact = system.exact(t, doseTimes: Self.doseTimes, dose: Self.dose)
            let y = Array(solution.state(at: i))
            // Central and peripheral never come near zero after the first dose: pure relative error.
            worst = max(worst, relativeError(y[1], exact[1], floor: 0), relativeError(y[2], exact[2], floor: 0))
            // The depot decays to ~1e-13 mg before each dose; measure it relative to the dose.
            #expect(abs(y[0] - exact[0]) <= 1e-7 * Self.dose, "depot at t = \(t)")
        }
        #expect(worst <= 1e-7, "worst relative error \(worst)")
        // Final state is the right limit after the last dose's decay to 1440 h (no dose there).
        let exactEnd = system.exact(60 * 24, doseTimes: Self.doseTimes, dose: Self.dose)
        #expect(relativeError(solution.finalState[1], exactEnd[1], floor: 0) <= 1e-7)
    }

    /// Each dose is applied exactly once, at exactly its time: the trough saved at a dose time is the
    /// pre-dose value (left limit), and the total amount dosed adds up.
    @Test func dosesLandExactlyAndOnce() throws {
        let system = OralTwoCompartment()
        var calls: [(Int, Double)] = []
        var problem = ODEProblem(system: system, initialState: [0, 0, 0], from: 0, to: 60 * 24)
        problem.stopTimes = Self.doseTimes
        problem.onStop = { index, t, y in calls.append((index, t)); y[0] += Self.dose }
        _ = try problem.solve(method: .dormandPrince54, options: SolverOptions(rtol: 1e-8))
        #expect(calls.count == 60)
        for (k, call) in calls.enumerated() {
            #expect(call.0 == k)
            #expect(call.1 == Self.doseTimes[k])
        }
    }
}
