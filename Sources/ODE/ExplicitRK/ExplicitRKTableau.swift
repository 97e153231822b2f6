/// The Butcher tableau of an embedded explicit Runge–Kutta pair, with its continuous extension.
///
/// Stages `0 ..< stageCount` make the step. When `isFSAL` is `true` the last of them is evaluated
/// at `(t + h, y_new)`: its row of `a` equals `b` and its `c` is 1, so it is reused as stage 0 of
/// the next step. Stages `stageCount ..< c.count` exist only for dense output and are evaluated
/// when an interpolant is requested.
///
/// The interpolant is `y(t + θh) = y + h Σ_i K_i Σ_{p=1}^{degree} interpolation[i][p-1] θ^p`.
public struct ExplicitRKTableau: Sendable {
    /// Order of the propagated solution.
    public let order: Int
    /// Order of the error estimate that controls the step size.
    public let estimatorOrder: Int
    /// Stages of one step (including the FSAL stage).
    public let stageCount: Int
    /// Whether the last step stage is `f(t + h, y_new)`.
    public let isFSAL: Bool
    /// Nodes of every stage (step and dense-output stages), as fractions of `h`.
    public let c: [Double]
    /// Lower-triangular coupling: `a[s]` has `s` entries.
    public let a: [[Double]]
    /// Weights of the propagated solution over the step stages.
    public let b: [Double]
    /// Error weights over the step stages: the local error estimate is `h Σ e_i K_i`.
    public let errorWeights: [Double]
    /// A second, lower-order estimate combined as in Hairer's DOP853:
    /// `err = err₅² / sqrt(err₅² + 0.01 err₃²)`, with `errorWeights` as `err₅`. `nil` for other pairs.
    public let secondaryErrorWeights: [Double]?
    /// Dense-output polynomial coefficients, `interpolation[stage][p - 1]` multiplies `θ^p`.
    public let interpolation: [[Double]]
    /// Step-size controller tuning recommended for this pair.
    public let controller: PIController.Parameters
    /// `|hλ|` where the stability region meets the negative real axis, for stiffness detection
    /// (Hairer & Wanner's DOPRI5: 3.25, DOP853: 6.1).
    public let stabilityBoundary: Double

    /// Degree in θ of the dense output.
    public var interpolantDegree: Int { interpolation.first?.count ?? 0 }

    /// Creates a tableau; checks only the shapes (consistency of the coefficients is tested).
    public init(order: Int, estimatorOrder: Int, stageCount: Int, isFSAL: Bool,
                c: [Double], a: [[Double]], b: [Double], errorWeights: [Double],
                secondaryErrorWeights: [Double]? = nil, interpolation: [[Double]],
                controller: PIController.Parameters, stabilityBoundary: Double) {
        precondition(c.count == a.count && c.count >= stageCount, "tableau: c and a must cover every stage")
        precondition(a.enumerated().allSatisfy { $0.element.count == $0.offset }, "tableau: a must be strictly lower triangular")
        precondition(b.count == stageCount && errorWeights.count == stageCount, "tableau: b and e cover the step stages")
        precondition(interpolation.count == c.count, "tableau: one interpolation row per stage")
        self.order = order
        self.estimatorOrder = estimatorOrder
        self.stageCount = stageCount
        self.isFSAL = isFSAL
        self.c = c
        self.a = a
        self.b = b
        self.errorWeights = errorWeights
        self.secondaryErrorWeights = secondaryErrorWeights
        self.interpolation = interpolation
        self.controller = controller
        self.stabilityBoundary = stabilityBoundary
    }
}

/// An explicit Runge–Kutta method: a name and a tableau. Adding a method is one file declaring a
/// caseless enum that conforms, plus one case in `ODEMethod`.
public protocol ExplicitRKMethod {
    /// The method's tableau.
    static var tableau: ExplicitRKTableau { get }
    /// Short name used in reports, e.g. `"DP5"`.
    static var name: String { get }
}
