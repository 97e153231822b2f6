import Testing
import Pharmacology

private func bolus(_ time: Double, _ compartment: DoseCompartment, _ amount: Double) -> DosingEvent {
    DosingEvent(time: time, compartment: compartment, kind: .bolus(amount: amount))
}

private func rate(_ time: Double, _ compartment: DoseCompartment, _ delta: Double) -> DosingEvent {
    DosingEvent(time: time, compartment: compartment, kind: .rateChange(delta: delta))
}

/// The problems of a table that must not parse (empty if it parses).
private func problems(_ csv: String) -> [String] {
    do {
        _ = try EventTable(csv: csv)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

@Suite struct DosingEventTableParsingTests {
    static let twoSubjects = """
        ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,WT,AGE,DV
        1,0,10,1,1,0,24,2,70,30,.
        1,1,0,2,0,0,0,0,70,30,0.25
        1,49,0,2,0,0,0,0,70,30,0.3
        2,0,5,2,1,10,0,0,82,65,.
        2,0.25,.,2,0,.,.,.,82,65,0.1
        2,12,2,2,1,0,0,0,82,65,.
        """

    @Test func twoSubjectsWithAdditionalDosesInfusionCovariatesAndObservations() throws {
        let table = try EventTable(csv: Self.twoSubjects)
        #expect(table.covariateNames == ["WT", "AGE"])
        #expect(table.subjects.map(\.id) == ["1", "2"])

        let one = table.subjects[0]
        #expect(one.regimen.doses.map(\.time) == [0, 24, 48])  // ADDL 2, II 24
        #expect(one.regimen.doses.allSatisfy { $0.amount == 10 && $0.route == .oral })
        #expect(one.sampleTimes == [1, 49])
        #expect(one.resetTimes == [])
        #expect(one.covariates == ["WT": 70, "AGE": 30])
        #expect(one.regimen.events(bioavailability: 0.75, lag: 0.25) == [
            bolus(0.25, .depot, 7.5), bolus(24.25, .depot, 7.5), bolus(48.25, .depot, 7.5),
        ])

        let two = table.subjects[1]
        #expect(two.regimen.doses.map(\.route) == [.infusionAtRate(10), .intravenousBolus])
        #expect(two.sampleTimes == [0.25])
        #expect(two.covariates == ["WT": 82, "AGE": 65])
        // 5 mg at 10 mg/h: 0 to 0.5 h; F and lag do not touch CMT 2.
        #expect(two.regimen.events(bioavailability: 0.5, lag: 1) == [
            rate(0, .central, 10), rate(0.5, .central, -10), bolus(12, .central, 2),
        ])
    }

    @Test func columnNamesAreCaseInsensitiveAndLayoutIsForgiving() throws {
        // A '#'-marked header, CRLF line endings, a comment, a blank line, spaces, quotes, no CMT
        // (doses go to the depot), interleaved subjects (NONMEM: ID 7 coming back is a new individual).
        let csv = "# id, Time ,amt,evid,Ii,addl\r\n"
            + "\"7\",0,10,1,12,3\r\n"
            + "# a comment\r\n"
            + "\r\n"
            + " 8 , 6 , 5 , 1 , . , . \r\n"
            + "7,1.5,.,0,.,.\r\n"
        let table = try EventTable(csv: csv)
        #expect(table.subjects.map(\.id) == ["7", "8", "7"])
        #expect(table.subjects[0].regimen.doses.map(\.time) == [0, 12, 24, 36])
        #expect(table.subjects[2].sampleTimes == [1.5])
        #expect(table.subjects[2].regimen.doses.isEmpty)
        #expect(table.notes.count == 1 && table.notes[0].contains("line 6") && table.notes[0].contains("new individual"))
        #expect(table.subjects[1].regimen.doses.map(\.time) == [6])
        #expect(table.subjects[1].regimen.doses.map(\.compartment) == [.depot])
        #expect(table.covariateNames.isEmpty)
    }

    /// CMT 1 with RATE > 0: zero-order into the depot, after the lag, at RATE for F·AMT/RATE h.
    @Test func depotInfusionKeepsTheRateAndScalesTheDuration() throws {
        let table = try EventTable(csv: """
            ID,TIME,AMT,CMT,EVID,RATE
            1,0,10,1,1,5
            """)
        let events = table.subjects[0].regimen.events(bioavailability: 0.5, lag: 0.25)
        #expect(events == [rate(0.25, .depot, 5), rate(1.25, .depot, -5)])
    }

    @Test func resetsStopWhatIsStillToCome() throws {
        let table = try EventTable(csv: """
            ID,TIME,AMT,EVID,CMT,RATE,II,ADDL
            1,0,10,1,1,0,24,9
            1,0,10,1,2,1,0,0
            1,50,.,3,.,.,.,.
            1,100,5,4,2,10,0,0
            1,101,.,0,2,.,.,.
            """)
        let subject = table.subjects[0]
        #expect(subject.resetTimes == [50, 100])
        #expect(subject.sampleTimes == [101])
        // The reset at 50 h deactivates the daily doses from 72 h on and the 10 h infusion is
        // already over; the reset-and-dose row's infusion is not affected by its own reset.
        #expect(subject.regimen.doses.map(\.time) == [0, 24, 48, 0, 100])
        #expect(subject.regimen.events(bioavailability: 1, lag: 0.5) == [
            rate(0, .central, 1), bolus(0.5, .depot, 10), rate(10, .central, -1),
            bolus(24.5, .depot, 10), bolus(48.5, .depot, 10),
            rate(100, .central, 10), rate(100.5, .central, -10),
        ])
        // With a 3 h lag the tablet taken at 48 h would enter after the reset: it is dropped.
        #expect(subject.regimen.events(bioavailability: 1, lag: 3).map(\.time) == [0, 3, 10, 27, 100, 100.5])
    }

    @Test func infusionRunningAtAResetStopsThere() throws {
        let table = try EventTable(csv: """
            ID,TIME,AMT,CMT,EVID,RATE
            1,0,10,2,1,1
            1,4,0,.,3,0
            """)
        #expect(table.subjects[0].regimen.events(bioavailability: 1, lag: 0) == [
            rate(0, .central, 1), rate(4, .central, -1),
        ])
    }
}

@Suite struct DosingEventTableErrorTests {
    @Test func emptyFile() {
        #expect(problems("") == [
            "line 1: the event table is empty; expected a header row (ID,TIME,AMT,EVID and optionally CMT,RATE,II,ADDL "
                + "and covariate columns) followed by one row per dose or observation",
        ])
        #expect(problems("\n  \n") == problems(""))
    }

    @Test func headerOnly() {
        #expect(problems("\nID,TIME,AMT,EVID\n\n") == [
            "line 2: the event table has a header but no rows; expected one row per dose or observation after the header, "
                + "e.g. 1,0,10,1 under ID,TIME,AMT,EVID",
        ])
    }

    @Test func missingRequiredColumnsSuggestTheClosestName() {
        #expect(problems("ID,TMIE,AMT,EVID\n1,0,10,1") == [
            "line 1, column 2 (TMIE): missing required column TIME; expected a column named TIME (any case) holding "
                + "the event time in h; column 2 is named \"TMIE\": did you mean TIME?",
        ])
        #expect(problems("Subject,TIME,Dose,CMT\n1,0,10,1") == [
            "line 1, column 1 (Subject): missing required column ID; expected a column named ID (any case) holding "
                + "the subject identifier; column 1 is named \"Subject\": did you mean ID?",
            "line 1, column 3 (Dose): missing required column AMT; expected a column named AMT (any case) holding "
                + "the dose amount in mg (0 on non-dose rows); column 3 is named \"Dose\": did you mean AMT?",
            "line 1: missing required column EVID; expected a column named EVID (any case) holding the event type: "
                + "0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose",
        ])
    }

    @Test func misspeltOptionalAndRepeatedColumns() {
        #expect(problems("ID,TIME,AMT,EVID,II,ADLL,time\n1,0,10,1,24,3,0") == [
            "line 1, column 6 (ADLL): \"ADLL\" looks like a misspelling of ADDL; expected ADDL (the number of "
                + "additional doses), or a covariate name less like it",
            "line 1, column 7 (time): \"time\" repeats column 2 (TIME); expected each name once (names are "
                + "case-insensitive): rename or remove one of them",
        ])
        // A covariate one substitution away from a three-letter item is a covariate.
        #expect(problems("ID,TIME,AMT,EVID,CRT\n1,0,10,1,0.9") == [])
    }

    @Test func badValuesOnePerKind() {
        let header = "ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,WT\n"
        let cases: [(String, String)] = [
            ("1,abc,10,1,1,0,0,0,70",
             "line 2, column 2 (TIME): \"abc\" is not a number; expected a time in h ≥ 0, e.g. 0 or 24.5"),
            ("1,nan,10,1,1,0,0,0,70",
             "line 2, column 2 (TIME): \"nan\" is not a finite number; expected a time in h ≥ 0, e.g. 0 or 24.5"),
            ("1,-1,10,1,1,0,0,0,70",
             "line 2, column 2 (TIME): \"-1\" is negative; expected a time in h ≥ 0, e.g. 0 or 24.5 (every subject starts at 0 h)"),
            ("1,0,-5,1,1,0,0,0,70",
             "line 2, column 3 (AMT): AMT \"-5\" is negative; expected an amount in mg ≥ 0 (> 0 on a dose row)"),
            ("1,0,0,1,1,0,0,0,70",
             "line 2, column 3 (AMT): AMT is 0 on a dose row (EVID 1); expected an amount in mg > 0, or EVID 0 for an "
                + "observation or 2 for another event"),
            ("1,0,10,1,5,0,0,0,70",
             "line 2, column 5 (EVID): EVID \"5\" is not an event type BenzoSim knows; expected 0 (observation), "
                + "1 (dose), 2 (other), 3 (reset) or 4 (reset and dose)"),
            ("1,0,10,3,1,0,0,0,70",
             "line 2, column 4 (CMT): CMT \"3\" is not a dose compartment; expected 1 (depot: oral, i.p.) or 2 "
                + "(central: IV bolus or infusion), or 0 for the default (depot)"),
            ("1,0,10,2,1,-2,0,0,70",
             "line 2, column 6 (RATE): RATE -2 (infusion duration modelled in $PK) is not supported; expected the "
                + "infusion rate in mg/h (RATE > 0), or 0 for a bolus"),
            ("1,0,10,2,1,-1,0,0,70",
             "line 2, column 6 (RATE): RATE -1 (infusion rate modelled in $PK) is not supported; expected the "
                + "infusion rate in mg/h (RATE > 0), or 0 for a bolus"),
            ("1,0,10,1,1,0,0,3,70",
             "line 2, column 7 (II): ADDL 3 needs an interval between the additional doses but II is 0; expected II > 0 h"),
            ("1,0,10,1,1,0,24,2.5,70",
             "line 2, column 8 (ADDL): ADDL \"2.5\" is not allowed; expected a whole number of additional doses from 0 to 1000000"),
            ("1,0,10,1,0,0,0,0,70",
             "line 2, column 3 (AMT): AMT \"10\" on an observation row (EVID 0); expected 0 or empty (use EVID 1 for a dose)"),
            ("1,0,10,1,1,0,0,0,seventy",
             "line 2, column 9 (WT): \"seventy\" is not a number; expected a number (covariates are numeric: code "
                + "categories as numbers, e.g. SEX 0 or 1)"),
            ("1,0,10,1,1,0,0",
             "line 2: has 7 fields but the header has 9 columns; expected one value per column, separated by comma (\",\") "
                + "(leave a field empty where it does not apply); the separator was detected from the header line 1: "
                + "give --separator if that is wrong"),
            (",0,10,1,1,0,0,0,70",
             "line 2, column 1 (ID): the subject ID is empty; expected an identifier such as 1"),
            ("1,.,10,1,1,0,0,0,70",
             "line 2, column 2 (TIME): TIME is empty; expected a time in h ≥ 0, e.g. 0 or 24.5"),
        ]
        for (row, expected) in cases {
            #expect(problems(header + row) == [expected], "row \(row)")
        }
        // Two empty required cells on one row: both reported.
        #expect(problems(header + ",,10,1,1,0,0,0,70") == [
            "line 2, column 1 (ID): the subject ID is empty; expected an identifier such as 1",
            "line 2, column 2 (TIME): TIME is empty; expected a time in h ≥ 0, e.g. 0 or 24.5",
        ])
        #expect(problems("ID,TIME,AMT,EVID,SS\n1,0,10,1,1") == [
            "line 2, column 5 (SS): SS 1 needs the dosing interval but II is missing; expected II > 0 h (a steady state "
                + "of a constant infusion, II 0, is not supported)",
        ])
        #expect(problems("ID,TIME,AMT,EVID,SS\n1,0,0,0,1\n1,1,10,1,3") == [
            "line 2, column 5 (SS): SS \"1\" on a row that is not a dose; expected 0 or empty (SS 1 or 2 go on dose rows, EVID 1 or 4)",
            "line 3, column 5 (SS): SS \"3\" is not a steady-state flag; expected 0 (none), 1 (steady state, reset) or 2 "
                + "(steady state added to the current state)",
        ])
        #expect(problems("ID,TIME,AMT,EVID,ADDL\n1,0,10,1,3") == [
            "line 2, column 5 (ADDL): ADDL 3 needs an interval between the additional doses but II is missing; expected II > 0 h",
        ])
    }

    /// Covariates may change within a subject (time-varying, `Subject.timeVaryingColumns`); TIME may
    /// go back only on a reset row.
    @Test func unsortedTimesAndChangingCovariates() throws {
        #expect(problems("""
            ID,TIME,AMT,EVID,WT
            1,24,10,1,70
            1,12,0,0,70
            1,36,0,0,72
            1,30,0,3,70
            2,0,10,1,80
            """) == [
            "line 3, column 2 (TIME): TIME 12 h is before 24 h on line 2 for subject 1 (unsorted times); expected "
                + "times that never decrease within a subject except at a reset (EVID 3 or 4, which starts a new "
                + "occasion): sort the subject's rows by TIME",
        ])
        // A row with another problem is still checked for order and covariates.
        #expect(problems("ID,TIME,AMT,EVID,WT\n1,5,10,1,70\n1,2,-1,1,71") == [
            "line 3, column 2 (TIME): TIME 2 h is before 5 h on line 2 for subject 1 (unsorted times); expected "
                + "times that never decrease within a subject except at a reset (EVID 3 or 4, which starts a new "
                + "occasion): sort the subject's rows by TIME",
            "line 3, column 3 (AMT): AMT \"-1\" is negative; expected an amount in mg ≥ 0 (> 0 on a dose row)",
        ])
    }

    @Test func changingCovariatesAreTimeVarying() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,EVID,WT,AGE\n1,0,10,1,70,40\n1,12,0,0,72,40\n2,0,10,1,80,50\n")
        #expect(table.subjects[0].timeVaryingColumns == ["WT"])
        #expect(table.subjects[0].covariates == ["WT": 70, "AGE": 40])
        #expect(table.subjects[1].timeVaryingColumns.isEmpty)
    }

    /// Every problem is reported, not just the first, in line order, and the error's description
    /// lists them under a count.
    @Test func allProblemsAreReportedTogether() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID
            1,0,-10,1,1
            1,x,10,1,1
            2,0,10,9,7
            """
        do {
            _ = try EventTable(csv: csv)
            Issue.record("the table should not parse")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4])
            #expect(error.problems.map(\.column) == [3, 2, 5])
            #expect(error.problems.map(\.columnName) == ["AMT", "TIME", "EVID"])
            #expect(error.description == """
                the event table has 3 problems:
                  line 2, column 3 (AMT): AMT "-10" is negative; expected an amount in mg ≥ 0 (> 0 on a dose row)
                  line 3, column 2 (TIME): "x" is not a number; expected a time in h ≥ 0, e.g. 0 or 24.5
                  line 4, column 5 (EVID): EVID "7" is not an event type BenzoSim knows; expected 0 (observation), 1 (dose), 2 (other), 3 (reset) or 4 (reset and dose)
                """)
        }
    }
}
