import Foundation

/// Builders of run plans: a `RunPlan`, run `i` having `index == i` and `id == "\(i + 1)"`. Grids
/// and populations make each run from its index when it is read (a shard of 10⁸ runs costs
/// memory in proportion to the shard); lists hold their rows; a Latin hypercube holds one
/// column of values per range. Plans are deterministic (from a seed where random), so every
/// shard of a plan (`Shard.select`) sees the same runs with the same indices and ids.
///
/// Invalid descriptions throw an `InputError` of kind `.data`, with `field` set to the name
/// concerned; a caller that took the values from command-line options may change `kind` to
/// `.usage`.
public enum SweepPlan {
    /// How a Latin-hypercube range is divided into strata.
    public enum Scale: String, Sendable, Equatable, CaseIterable {
        /// Equal-width strata of the value.
        case linear
        /// Equal-width strata of the logarithm of the value (for rate constants, affinities, …
        /// spanning orders of magnitude); the bounds must be positive.
        case log
    }

    /// The cartesian product of `axes`, the first axis varying slowest (like nested loops, the
    /// last axis innermost): `grid([("a", [1, 2]), ("b", [x, y])])` is `a=1 b=x`, `a=1 b=y`,
    /// `a=2 b=x`, `a=2 b=y`. Each run's assignments are in axis order. No axes give one run
    /// with no assignments (the base scenario).
    /// - Throws: `InputError` if an axis has no values, a name is repeated, or the product has
    ///   more than `Int.max` runs.
    public static func grid(_ axes: [(name: String, values: [Assignment.Value])]) throws(InputError) -> RunPlan {
        try checkUnique(axes.map(\.name))
        var count = 1
        for axis in axes {
            guard !axis.values.isEmpty else {
                throw InputError(.data, field: axis.name, "grid axis \(axis.name) has no values: expected at least one")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow else { throw InputError(.data, field: axis.name, "the grid has too many runs") }
            count = product
        }
        let names = axes.map(\.name)
        let values = axes.map(\.values)
        return RunPlan(count: count, assignmentNames: names) { index in
            // Mixed-radix digits of the index, the last axis fastest.
            var digits = [Int](repeating: 0, count: values.count), rest = index
            for k in values.indices.reversed() {
                digits[k] = rest % values[k].count
                rest /= values[k].count
            }
            return RunSpec(index: index, id: String(index + 1),
                           assignments: values.indices.map { Assignment(names[$0], values[$0][digits[$0]]) })
        }
    }

    /// An explicit list of runs, one per row, in row order (e.g. the rows of a CSV whose columns
    /// are input names).
    /// - Throws: `InputError` if a row assigns the same name twice (the field is `row N`).
    public static func list(_ rows: [[Assignment]]) throws(InputError) -> RunPlan {
        var plan: [RunSpec] = []
        plan.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            do throws(InputError) {
                try checkUnique(row.map(\.name))
            } catch {
                throw InputError(.data, field: "row \(index + 1)", error.problems[0].message)
            }
            plan.append(RunSpec(index: index, id: String(index + 1), assignments: row))
        }
        return RunPlan(plan)
    }

    /// A Latin hypercube of `count` points over `ranges` (McKay, Beckman & Conover,
    /// Technometrics 1979): each range is cut into `count` equal strata (of the value, or of its
    /// logarithm for `.log`), every stratum of every dimension holds exactly one point, and
    /// strata are paired across dimensions by independent random permutations; within its
    /// stratum a point is uniform. Deterministic from `seed`: the permutation and the positions of
    /// a dimension come from a stream keyed by `(seed, name)`, so they do not depend on the order
    /// or number of the other ranges.
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
        let n = Double(count)
        let columns: [[Double]] = ranges.map { r in
            var random = SubjectRandomStream(seed: seed, subject: 0, stream: SubjectRandomStream.key("lhs:" + r.name))
            let strata = random.permutation(count)
            let (lo, hi) = r.scale == .log ? (log(r.lower), log(r.upper)) : (r.lower, r.upper)
            return strata.map { stratum in
                let u = (Double(stratum) + random.nextUniform()) / n
                let x = lo + u * (hi - lo)
                return min(r.upper, max(r.lower, r.scale == .log ? exp(x) : x))
            }
        }
        let names = ranges.map(\.name)
        return RunPlan(count: count, assignmentNames: names) { i in
            RunSpec(index: i, id: String(i + 1), assignments: names.indices.map { Assignment(names[$0], .number(columns[$0][i])) })
        }
    }

    static func checkUnique(_ names: [String]) throws(InputError) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw InputError(.data, field: name, "\(name) is given more than once: expected each name once")
        }
    }
}
