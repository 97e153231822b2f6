import Foundation
import ODE

// Stiff test problems shared by the Rosenbrock, BDF and automatic-method tests.

/// Robertson's chemical kinetics (Hairer & Wanner, *Solving ODEs II*, §IV.1, problem ROBER):
/// k1 = 0.04, k2 = 3e7, k3 = 1e4, with its analytic Jacobian.
struct Robertson: ODESystem {
    var dimension: Int { 3 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let r1 = 0.04 * y[0], r2 = 3e7 * y[1] * y[1], r3 = 1e4 * y[1] * y[2]
        dy[0] = -r1 + r3
        dy[1] = r1 - r3 - r2
        dy[2] = r2
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = -0.04; j[0, 1] = 1e4 * y[2];              j[0, 2] = 1e4 * y[1]
        j[1, 0] = 0.04;  j[1, 1] = -1e4 * y[2] - 6e7 * y[1]; j[1, 2] = -1e4 * y[1]
        j[2, 0] = 0;     j[2, 1] = 6e7 * y[1];              j[2, 2] = 0
    }
}

/// Van der Pol's oscillator as MATLAB's `vdp1000` (Shampine & Reichelt 1997, §4, on [0, 3000]):
/// y1' = y2, y2' = μ (1 − y1²) y2 − y1, μ = 1000. Relaxation period ≈ (3 − 2 ln 2) μ ≈ 1614, with
/// jumps of width O(1/μ); Jacobian eigenvalues down to about −3μ on the slow arcs.
struct VanDerPol: ODESystem {
    var mu = 1000.0
    /// `false` hides the analytic Jacobian, so solvers take the finite-difference path.
    var analyticJacobian = true
    var dimension: Int { 2 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = y[1]
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
    var hasAnalyticJacobian: Bool { analyticJacobian }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = 0
        j[0, 1] = 1
        j[1, 0] = -2 * mu * y[0] * y[1] - 1
        j[1, 1] = mu * (1 - y[0] * y[0])
    }
}

/// y' = A y with A = κ · tridiag(1, −2, 1) (n × n): the method-of-lines heat equation with
/// Dirichlet ends. Eigenpairs λ_k = −2κ(1 − cos(kπ/(n+1))), v_k(j) = sin(jkπ/(n+1)), k, j = 1…n.
struct DiffusionChain: ODESystem {
    var n = 200
    var kappa = 1000.0
    var dimension: Int { n }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<n {
            let left = i > 0 ? y[i - 1] : 0
            let right = i < n - 1 ? y[i + 1] : 0
            dy[i] = kappa * (left - 2 * y[i] + right)
        }
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j.zero()
        for i in 0..<n {
            j[i, i] = -2 * kappa
            if i > 0 { j[i, i - 1] = kappa }
            if i < n - 1 { j[i, i + 1] = kappa }
        }
    }
    /// Exact `y(t)` from `y0` by the sine eigen-decomposition (Σ_j v_k(j) v_l(j) = (n+1)/2 δ_kl).
    func exact(_ t: Double, from y0: [Double]) -> [Double] {
        let m = Double(n + 1)
        var y = [Double](repeating: 0, count: n)
        for k in 1...n {
            var ck = 0.0
            for j in 1...n { ck += y0[j - 1] * sin(Double(j * k) * .pi / m) }
            ck *= 2 / m
            let decay = exp(-2 * kappa * (1 - cos(Double(k) * .pi / m)) * t)
            for j in 1...n { y[j - 1] += ck * decay * sin(Double(j * k) * .pi / m) }
        }
        return y
    }
}

/// The Oregonator (Hairer & Wanner, *Solving ODEs II*, §IV.1, problem OREGO; IVP test set of
/// Mazzia & Magherini), on [0, 360] from (1, 2, 3), with its analytic Jacobian.
struct Oregonator: ODESystem {
    var dimension: Int { 3 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = 77.27 * (y[1] + y[0] * (1 - 8.375e-6 * y[0] - y[1]))
        dy[1] = (y[2] - (1 + y[0]) * y[1]) / 77.27
        dy[2] = 0.161 * (y[0] - y[2])
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = 77.27 * (1 - 2 * 8.375e-6 * y[0] - y[1]); j[0, 1] = 77.27 * (1 - y[0]); j[0, 2] = 0
        j[1, 0] = -y[1] / 77.27; j[1, 1] = -(1 + y[0]) / 77.27;                       j[1, 2] = 1 / 77.27
        j[2, 0] = 0.161;         j[2, 1] = 0;                                           j[2, 2] = -0.161
    }
    static let initialState: [Double] = [1, 2, 3]
    static let end = 360.0
    /// y(360) from the IVP test set (Mazzia & Magherini, "Test Set for IVP Solvers", release 2.4,
    /// problem OREGO; also in R's deTestSet `orego.R`).
    static let reference: [Double] = [0.1000814870318523e1, 0.1228178521549917e4, 0.1320554942846706e3]
}

/// HIRES, high irradiance response of photomorphogenesis (Hairer & Wanner, *Solving ODEs II*,
/// §IV.1; IVP test set), 8 species on [0, 321.8122], with its analytic Jacobian.
struct Hires: ODESystem {
    var dimension: Int { 8 }
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007
        dy[1] = 1.71 * y[0] - 8.75 * y[1]
        dy[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4]
        dy[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3]
        dy[4] = -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6]
        dy[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6]
        dy[6] = 280 * y[5] * y[7] - 1.81 * y[6]
        dy[7] = -dy[6]
    }
    var hasAnalyticJacobian: Bool { true }
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j.zero()
        j[0, 0] = -1.71; j[0, 1] = 0.43; j[0, 2] = 8.32
        j[1, 0] = 1.71; j[1, 1] = -8.75
        j[2, 2] = -10.03; j[2, 3] = 0.43; j[2, 4] = 0.035
        j[3, 1] = 8.32; j[3, 2] = 1.71; j[3, 3] = -1.12
        j[4, 4] = -1.745; j[4, 5] = 0.43; j[4, 6] = 0.43
        j[5, 3] = 0.69; j[5, 4] = 1.71; j[5, 5] = -280 * y[7] - 0.43; j[5, 6] = 0.69; j[5, 7] = -280 * y[5]
        j[6, 5] = 280 * y[7]; j[6, 6] = -1.81; j[6, 7] = 280 * y[5]
        j[7, 5] = -280 * y[7]; j[7, 6] = 1.81; j[7, 7] = -280 * y[5]
    }
    static let initialState: [Double] = [1, 0, 0, 0, 0, 0, 0, 0.0057]
    static let end = 321.8122
    /// y(321.8122) from the IVP test set (problem HIRES; also R's deTestSet `hires.R`).
    static let reference: [Double] = [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4,
                                      0.1175651343283149e-2, 0.2386356198831331e-2, 0.6238968252742796e-2,
                                      0.2849998395185769e-2, 0.2850001604814231e-2]
}
