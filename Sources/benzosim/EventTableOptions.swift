import ArgumentParser
import Foundation
import Pharmacology
import Sweep

/// How an event table (`--events`) is read and what its output rows carry; `--outputs` applies to
/// every trajectory. See Docs/EVENT_TABLES.md.
struct EventTableOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Field separator of the event table: comma, tab, semicolon or blank (default: detected from the header line).", valueName: "name"))
    var separator: String?

    @Option(help: ArgumentHelp("Numeric SEX codes of the event table, e.g. 1=male,2=female (default 0=male,1=female; M/F always read).", valueName: "CODE=NAME,..."))
    var sexCoding: String?

    @Option(help: ArgumentHelp("Numeric CYP2C19 codes of the event table, e.g. 0=normal,1=intermediate,2=poor (default 1=normal,2=intermediate,3=poor; names and EM/IM/PM always read).", valueName: "CODE=NAME,..."))
    var cyp2c19Coding: String?

    @Option(help: ArgumentHelp("Unit of the event table's AMT: mg (default) or mg/kg (times the subject's WT; RATE is then mg/kg/h).", valueName: "mg|mg/kg"))
    var amountUnit: String = "mg"

    @Option(help: ArgumentHelp("How a WT, AGE or parameter value that changes within a subject applies between rows: nocb (default, as NONMEM: a row's value applies from the previous row's time up to its own) or locf (from its own time up to the next row's).", valueName: "nocb|locf"))
    var covariates: String = "nocb"

    @Option(help: ArgumentHelp("Copy these event-table columns (any case, comma-separated, e.g. DV,EVID,CMT) into each output row.", valueName: "COL,..."))
    var carryOut: String?

    @Flag(help: "Add a tad_h column: the time since the most recent dose (h), empty before the first dose. At a steady-state (SS) dose's trough it counts from the implied dose II h before, and after a reset (EVID 3) it is empty until the next dose (after EVID 4, it counts from that row's dose).")
    var tad = false

    @Option(help: ArgumentHelp("Write only these outputs, comma-separated, e.g. dz_plasma_ng_per_mL,withdrawal (default: all).", valueName: "list"))
    var outputs: String?

    func validate() throws {
        if let separator, EventTableSeparator(rawValue: separator.lowercased()) == nil {
            throw ValidationError("--separator '\(separator)' is not a separator; use comma, tab, semicolon or blank")
        }
        if amountUnit != "mg" && amountUnit != "mg/kg" {
            throw ValidationError("--amount-unit '\(amountUnit)' is not supported; use mg or mg/kg")
        }
        if EventTableColumns.CovariateCarry(rawValue: covariates.lowercased()) == nil {
            throw ValidationError("--covariates '\(covariates)' is not a rule; use nocb (as NONMEM) or locf")
        }
        if let outputs {
            do { _ = try EventTableTrajectoryWriter.variables(named: outputs) } catch {
                throw ValidationError(error.problems.map(\.message).joined(separator: "; "))
            }
        }
    }

    /// The separator given, or `nil` to detect it.
    var selectedSeparator: EventTableSeparator? { separator.flatMap { EventTableSeparator(rawValue: $0.lowercased()) } }

    /// The `--carry-out` names.
    var carriedNames: [String] {
        carryOut.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
    }

    /// The trajectory writer for `format`, with the columns asked for; carried columns need the table.
    func writer(format: TrajectoryFormat, table: EventTable?, file: String?) throws(InputError) -> EventTableTrajectoryWriter {
        let variables = try outputs.map { list throws(InputError) in try EventTableTrajectoryWriter.variables(named: list) }
            ?? OutputVariable.allCases
        var carried: [EventTableTrajectoryWriter.Carried] = []
        if !carriedNames.isEmpty {
            guard let table, let file else {
                throw InputError(.usage, field: "--carry-out", "copies event-table columns; give the table with --events FILE")
            }
            carried = try EventTableTrajectoryWriter.carried(carriedNames, table: table, file: file)
        }
        return EventTableTrajectoryWriter(format: format, variables: variables, carried: carried, timeAfterDose: tad)
    }

    /// How the table's columns set each subject's values, with the codings given.
    func columns(of table: EventTable, file: String) throws(InputError) -> EventTableColumns {
        let sex = try sexCoding.map { text throws(InputError) in
            try EventTableColumns.coding(text, option: "--sex-coding", choices: ["male": Sex.male, "female": .female])
        } ?? EventTableColumns.defaultSexCoding
        let cyp = try cyp2c19Coding.map { text throws(InputError) in
            try EventTableColumns.coding(text, option: "--cyp2c19-coding",
                                         choices: ["normal": CYP2C19Phenotype.normal, "intermediate": .intermediate, "poor": .poor])
        } ?? EventTableColumns.defaultCYP2C19Coding
        return EventTableColumns(table: table, file: file, sexCoding: sex, cyp2c19Coding: cyp, amountPerKilogram: amountUnit == "mg/kg",
                                 carry: EventTableColumns.CovariateCarry(rawValue: covariates.lowercased()) ?? .nocb)
    }

    /// Says once on standard error how the table's columns are used.
    static func printUsage(_ columns: EventTableColumns) {
        let text = columns.usage.map { "benzosim: \(columns.file): \($0)\n" }.joined()
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The individuals of `--events` on `typical` for a population or sweep, after saying how the
    /// table's columns are used and which `--set` options they override; `nil` without `--events`.
    /// Also the trajectory columns asked for (`--outputs`, `--carry-out`, `--tad`), or `nil` for the
    /// plain layout, and the same report for the manifest (`RunManifest.describe`).
    static func subjects(_ options: ScenarioOptions, typical: Scenario, format: TrajectoryFormat, quiet: Bool)
        throws(InputError) -> (subjects: EventTableSubjects?, columns: EventTableTrajectoryWriter?, settings: [String: String]) {
        let asked = options.table.outputs != nil || !options.table.carriedNames.isEmpty || options.table.tad
        guard let path = options.events else {
            return (nil, asked ? try options.table.writer(format: format, table: nil, file: nil) : nil, [:])
        }
        let table = try EventTableFile.load(path: path, separator: options.table.selectedSeparator)
        printNotes(of: table, file: path)
        let columns = try options.table.columns(of: table, file: path)
        if !quiet { printUsage(columns) }
        let overrides = SetOverrides.notes(assignments: try options.setAssignments(), table: table, columns: columns)
        printNotes(overrides, file: path)
        let subjects = try EventTableSubjects(table: table, columns: columns, typical: typical, keepSampling: options.keepsSampling,
                                              until: options.until.flatMap(DurationSyntax.hours))
        return (subjects, asked ? try options.table.writer(format: format, table: table, file: path) : nil,
                RunManifest.settings(describing: columns, setOverrides: overrides))
    }

    /// Prints the table's notes on standard error, once.
    static func printNotes(of table: EventTable, file: String) {
        printNotes(table.notes, file: file)
    }

    /// Prints notes about the table `file` on standard error (whatever `--quiet`: each says what
    /// the run does differently from what a reader of the command line may expect).
    static func printNotes(_ notes: [String], file: String) {
        for note in notes { FileHandle.standardError.write(Data("benzosim: note: \(file): \(note)\n".utf8)) }
    }
}

extension RunManifest {
    /// The settings that record which event table was read, how its columns were used and which
    /// `--set` options they override (`SetOverrides.notes`; the key only when there are some).
    static func settings(describing columns: EventTableColumns, setOverrides: [String]) -> [String: String] {
        var settings = [
            "event_table": columns.file,
            "event_table_columns": columns.usage.joined(separator: "; "),
            "event_table_covariates": columns.carry.rawValue,   // how time-varying values carry between rows
        ]
        if !setOverrides.isEmpty { settings["event_table_over_set"] = setOverrides.joined(separator: "; ") }
        return settings
    }

    /// Records the event table as `settings(describing:setOverrides:)` does.
    mutating func describe(_ columns: EventTableColumns, setOverrides: [String]) {
        settings.merge(Self.settings(describing: columns, setOverrides: setOverrides)) { $1 }
    }
}
