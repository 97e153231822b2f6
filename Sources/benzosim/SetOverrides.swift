import Pharmacology
import Sweep

/// `--set NAME=VALUE` on a value that a column of the `--events` table also gives (`--set CL=1.9`
/// with a `CL` column, `--set weight=80` with `WT`). The precedence is documented in
/// Docs/EVENT_TABLES.md §6: a value of the data wins over `--set`; a subject whose cells of the
/// column are all empty keeps the `--set` value. Every command applies it so (simulate, population
/// and sweep build each individual on the `--set` scenario and then apply its data), but the
/// `--set` would be unused without a word where the data gives a value: these notes say it once,
/// on standard error and in the manifest, with how to get the other value.
enum SetOverrides {
    /// The assignment name a column sets (`CL`, `weight`, `age`, `sex`, `cyp2c19`), or `nil`.
    static func name(of role: EventTableColumns.Role) -> String? {
        switch role {
        case .parameter(let p): return p.definition.name
        case .weight: return "weight"
        case .age: return "age"
        case .sex: return "sex"
        case .cyp2c19: return "cyp2c19"
        case .record, .unused: return nil
        }
    }

    /// One sentence per `--set` (the last one of a name, which is the one applied) that a column of
    /// `table` overrides: the option, the column, for how many subjects, which subjects keep the
    /// `--set` value, and how to fix it either way. Empty when no column gives a `--set` name.
    static func notes(assignments: [Assignment], table: EventTable, columns: EventTableColumns) -> [String] {
        var notes: [String] = []
        for (k, assignment) in assignments.enumerated()
        where !assignments[(k + 1)...].contains(where: { $0.name == assignment.name }) {
            for (c, role) in columns.roles.enumerated() where name(of: role) == assignment.name {
                let column = columns.columnNames[c]
                // The same test as the reader of the values (`EventTableColumns.values(of:)`): "" and "." are empty.
                let empty = table.subjects.filter { subject in
                    !subject.records.contains { !$0.cells[c].isEmpty && $0.cells[c] != "." }
                }.map(\.id)
                let given = table.subjects.count - empty.count
                guard given > 0 else { continue }
                let option = "--set \(assignment.name)=\(assignment.value)"
                let varying = columns.timeVaryingNames.contains(column) ? " (changing with time)" : ""
                let precedence = "a value of the data wins over --set (Docs/EVENT_TABLES.md §6)"
                if empty.isEmpty {
                    notes.append("column \(column)\(varying) gives \(assignment.name) for every subject (\(given)), so \(option) is not used: "
                                 + "\(precedence). To use \(assignment.value), drop the column \(column) from \(columns.file); "
                                 + "to use the data's values, drop \(option)")
                } else {
                    let shown = empty.prefix(5).joined(separator: ", ") + (empty.count > 5 ? " and \(empty.count - 5) more" : "")
                    notes.append("column \(column)\(varying) gives \(assignment.name) for \(given) of \(table.subjects.count) subjects, "
                                 + "which use the data's values: \(precedence); \(option) applies only to the \(empty.count) whose "
                                 + "\(column) cells are empty (ID \(shown)). To use \(assignment.value) for every subject, drop the "
                                 + "column \(column) from \(columns.file); to use the data's values alone, drop \(option)")
                }
            }
        }
        return notes
    }
}
