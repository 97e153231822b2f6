/// The K-th of N deterministic slices of a plan (`--shard K/N`), 1 ≤ K ≤ N.
///
/// Shard K of a plan of M runs is the contiguous block of runs ⌊(K−1)·M/N⌋ ..< ⌊K·M/N⌋: the
/// shards partition the plan in order and differ in size by at most one, so the N outputs
/// concatenated (the header kept once) are the unsharded output byte for byte. Runs keep their
/// plan index and id, and random values are keyed by (seed, index), so a run is the same in
/// every shard layout.
public struct Shard: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// K, 1-based.
    public let index: Int
    /// N ≥ 1.
    public let count: Int

    /// The whole plan (`1/1`).
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Shard `index` of `count`.
    /// - Throws: a usage `InputError` (field `--shard`) unless 1 ≤ index ≤ count.
    public init(index: Int, count: Int) throws(InputError) {
        guard count >= 1 else {
            throw InputError(.usage, field: "--shard", "shard \(index)/\(count): N must be at least 1")
        }
        guard (1...count).contains(index) else {
            throw InputError(.usage, field: "--shard", "shard \(index)/\(count): K must be between 1 and N")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `K/N`, e.g. `3/8` (spaces around the numbers are allowed).
    /// - Throws: a usage `InputError` naming the text, e.g. `shard 5/4: K must be between 1 and N`,
    ///   or `shard x: expected K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/8`.
    public init(parse text: String) throws(InputError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let k = Int(parts[0].trimmingSpaces()), let n = Int(parts[1].trimmingSpaces()) else {
            throw InputError(.usage, field: "--shard", "shard \(text): expected K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/8")
        }
        try self.init(index: k, count: n)
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether this is the whole plan (N = 1).
    public var isWhole: Bool { count == 1 }

    /// The plan positions of this shard in a plan of `total` runs: ⌊(K−1)·M/N⌋ ..< ⌊K·M/N⌋.
    public func range(inPlanOf total: Int) -> Range<Int> {
        precondition(total >= 0, "a plan has a non-negative size")
        func boundary(_ k: Int) -> Int {
            // k·M/N without overflow for any M.
            let product = k.multipliedFullWidth(by: total)
            return count.dividingFullWidth((high: product.high, low: product.low)).quotient
        }
        return boundary(index - 1)..<boundary(index)
    }

    /// This shard's runs of `plan`, in plan order.
    public func select(_ plan: RunPlan) -> RunPlan {
        let r = range(inPlanOf: plan.count)
        return plan[(plan.startIndex + r.lowerBound)..<(plan.startIndex + r.upperBound)]
    }
}

fileprivate extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
