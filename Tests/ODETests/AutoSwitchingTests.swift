import Foundation
import Testing
import ODE

/// The automatic method: explicit while non-stiff, Rodas5P while stiff.
@Suite struct AutoSwitchingTests {
    static func autoStepper<S: ODESystem>(_ system: S, _ options: SolverOptions)
        -> AutoSwitchingStepper<ExplicitRKStepper<S, DormandPrince54>, RosenbrockStepper<S, Rodas5P>> {
        AutoSwitchingStepper(explicit: ExplicitRKStepper(system: system, options: options),
                             stiff: RosenbrockStepper(system: system, options: options))
    }

    /// A non-stiff orbit never leaves the explicit method: no Jacobian, no LU, same answer.
    @Test func nonStiffProblemStaysExplicit() throws {
        let options = SolverOptions(rtol: 1e-9, atol: .scalar(1e-12))
        let e = 0.5, end = 4 * Double.pi
        let stepper = Self.autoStepper(Kepler(), options)
        let problem = ODEProblem(system: Kepler(), initialState: Kepler.initialState(eccentricity: e), from: 0, to: end)
        let solution = try problem.solve(with: stepper, options: options)
        #expect(stepper.switches == 0)
        #expect(solution.statistics.jacobianEvaluations == 0)
        #expect(solution.statistics.luFactorizations == 0)
        let exact = Kepler.exact(end, eccentricity: e)
        for i in 0..<4 { #expect(abs(solution.finalState[i] - exact[i]) < 1e-6) }
    }

    /// Robertson is stiff after the initial transient: the method switches to Rodas5P and matches
    /// the references of RosenbrockTests to 1e-6 relative at t = 1e5 and 1e11.
    @Test(arguments: [1e5, 1e11])
    func robertsonSwitchesAndMatchesReference(end: Double) throws {
        let options = SolverOptions(rtol: 1e-8, atol: .scalar(1e-14))
        let stepper = Self.autoStepper(Robertson(), options)
        let problem = ODEProblem(system: Robertson(), initialState: [1, 0, 0], from: 0, to: end)
        let solution = try problem.solve(with: stepper, options: options)
        let reference = end == 1e5
            ? [1.7865920011e-02, 7.2747510012e-08, 9.8213400724e-01]
            : [2.083340149723e-08, 8.333360770422e-14, 1 - 2.083340149723e-08 - 8.333360770422e-14]
        for i in 0..<3 {
            #expect(relativeError(solution.finalState[i], reference[i], floor: 0) <= 1e-6, "component \(i)")
        }
        #expect(stepper.switches >= 1)
        #expect(stepper.isStiff)
        #expect(solution.statistics.acceptedSteps < 5_000)
    }

    /// Robertson at rtol 1e-8 with atol 1e-18 on the radical (the comparison's setting): the error
    /// estimate keeps DP5's steps at 50–90% of its stability boundary, where Hairer's 90% rule
    /// rarely fires (it took 1,583 steps, 3× Rodas5P); the sustained rule switches early.
    @Test func robertsonAtTightToleranceSwitchesEarly() throws {
        let options = SolverOptions(rtol: 1e-8, atol: .perComponent([1e-10, 1e-16, 1e-10]))
        let problem = ODEProblem(system: Robertson(), initialState: [1, 0, 0], from: 0, to: 1e5)
        let stepper = Self.autoStepper(Robertson(), options)
        let auto = try problem.solve(with: stepper, options: options)
        let rodas = try problem.solve(method: .rodas5P, options: options)
        #expect(stepper.isStiff)
        #expect(auto.statistics.acceptedSteps <= rodas.statistics.acceptedSteps * 3 / 2,
                "auto \(auto.statistics), rodas \(rodas.statistics)")
    }

    /// Van der Pol μ = 1000: the automatic method costs about what Rodas5P costs (within 2×) and at
    /// least 20× less than Dormand–Prince alone (capped as in RosenbrockTests), with the same answer.
    @Test func vanDerPolCostsLikeTheStiffMethod() throws {
        let options = SolverOptions(rtol: 1e-6, atol: .scalar(1e-6))
        let problem = ODEProblem(system: VanDerPol(), initialState: [2, 0], from: 0, to: 3000)
        let stepper = Self.autoStepper(VanDerPol(), options)
        let auto = try problem.solve(with: stepper, options: options)
        let rodas = try problem.solve(method: .rodas5P, options: options)
        #expect(relativeError(auto.finalState[0], -1.510606936744, floor: 0) <= 1e-4)
        #expect(auto.statistics.rhsEvaluations <= 2 * rodas.statistics.rhsEvaluations,
                "auto \(auto.statistics), rodas \(rodas.statistics)")
        #expect(stepper.switches >= 1)
        var capped = options
        capped.maxSteps = 20 * auto.statistics.rhsEvaluations / 6 + 1
        #expect(throws: ODEError.self) { _ = try problem.solve(method: .dormandPrince54, options: capped) }
    }

    /// The 60-dose PK problem through `ODEMethod` for the stiff and automatic methods: within 1e-7
    /// relative of the exact superposition at rtol 1e-10.
    @Test(arguments: [ODEMethod.rodas5P, .auto])
    func sixtyDailyDosesMatchSuperposition(method: ODEMethod) throws {
        let (solution, system) = try DosingPKTests.solve(method: method, rtol: 1e-10)
        var worst = 0.0
        for (i, t) in solution.times.enumerated() where t > 0 {
            let exact = system.exact(t, doseTimes: DosingPKTests.doseTimes, dose: DosingPKTests.dose)
            let y = Array(solution.state(at: i))
            worst = max(worst, relativeError(y[1], exact[1], floor: 0), relativeError(y[2], exact[2], floor: 0))
        }
        #expect(worst <= 1e-7, "worst relative error \(worst)")
    }
}
