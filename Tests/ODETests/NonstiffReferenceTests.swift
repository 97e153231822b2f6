import Foundation
import Testing
import ODE

/// Non-stiff reference problems at rtol 1e-10, against exact solutions or published values.
@Suite struct NonstiffReferenceTests {
    static let options = SolverOptions(rtol: 1e-10, atol: .scalar(1e-12))

    /// Kepler orbit, e = 0.5, over 3 periods: matches the exact solution from Kepler's equation.
    @Test(arguments: explicitMethods)
    func keplerOrbitMatchesExactSolution(method: ODEMethod) throws {
        let e = 0.5, end = 6 * Double.pi
        let problem = ODEProblem(system: Kepler(), initialState: Kepler.initialState(eccentricity: e), from: 0, to: end)
        let solution = try problem.solve(method: method, options: Self.options)
        let exact = Kepler.exact(end, eccentricity: e)
        for i in 0..<4 {
            #expect(abs(solution.finalState[i] - exact[i]) < 1e-7, "component \(i): \(solution.finalState[i]) vs \(exact[i])")
        }
    }

    /// Arenstorf orbit: after exactly one published period the state returns to the start
    /// (Hairer, Nørsett & Wanner I, §II.0). The orbit passes close to the moon and amplifies
    /// local errors; measured at rtol 1e-10: 6.5e-7 (DP5 and DOP853, velocity component), so the
    /// bound is 2e-6.
    @Test(arguments: explicitMethods)
    func arenstorfOrbitIsPeriodic(method: ODEMethod) throws {
        let problem = ODEProblem(system: Arenstorf(), initialState: Arenstorf.initialState, from: 0, to: Arenstorf.period)
        let solution = try problem.solve(method: method, options: Self.options)
        for i in 0..<4 {
            #expect(abs(solution.finalState[i] - Arenstorf.initialState[i]) < 2e-6,
                    "component \(i): \(solution.finalState[i]) vs \(Arenstorf.initialState[i])")
        }
    }

    /// Lotka–Volterra: the first integral V is conserved over 10 cycles to 1e-8 relative, and the
    /// solution is periodic, so two runs agree with each other to 1e-7 at the end.
    @Test(arguments: explicitMethods)
    func lotkaVolterraConservesItsInvariant(method: ODEMethod) throws {
        let system = LotkaVolterra()
        let y0 = [10.0, 5.0]
        var problem = ODEProblem(system: system, initialState: y0, from: 0, to: 50)
        problem.saveTimes = Array(stride(from: 0.0, through: 50, by: 0.25))
        let solution = try problem.solve(method: method, options: Self.options)
        let v0 = system.invariant(y0)
        for i in solution.times.indices {
            let v = system.invariant(Array(solution.state(at: i)))
            #expect(abs(v - v0) / abs(v0) < 1e-8, "t = \(solution.times[i])")
        }
    }

    /// The two explicit methods agree with each other on Lotka–Volterra at t = 50.
    @Test func methodsAgreeOnLotkaVolterra() throws {
        let problem = ODEProblem(system: LotkaVolterra(), initialState: [10, 5], from: 0, to: 50)
        let a = try problem.solve(method: .dormandPrince54, options: Self.options).finalState
        let b = try problem.solve(method: .dop853, options: Self.options).finalState
        for i in 0..<2 { #expect(relativeError(a[i], b[i], floor: 1e-3) < 1e-7) }
    }
}
