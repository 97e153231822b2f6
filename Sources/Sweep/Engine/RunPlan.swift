/// A plan of runs made on demand: run `i` is computed from its index when it is read, so a plan
/// of 10⁸ subjects costs nothing until its runs execute, and a shard (`Shard.select`) costs
/// memory in proportion to the shard, not the plan. Reading run `i` twice gives the same run.
///
/// Run `i` has `index == i` and, unless the plan says otherwise, `id == "\(i + 1)"`; a shard
/// keeps the indices and ids of the whole plan.
public struct RunPlan: RandomAccessCollection, Sendable {
    /// The plan positions this (sub)plan covers.
    public let indices: Range<Int>
    /// The names the plan assigns, in order of first appearance: the assignment columns of the
    /// summary CSV and the manifest, the same for every shard.
    public let assignmentNames: [String]
    let make: @Sendable (Int) -> RunSpec

    /// A plan of `count` runs, run `i` being `run(i)`.
    public init(count: Int, assignmentNames: [String], run: @escaping @Sendable (Int) -> RunSpec) {
        self.init(indices: 0..<Swift.max(0, count), assignmentNames: assignmentNames, make: run)
    }

    /// A plan of the runs given (run `i` being `runs[i]`), its names collected from them.
    public init(_ runs: [RunSpec]) {
        var seen = Set<String>(), names: [String] = []
        for run in runs {
            for a in run.assignments where seen.insert(a.name).inserted { names.append(a.name) }
        }
        self.init(count: runs.count, assignmentNames: names) { runs[$0] }
    }

    init(indices: Range<Int>, assignmentNames: [String], make: @escaping @Sendable (Int) -> RunSpec) {
        self.indices = indices
        self.assignmentNames = assignmentNames
        self.make = make
    }

    /// The first position.
    public var startIndex: Int { indices.lowerBound }
    /// One past the last position.
    public var endIndex: Int { indices.upperBound }

    /// Run `position` (a position of the whole plan), computed now.
    public subscript(position: Int) -> RunSpec {
        precondition(indices.contains(position), "run \(position) is outside the plan's positions \(indices)")
        return make(position)
    }

    /// The runs at `bounds`, as a plan that keeps their positions, indices and ids.
    public subscript(bounds: Range<Int>) -> RunPlan {
        precondition(bounds.clamped(to: indices) == bounds, "runs \(bounds) are outside the plan's positions \(indices)")
        return RunPlan(indices: bounds, assignmentNames: assignmentNames, make: make)
    }
}
