import Foundation
import Testing
import Pharmacology
@testable import Sweep

/// Columns named like parameters and covariates set each subject's values; the expected central
/// amounts are the two-compartment IV-bolus closed form computed here from the expected CL, V1,
/// Q, V2 (Gibaldi & Perrier ch. 2), not by the simulator.
@Suite struct EventTableColumnsTests {
    /// Central amount (mg) `t` h after an IV bolus of `dose` mg.
    func ivBolus(_ dose: Double, after t: Double, cl: Double, v1: Double, q: Double, v2: Double) -> Double {
        let k10 = cl / v1, k12 = q / v1, k21 = q / v2
        let sum = k10 + k12 + k21, root = (sum * sum - 4 * k10 * k21).squareRoot()
        let alpha = (sum + root) / 2, beta = (sum - root) / 2
        return dose * ((alpha - k21) * exp(-alpha * t) - (beta - k21) * exp(-beta * t)) / (alpha - beta)
    }

    /// Each subject's central amount at its first output row.
    func centralAmounts(_ csv: String, sexCoding: [Double: Sex] = EventTableColumns.defaultSexCoding,
                        perKilogram: Bool = false) throws -> [Double] {
        let table = try EventTable(csv: csv)
        let columns = EventTableColumns(table: table, file: "t.csv", sexCoding: sexCoding, amountPerKilogram: perKilogram)
        let base = Scenario(regimen: .empty, endTime: 1)
        return try table.subjects.map { subject in
            let result = try base.forSubject(subject, keepSampling: false, columns: columns).run()
            return Array(result.trajectory.state(at: 0))[StateVariable.dzCentral.rawValue]
        }
    }

    @Test func parameterColumnsSetTheSubjectsValue() throws {
        let amounts = try centralAmounts("""
            ID,TIME,AMT,CMT,EVID,cl,V1
            1,0,10,2,1,3.2,.
            1,5,0,2,0,3.2,.
            2,0,10,2,1,.,20
            2,5,0,2,0,.,20
            """)
        #expect(abs(amounts[0] - ivBolus(10, after: 5, cl: 3.2, v1: 16, q: 8, v2: 55)) < 1e-10)
        #expect(abs(amounts[1] - ivBolus(10, after: 5, cl: 1.6, v1: 20, q: 8, v2: 55)) < 1e-10)
    }

    @Test func sexAndCYP2C19AreDecoded() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID,SEX,CYP2C19
            1,0,10,2,1,1,1
            1,5,0,2,0,1,1
            2,0,10,2,1,0,PM
            2,5,0,2,0,0,PM
            3,0,10,2,1,F,3
            3,5,0,2,0,F,3
            """
        let amounts = try centralAmounts(csv)
        // Women: CL × 1.29, V2 × 1.40; poor metabolisers: DZ CL × 0.22, which keeps Qin 1999's half-life ratio (Covariates).
        let female = ivBolus(10, after: 5, cl: 1.6 * 1.29, v1: 16, q: 8, v2: 55 * 1.40)
        #expect(abs(amounts[0] - female) < 1e-10)
        #expect(abs(amounts[1] - ivBolus(10, after: 5, cl: 1.6 * 0.22, v1: 16, q: 8, v2: 55)) < 1e-10)
        #expect(abs(amounts[2] - ivBolus(10, after: 5, cl: 1.6 * 1.29 * 0.22, v1: 16, q: 8, v2: 55 * 1.40)) < 1e-10)
        // Another coding: SEX 1 is a man.
        let recoded = try centralAmounts("ID,TIME,AMT,CMT,EVID,SEX\n1,0,10,2,1,1\n1,5,0,2,0,1\n", sexCoding: [1: .male, 2: .female])
        #expect(abs(recoded[0] - ivBolus(10, after: 5, cl: 1.6, v1: 16, q: 8, v2: 55)) < 1e-10)
    }

    @Test func amountsPerKilogram() throws {
        // 0.1 mg/kg for 35 kg: 3.5 mg; volumes × 0.5, clearances × 0.5^0.75.
        let amounts = try centralAmounts("ID,TIME,AMT,CMT,EVID,WT\n1,0,0.1,2,1,35\n1,0,0,2,0,35\n1,5,0,2,0,35\n", perKilogram: true)
        #expect(amounts[0] == 3.5)
    }

    @Test func badValuesPointAtTheirCell() throws {
        let base = Scenario(regimen: .empty, endTime: 1)
        func problems(_ csv: String) throws -> [String] {
            let table = try EventTable(csv: csv)
            let columns = EventTableColumns(table: table, file: "t.csv")
            do { _ = try base.forSubject(table.subjects[0], keepSampling: false, columns: columns); return [] }
            catch { return error.problems.map(\.description) }
        }
        #expect(try problems("ID,TIME,AMT,EVID,WT\n1,0,10,1,0\n") == [
            "t.csv:2:5: WT: subject 1: invalid covariate: weight = 0.0 kg is outside 20.0–250.0 kg for a human"])
        #expect(try problems("ID,TIME,AMT,EVID,SEX\n1,0,10,1,0\n1,1,0,0,1\n") == [
            "t.csv:3:5: SEX: \"1\" differs from \"0\" on line 2 for subject 1; expected one value per subject (sex "
                + "does not change with time): use the same value on every row of the subject, or split the rows into two subjects"])
        #expect(try problems("ID,TIME,AMT,EVID,CYP2C19\n1,0,10,1,PM\n1,1,0,0,EM\n").first?.hasPrefix(
            "t.csv:3:5: CYP2C19: \"EM\" differs from \"PM\" on line 2 for subject 1; expected one value per subject (a CYP2C19 "
                + "phenotype does not change with time)") == true)
        // A time-varying weight is checked value by value, at its cell.
        #expect(try problems("ID,TIME,AMT,EVID,WT\n1,0,10,1,70\n1,1,0,0,300\n") == [
            "t.csv:3:5: WT: subject 1: invalid covariate: weight = 300.0 kg is outside 20.0–250.0 kg for a human"])
        #expect(try problems("ID,TIME,AMT,EVID,CYP2C19\n1,0,10,1,7\n").first?.hasPrefix("t.csv:2:5: CYP2C19: \"7\" is not a CYP2C19 code") == true)
    }

    @Test func usageSaysWhatEachColumnIs() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,EVID,Ki_tspo_dz,WT,DV,ARM\n1,0,10,1,5,70,.,A\n")
        #expect(EventTableColumns(table: table, file: "t.csv").usage == [
            "records: ID, TIME, AMT, EVID", "Ki_tspo_dz → parameter Ki_tspo_dz (nM)", "WT → weight (kg)", "not used: DV, ARM"])
        // A column that changes within an individual says how it carries between rows.
        let varying = try EventTable(csv: "ID,TIME,AMT,EVID,CL,WT\n1,0,10,1,2,70\n1,5,0,0,2,60\n2,0,10,1,3,80\n")
        #expect(EventTableColumns(table: varying, file: "t.csv").usage == [
            "records: ID, TIME, AMT, EVID", "CL → parameter CL (L/h)", "WT → weight (kg), time-varying (NOCB)"])
        #expect(EventTableColumns(table: varying, file: "t.csv", carry: .locf).usage[2] == "WT → weight (kg), time-varying (LOCF)")
    }
}
