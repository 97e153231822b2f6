// The test problems shared by the benchmark executables (package-benchmark suites and the
// CVODE/SciPy comparison runner). Methods are @inlinable so the solvers specialise on them.
import ODE

/// Linear oral PK, amounts in mg, rates in 1/h (same constants as the unit tests).
public struct OralTwoCompartment: ODESystem {
    /// Creates the problem with its standard constants.
    public init() {}
    public var ka = 1.2, k10 = 0.1, k12 = 0.3, k21 = 0.15
    public var dimension: Int { 3 }
    @inlinable
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -ka * y[0]
        dy[1] = ka * y[0] - (k10 + k12) * y[1] + k21 * y[2]
        dy[2] = k12 * y[1] - k21 * y[2]
    }
    public var hasAnalyticJacobian: Bool { true }
    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j.zero()
        j[0, 0] = -ka
        j[1, 0] = ka; j[1, 1] = -(k10 + k12); j[1, 2] = k21
        j[2, 1] = k12; j[2, 2] = -k21
    }
}

/// Restricted three-body problem (Hairer, Nørsett & Wanner I, §II.0).
public struct Arenstorf: ODESystem {
    /// Creates the problem with its standard constants.
    public init() {}
    public static let period = 17.0652165601579625588917206249
    public static let initialState: [Double] = [0.994, 0, 0, -2.00158510637908252240537862224]
    public var dimension: Int { 4 }
    @inlinable
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        let mu = 0.012277471, mup = 1 - mu
        let r1 = (y[0] + mu) * (y[0] + mu) + y[1] * y[1]
        let r2 = (y[0] - mup) * (y[0] - mup) + y[1] * y[1]
        let d1 = r1 * r1.squareRoot(), d2 = r2 * r2.squareRoot()
        dy[0] = y[2]
        dy[1] = y[3]
        dy[2] = y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2
        dy[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2
    }
}

/// Robertson's kinetics (Hairer & Wanner II, §IV.1) with its analytic Jacobian.
public struct Robertson: ODESystem {
    /// Creates the problem with its standard constants.
    public init() {}
    public var dimension: Int { 3 }
    @inlinable
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
        dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
        dy[2] = 3e7 * y[1] * y[1]
    }
    public var hasAnalyticJacobian: Bool { true }
    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = -0.04; j[0, 1] = 1e4 * y[2]; j[0, 2] = 1e4 * y[1]
        j[1, 0] = 0.04; j[1, 1] = -1e4 * y[2] - 6e7 * y[1]; j[1, 2] = -1e4 * y[1]
        j[2, 0] = 0; j[2, 1] = 6e7 * y[1]; j[2, 2] = 0
    }
}

/// Van der Pol as MATLAB's vdp1000: y1' = y2, y2' = μ(1 − y1²)y2 − y1, analytic Jacobian.
public struct VanDerPol: ODESystem {
    /// Creates the problem with its standard constants.
    public init() {}
    public var mu = 1000.0
    public var dimension: Int { 2 }
    @inlinable
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = y[1]
        dy[1] = mu * (1 - y[0] * y[0]) * y[1] - y[0]
    }
    public var hasAnalyticJacobian: Bool { true }
    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into j: MatrixView) {
        j[0, 0] = 0; j[0, 1] = 1
        j[1, 0] = -2 * mu * y[0] * y[1] - 1; j[1, 1] = mu * (1 - y[0] * y[0])
    }
}
