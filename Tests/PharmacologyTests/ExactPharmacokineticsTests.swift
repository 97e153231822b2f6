import Foundation
import Testing
import ODE
import Pharmacology

/// The closed-form PK path (`PKSolution.exact`, the default): the propagator on the model's PK
/// matrix, its conditioning for typical subjects, and whole simulations against the
/// all-states-integrated path at tight tolerances (the propagator itself: `LinearPropagatorTests`).
@Suite struct ExactPharmacokineticsTests {
    /// The model's 6 × 6 PK matrix: the propagator agrees with DOP853 at rtol 1e-13 on a free decay
    /// with an infusion running.
    @Test func propagatorMatchesTheIntegratedPKMatrix() throws {
        let model = try DiazepamModel()
        let a = model.pkMatrix
        let p = try LinearPropagator(matrix: a, dimension: 6)
        #expect(p.condition < 1e3, "condition \(p.condition)")
        let x0 = [8.0, 1, 2, 3, 0.5, 0.25], r = [0.0, 0.4, 0, 0, 0, 0]
        let system = ClosureSystem(dimension: 6) { _, y, dy in
            for i in 0..<6 { dy[i] = r[i]; for j in 0..<6 { dy[i] += a[i + 6 * j] * y[j] } }
        }
        var problem = ODEProblem(system: system, initialState: x0, from: 0, to: 200)
        problem.saveTimes = [0.5, 3, 24, 200]
        let reference = try problem.solve(method: .dop853, options: SolverOptions(rtol: 1e-13, atol: .scalar(1e-16)))
        var z0 = [Double](repeating: 0, count: 6), s = z0, x = z0
        p.modal(of: x0, into: &z0)
        p.modal(of: r, into: &s)
        for (k, t) in reference.times.enumerated() {
            p.state(after: t, from: z0, input: s, into: &x)
            for i in 0..<6 {
                let ref = reference.values[k * 6 + i]
                #expect(abs(x[i] - ref) <= 1e-11 * max(abs(ref), 1e-6), "state \(i) at \(t): \(x[i]) vs \(ref)")
            }
        }
    }

    /// The default subjects of both species and covariate extremes get the closed form (no
    /// fallback): their PK rate constants are well separated.
    @Test func typicalSubjectsAreWellConditioned() throws {
        let models = [
            try DiazepamModel(),
            try DiazepamModel(parameters: ParameterSet(species: .mouse)),
            try DiazepamModel(covariates: Covariates(weight: 40, age: 90, sex: .female, cyp2c19: .poor)),
            try DiazepamModel(covariates: Covariates(weight: 150, age: 20, sex: .male, cyp2c19: .intermediate)),
        ]
        for model in models {
            let p = try LinearPropagator(matrix: model.pkMatrix, dimension: 6)
            #expect(p.condition < 1e4, "\(model.parameters.species): condition \(p.condition)")
            #expect(p.eigenvalues.allSatisfy { $0 < 0 })
        }
    }

    /// Every state sampled every 6 h through 60 days of 10 mg/day and 30 days after the stop: the
    /// exact path against all twelve states integrated by Rodas5P at rtol 1e-10.
    @Test func exactMatchesIntegratedThroughDosingAndWithdrawal() throws {
        let model = try DiazepamModel()
        let regimen = try Regimen.repeated(10, every: 24, count: 60)
        let samples = Array(stride(from: 0.0, through: 90 * 24, by: 6))
        try expectPathsAgree(model, regimen: regimen, samples: samples, end: 90 * 24, bound: 2e-7)
    }

    /// Infusions, an IV bolus, depot doses with lag, and a reset, through an event table.
    @Test func exactMatchesIntegratedWithInfusionsBolusesAndResets() throws {
        let table = try EventTable(csv: """
            ID,TIME,AMT,CMT,EVID,RATE
            1,0,10,1,1,0
            1,6,4,2,1,2
            1,7,3,2,1,0.3
            1,8,1,2,1,0
            1,30,0,1,3,0
            1,30,5,1,1,0
            1,48,2,2,4,1
            """)
        let subject = table.subjects[0]
        let model = try DiazepamModel()
        let events = subject.regimen.events(bioavailability: model.bioavailability, lag: model.lagTime)
        let samples = Array(stride(from: 0.0, through: 96, by: 0.25))
        let exact = try simulate(model, events: events, resetTimes: subject.resetTimes, sampleTimes: samples,
                                 endTime: 96, options: SimulationOptions(method: .dop853, rtol: 1e-11, atol: 1e-13))
        var options = SimulationOptions(method: .rodas5P, rtol: 1e-11, atol: 1e-13)
        options.pharmacokinetics = .integrated
        let integrated = try simulate(model, events: events, resetTimes: subject.resetTimes, sampleTimes: samples,
                                      endTime: 96, options: options)
        expectClose(exact, integrated, bound: 1e-8)
        // The reset at 30 h empties everything before the dose given at the same time.
        let i30 = samples.firstIndex(of: 30.25)!
        #expect(exact.values(of: .ndz)[i30] < 1e-3)
    }

    /// Two equal elimination rate constants (TMZ and OXZ both 0.11 1/h) leave no eigenbasis: the
    /// exact path must fall back to integrating all twelve states.
    @Test func repeatedRateConstantsFallBackToIntegration() throws {
        var parameters = ParameterSet()
        try parameters.set(.CL_tmz, to: 6.6)
        try parameters.set(.V_tmz, to: 60)
        try parameters.set(.CL_oxz, to: 4.4)
        try parameters.set(.V_oxz, to: 40)
        let model = try DiazepamModel(parameters: parameters)
        #expect(throws: LinearPropagatorError.self) { try LinearPropagator(matrix: model.pkMatrix, dimension: 6) }
        let regimen = try Regimen.repeated(10, every: 24, count: 5)
        let samples = Array(stride(from: 0.0, through: 240, by: 12))
        var integratedOptions = SimulationOptions()
        integratedOptions.pharmacokinetics = .integrated
        let a = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 240)
        let b = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: 240, options: integratedOptions)
        #expect(a.states == b.states)
    }

    func expectPathsAgree(_ model: DiazepamModel, regimen: Regimen, samples: [Double], end: Double, bound: Double) throws {
        let exact = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: end,
                                 options: SimulationOptions(method: .dop853, rtol: 1e-10, atol: 1e-12))
        var options = SimulationOptions(method: .rodas5P, rtol: 1e-10, atol: 1e-12)
        options.pharmacokinetics = .integrated
        let integrated = try simulate(model, regimen: regimen, sampleTimes: samples, endTime: end, options: options)
        expectClose(exact, integrated, bound: bound)
    }

    /// Max relative difference per state with a floor of 1e-6 × the state's largest magnitude and
    /// 1e-8 (mg, or the PD states' units): below that the integrated path's atol dominates.
    func expectClose(_ a: Trajectory, _ b: Trajectory, bound: Double) {
        #expect(a.times == b.times)
        for variable in StateVariable.allCases {
            let x = a.values(of: variable), y = b.values(of: variable)
            let floor = max(1e-6 * (y.map(abs).max() ?? 0), 1e-8)
            let worst = zip(x, y).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? 0
            let at = zip(x, y).map { abs($0 - $1) / max(abs($1), floor) }.firstIndex(of: worst) ?? 0
            #expect(worst <= bound, "\(variable): worst relative difference \(worst) at t = \(a.times[at]): \(x[at]) vs \(y[at])")
        }
    }
}
