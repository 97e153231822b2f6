import Foundation

extension SweepPlan {
    /// How a Latin-hypercube range is divided into strata.
    public enum Scale: String, Sendable, Equatable, CaseIterable {
        /// Equal-width strata of the value.
        case linear
        /// Equal-width strata of the logarithm of the value (for rate constants, affinities, …
        /// spanning orders of magnitude); the bounds must be positive.
        case log
    }

    /// A Latin hypercube of `count` points over `ranges` (McKay, Beckman & Conover,
    /// Technometrics 1979): each range is cut into `count` equal strata (of the value, or of its
    /// logarithm for `.log`), every stratum of every dimension holds exactly one point, and
    /// strata are paired across dimensions by independent random permutations; within its
    /// stratum a point is uniform.
    ///
    /// Run `k` is computed on its own, so the plan is lazy like a grid: in dimension `d` its
    /// stratum is `π_d(k)`, where `π_d` is a `StratumPermutation` of `0 ..< count` (a keyed
    /// bijection, so every stratum gets exactly one run), and its position in the stratum is a
    /// uniform `u` in (0, 1) drawn from the `SubjectRandomStream` of run `k`; the value is the
    /// range at `(π_d(k) + u) / count` (of the logarithm for `.log`). The key of `π_d` and the
    /// stream of `u` come from `(seed, name of d)`, so a dimension's values do not depend on the
    /// order or number of the other ranges, nor on the shard or thread that computes them.
    /// (Before this construction the design was built whole by shuffling; the points a seed gives
    /// changed once, when it was introduced.)
    /// - Throws: `InputError` for a negative count, repeated names, non-finite bounds,
    ///   `lower > upper`, or a log scale with `lower ≤ 0`.
    public static func latinHypercube(ranges: [(name: String, lower: Double, upper: Double, scale: Scale)],
                                      count: Int, seed: UInt64) throws(InputError) -> RunPlan {
        guard count >= 0 else { throw InputError(.data, field: "count", "count = \(count): expected a number of runs ≥ 0") }
        try checkUnique(ranges.map(\.name))
        for r in ranges {
            guard r.lower.isFinite, r.upper.isFinite, r.lower <= r.upper else {
                throw InputError(.data, field: r.name,
                                 "range \(r.lower)...\(r.upper): expected finite bounds with lower ≤ upper")
            }
            if r.scale == .log && r.lower <= 0 {
                throw InputError(.data, field: r.name,
                                 "range \(r.lower)...\(r.upper) on a log scale: expected bounds > 0")
            }
        }
        let dimensions = ranges.map { LatinHypercubeDimension($0, count: count, seed: seed) }
        let names = ranges.map(\.name)
        return RunPlan(count: count, assignmentNames: names) { k in
            RunSpec(index: k, id: String(k + 1), assignments: dimensions.map { Assignment($0.name, .number($0.value(run: k))) })
        }
    }
}

/// One range of a Latin hypercube: its stratum permutation and the key of its positions.
struct LatinHypercubeDimension: Sendable {
    let name: String
    let lower: Double, upper: Double, scale: SweepPlan.Scale
    let strata: StratumPermutation
    let seed: UInt64, stream: UInt64

    init(_ range: (name: String, lower: Double, upper: Double, scale: SweepPlan.Scale), count: Int, seed: UInt64) {
        (name, lower, upper, scale) = range
        var keys = SubjectRandomStream(seed: seed, subject: 0, stream: SubjectRandomStream.key("lhs-strata:" + range.name))
        strata = StratumPermutation(count: count, key: keys.next())
        self.seed = seed
        stream = SubjectRandomStream.key("lhs:" + range.name)
    }

    /// The value of run `k`: uniform in stratum `strata[k]` (of the log for `.log`), within the
    /// bounds despite rounding.
    func value(run k: Int) -> Double {
        var random = SubjectRandomStream(seed: seed, subject: k, stream: stream)
        let stratum = strata[k]
        // `stratum + u` can round up to the next stratum's edge for large counts; keep it below.
        let position = min(Double(stratum) + random.nextUniform(), Double(stratum + 1).nextDown)
        let u = position / Double(strata.count)
        let (lo, hi) = scale == .log ? (log(lower), log(upper)) : (lower, upper)
        let x = lo + u * (hi - lo)
        return min(upper, max(lower, scale == .log ? exp(x) : x))
    }
}
