/// The Sobol' low-discrepancy sequence in [0, 1)^d, unscrambled, with the Joe–Kuo direction numbers
/// (new-joe-kuo-6.21201, `SobolSequence+JoeKuo.swift`), up to `maximumDimensions` dimensions and
/// 2³² points.
///
/// Point n (0-based, starting with the origin) is built in Gray-code order (Antonov & Saleev 1979;
/// Bratley & Fox, ACM TOMS 14 (1988) 88–100): xₙ₊₁ = xₙ ⊕ V_c where c is the position of the lowest
/// zero bit of n, so every coordinate is a multiple of 2⁻³². The first point is not dropped (Owen,
/// "On dropping the first Sobol' point", 2022: dropping it spoils the balance of the first 2ᵐ
/// points). The points equal SciPy's `scipy.stats.qmc.Sobol(d, scramble=False)`.
public struct SobolSequence: Sendable {
    /// The number of dimensions the embedded table supports (dimension 1 plus Joe–Kuo's 2…128).
    public static let maximumDimensions = 1 + joeKuo.count

    /// Dimensions d of each point.
    public let dimensions: Int
    /// Direction integers, `directions[k * dimensions + j]` = V_{k+1} of dimension j (k < 32).
    private let directions: [UInt32]

    /// A generator of `dimensions`-dimensional points.
    /// - Precondition: 1 ≤ dimensions ≤ `maximumDimensions`.
    public init(dimensions: Int) {
        precondition((1...Self.maximumDimensions).contains(dimensions),
                     "a Sobol' sequence has 1…\(Self.maximumDimensions) dimensions")
        self.dimensions = dimensions
        var v = [UInt32](repeating: 0, count: 32 * dimensions)
        for j in 0..<dimensions {
            var column = [UInt32](repeating: 0, count: 32)
            if j == 0 {
                // Dimension 1 is the van der Corput sequence: V_k = 2^(32−k).
                for k in 0..<32 { column[k] = 1 << (31 - k) }
            } else {
                let (s, a, m) = Self.joeKuo[j - 1]
                for k in 0..<min(s, 32) { column[k] = m[k] << (31 - k) }
                // V_k = V_{k−s} ⊕ (V_{k−s} ≫ s) ⊕ a₁V_{k−1} ⊕ … ⊕ a_{s−1}V_{k−s+1} (Joe & Kuo 2008, eq. 2
                // in the bit form of Bratley & Fox).
                if s < 32 {
                    for k in s..<32 {
                        var x = column[k - s] ^ (column[k - s] >> UInt32(s))
                        for i in 1..<s where (a >> UInt32(s - 1 - i)) & 1 == 1 { x ^= column[k - i] }
                        column[k] = x
                    }
                }
            }
            for k in 0..<32 { v[k * dimensions + j] = column[k] }
        }
        directions = v
    }

    /// The first `count` points, row-major: `points[n * dimensions + j]` is coordinate j of point n.
    /// - Precondition: 0 ≤ count ≤ 2³².
    public func points(_ count: Int) -> [Double] {
        precondition(count >= 0 && UInt64(count) <= 1 << 32, "a 32-bit Sobol' sequence has at most 2^32 points")
        var result = [Double](repeating: 0, count: count * dimensions)
        var x = [UInt32](repeating: 0, count: dimensions)
        let scale = 1.0 / 4_294_967_296.0   // 2⁻³²
        for n in 0..<count {
            if n > 0 {
                let c = (~(n - 1)).trailingZeroBitCount   // lowest zero bit of n − 1
                for j in 0..<dimensions { x[j] ^= directions[c * dimensions + j] }
            }
            for j in 0..<dimensions { result[n * dimensions + j] = Double(x[j]) * scale }
        }
        return result
    }
}
