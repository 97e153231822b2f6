/// Proportional–integral step-size controller (Gustafsson 1991; the variant of Hairer & Wanner's
/// DOPRI5, *Solving ODEs I* §IV.2):
///
/// `h_new = h · clamp( safety · err^(−β₁) · errPrev^(β₂), minFactor, maxFactor )`,
/// `β₁ = 1/q − 0.75 β₂`, with `q` one more than the order of the error estimator. After a rejection
/// the next accepted step may not grow (a standard guard against repeated rejections).
@frozen
public struct PIController: Sendable {
    /// Tuning of a `PIController`.
    @frozen
    public struct Parameters: Sendable {
        /// Integral gain on the previous error, `β₂` (0 gives a plain I controller).
        public var beta2: Double
        /// Safety factor applied to every proposal (dimensionless, < 1).
        public var safety: Double
        /// Smallest ratio `h_new / h`.
        public var minFactor: Double
        /// Largest ratio `h_new / h`.
        public var maxFactor: Double

        /// Creates parameters.
        public init(beta2: Double, safety: Double = 0.9, minFactor: Double = 0.2, maxFactor: Double = 10) {
            self.beta2 = beta2
            self.safety = safety
            self.minFactor = minFactor
            self.maxFactor = maxFactor
        }
    }

    @usableFromInline let parameters: Parameters
    @usableFromInline let beta1: Double
    @usableFromInline let rejectExponent: Double
    @usableFromInline var previousError = 1e-4
    @usableFromInline var lastWasRejected = false

    /// A controller for an error estimator of order `estimatorOrder`.
    @inlinable
    public init(estimatorOrder: Int, parameters: Parameters) {
        let q = Double(estimatorOrder + 1)
        self.parameters = parameters
        self.beta1 = 1 / q - 0.75 * parameters.beta2
        self.rejectExponent = 1 / q
    }

    /// Forgets the error history (after a discontinuity).
    @inlinable
    public mutating func reset() {
        previousError = 1e-4
        lastWasRejected = false
    }

    /// The next step size after a step of size `h` with error norm `error`, and records the outcome.
    @inlinable
    public mutating func propose(step h: Double, error: Double) -> Double {
        let p = parameters
        if error <= 1 {
            var factor: Double
            if error == 0 {
                factor = p.maxFactor
            } else {
                factor = p.safety * pow(error, -beta1) * pow(previousError, p.beta2)
                factor = min(p.maxFactor, max(p.minFactor, factor))
            }
            if lastWasRejected { factor = min(factor, 1) }
            previousError = max(error, 1e-4)
            lastWasRejected = false
            return h * factor
        }
        lastWasRejected = true
        if !error.isFinite { return h * 0.25 }
        return h * max(p.minFactor, p.safety * pow(error, -rejectExponent))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
