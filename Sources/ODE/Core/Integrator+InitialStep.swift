extension Integrator {
    /// The starting step size of Hairer, Nørsett & Wanner (*Solving ODEs I*, §II.4, code `HINIT`):
    /// a first guess from ‖y₀‖/‖f₀‖, refined by an estimate of the second derivative from one extra
    /// evaluation of `f`, so that the local error of an order-`p` method is about the tolerance.
    @inlinable
    func initialStep(span: Double) -> Double {
        let n = dimension
        let f0 = stepper.startDerivative
        let d0 = norm.norm(y, scaledBy: y)
        let d1 = norm.norm(f0, scaledBy: y)
        var h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, options.maxStep, span > 0 ? span : h0)
        for i in 0..<n { scratch[i] = y[i] + h0 * f0[i] }
        stepper.system.derivatives(at: time + h0, state: UnsafeBufferPointer(start: scratch, count: n),
                                   into: UnsafeMutableBufferPointer(start: scratch2, count: n))
        counts.rhsEvaluations &+= 1
        for i in 0..<n { scratch2[i] -= f0[i] }
        let d2 = norm.norm(scratch2, scaledBy: y) / h0
        let largest = max(d1, d2)
        let h1 = (largest <= 1e-15 || !largest.isFinite)
            ? max(1e-6, h0 * 1e-3)
            : pow(0.01 / largest, 1 / Double(stepper.order + 1))
        return max(min(100 * h0, h1, options.maxStep), minimumStep(at: time))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
