/// The weighted root-mean-square error norm used by every method (Hairer, Nørsett & Wanner,
/// *Solving ODEs I*, eq. II.4.11):
///
/// `‖e‖ = sqrt( (1/n) Σ_i ( e_i / (atol_i + rtol · max(|y_i|, |ŷ_i|)) )² )`
///
/// where `y` and `ŷ` are the states at the start and end of the step. A step passes when `‖e‖ ≤ 1`.
public final class WeightedNorm {
    /// Number of components.
    public let dimension: Int
    /// Relative tolerance.
    public let rtol: Double
    /// Absolute tolerance of each component (state units).
    @usableFromInline let atol: UnsafeMutablePointer<Double>

    /// Expands `tolerance.atol` to one value per component.
    public init(dimension: Int, rtol: Double, atol: AbsoluteTolerance) {
        if case .perComponent(let values) = atol {
            precondition(values.count == dimension, "atol has \(values.count) components for \(dimension) states; validate the options first")
        }
        self.dimension = dimension
        self.rtol = rtol
        self.atol = .allocate(capacity: max(dimension, 1))
        for i in 0..<dimension { self.atol[i] = atol.value(at: i) }
    }

    deinit { atol.deallocate() }

    /// Scale of component `i` for states `a` and `b`: `atol_i + rtol · max(|a_i|, |b_i|)`.
    @inlinable @inline(__always)
    public func scale(_ i: Int, _ a: Double, _ b: Double) -> Double {
        atol[i] + rtol * max(abs(a), abs(b))
    }

    /// `‖error‖` with scales from `y` and `yNew`. NaN propagates (a NaN anywhere gives NaN).
    @inlinable
    public func norm(_ error: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                     _ yNew: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        for i in 0..<dimension {
            let r = error[i] / scale(i, y[i], yNew[i])
            sum += r * r
        }
        return (sum / Double(dimension)).squareRoot()
    }

    /// `‖v‖` with scales from `y` alone (used by the initial-step heuristic).
    @inlinable
    public func norm(_ v: UnsafePointer<Double>, scaledBy y: UnsafePointer<Double>) -> Double {
        norm(v, y, y)
    }
}
