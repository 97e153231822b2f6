import Foundation
import Testing
import Pharmacology

/// TIME restarting at a reset (Docs/EVENT_TABLES.md §4, "TIME after a reset"): the expected
/// amounts are the two-compartment closed forms of `TwoCompartment`, written out by hand; the
/// internal clock is derived from the rule (each restarting occasion shifted to start at the
/// previous row's internal time).
@Suite struct EventTableOccasionTests {
    let pk = TwoCompartment(try! DiazepamModel())

    /// EVID 3 with TIME going back to 0: a new occasion, output rows keep the table's TIME.
    @Test func timeRestartsAfterReset() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,1
            1,12,0,2,0
            1,0,0,2,3
            1,0,0,2,0
            1,0,5,2,1
            1,6,0,2,0
            """
        let subject = try EventTable(csv: csv).subjects[0]
        // Shift of the second occasion: previous row's internal time 12 minus the reset's TIME 0.
        #expect(subject.records.map(\.time) == [0, 12, 12, 12, 12, 18])
        #expect(subject.records.map(\.tableTime) == [0, 12, 0, 0, 0, 6])
        #expect(subject.resetTimes == [12])
        #expect(subject.regimen.doses.map(\.time) == [0, 12])
        let rows = try outputRows(csv)[0]
        #expect(rows.count == 3)
        #expect(rows.map(\.time) == [12, 0, 6])
        #expect(close(rows[0].central, pk.ivBolus(10, after: 12)))
        #expect(rows[1].central == 0)
        #expect(close(rows[2].central, pk.ivBolus(5, after: 6)))
        #expect(rows.map(\.tad) == [12, nil, 6])
    }

    /// EVID 4 with TIME going back: reset, then the row's own dose; the earlier oral dose is gone.
    @Test func timeRestartsAfterResetAndDose() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID
            1,0,10,1,1
            1,24,0,2,0
            1,0,7,2,4
            1,2,0,2,0
            1,5,0,2,0
            """
        let subject = try EventTable(csv: csv).subjects[0]
        #expect(subject.records.map(\.time) == [0, 24, 24, 26, 29])
        #expect(subject.regimen.doses.map(\.time) == [0, 24])
        let rows = try outputRows(csv)[0]
        #expect(rows.count == 3)
        #expect(rows.map(\.time) == [24, 2, 5])
        #expect(close(rows[0].central, pk.oral(10, after: 24)))
        #expect(close(rows[1].central, pk.ivBolus(7, after: 2)) && rows[1].depot == 0)
        #expect(close(rows[2].central, pk.ivBolus(7, after: 5)) && rows[2].depot == 0)
        #expect(rows.map(\.tad) == [24, 2, 5])
    }

    /// Three occasions: each restart shifts from the previous row's internal time; a reset that
    /// does not go back in time is not shifted further.
    @Test func occasionsChain() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,4
            1,10,0,2,0
            1,0,10,2,4
            1,8,0,2,0
            1,20,0,2,3
            1,24,0,2,0
            """
        let subject = try EventTable(csv: csv).subjects[0]
        #expect(subject.records.map(\.time) == [0, 10, 10, 18, 30, 34])
        let rows = try outputRows(csv)[0]
        #expect(rows.map(\.time) == [10, 8, 24])
        #expect(close(rows[0].central, pk.ivBolus(10, after: 10)))
        #expect(close(rows[1].central, pk.ivBolus(10, after: 8)))
        #expect(rows[2].central == 0 && rows[2].tad == nil)
    }

    /// TIME going back on a row that is not a reset stays an error, also within a later occasion.
    @Test func decreasingTimeWithoutResetIsAnError() {
        #expect(throws: EventTableError.self) {
            try EventTable(csv: "ID,TIME,AMT,CMT,EVID\n1,10,10,2,1\n1,5,0,2,3\n1,3,0,2,0\n")
        }
        do {
            _ = try EventTable(csv: "ID,TIME,AMT,CMT,EVID\n1,10,10,2,1\n1,5,0,2,3\n1,3,0,2,0\n")
        } catch {
            #expect(error.problems.map(\.description) == [
                "line 4, column 2 (TIME): TIME 3 h is before 5 h on line 3 for subject 1 (unsorted times); expected times "
                    + "that never decrease within a subject except at a reset (EVID 3 or 4, which starts a new occasion): "
                    + "sort the subject's rows by TIME",
            ])
        }
    }
}
