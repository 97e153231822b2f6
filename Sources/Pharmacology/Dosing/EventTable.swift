/// A NONMEM-style event table (CSV) read into one regimen, sample times, reset times,
/// covariates and the records themselves per individual.
///
/// ```
/// ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,WT
/// 1,0,10,1,1,0,24,6,70      ← 10 mg oral at 0 h and 6 more every 24 h
/// 1,2,0,2,0,0,0,0,70        ← sample at 2 h
/// 2,0,5,2,1,10,0,0,82       ← 5 mg IV at 10 mg/h (0.5 h)
/// ```
///
/// The rules, each with a worked example, are in `Docs/EVENT_TABLES.md`. In short:
///
/// ## Format
/// - Fields are separated by commas, tabs, semicolons or blanks (NONMEM), detected from the
///   header line (a comma outside quotes wins, then a semicolon, then a tab) or given. Fields may be
///   quoted as in RFC 4180 (`"a,b"`, `""` for a quote, line breaks inside quotes); blanks around
///   fields are removed. A leading byte-order mark is dropped.
/// - The header is the first line that is neither blank nor a comment; a line starting with `#`
///   is the header (with the `#` dropped) if it names ID and TIME, else a comment. After the header,
///   blank lines, lines whose first field starts with `#` and lines whose first field is `C` are
///   comments (NONMEM's `IGNORE=#` and `IGNORE=C`). An empty field or `.` means "absent", which
///   is 0 for AMT, RATE, II, ADDL and SS.
/// - Column names are case-insensitive. Required: `ID`, `TIME`, `AMT`, `EVID`. Optional: `CMT`,
///   `RATE`, `II`, `ADDL`, and `SS` (0, 1 or 2). `DV`, `MDV`, `PCMT`, `CALL`, `CONT` and `C` are
///   recognised and not used. Every other column is a covariate (it may change within a subject),
///   returned under its header name as written. Every value must be a whole number (no trailing
///   text, no NUL byte).
///
/// ## Semantics (NONMEM Users Guide VI, chapter V, unless stated)
/// - A new individual starts whenever ID differs from the previous data row's (NONMEM): an ID that
///   comes back after another ID is a second individual with the same ID (and a note says so).
///   Numeric IDs are compared as numbers: `1`, `01` and `1.0` are one ID.
/// - `EVID` 0: observation. 1: dose. 2: other event (an output row, no dose). 3: reset (the
///   simulator sets every state to its initial value). 4: reset, then dose. AMT, RATE, II and ADDL
///   must be 0 on EVID 0, 2 and 3 rows (§V.D, §V.E, §V.K). Every record is kept in `records`, in
///   row order, so that each EVID 0 and 2 row gets its output row (`simulate(_:subject:…)`).
/// - `CMT` on a dose: 1 = depot (oral or i.p.: F and lag apply), 2 = central (IV); absent or 0 is
///   the default dose compartment, the depot (ADVAN4). CMT on other rows is not used.
/// - `RATE` 0: bolus. `RATE > 0`: zero-order infusion at RATE mg/h; into the central compartment
///   it lasts AMT/RATE h; into the depot it starts after the lag and lasts F·AMT/RATE h (F scales
///   the amount, the rate is kept: see `Dose`). `RATE` −1 and −2 (rate or duration modelled in
///   $PK) are not supported.
/// - `ADDL` n with `II` δ: n more doses like this one at TIME + k·δ, k = 1 … n (§V.K). ADDL > 0
///   needs II > 0. II with ADDL = 0 is ignored (no steady state).
/// - A reset deactivates earlier dose rows (§V.K): their additional doses at or after the reset
///   are dropped, and infusions (and lagged depot doses) still to come are stopped at the reset
///   time (`Dose.interruptedAt`); `notes` says how many were cancelled. An EVID 4 row's own dose
///   comes after its reset. (mrgsolve keeps pending additional doses; BenzoSim follows NONMEM.)
/// - Covariate columns may change within an individual (`Subject.timeVaryingColumns`); how a
///   value applies between rows (NOCB, LOCF) is the caller's (`EventTableColumns` in Sweep).
///
/// - TIME must be ≥ 0 and must not decrease within an individual, except on a reset row (EVID 3 or
///   4), where it may restart, as in NONMEM: the rows from the reset on are a new occasion, put on
///   one continuous internal clock by shifting the occasion so that its reset falls at the previous
///   row's time (`Record.time`); the output keeps the table's TIME (`Record.tableTime`).
///
/// Differences from NONMEM, each reported as a problem rather than silently changed: modelled
/// rates (RATE −1/−2) and the steady state of a constant infusion (SS with II 0) are not supported.
/// - `SS` 1 on a dose row with II > 0: the state just before the dose is the periodic steady
///   state of that dose every II h (`steadyState(_:dose:interval:options:)`), earlier doses are
///   deactivated as by a reset; `SS` 2: the steady state's drug amounts are added to the current
///   state. Additional doses (ADDL) continue the pattern after it.
public struct EventTable: Hashable, Sendable {
    /// One subject's part of the table.
    public struct Subject: Hashable, Sendable {
        /// The subject's ID as written in the table.
        public var id: String
        /// Doses from EVID 1 and 4 rows, with additional (ADDL) doses, in row order.
        public var regimen: Regimen
        /// TIMEs of observation rows (EVID 0) on the internal clock (`Record.time`), in row order
        /// (non-decreasing), h.
        public var sampleTimes: [Double]
        /// TIMEs of reset rows (EVID 3 and 4) on the internal clock, in row order (non-decreasing), h.
        public var resetTimes: [Double]
        /// Covariate columns: the subject's first value under the header name (absent if all its
        /// cells are empty), in the column's units.
        public var covariates: [String: Double]
        /// Every data row of the individual, in row order.
        public var records: [Record]
        /// For each dose of `regimen` (same order), the record it comes from.
        public var doseOrigins: [DoseOrigin]
        /// Steady-state dose rows (SS 1 or 2), in row order.
        public var steadyStates: [SteadyState] = []
        /// Names of the numeric covariate columns whose value changes within the individual
        /// (time-varying; their values are in `records`' cells).
        public var timeVaryingColumns: Set<String> = []
    }

    /// A steady-state dose row: just before its dose, the state is the periodic steady state of
    /// the dose repeated every `interval` h (SS 1: replacing the state; SS 2: its PK amounts added
    /// to the current ones, the PD states continuing). The row's own dose is in the regimen.
    public struct SteadyState: Hashable, Sendable {
        /// Index of the row in `Subject.records`.
        public var record: Int
        /// TIME (h).
        public var time: Double
        /// The dose repeated (its time is the row's).
        public var dose: Dose
        /// II (h), > 0.
        public var interval: Double
        /// SS 2 rather than 1.
        public var additive: Bool

        /// The same row with the dose's amounts per kg multiplied by `weight` (kg).
        public func perKilogram(weight: Double) -> SteadyState {
            var copy = self
            copy.dose = Regimen(doses: [dose]).perKilogram(weight: weight).doses[0]
            return copy
        }
    }

    /// One data row.
    public struct Record: Hashable, Sendable {
        /// The row's line in the text (1-based), for messages.
        public var line: Int
        /// TIME on the internal continuous clock (h): `tableTime`, shifted for the occasions that
        /// follow a reset where TIME restarts (each occasion starts at the previous row's time).
        /// Everything is simulated on this clock.
        public var time: Double
        /// TIME as written in the table (h): what the output's `time_h` shows.
        public var tableTime: Double
        /// EVID (0 to 4).
        public var evid: Int
        /// Every field of the row as written (quotes removed), in header order: what `--carry-out`
        /// copies.
        public var cells: [String]

        /// Whether the row asks for an output row: observations (EVID 0) and other events (EVID 2).
        public var isOutput: Bool { evid == 0 || evid == 2 }
    }

    /// Where a dose comes from: its row, and whether it is one of the row's additional (ADDL) doses.
    public struct DoseOrigin: Hashable, Sendable {
        /// Index of the dose row in `Subject.records`.
        public var record: Int
        /// True for the additional doses (k ≥ 1) of an ADDL row, false for the row's own dose.
        public var isAdditional: Bool
    }

    /// The individuals in row order.
    public var subjects: [Subject]
    /// The covariate columns' names, in header order.
    public var covariateNames: [String]
    /// Every column's name as written in the header, in order.
    public var columnNames: [String]
    /// The separator the table was read with (detected or given).
    public var separator: EventTableSeparator
    /// Things the reader decided that a user should know (interleaved IDs, doses cancelled by a
    /// reset), one sentence each: the commands print them on standard error.
    public var notes: [String]

    /// Reads an event table from CSV text.
    ///
    /// - Throws: `EventTableError` listing every problem found: missing required columns (with the
    ///   closest existing column name), unparsable or non-finite numbers, negative AMT, TIME
    ///   decreasing within a subject, ADDL without II, unknown EVID or CMT, unsupported RATE or SS,
    ///   dose items on non-dose rows, quoting errors, NUL bytes, an empty file or a
    ///   header without rows.
    ///
    /// - Parameter separator: the field separator, or `nil` to detect it from the header line.
    public init(csv text: String, separator: EventTableSeparator? = nil) throws(EventTableError) {
        var parser = EventTableParser(text: text, separator: separator)
        self = try parser.parse()
    }
}
