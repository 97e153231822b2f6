// The one-compartment oral workload of the throughput benchmarks (issue 6): depot → central,
// 100 mg every 24 h for 28 doses, hourly samples to 672 h, with its exact closed form.
import Foundation
import ODE

/// One-compartment PK with first-order absorption: depot A_d (mg) → central A_c (mg),
/// A_d' = −ka·A_d, A_c' = ka·A_d − k·A_c, k = CL/V.
public struct OneCompartmentOral: ODESystem {
    /// Absorption rate constant (1/h).
    public var ka: Double
    /// Elimination rate constant CL/V (1/h).
    public var k: Double

    /// ka = 1.0 /h, CL = 2 L/h, V = 20 L (k = 0.1 /h) unless given.
    @inlinable
    public init(ka: Double = OneCompartmentOral.absorption, k: Double = OneCompartmentOral.clearance / OneCompartmentOral.volume) {
        self.ka = ka
        self.k = k
    }

    /// ka of the workload (1/h).
    public static let absorption = 1.0
    /// Clearance of the workload (L/h).
    public static let clearance = 2.0
    /// Volume of distribution of the workload (L).
    public static let volume = 20.0
    /// Oral dose (mg).
    public static let dose = 100.0
    /// Dosing interval (h).
    public static let interval = 24.0
    /// Number of doses (t = 0, 24, …, 648 h).
    public static let doseCount = 28
    /// End of the run and last hourly sample (h).
    public static let endTime = 672.0

    public var dimension: Int { 2 }

    @inlinable
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -ka * y[0]
        dy[1] = ka * y[0] - k * y[1]
    }

    public var hasAnalyticJacobian: Bool { true }

    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = -ka; j[0, 1] = 0
        j[1, 0] = ka; j[1, 1] = -k
    }

    /// The workload as an `ODEProblem`: empty compartments at t = 0, a dose into the depot at each
    /// stop time, a save every hour (a save at a dose time records the state before the dose).
    @inlinable
    public static func problem() -> ODEProblem<OneCompartmentOral> {
        var problem = ODEProblem(system: OneCompartmentOral(), initialState: [0, 0], from: 0, to: endTime)
        problem.stopTimes = (0..<doseCount).map { Double($0) * interval }
        problem.onStop = { _, _, y in y[0] += OneCompartmentOral.dose }
        problem.saveTimes = (0...Int(endTime)).map(Double.init)
        return problem
    }

    /// Exact amounts (mg) at `t` (h) by superposition over the doses given strictly before `t`
    /// (the left limit at a dose time): depot Σ D·e^(−ka·τ), central Σ D·ka/(ka − k)·(e^(−k·τ) − e^(−ka·τ)),
    /// τ = t − t_dose.
    @inlinable
    public func exactAmounts(at t: Double) -> (depot: Double, central: Double) {
        var depot = 0.0, central = 0.0
        for n in 0..<Self.doseCount {
            let tau = t - Double(n) * Self.interval
            if tau <= 0 { break }
            depot += Self.dose * exp(-ka * tau)
            central += Self.dose * ka / (ka - k) * (exp(-k * tau) - exp(-ka * tau))
        }
        return (depot, central)
    }

    /// Largest relative error of a solution of `problem()` against `exactAmounts`, over both
    /// compartments and every sample, with relative errors taken against max(|exact|, `floor`) mg
    /// (so amounts far below the floor count in absolute terms).
    @inlinable
    public func maximumRelativeError(of solution: ODESolution, floor: Double) -> Double {
        var worst = 0.0
        for (i, t) in solution.times.enumerated() {
            let exact = exactAmounts(at: t)
            let state = solution.state(at: i)
            let d = state[state.startIndex], c = state[state.startIndex + 1]
            worst = max(worst, abs(d - exact.depot) / max(abs(exact.depot), floor))
            worst = max(worst, abs(c - exact.central) / max(abs(exact.central), floor))
        }
        return worst
    }

    /// The system matrix `A` of `x' = A x` (1/h), column-major 2 × 2.
    @inlinable
    public var matrix: [Double] { [-ka, ka, 0, -k] }

    /// The workload solved in closed form with `LinearPropagator` (no time steps): writes depot and
    /// central (mg) at the 673 hourly samples into `values` (2 per sample). The propagator is built
    /// here, once per subject, as it would be for a subject with its own parameters. A sample at
    /// a dose time is the state before the dose.
    @inlinable
    public func propagate(into values: UnsafeMutablePointer<Double>) throws {
        let propagator = try LinearPropagator(matrix: matrix, dimension: 2)
        try withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { buffer in
            let z = buffer.baseAddress!, x = z + 2
            z[0] = 0; z[1] = 0
            var segmentStart = 0.0
            var nextDose = 0
            for sample in 0...Int(Self.endTime) {
                let t = Double(sample)
                let out = values + 2 &* sample
                propagator.state(after: t - segmentStart, from: z, input: nil, into: out)
                if nextDose < Self.doseCount && t == Double(nextDose) * Self.interval {
                    x[0] = out[0] + Self.dose
                    x[1] = out[1]
                    propagator.modal(of: x, into: z)
                    segmentStart = t
                    nextDose += 1
                }
            }
            if nextDose != Self.doseCount { throw CancellationError() }
        }
    }

    /// Largest relative error of `propagate(into:)`'s values against `exactAmounts`, as in
    /// `maximumRelativeError(of:floor:)`.
    @inlinable
    public func maximumRelativeError(ofPropagated values: [Double], floor: Double) -> Double {
        var worst = 0.0
        for sample in 0...Int(Self.endTime) {
            let exact = exactAmounts(at: Double(sample))
            worst = max(worst, abs(values[2 * sample] - exact.depot) / max(abs(exact.depot), floor))
            worst = max(worst, abs(values[2 * sample + 1] - exact.central) / max(abs(exact.central), floor))
        }
        return worst
    }
}
