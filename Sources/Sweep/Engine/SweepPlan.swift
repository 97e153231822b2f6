import Foundation

/// Builders of run plans: a `RunPlan`, run `i` having `index == i` and `id == "\(i + 1)"`. Grids
/// and populations make each run from its index when it is read (a shard of 10⁸ runs costs
/// memory in proportion to the shard), and so do Latin hypercubes (see `latinHypercube`); lists
/// hold their rows. Plans are deterministic (from a seed where random), so every
/// shard of a plan (`Shard.select`) sees the same runs with the same indices and ids.
///
/// Invalid descriptions throw an `InputError` of kind `.data`, with `field` set to the name
/// concerned; a caller that took the values from command-line options may change `kind` to
/// `.usage`.
public enum SweepPlan {
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

    static func checkUnique(_ names: [String]) throws(InputError) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw InputError(.data, field: name, "\(name) is given more than once: expected each name once")
        }
    }
}
