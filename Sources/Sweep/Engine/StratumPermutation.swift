/// A keyed pseudo-random permutation of `0 ..< count` evaluated one element at a time, in O(1)
/// memory: `self[k]` is computed from `k` alone, so a Latin hypercube can give run `k` its
/// stratum without building the permutation of all runs (a shard of 10⁸ runs costs memory in
/// proportion to the shard).
///
/// Construction (format-preserving encryption, Black & Rogaway, "Ciphers with arbitrary finite
/// domains", CT-RSA 2002): a balanced Feistel network of `rounds` rounds on `2h`-bit words, where
/// `4^h` is the smallest power of 4 ≥ `count`, with "cycle-walking" — the network is applied again
/// while the result is ≥ `count`. Each Feistel round `(L, R) → (R, L ⊕ F_r(R))` is invertible
/// whatever `F_r`, so the network is a bijection of `0 ..< 4^h`; cycle-walking restricts it to a
/// bijection of `0 ..< count` (the cycle through `k < count` returns to `0 ..< count`). Since
/// `4^h < 4·count`, a walk takes fewer than 4 applications on average. The round function is the
/// SplitMix64 finaliser of the half word plus a round key; Luby & Rackoff (SIAM J. Comput. 1988)
/// show 4 rounds already make a pseudo-random permutation from pseudo-random round functions.
public struct StratumPermutation: Sendable, Equatable {
    /// The size of the permuted set.
    public let count: Int
    /// Bits per half word (`h`; `4^h ≥ count`).
    let halfBits: Int
    /// One key per round.
    let roundKeys: [UInt64]

    /// Rounds of the Feistel network.
    static let rounds = 6

    /// The permutation of `0 ..< count` (`count ≥ 0`) keyed by `key`: different keys give
    /// unrelated permutations.
    public init(count: Int, key: UInt64) {
        precondition(count >= 0, "count must be ≥ 0")
        self.count = count
        var h = 0
        // Smallest h with 4^h ≥ count; 2h ≤ 64 for every Int count.
        while h < 32 && (UInt64(1) << UInt64(2 * h)) < UInt64(count) { h += 1 }
        halfBits = h
        var keys = SubjectRandomStream(seed: key, subject: 0)
        roundKeys = (0..<Self.rounds).map { _ in keys.next() }
    }

    /// The image of `k` (`0 ≤ k < count`).
    public subscript(k: Int) -> Int {
        precondition(k >= 0 && k < count, "\(k) is outside 0..<\(count)")
        var x = UInt64(k)
        repeat { x = feistel(x) } while x >= UInt64(count)
        return Int(x)
    }

    /// One pass of the Feistel network over `0 ..< 4^halfBits`.
    func feistel(_ x: UInt64) -> UInt64 {
        guard halfBits > 0 else { return x }
        let h = UInt64(halfBits)
        let mask: UInt64 = h == 32 ? 0xFFFF_FFFF : (1 << h) - 1
        var left = x >> h, right = x & mask
        for key in roundKeys {
            (left, right) = (right, left ^ (SubjectRandomStream.mix(right &+ key) & mask))
        }
        return left << h | right
    }
}
