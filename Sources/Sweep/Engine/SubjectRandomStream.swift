import Foundation

/// A deterministic random stream for one subject (or one run) of a plan, keyed by
/// `(seed, subject, stream)`: the numbers subject `i` sees depend on nothing else, not on the
/// thread count, the shard, or how many subjects are generated before it.
///
/// The generator is SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a 64-bit counter advanced by the
/// golden-ratio increment and passed through the Stafford "variant 13" finaliser. The starting
/// counter is the same finaliser applied to the key, one component at a time, so nearby seeds and
/// subjects give unrelated streams. Uniforms and normals are computed here (not with the standard
/// library's `random(in:using:)` or `shuffle(using:)`, whose algorithms may change between Swift
/// releases), so a seed gives the same plan on every toolchain with an IEEE `log`.
public struct SubjectRandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var state: UInt64
    @usableFromInline var spareNormal: Double?

    /// The stream of `subject` (0-based plan index) under `seed`; `stream` separates independent
    /// uses for the same subject (e.g. one per sampled quantity, see `key(_:)`).
    public init(seed: UInt64, subject: Int, stream: UInt64 = 0) {
        var s = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        s = Self.mix(s ^ UInt64(bitPattern: Int64(subject)))
        s = Self.mix(s &+ stream)
        state = s
        spareNormal = nil
    }

    /// The SplitMix64 finaliser (Stafford variant 13): a bijection of `UInt64` with full avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A stable 64-bit key for a name (FNV-1a over its UTF-8 bytes), for `stream:`. Unlike
    /// `Hasher`, it is the same in every process.
    public static func key(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform number in the open interval (0, 1): `(k + 0.5) / 2^53` for a random 53-bit `k`,
    /// so never exactly 0 or 1.
    @inlinable
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A uniform integer in `0 ..< bound` (`bound > 0`), without modulo bias (Lemire 2019).
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A standard normal N(0, 1) number by the Marsaglia polar method (pairs; the second of a pair
    /// is kept for the next call).
    @inlinable
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * nextUniform() - 1, v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// A random permutation of `0 ..< count` (Fisher–Yates with `nextInt(below:)`).
    public mutating func permutation(_ count: Int) -> [Int] {
        var p = Array(0..<count)
        var i = count - 1
        while i > 0 {
            p.swapAt(i, nextInt(below: i + 1))
            i -= 1
        }
        return p
    }
}
