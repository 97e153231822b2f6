import Foundation
import Testing
import Pharmacology

/// Golden event tables: every expected value is derived here by hand, from the two-compartment
/// closed forms of the diazepam parent (sums of exponentials), never from the propagator or the
/// integrator under test. Each test is one rule of Docs/EVENT_TABLES.md.
///
/// Parent DZ: depot →(ka) central ⇄(k12, k21) peripheral, central →(k10) out, with
/// k10 = CL/V1, k12 = Q/V1, k21 = Q/V2 of the subject. The disposition rates α > β are the roots of
/// s² − (k10 + k12 + k21)·s + k10·k21 = 0 (Gibaldi & Perrier, Pharmacokinetics, 2nd ed., ch. 2).
struct TwoCompartment {
    let k10: Double, k12: Double, k21: Double, ka: Double, F: Double, lag: Double, v1: Double
    let alpha: Double, beta: Double

    init(_ model: DiazepamModel) {
        let v = model.volumes, c = model.clearances
        k10 = c.dz / v.central; k12 = c.q / v.central; k21 = c.q / v.peripheral
        ka = model.parameters[.ka]; F = model.bioavailability; lag = model.lagTime; v1 = v.central
        let sum = k10 + k12 + k21, product = k10 * k21
        let root = (sum * sum - 4 * product).squareRoot()
        alpha = (sum + root) / 2
        beta = (sum - root) / 2
    }

    /// Central amount (mg) `t` h after an IV bolus of `dose` mg (0 before it).
    func ivBolus(_ dose: Double, after t: Double) -> Double {
        guard t >= 0 else { return 0 }
        return dose * ((alpha - k21) * exp(-alpha * t) - (beta - k21) * exp(-beta * t)) / (alpha - beta)
    }

    /// Central amount (mg) `t` h after an oral dose of `dose` mg taken at 0 (F and lag applied).
    func oral(_ dose: Double, after t: Double) -> Double {
        let s = t - lag
        guard s > 0 else { return 0 }
        let a = (k21 - ka) * exp(-ka * s) / ((alpha - ka) * (beta - ka))
        let b = (k21 - alpha) * exp(-alpha * s) / ((ka - alpha) * (beta - alpha))
        let c = (k21 - beta) * exp(-beta * s) / ((ka - beta) * (alpha - beta))
        return F * dose * ka * (a + b + c)
    }

    /// Central amount (mg) `t` h after the start of a constant IV input of `rate` mg/h.
    func infusion(_ rate: Double, after t: Double) -> Double {
        guard t > 0 else { return 0 }
        return rate * ((alpha - k21) * (1 - exp(-alpha * t)) / alpha - (beta - k21) * (1 - exp(-beta * t)) / beta) / (alpha - beta)
    }

    /// Central amount (mg) `t` h after the start of an infusion of `rate` mg/h lasting `duration` h.
    func infusion(_ rate: Double, lasting duration: Double, after t: Double) -> Double {
        infusion(rate, after: t) - infusion(rate, after: t - duration)
    }
}

/// Simulates every individual of `csv` and returns, per individual, its output rows as
/// (time, central amount mg, depot amount mg, time after dose).
func outputRows(_ csv: String, until: Double? = nil, separator: EventTableSeparator? = nil) throws
    -> [[(time: Double, central: Double, depot: Double, tad: Double?)]] {
    let table = try EventTable(csv: csv, separator: separator)
    let model = try DiazepamModel()
    return try table.subjects.map { subject in
        let end = until ?? (subject.records.map(\.time).max() ?? 0)
        let result = try simulate(model, subject: subject, endTime: end, options: SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-12))
        return result.trajectory.times.indices.map { k in
            (result.trajectory.times[k], Array(result.trajectory.state(at: k))[StateVariable.dzCentral.rawValue],
             Array(result.trajectory.state(at: k))[StateVariable.dzDepot.rawValue], result.timeAfterDose[k])
        }
    }
}

func close(_ a: Double, _ b: Double, _ rtol: Double = 1e-10) -> Bool {
    abs(a - b) <= rtol * max(abs(b), 1e-300) || abs(a - b) < 1e-14
}

@Suite struct EventTableGoldenTests {
    let pk = TwoCompartment(try! DiazepamModel())

    /// Rule 1: an observation after a dose row at the same TIME is post-dose, before it pre-dose;
    /// duplicates are kept, one output row each, in row order.
    @Test func rowOrderDecidesPreOrPostDose() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID
            1,0,0,2,0
            1,0,10,2,1
            1,0,0,2,0
            1,0,0,2,0
            1,1,0,2,0
            """)[0]
        #expect(rows.count == 4)
        #expect(rows.map(\.central) == [0, 10, 10, rows[3].central])
        #expect(close(rows[3].central, pk.ivBolus(10, after: 1)))
        #expect(rows.map(\.tad) == [nil, 0, 0, 1])
    }

    /// Rule 1: the end is the individual's own last row, not "last dose + 14 days": a row at 720 h
    /// after one dose at 0 is written, with its closed-form value.
    @Test func everyObservationIsSimulatedToTheLastRow() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,1
            1,24,0,2,0
            1,720,0,2,0
            2,0,5,2,1
            2,1000,0,2,0
            """)
        #expect(rows.map(\.count) == [2, 1])
        #expect(close(rows[0][1].central, pk.ivBolus(10, after: 720), 1e-9))
        #expect(close(rows[1][0].central, pk.ivBolus(5, after: 1000), 1e-8))
    }

    /// Rule 1: EVID 2 rows are output rows (no dose); between two observations, in row order.
    @Test func otherEventRowsAreOutput() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,1
            1,2,0,2,2
            1,3,0,2,0
            1,3,.,.,2
            """)[0]
        #expect(rows.map(\.time) == [2, 3, 3])
        #expect(close(rows[0].central, pk.ivBolus(10, after: 2)))
        #expect(rows[1].central == rows[2].central)
    }

    /// Rule 2: a reappearing ID is a new individual (NONMEM), with its own doses only.
    @Test func interleavedIDsStartANewIndividual() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID\n1,0,10,2,1\n2,0,5,2,1\n1,4,0,2,0\n")
        #expect(table.subjects.map(\.id) == ["1", "2", "1"])
        let rows = try outputRows("ID,TIME,AMT,CMT,EVID\n1,0,10,2,1\n2,0,5,2,1\n1,4,0,2,0\n")
        #expect(rows.map(\.count) == [0, 0, 1])
        #expect(rows[2][0].central == 0)
    }

    /// Rule 2: numeric IDs compare as numbers.
    @Test func numericIDsAreNumbers() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID\n1,0,10,2,1\n01,1,0,2,0\n1.0,2,0,2,0\n1e0,3,0,2,0\n")
        #expect(table.subjects.count == 1)
        #expect(table.subjects[0].records.count == 4)
    }

    /// Rule 3: an additional dose at an observation's TIME comes before it.
    @Test func additionalDosesComeBeforeObservationsAtTheirTime() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID,II,ADDL
            1,0,10,2,1,12,2
            1,12,0,2,0,0,0
            1,30,0,2,0,0,0
            """)[0]
        #expect(close(rows[0].central, pk.ivBolus(10, after: 12) + 10))
        #expect(close(rows[1].central, pk.ivBolus(10, after: 30) + pk.ivBolus(10, after: 18) + pk.ivBolus(10, after: 6)))
        #expect(rows.map(\.tad) == [0, 6])
    }

    /// Rule 4: EVID 3 resets every state; additional doses of earlier rows still to come are
    /// cancelled (NONMEM) and the table says how many.
    @Test func resetCancelsPendingAdditionalDoses() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID,II,ADDL
            1,0,10,2,1,12,3
            1,6,0,2,0,0,0
            1,20,0,2,3,0,0
            1,20,0,2,0,0,0
            1,40,0,2,0,0,0
            """
        let rows = try outputRows(csv)[0]
        #expect(close(rows[0].central, pk.ivBolus(10, after: 6)))
        #expect(rows[1].central == 0 && rows[2].central == 0)
        let table = try EventTable(csv: csv)
        #expect(table.subjects[0].regimen.doses.map(\.time) == [0, 12])
        #expect(table.notes.count == 1 && table.notes[0].contains("cancelled 2 additional doses"))
    }

    /// Rule 4, same TIME: a dose row written before an EVID 3 row at its time is wiped by the reset
    /// (rows in order, as NONMEM reads them); the note counts it as a dose row, not as an ADDL dose.
    @Test func resetWipesADoseRowWrittenBeforeItAtItsTime() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID,II,ADDL
            1,0,10,2,1,0,0
            1,20,5,2,1,0,0
            1,20,0,2,3,0,0
            1,30,0,2,0,0,0
            """
        let rows = try outputRows(csv)[0]
        #expect(rows.map(\.central) == [0])
        let table = try EventTable(csv: csv)
        #expect(table.subjects[0].regimen.doses.map(\.time) == [0])
        #expect(table.notes.count == 1)
        #expect(table.notes[0].contains("cancelled 1 dose row at a reset's TIME written before the reset row,"))
        #expect(!table.notes[0].contains("ADDL"))
    }

    /// Rule 4: EVID 4 resets, then doses: an observation after it at its TIME sees exactly the dose;
    /// one before it the state before the reset.
    @Test func resetAndDose() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID
            1,0,10,2,1
            1,24,0,2,0
            1,24,7,2,4
            1,24,0,2,0
            1,30,0,2,0
            """)[0]
        #expect(close(rows[0].central, pk.ivBolus(10, after: 24)))
        #expect(rows[1].central == 7)
        #expect(close(rows[2].central, pk.ivBolus(7, after: 6)))
    }

    /// Rule 5: an oral dose with a lag enters after the rows at its entry time; F and tlag apply.
    @Test func oralDoseWithLag() throws {
        let lag = pk.lag
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID
            1,0,10,1,1
            1,0,0,2,0
            1,\(lag),0,2,0
            1,1,0,2,0
            1,8,0,2,0
            """)[0]
        #expect(rows[0].depot == 0 && rows[1].depot == 0)
        #expect(close(rows[2].central, pk.oral(10, after: 1)))
        #expect(close(rows[3].central, pk.oral(10, after: 8)))
        #expect(close(rows[2].depot, pk.F * 10 * exp(-pk.ka * (1 - lag))))
    }

    /// Rule 5: RATE > 0 into CMT 2 is a zero-order infusion of AMT/RATE h.
    @Test func infusionAtRate() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID,RATE
            1,0,10,2,1,5
            1,0,0,2,0,0
            1,1,0,2,0,0
            1,2,0,2,0,0
            1,5,0,2,0,0
            """)[0]
        #expect(rows[0].central == 0)
        #expect(close(rows[1].central, pk.infusion(5, lasting: 2, after: 1)))
        #expect(close(rows[2].central, pk.infusion(5, lasting: 2, after: 2)))
        #expect(close(rows[3].central, pk.infusion(5, lasting: 2, after: 5)))
    }

    /// Rule 1: with an end before the last rows, only the rows up to it are simulated.
    @Test func untilCutsRows() throws {
        let rows = try outputRows("ID,TIME,AMT,CMT,EVID\n1,0,10,2,1\n1,5,0,2,0\n1,50,0,2,0\n", until: 10)[0]
        #expect(rows.map(\.time) == [5])
    }

    /// Rule 6: R's write.csv quotes every header name and text cell; a quoted cell may hold the separator.
    @Test func quotedHeaderAndCells() throws {
        let table = try EventTable(csv: "\"ID\",\"TIME\",\"AMT\",\"CMT\",\"EVID\",\"NOTE\"\n\"1\",0,10,2,1,\"a, b\"\n\"1\",2,0,2,0,\"say \"\"hi\"\"\"\n")
        #expect(table.subjects.count == 1)
        #expect(table.subjects[0].records.map { $0.cells[5] } == ["a, b", "say \"hi\""])
    }

    /// Rule 6: tab, blank (NONMEM) and semicolon separators are detected from the header; each
    /// table gives the same doses and rows as the comma table.
    @Test func separatorsAreDetected() throws {
        let comma = try outputRows("ID,TIME,AMT,CMT,EVID\n1,0,10,2,1\n1,,0,2,0\n1,3,0,2,0\n".replacingOccurrences(of: ",,", with: ",1,"))
        for (text, separator) in [("ID\tTIME\tAMT\tCMT\tEVID\n1\t0\t10\t2\t1\n1\t1\t0\t2\t0\n1\t3\t0\t2\t0\n", EventTableSeparator.tab),
                                  ("ID TIME  AMT CMT EVID\n 1 0 10 2 1\n1   1 0 2 0\n1 3 0 2 0  \n", .blank),
                                  ("ID;TIME;AMT;CMT;EVID\n1;0;10;2;1\n1;1;0;2;0\n1;3;0;2;0\n", .semicolon)] {
            #expect(try EventTable(csv: text).separator == separator)
            let rows = try outputRows(text)
            #expect(rows[0].map(\.central) == comma[0].map(\.central), "\(separator)")
        }
        // Given explicitly, a separator is used even where detection would pick another.
        let forced = try EventTable(csv: "ID TIME AMT EVID DOSE,X\n1 0 10 1 1,2\n", separator: .blank)
        #expect(forced.columnNames == ["ID", "TIME", "AMT", "EVID", "DOSE,X"])
    }

    /// Rule 6: `#` and `C` comment lines anywhere; a `#` line before the header that does not
    /// name ID and TIME is a comment, not the header.
    @Test func commentLines() throws {
        let table = try EventTable(csv: """
            # study 123, dataset v2
            C,ID,TIME,AMT,CMT,EVID
            .,1,0,10,2,1
            C,1,1,99,2,1
            # a comment
            .,1,2,0,2,0
            """)
        #expect(table.subjects.count == 1)
        #expect(table.subjects[0].regimen.doses.map(\.amount) == [10])
        #expect(table.subjects[0].records.map(\.line) == [3, 6])
    }

    /// Rule 6: every value is parsed whole; a NUL byte or trailing text is an error at its line and column.
    @Test func valuesAreParsedWhole() {
        func problems(_ csv: String, _ separator: EventTableSeparator? = nil) -> [String] {
            do { _ = try EventTable(csv: csv, separator: separator); return [] } catch { return error.problems.map(\.description) }
        }
        #expect(problems("ID,TIME,AMT,EVID\n1,0,10\u{0}garbage,1\n") == [
            "line 2, column 3 (AMT): the field holds a NUL byte (binary data); expected text"])
        #expect(problems("ID,TIME,AMT,EVID\n1,0,10mg,1\n") == [
            "line 2, column 3 (AMT): \"10mg\" is not a number; expected an amount in mg ≥ 0"])
        #expect(problems("ID;TIME;AMT;EVID\n1;0;2,5;1\n") == [
            "line 2, column 3 (AMT): \"2,5\" is not a number (a decimal comma?); expected an amount in mg ≥ 0, with a decimal point: 2.5"])
        #expect(problems("ID,TIME,AMT,EVID\n1,0,\"10\"x,1\n") == [
            "line 2, column 3 (AMT): text \"x\" after the closing quote of \"10\"; expected the separator (comma (\",\")) or the end of the line"])
        #expect(problems("ID,TIME,AMT,EVID\n1,0,\"10,1\n").first?.hasPrefix("line 2, column 3 (AMT): the quoted field never closes") == true)
    }

    /// Rule 6: a header read as one column names the separator seen and how to change it.
    @Test func wrongSeparatorIsNamed() {
        do {
            _ = try EventTable(csv: "ID|TIME|AMT|EVID\n1|0|10|1\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.count == 4)
            #expect(error.problems[0].message.contains("read as one column \"ID|TIME|AMT|EVID\" separated by blanks"))
            #expect(error.problems[0].message.contains("--separator"))
        }
    }

    /// Rule 1: time after dose follows row order and ADDL doses, empty before the first dose.
    @Test func timeAfterDose() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID,II,ADDL
            1,0,0,2,0,0,0
            1,2,10,1,1,24,1
            1,2,0,2,0,0,0
            1,25,0,2,0,0,0
            1,26,0,2,0,0,0
            1,30,0,2,0,0,0
            """)[0]
        #expect(rows.map(\.tad) == [nil, 0, 23, 0, 4])
        #expect(close(rows[4].central, pk.oral(10, after: 28) + pk.oral(10, after: 4)))
    }

    /// Rule 7: SS 1 with II: the state before the dose is the periodic steady state. IV bolus:
    /// central at τ after the dose = Σ_k≥0 of one dose's response at τ + k·II, summed here as the
    /// two geometric series of the closed form.
    @Test func steadyStateIVBolusIsTheGeometricSeries() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID,II,SS
            1,0,10,2,1,24,1
            1,0,0,2,0,0,0
            1,6,0,2,0,0,0
            """)[0]
        func series(_ tau: Double) -> Double {
            let a = (pk.alpha - pk.k21) * exp(-pk.alpha * tau) / (1 - exp(-pk.alpha * 24))
            let b = (pk.beta - pk.k21) * exp(-pk.beta * tau) / (1 - exp(-pk.beta * 24))
            return 10 * (a - b) / (pk.alpha - pk.beta)
        }
        #expect(close(rows[0].central, series(0), 1e-10))
        #expect(close(rows[1].central, series(6), 1e-10))
    }

    /// Rule 7: SS 1 equals 200 explicit doses (the residual of the first dose after 4,800 h is
    /// below 1e-12 of the steady state), for oral doses, IV infusions longer than the interval and
    /// every PK amount (metabolites too).
    @Test func steadyStateEqualsTwoHundredExplicitDoses() throws {
        let model = try DiazepamModel()
        let options = SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-12)
        for (cmt, rate) in [(1, 0.0), (2, 0.0), (2, 10.0 / 30)] {   // oral, IV bolus, 30-h infusion every 24 h
            let ss = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,SS\n1,0,10,\(cmt),1,\(rate),24,0,1\n1,0,0,2,0,0,0,0,0\n1,7,0,2,0,0,0,0,0\n")
            let last = 199.0 * 24
            let explicit = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,SS\n1,0,10,\(cmt),1,\(rate),24,199,0\n"
                                          + "1,\(last),0,2,0,0,0,0,0\n1,\(last + 7),0,2,0,0,0,0,0\n")
            let a = try simulate(model, subject: ss.subjects[0], endTime: 7, options: options).trajectory
            let b = try simulate(model, subject: explicit.subjects[0], endTime: last + 7, options: options).trajectory
            for k in 0..<2 {
                let x = Array(a.state(at: k)), y = Array(b.state(at: k))
                for i in 0..<6 { #expect(close(x[i], y[i], 1e-8), "CMT \(cmt) RATE \(rate) row \(k) state \(i): \(x[i]) vs \(y[i])") }
            }
        }
    }

    /// Rule 7: SS 2 adds the steady state's drug amounts to what is there.
    @Test func steadyStateTwoIsAdded() throws {
        let rows = try outputRows("""
            ID,TIME,AMT,CMT,EVID,II,SS
            1,0,5,2,1,0,0
            1,48,10,2,1,24,2
            1,48,0,2,0,0,0
            """)[0]
        let one = try outputRows("ID,TIME,AMT,CMT,EVID,II,SS\n1,0,10,2,1,24,1\n1,0,0,2,0,0,0\n")[0][0].central
        #expect(close(rows[0].central, pk.ivBolus(5, after: 48) + one, 1e-10))
    }
}
