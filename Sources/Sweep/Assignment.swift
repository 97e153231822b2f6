/// A value given to a named input for one run: a parameter (`k_syn`), a covariate (`weight`,
/// `age`, `sex`, `cyp2c19`, `species`, `tspo_knockout`) or a regimen placeholder (`dose` for a
/// regimen written as `{dose}mg po q24h for 180d`).
public struct Assignment: Sendable, Equatable {
    /// A number or a word (sex, phenotype, species, …).
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        /// A number (in the input's own unit).
        case number(Double)
        /// A word.
        case text(String)

        /// The value as written in CSV output and manifests.
        public var description: String {
            switch self {
            case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
            case .text(let s): return s
            }
        }
    }

    /// The input's name.
    public var name: String
    /// Its value for this run.
    public var value: Value

    /// Creates an assignment.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// One run of a sweep or population: its 0-based index (stable across shards and thread counts)
/// and the assignments that make it different from the base scenario.
public struct RunSpec: Sendable, Equatable {
    /// 0-based position in the full, unsharded plan.
    public var index: Int
    /// Subject or run identifier written in the output (`index + 1` unless an event table names it).
    public var id: String
    /// What this run changes.
    public var assignments: [Assignment]

    /// Creates a run.
    public init(index: Int, id: String, assignments: [Assignment]) {
        self.index = index
        self.id = id
        self.assignments = assignments
    }
}
