/// An ordinary differential equation `dy/dt = f(t, y)` with a fixed number of states.
///
/// Conform a struct (or final class) to this protocol and the solvers specialise on it: the
/// right-hand side is called directly, never through an existential, so keep it plain arithmetic
/// on the buffers. It must not retain the buffers past the call. If the conforming struct is large
/// (dozens of constants), mark `derivatives` `@inline(__always)`: called out of line, Swift copies
/// the whole struct for every call (measured: 448 bytes per stage for a 50-constant model).
///
/// ```swift
/// struct Decay: ODESystem {
///     var k = 0.5                                   // 1/h
///     var dimension: Int { 1 }
///     func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>,
///                      into dy: UnsafeMutableBufferPointer<Double>) {
///         dy[0] = -k * y[0]
///     }
/// }
/// ```
public protocol ODESystem {
    /// Number of states `n`; every state and derivative buffer has exactly this many elements.
    var dimension: Int { get }

    /// Writes `f(t, y)` into `dy` (`dy.count == y.count == dimension`).
    func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>,
                     into dy: UnsafeMutableBufferPointer<Double>)

    /// `true` when `jacobian(at:state:into:)` is implemented analytically. When `false` (the
    /// default) solvers that need `∂f/∂y` use forward finite differences instead.
    var hasAnalyticJacobian: Bool { get }

    /// Writes the Jacobian `J[i, j] = ∂f_i/∂y_j` at `(t, y)` into the `n × n` view `jacobian`.
    /// Only called when `hasAnalyticJacobian` is `true`. Every element must be written.
    func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into jacobian: MatrixView)
}

extension ODESystem {
    /// Systems without an analytic Jacobian get finite differences.
    @inlinable public var hasAnalyticJacobian: Bool { false }

    /// Never called when `hasAnalyticJacobian` is `false`.
    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into jacobian: MatrixView) {
        preconditionFailure("\(Self.self) has no analytic Jacobian; set hasAnalyticJacobian = true and implement jacobian(at:state:into:)")
    }
}

/// An `ODESystem` made from closures: handy for scripts and tests. For speed in hot loops prefer a
/// struct conforming to `ODESystem`, which the compiler can inline.
public struct ClosureSystem: ODESystem {
    /// Number of states.
    public let dimension: Int
    @usableFromInline let rhs: (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    @usableFromInline let jac: ((Double, UnsafeBufferPointer<Double>, MatrixView) -> Void)?

    /// - Parameters:
    ///   - dimension: number of states.
    ///   - derivatives: writes `f(t, y)` into its third argument.
    ///   - jacobian: optional analytic `∂f/∂y`, written column-major into the view.
    public init(dimension: Int,
                derivatives: @escaping (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
                jacobian: ((Double, UnsafeBufferPointer<Double>, MatrixView) -> Void)? = nil) {
        self.dimension = dimension
        self.rhs = derivatives
        self.jac = jacobian
    }

    @inlinable
    public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>,
                            into dy: UnsafeMutableBufferPointer<Double>) {
        rhs(t, y, dy)
    }

    @inlinable public var hasAnalyticJacobian: Bool { jac != nil }

    @inlinable
    public func jacobian(at t: Double, state y: UnsafeBufferPointer<Double>, into jacobian: MatrixView) {
        jac!(t, y, jacobian)
    }
}
