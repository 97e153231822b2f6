import Foundation
import Testing
import ODE
import Pharmacology

@Suite struct DiazepamModelTests {
    /// The analytic Jacobian matches central differences at random states (drug amounts up to twice
    /// a large dose, PD states 0.5–1.5), for both species, to 1e-5 relative (a wrong term is off
    /// by O(1)), (relative to the entry, or to 1e-4 of
    /// its row's largest entry for entries below that, where the difference quotient is round-off).
    @Test(arguments: [Species.human, .mouse])
    func jacobianMatchesFiniteDifferences(species: Species) throws {
        var generator = SplitMix(seed: 7)
        let model = try DiazepamModel(parameters: ParameterSet(species: species))
        let n = StateVariable.count
        let analytic = DenseMatrix(rows: n, columns: n)
        for _ in 0..<20 {
            let amount = species == .human ? 20.0 : 0.3    // mg: up to twice a large dose
            var y = (0..<n).map { $0 < 6 ? amount * generator.unit() : 0.5 + generator.unit() }
            y.withUnsafeBufferPointer { model.jacobian(at: 0, state: $0, into: analytic.view) }
            for j in 0..<n {
                let h = 1e-6 * max(1, abs(y[j]))
                let saved = y[j]
                y[j] = saved + h; let plus = f(model, y)
                y[j] = saved - h; let minus = f(model, y)
                y[j] = saved
                for i in 0..<n {
                    let numeric = (plus[i] - minus[i]) / (2 * h)
                    // Entries far below the row's largest are at the difference quotient's round-off.
                    let rowMax = (0..<n).map { abs(analytic[i, $0]) }.max()!
                    let scale = max(abs(numeric), abs(analytic[i, j]), 1e-4 * rowMax, 1e-12)
                    #expect(abs(numeric - analytic[i, j]) / scale < 1e-5, "J[\(i), \(j)] \(analytic[i, j]) vs \(numeric)")
                }
            }
        }
    }

    func f(_ model: DiazepamModel, _ y: [Double]) -> [Double] {
        var dy = [Double](repeating: 0, count: y.count)
        y.withUnsafeBufferPointer { yp in dy.withUnsafeMutableBufferPointer { model.derivatives(at: 0, state: yp, into: $0) } }
        return dy
    }

    /// The DZ PK alone against its closed-form oral two-compartment solution (three exponentials,
    /// lag and F applied), after one dose and through 28 daily doses, to 1e-8 relative.
    @Test(arguments: [1, 28])
    func diazepamMatchesClosedForm(doses: Int) throws {
        let model = try DiazepamModel()
        let times = (0..<doses).map { Double($0) * 24 }
        let end = Double(doses) * 24 + 48
        let trajectory = try simulate(model, regimen: Scenario.oral(10, at: times),
                                      sampleTimes: Array(stride(from: 0.5, through: end, by: 0.5)), endTime: end,
                                      options: SimulationOptions(method: .rodas5P, rtol: 1e-12, atol: 1e-14))
        let ka = 2.2, v1 = model.volumes.central
        let k10 = model.clearances.dz / v1, k12 = model.clearances.q / v1, k21 = model.clearances.q / model.volumes.peripheral
        let s = k10 + k12 + k21, d = (s * s - 4 * k10 * k21).squareRoot()
        let lambdas = [(s + d) / 2, (s - d) / 2, ka]
        func central(_ t: Double) -> Double {
            var total = 0.0
            for start in times.map({ $0 + model.lagTime }) where start < t {
                let dose = model.bioavailability * 10, tau = t - start
                for (i, l) in lambdas.enumerated() {
                    var denominator = 1.0
                    for (j, m) in lambdas.enumerated() where j != i { denominator *= m - l }
                    total += ka * dose * (k21 - l) / denominator * exp(-l * tau)
                }
            }
            return total
        }
        let amounts = trajectory.values(of: .dzCentral)
        var worst = 0.0
        for (i, t) in trajectory.times.enumerated() { worst = max(worst, abs(amounts[i] - central(t)) / central(t)) }
        #expect(worst <= 1e-8, "worst relative error \(worst)")
    }

    /// Mass balance over 60 days of 10 mg/day: no amount is negative, and the drug in the body
    /// (all four molecules, in moles) never exceeds the moles dosed so far; what is gone was eliminated.
    @Test func massBalance() throws {
        let model = try DiazepamModel()
        let regimen = try Scenario.daily(10, days: 60)
        let events = regimen.events(bioavailability: model.bioavailability, lag: model.lagTime)
        let trajectory = try Scenario.run(model, regimen, every: 1, until: 70 * 24)
        for (i, t) in trajectory.times.enumerated() {
            let y = Array(trajectory.state(at: i))
            for k in 0..<6 { #expect(y[k] >= -1e-12, "state \(k) at t = \(t)") }
            let inBody = (y[0] + y[1] + y[2]) / MolarMass.diazepam + y[3] / MolarMass.nordazepam
                + y[4] / MolarMass.temazepam + y[5] / MolarMass.oxazepam
            let dosed = events.filter { $0.time < t }.map { event -> Double in
                if case .bolus(let amount) = event.kind { return amount } else { return 0 }
            }.reduce(0, +) / MolarMass.diazepam
            #expect(inBody <= dosed * (1 + 1e-9) + 1e-15, "t = \(t): \(inBody) mol in body vs \(dosed) dosed")
        }
    }

    @Test func parametersAreSetByNameWithClearErrors() throws {
        var parameters = ParameterSet()
        try parameters.set("k_syn", to: 0.006)
        #expect(parameters[.k_syn] == 0.006)
        #expect(throws: ModelError.unknownParameter(name: "k_sin", suggestion: "k_syn")) { try parameters.set("k_sin", to: 1) }
        #expect(throws: ModelError.self) { try parameters.set("V1", to: 500) }
        do {
            try parameters.set("V1", to: 500)
        } catch {
            #expect(error.description == "parameter V1 = 500.0 L is outside its plausible range 15.0–30.0 L")
        }
        #expect(throws: ModelError.self) { try parameters.set("CL", to: .nan) }
        #expect(throws: ModelError.invalidCovariate("weight = 5.0 kg is outside 20.0–250.0 kg for a human")) {
            _ = try DiazepamModel(covariates: Covariates(weight: 5))
        }
        // Every parameter has a unit, a source and a default inside its range for both species.
        for p in ParameterName.allCases {
            let d = p.definition
            #expect(!d.unit.isEmpty && !d.source.isEmpty)
            #expect(d.range.contains(d.human), "\(d.name) human default")
            #expect(d.mouseRange.contains(d.mouse), "\(d.name) mouse default")
        }
    }
}

/// SplitMix64 for reproducible random states.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Individual (between-subject) values are checked against physical bounds only.
@Test func individualValuesHavePhysicalBounds() throws {
    var mouse = ParameterSet(species: .mouse)
    #expect(throws: ModelError.self) { try mouse.set(.CL, to: 0.229) }          // below the typical range
    try mouse.setIndividual(.CL, to: 0.229)                                      // fine for an individual
    #expect(mouse[.CL] == 0.229)
    #expect(throws: ModelError.parameterOutOfRange(name: "CL", value: -1, range: 0...Double.infinity, unit: "L/h")) {
        try mouse.setIndividual(.CL, to: -1)
    }
    #expect(throws: ModelError.parameterOutOfRange(name: "fu_dz", value: 1.2, range: 0...1, unit: "1")) {
        try mouse.setIndividual(.fu_dz, to: 1.2)
    }
    #expect(throws: ModelError.self) { try mouse.setIndividual(.CL, to: .nan) }
}
