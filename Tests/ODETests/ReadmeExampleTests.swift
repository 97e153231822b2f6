import Testing
import ODE

/// The README's library example, verbatim apart from the assertions, so the documentation compiles
/// and runs. Exact values: three 100 mg doses (ka = 1, ke = 0.1), central amount peaks after the
/// third dose; it rises through 80 mg after the second and third doses.
@Suite struct ReadmeExampleTests {
    struct OneCompartment: ODESystem {
        var ka = 1.0, ke = 0.1
        var dimension: Int { 2 }
        func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>,
                         into dy: UnsafeMutableBufferPointer<Double>) {
            dy[0] = -ka * y[0]
            dy[1] = ka * y[0] - ke * y[1]
        }
    }

    @Test func readmeExampleRuns() throws {
        var problem = ODEProblem(system: OneCompartment(), initialState: [0, 0], from: 0, to: 72)
        problem.stopTimes = [0, 24, 48]
        problem.onStop = { _, _, y in y[0] += 100 }
        problem.saveTimes = Array(stride(from: 0.0, through: 72, by: 1))
        problem.events = [ODEEvent(name: "above 80 mg", direction: .rising) { _, y in y[1] - 80 }]
        let solution = try problem.solve(method: .dormandPrince54,
                                         options: SolverOptions(rtol: 1e-8, atol: .scalar(1e-10)))
        // Central amount after one dose: 100·ka/(ka−ke)·(e^{−ke t} − e^{−ka t}); superpose three.
        func central(_ t: Double) -> Double {
            [0.0, 24, 48].filter { $0 < t }.reduce(0) { sum, td in
                let s = t - td
                return sum + 100 / 0.9 * (exp(-0.1 * s) - exp(-s))
            }
        }
        let saved = solution.component(1)
        for (i, t) in solution.times.enumerated() where t > 0 {
            #expect(abs(saved[i] - central(t)) < 1e-6 * max(1, central(t)), "t = \(t)")
        }
        // It rises through 80 mg after the second dose and again after the third.
        let crossings = solution.events.map(\.time)
        #expect(crossings.count == 2)
        #expect(crossings.first.map { $0 > 24 && $0 < 27 } == true)
        #expect(crossings.last.map { $0 > 48 && $0 < 51 } == true)
        for t in crossings { #expect(abs(central(t) - 80) < 1e-6, "crossing at \(t)") }
    }
}

#if canImport(Glibc)
import Glibc
#endif
