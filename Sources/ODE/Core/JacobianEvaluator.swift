/// Evaluates `∂f/∂y` for a system: its analytic Jacobian when it has one, otherwise forward
/// differences with the increment of Hairer & Wanner's RADAU5 / scipy's `num_jac` family,
/// `δ_j = sqrt(ε · max(1e-5, |y_j|))`, one extra evaluation of `f` per column.
///
/// Work buffers are allocated once; `evaluate` does not allocate.
///
/// Mutable stored properties are `@exclusivity(unchecked)`: an instance is used by one thread and
/// never hands out overlapping `inout` accesses, and the runtime checks cost 20–30% of a step on small
/// systems (Van der Pol with Rodas5P: 2.18 → 1.52 ms, `Benchmarks/ComparisonRunner`).
public final class JacobianEvaluator<System: ODESystem> {
    /// The system.
    public let system: System
    @usableFromInline let n: Int
    @usableFromInline let perturbed: UnsafeMutablePointer<Double>
    @usableFromInline let shifted: UnsafeMutablePointer<Double>
    /// Right-hand-side evaluations spent on finite differences.
    public var rhsEvaluations: Int { differenceEvaluations }
    /// Jacobian evaluations (analytic or finite-difference).
    public var evaluations: Int { jacobianEvaluations }
    @exclusivity(unchecked) @usableFromInline var differenceEvaluations = 0
    @exclusivity(unchecked) @usableFromInline var jacobianEvaluations = 0

    /// An evaluator for `system`.
    public init(system: System) {
        self.system = system
        n = system.dimension
        perturbed = .allocate(capacity: max(n, 1))
        shifted = .allocate(capacity: max(n, 1))
    }

    deinit { perturbed.deallocate(); shifted.deallocate() }

    /// Writes `J = ∂f/∂y (t, y)` into `jacobian` (`n × n`). `f0` must be `f(t, y)`; it is used only
    /// for finite differences.
    @inlinable
    public func evaluate(at t: Double, state y: UnsafePointer<Double>, derivative f0: UnsafePointer<Double>,
                         into jacobian: MatrixView) {
        jacobianEvaluations += 1
        let state = UnsafeBufferPointer(start: y, count: n)
        if system.hasAnalyticJacobian {
            system.jacobian(at: t, state: state, into: jacobian)
            return
        }
        perturbed.update(from: y, count: n)
        let root = Double.ulpOfOne.squareRoot()
        for j in 0..<n {
            let yj = y[j]
            let delta = root * max(1e-5, abs(yj))
            perturbed[j] = yj + delta
            let step = perturbed[j] - yj   // the increment actually represented
            system.derivatives(at: t, state: UnsafeBufferPointer(start: perturbed, count: n),
                               into: UnsafeMutableBufferPointer(start: shifted, count: n))
            differenceEvaluations += 1
            for i in 0..<n { jacobian[i, j] = (shifted[i] - f0[i]) / step }
            perturbed[j] = yj
        }
    }
}
