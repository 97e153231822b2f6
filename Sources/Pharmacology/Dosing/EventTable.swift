/// A NONMEM-style event table (CSV) read into one regimen, sample times, reset times and
/// covariates per subject.
///
/// ```
/// ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,WT
/// 1,0,10,1,1,0,24,6,70      ← 10 mg oral at 0 h and 6 more every 24 h
/// 1,2,0,2,0,0,0,0,70        ← sample at 2 h
/// 2,0,5,2,1,10,0,0,82       ← 5 mg IV at 10 mg/h (0.5 h)
/// ```
///
/// ## Format
/// - The first non-blank line is the header (a leading `#`, which NONMEM datasets often use to
///   hide the header from `IGNORE=#`, is dropped). After it, blank lines and lines starting with
///   `#` are skipped. Fields are separated by commas; surrounding spaces and one pair of double
///   quotes around a field are removed (quoted fields cannot contain commas). An empty field or
///   `.` means "absent", which is 0 for AMT, RATE, II, ADDL and SS.
/// - Column names are case-insensitive. Required: `ID`, `TIME`, `AMT`, `EVID`. Optional: `CMT`,
///   `RATE`, `II`, `ADDL`, and `SS` (must be 0). `DV`, `MDV`, `PCMT`, `CALL` and `CONT` are
///   recognised and ignored. Every other column is a per-subject covariate, returned under its
///   header name as written.
///
/// ## Semantics (NONMEM Users Guide VI, chapter V, unless stated)
/// - `EVID` 0: observation, its TIME is a sample time. 1: dose. 2: other event, ignored.
///   3: reset, its TIME is a reset time (the simulator sets every state to its initial value).
///   4: reset, then dose. AMT, RATE, II and ADDL must be 0 on EVID 0, 2 and 3 rows (§V.D, §V.E, §V.K).
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
///   time (`Dose.interruptedAt`). An EVID 4 row's own dose comes after its reset.
/// - Covariates are per subject: the first non-empty value is the subject's, and a different value
///   on a later row of the same subject is an error (BenzoSim has no time-varying covariates).
///
/// Differences from NONMEM, each reported as a problem rather than silently changed: TIME must
/// be ≥ 0 and must not decrease within a subject, also across a reset (NONMEM lets time restart at
/// a reset; put later occasions later on one time axis); steady-state doses and modelled rates are
/// not supported. Rows of the same ID are one subject even if other subjects' rows come between
/// them (NONMEM would start a new individual). Additional doses are not cut at the subject's last
/// row (NONMEM stops them there; the simulation's end time does that here). IDs are text: `1` and
/// `01` are different subjects.
public struct EventTable: Hashable, Sendable {
    /// One subject's part of the table.
    public struct Subject: Hashable, Sendable {
        /// The subject's ID as written in the table.
        public var id: String
        /// Doses from EVID 1 and 4 rows, with additional (ADDL) doses, in row order.
        public var regimen: Regimen
        /// TIMEs of observation rows (EVID 0), in row order (non-decreasing), h.
        public var sampleTimes: [Double]
        /// TIMEs of reset rows (EVID 3 and 4), in row order (non-decreasing), h.
        public var resetTimes: [Double]
        /// Covariate columns: the subject's value under the header name (absent if all its cells
        /// are empty), in the column's units.
        public var covariates: [String: Double]
    }

    /// The subjects in order of first appearance.
    public var subjects: [Subject]
    /// The covariate columns' names, in header order.
    public var covariateNames: [String]

    /// Reads an event table from CSV text.
    ///
    /// - Throws: `EventTableError` listing every problem found: missing required columns (with the
    ///   closest existing column name), unparsable or non-finite numbers, negative AMT, TIME
    ///   decreasing within a subject, ADDL without II, unknown EVID or CMT, unsupported RATE or SS,
    ///   dose items on non-dose rows, changing covariates, an empty file or a header without rows.
    public init(csv text: String) throws(EventTableError) {
        var parser = EventTableParser(text: text)
        self = try parser.parse()
    }
}
