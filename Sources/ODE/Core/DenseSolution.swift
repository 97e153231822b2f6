/// A continuous solution over the whole integrated span: the methods' own step interpolants,
/// one polynomial per accepted step.
///
/// At a stop time where the state jumped, the value is the left limit (the state before the jump),
/// like the saved states.
public struct DenseSolution: Sendable {
    /// Number of states.
    public let dimension: Int
    /// Start of each segment, increasing.
    @usableFromInline var starts: [Double] = []
    /// End of each segment.
    @usableFromInline var ends: [Double] = []
    /// Step size that defines θ for each segment (may exceed `end - start` after a terminal event).
    @usableFromInline var steps: [Double] = []
    /// Polynomial degree of each segment.
    @usableFromInline var degrees: [Int] = []
    /// Offset of each segment's coefficients in `coefficients`.
    @usableFromInline var offsets: [Int] = []
    /// `c[offset + p * n + i]`, `y_i(start + θ·step) = Σ_p c_p,i θ^p`.
    @usableFromInline var coefficients: [Double] = []

    @usableFromInline init(dimension: Int) { self.dimension = dimension }

    /// First time covered.
    public var startTime: Double { starts.first ?? .nan }
    /// Last time covered.
    public var endTime: Double { ends.last ?? .nan }
    /// Number of polynomial segments (accepted steps).
    public var segmentCount: Int { starts.count }

    @usableFromInline
    mutating func append(start: Double, end: Double, step: Double, degree: Int, coefficients c: UnsafePointer<Double>) {
        starts.append(start)
        ends.append(end)
        steps.append(step)
        degrees.append(degree)
        offsets.append(coefficients.count)
        coefficients.append(contentsOf: UnsafeBufferPointer(start: c, count: (degree + 1) * dimension))
    }

    @usableFromInline
    mutating func truncateLast(at end: Double) {
        if !ends.isEmpty { ends[ends.count - 1] = end }
    }

    /// The state at `t`, which must lie in `startTime ... endTime`.
    public func callAsFunction(_ t: Double) -> [Double] {
        var out = [Double](repeating: 0, count: dimension)
        out.withUnsafeMutableBufferPointer { evaluate(at: t, into: $0) }
        return out
    }

    /// Writes the state at `t` into `out` (`dimension` elements) without allocating.
    public func evaluate(at t: Double, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(!starts.isEmpty, "dense output is empty: was SolverOptions.denseOutput set?")
        precondition(t >= startTime && t <= endTime,
                     "t = \(t) is outside the dense output's span \(startTime) ... \(endTime)")
        // Segment whose (start, end] holds t; the first segment also holds its start.
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        let theta = steps[lo] == 0 ? 0 : (t - starts[lo]) / steps[lo]
        coefficients.withUnsafeBufferPointer { c in
            evaluatePolynomial(c.baseAddress! + offsets[lo], degree: degrees[lo], dimension: dimension,
                               at: theta, into: out.baseAddress!)
        }
    }
}

/// `out_i = Σ_{p=0}^{degree} c[p·n + i] θ^p` by Horner's rule.
@inlinable
func evaluatePolynomial(_ c: UnsafePointer<Double>, degree: Int, dimension n: Int, at theta: Double,
                        into out: UnsafeMutablePointer<Double>) {
    out.update(from: c + degree &* n, count: n)
    var p = degree - 1
    while p >= 0 {
        let cp = c + p &* n
        for i in 0..<n { out[i] = out[i] * theta + cp[i] }
        p -= 1
    }
}
