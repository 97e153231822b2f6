import Foundation
import Testing
import ODE

/// Failures are typed errors that say where (t, h) and what to try.
@Suite struct SolverErrorTests {
    @Test func maxStepsIsReportedWithTimeAndStep() throws {
        var options = SolverOptions(rtol: 1e-10)
        options.maxSteps = 50
        let problem = ODEProblem(system: Oscillator(), initialState: [1, 0], from: 0, to: 1000)
        #expect {
            _ = try problem.solve(method: .dormandPrince54, options: options)
        } throws: { error in
            guard case .maxStepsExceeded(let t, let h, let maxSteps)? = error as? ODEError else { return false }
            return maxSteps == 50 && t > 0 && t < 1000 && h > 0
                && (error as! ODEError).description.contains("raise maxSteps")
        }
    }

    /// f becomes NaN (sqrt of a negative number) past t = 1: the solve fails with the component,
    /// near the time where it happened, instead of returning NaN.
    @Test(arguments: explicitMethods)
    func nanInTheRightHandSideIsATypedError(method: ODEMethod) throws {
        let system = ClosureSystem(dimension: 2) { t, y, dy in
            dy[0] = 1
            dy[1] = (1 - t).squareRoot()
        }
        let problem = ODEProblem(system: system, initialState: [0, 0], from: 0, to: 3)
        #expect {
            _ = try problem.solve(method: method)
        } throws: { error in
            guard case .nonFiniteState(let t, _, let component)? = error as? ODEError else { return false }
            return component == 1 && abs(t - 1) < 1e-3
        }
    }

    @Test func nanAtTheStartIsReported() throws {
        let system = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = log(y[0]) }
        let problem = ODEProblem(system: system, initialState: [-1], from: 0, to: 1)
        #expect(throws: ODEError.nonFiniteState(t: 0, h: 0, component: 0)) {
            _ = try problem.solve()
        }
    }

    /// y' = y² from y(0) = 1 blows up at t = 1: step-size underflow (or overflow to infinity) just
    /// before it, not a silent wrong answer.
    @Test(arguments: explicitMethods)
    func blowUpStopsNearTheSingularity(method: ODEMethod) throws {
        let system = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = y[0] * y[0] }
        let problem = ODEProblem(system: system, initialState: [1], from: 0, to: 2)
        #expect {
            _ = try problem.solve(method: method, options: SolverOptions(rtol: 1e-8))
        } throws: { error in
            switch error as? ODEError {
            case .stepSizeTooSmall(let t, _)?, .nonFiniteState(let t, _, _)?: return abs(t - 1) < 1e-3
            default: return false
            }
        }
    }

    @Test func invalidOptionsNameTheField() throws {
        let problem = ODEProblem(system: Oscillator(), initialState: [1, 0], from: 0, to: 1)
        let cases: [(SolverOptions, String)] = [
            (SolverOptions(rtol: 0), "rtol must be a finite number > 0"),
            (SolverOptions(rtol: -1e-6), "rtol must be a finite number > 0"),
            (SolverOptions(rtol: .nan), "rtol must be a finite number > 0"),
            (SolverOptions(rtol: 1e-6, atol: .scalar(0)), "atol must be a finite number > 0"),
            (SolverOptions(rtol: 1e-6, atol: .perComponent([1e-8])), "atol has 1 components but the system has 2 states"),
            (SolverOptions(rtol: 1e-6, atol: .perComponent([1e-8, -1])), "atol[1] must be a finite number > 0"),
        ]
        for (options, message) in cases {
            #expect {
                _ = try problem.solve(options: options)
            } throws: { error in
                guard case .invalidInput(let text)? = error as? ODEError else { return false }
                return text.contains(message)
            }
        }
        let wrongSize = ODEProblem(system: Oscillator(), initialState: [1], from: 0, to: 1)
        #expect(throws: ODEError.invalidInput("initial state has 1 values but the system has 2 states")) {
            _ = try wrongSize.solve()
        }
        var unsortedSaves = ODEProblem(system: Oscillator(), initialState: [1, 0], from: 0, to: 1)
        unsortedSaves.saveTimes = [0.5, 0.2]
        #expect(throws: ODEError.invalidInput("save times must be non-decreasing: time 1 = 0.2 follows 0.5")) {
            _ = try unsortedSaves.solve()
        }
    }

    /// Per-component atol is honoured: a tiny atol on one component forces more steps than a loose one.
    @Test func perComponentToleranceIsUsed() throws {
        let problem = ODEProblem(system: OralTwoCompartment(), initialState: [10, 0, 0], from: 0, to: 48)
        let loose = try problem.solve(options: SolverOptions(rtol: 1e-4, atol: .perComponent([1e-2, 1e-2, 1e-2])))
        let tightPeripheral = try problem.solve(options: SolverOptions(rtol: 1e-4, atol: .perComponent([1e-2, 1e-2, 1e-12])))
        #expect(tightPeripheral.statistics.acceptedSteps > loose.statistics.acceptedSteps)
    }
}
