import Foundation
import ODE

/// y' = λ y + cos t style problem with exact solution: y' = -y + sin t... kept linear and scalar so
/// the exact solution is cheap: y(t) = (y0 + 1/2) e^{-t} + (sin t − cos t)/2.
struct ForcedDecay: ODESystem {
    var dimension: Int { 1 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -y[0] + sin(t)
    }
    static func exact(_ t: Double, y0: Double = 1) -> Double {
        (y0 + 0.5) * exp(-t) + 0.5 * (sin(t) - cos(t))
    }
}

/// Harmonic oscillator x'' = −x: x = cos t, v = −sin t from (1, 0).
struct Oscillator: ODESystem {
    var dimension: Int { 2 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = y[1]
        dy[1] = -y[0]
    }
}

/// Kepler two-body problem in the plane, y = (q1, q2, p1, p2); exact solution from Kepler's equation.
struct Kepler: ODESystem {
    var dimension: Int { 4 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let r2 = y[0] * y[0] + y[1] * y[1]
        let r3 = r2 * r2.squareRoot()
        dy[0] = y[2]
        dy[1] = y[3]
        dy[2] = -y[0] / r3
        dy[3] = -y[1] / r3
    }
    /// Initial state at pericentre for eccentricity e (Hairer, Nørsett & Wanner, I, §II.10, problem (10.2)).
    static func initialState(eccentricity e: Double) -> [Double] {
        [1 - e, 0, 0, ((1 + e) / (1 - e)).squareRoot()]
    }
    /// Exact state at time t: solve Kepler's equation u − e sin u = t by Newton's method.
    static func exact(_ t: Double, eccentricity e: Double) -> [Double] {
        var u = t
        for _ in 0..<100 {
            let du = (u - e * sin(u) - t) / (1 - e * cos(u))
            u -= du
            if abs(du) < 1e-16 * max(1, abs(u)) { break }
        }
        let b = (1 - e * e).squareRoot()
        let denom = 1 - e * cos(u)
        return [cos(u) - e, b * sin(u), -sin(u) / denom, b * cos(u) / denom]
    }
}

/// The restricted three-body (Arenstorf) orbit, periodic with the published period
/// (Hairer, Nørsett & Wanner, I, §II.0, eq. (0.1)–(0.2)).
struct Arenstorf: ODESystem {
    static let mu = 0.012277471
    static let period = 17.0652165601579625588917206249
    static let initialState: [Double] = [0.994, 0, 0, -2.00158510637908252240537862224]
    var dimension: Int { 4 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let mu = Self.mu, mup = 1 - mu
        let d1 = pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5)
        let d2 = pow((y[0] - mup) * (y[0] - mup) + y[1] * y[1], 1.5)
        dy[0] = y[2]
        dy[1] = y[3]
        dy[2] = y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2
        dy[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2
    }
}

/// Lotka–Volterra predator–prey; V = δx − γ ln x + βy − α ln y is conserved.
struct LotkaVolterra: ODESystem {
    var alpha = 1.5, beta = 1.0, gamma = 3.0, delta = 1.0
    var dimension: Int { 2 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = alpha * y[0] - beta * y[0] * y[1]
        dy[1] = delta * y[0] * y[1] - gamma * y[1]
    }
    func invariant(_ y: [Double]) -> Double {
        delta * y[0] - gamma * log(y[0]) + beta * y[1] - alpha * log(y[1])
    }
}

/// Linear oral PK: depot → central ↔ peripheral, elimination from central (amounts in mg, rates 1/h).
struct OralTwoCompartment: ODESystem {
    var ka = 1.2, k10 = 0.1, k12 = 0.3, k21 = 0.15
    var dimension: Int { 3 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -ka * y[0]
        dy[1] = ka * y[0] - (k10 + k12) * y[1] + k21 * y[2]
        dy[2] = k12 * y[1] - k21 * y[2]
    }

    /// Amounts `time` hours after a single dose `dose` into the depot: the classical sum of three
    /// exponentials (macro-constants α, β from the central/peripheral pair, and ka); checked against
    /// a matrix exponential when this test was written.
    func singleDose(_ time: Double, dose: Double) -> [Double] {
        guard time >= 0 else { return [0, 0, 0] }
        let s = k10 + k12 + k21
        let d = (s * s - 4 * k10 * k21).squareRoot()
        let lambdas = [(s + d) / 2, (s - d) / 2, ka]
        var central = 0.0, peripheral = 0.0
        for (i, l) in lambdas.enumerated() {
            var denominator = 1.0
            for (j, m) in lambdas.enumerated() where j != i { denominator *= m - l }
            central += (k21 - l) / denominator * exp(-l * time)
            peripheral += exp(-l * time) / denominator
        }
        return [dose * exp(-ka * time), ka * dose * central, ka * k12 * dose * peripheral]
    }

    /// Superposition of doses given strictly before `time` (left limit at a dose time).
    func exact(_ time: Double, doseTimes: [Double], dose: Double) -> [Double] {
        var y = [0.0, 0.0, 0.0]
        for td in doseTimes where td < time {
            let r = singleDose(time - td, dose: dose)
            for i in 0..<3 { y[i] += r[i] }
        }
        return y
    }
}

/// The explicit methods under test.
let explicitMethods: [ODEMethod] = [.dormandPrince54, .dop853]

/// Relative error with a floor, so components passing through zero are measured sensibly.
func relativeError(_ a: Double, _ b: Double, floor: Double) -> Double {
    abs(a - b) / max(abs(b), floor)
}
