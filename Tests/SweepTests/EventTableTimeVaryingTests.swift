import Foundation
import Testing
import Pharmacology
@testable import Sweep

/// Time-varying covariates and parameter columns (Docs/EVENT_TABLES.md §6). Every expected value
/// is a hand superposition of the two-compartment closed form (parent DZ after IV doses: central
/// ⇄ peripheral, elimination from central; Gibaldi & Perrier ch. 2), the state carried across
/// each change of CL, V1, Q, V2 by the closed form's matrix exponential written out below, never
/// by the propagator under test. Reference subject: CL 1.6 L/h, V1 16 L, Q 8 L/h, V2 55 L.
@Suite struct EventTableTimeVaryingTests {
    /// Parent DZ disposition of one segment.
    struct Disposition {
        let k10: Double, k12: Double, k21: Double, alpha: Double, beta: Double, v1: Double

        init(cl: Double = 1.6, v1: Double = 16, q: Double = 8, v2: Double = 55) {
            k10 = cl / v1; k12 = q / v1; k21 = q / v2; self.v1 = v1
            let sum = k10 + k12 + k21, root = (sum * sum - 4 * k10 * k21).squareRoot()
            alpha = (sum + root) / 2
            beta = (sum - root) / 2
        }

        /// Central and peripheral amounts (mg) `t` h after starting from `x` (mg):
        /// e^{At} = [(A + βI)e^{−αt} − (A + αI)e^{−βt}]/(β − α), A = [[−k10−k12, k21], [k12, −k21]],
        /// where β − k10 − k12 = k21 − α.
        func propagate(_ x: (Double, Double), _ t: Double) -> (Double, Double) {
            let ea = exp(-alpha * t), eb = exp(-beta * t)
            let c = ((k21 - alpha) * x.0 + k21 * x.1) * ea - ((k21 - beta) * x.0 + k21 * x.1) * eb
            let p = (k12 * x.0 + (beta - k21) * x.1) * ea - (k12 * x.0 + (alpha - k21) * x.1) * eb
            return (c / (beta - alpha), p / (beta - alpha))
        }
    }

    /// The run of the table's only subject with `carry`, and its output rows' central amounts (mg).
    func run(_ csv: String, carry: EventTableColumns.CovariateCarry = .nocb, perKilogram: Bool = false,
             pk: PKSolution = .exact) throws -> (result: ScenarioResult, central: [Double], scenario: Scenario) {
        let table = try EventTable(csv: csv)
        let columns = EventTableColumns(table: table, file: "t.csv", amountPerKilogram: perKilogram, carry: carry)
        var base = Scenario(regimen: .empty, endTime: 1)
        base.solver = SimulationOptions(method: .dop853, rtol: 1e-10, atol: 1e-12)
        base.solver.pharmacokinetics = pk
        let scenario = try base.forSubject(table.subjects[0], keepSampling: false, columns: columns)
        let result = try scenario.run()
        let central = result.trajectory.times.indices.map { Array(result.trajectory.state(at: $0))[StateVariable.dzCentral.rawValue] }
        return (result, central, scenario)
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }

    static let clChange = """
        ID,TIME,AMT,CMT,EVID,CL
        1,0,10,2,1,1.6
        1,24,0,2,0,1.6
        1,48,0,2,0,4
        1,72,0,2,0,4
        """

    static let weightChange = """
        ID,TIME,AMT,CMT,EVID,WT
        1,0,10,2,1,70
        1,24,0,2,0,70
        1,48,0,2,0,35
        """

    static let perKilogram = """
        ID,TIME,AMT,CMT,EVID,II,ADDL,WT
        1,0,0.1,2,1,24,3,70
        1,30,0,2,0,0,0,70
        1,60,0,2,0,0,0,35
        """

    /// The worked examples of Docs/EVENT_TABLES.md §6 are these tests' tables, and every table of
    /// the page gives its stated row count with its columns used (WT, CL, … applied).
    @Test func documentedExamplesAreTheseTables() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("Docs/EVENT_TABLES.md"), encoding: .utf8)
        for table in [Self.clChange, Self.weightChange, Self.perKilogram] {
            #expect(doc.contains("```csv\n" + table + "\n```\n"), "\(table)")
        }
        var rest = doc[...]
        var checked = 0
        while let start = rest.range(of: "```csv\n") {
            let end = try #require(rest.range(of: "\n```\n", range: start.upperBound..<rest.endIndex))
            let csv = String(rest[start.upperBound..<end.lowerBound]) + "\n"
            let marker = try #require(rest.range(of: "<!-- rows: ", range: end.upperBound..<rest.endIndex))
            let close = try #require(rest.range(of: " -->", range: marker.upperBound..<rest.endIndex))
            let rows = try #require(Int(rest[marker.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
            let table = try EventTable(csv: csv)
            let columns = EventTableColumns(table: table, file: "doc.csv")
            var count = 0
            for subject in table.subjects {
                count += try Scenario(regimen: .empty, endTime: 1).forSubject(subject, keepSampling: false, columns: columns)
                    .run().trajectory.times.count
            }
            #expect(count == rows, "\(csv)")
            checked += 1
        }
        #expect(checked >= 16)
    }

    /// CL changes on the row at 48 h. NOCB (default, NONMEM): CL 4 from 24 h on; LOCF: from 48 h.
    @Test func clearanceChangeNOCBAndLOCF() throws {
        let a = Disposition(), b = Disposition(cl: 4)
        let at24 = a.propagate((10, 0), 24)
        let nocb = try run(Self.clChange)
        #expect(nocb.central.count == 3)
        #expect(close(nocb.central[0], at24.0))
        #expect(close(nocb.central[1], b.propagate(at24, 24).0))
        #expect(close(nocb.central[2], b.propagate(at24, 48).0))
        let locf = try run(Self.clChange, carry: .locf)
        let at48 = a.propagate((10, 0), 48)
        #expect(close(locf.central[0], at24.0))
        #expect(close(locf.central[1], at48.0))
        #expect(close(locf.central[2], b.propagate(at48, 24).0))
        // The two rules differ on the rows from the change on.
        #expect(abs(nocb.central[1] - locf.central[1]) > 0.1 * locf.central[1])
        // The summary runs across the change too: its AUC of DZ is ∫ central/V1 over 0–72 h, by
        // Simpson's rule on the closed form of each segment (1 ng·h/mL = 1 mg·h/L · 1000 / 1000).
        func integral(_ f: (Double) -> Double, _ a: Double, _ b: Double) -> Double {
            let n = 20_000, h = (b - a) / Double(n)
            var sum = f(a) + f(b)
            for i in 1..<n { sum += f(a + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
            return sum * h / 3
        }
        let auc = (integral({ Disposition().propagate((10, 0), $0).0 }, 0, 24)
                   + integral({ b.propagate(at24, $0).0 }, 0, 48)) / 16 * 1000
        // 5e-4: the summary grid's own quadrature error; with one CL throughout it is 2.3e-4 here.
        #expect(abs(nocb.result.summary.dz.auc - auc) < 5e-4 * auc)
        // Against the AUC with CL 1.6 throughout, which the change lowers by about a fifth.
        #expect(nocb.result.summary.dz.auc < 0.85 * 4942)
    }

    /// An oral peak after a change of CL is placed on the closed form of the values in effect then,
    /// as with one set of values (before, the parabola through the grid samples: 1.5e-4 off). 1 mg
    /// IV at 0 h, CL 4 from 24 h on (NOCB), 10 mg oral at 30 h (F 0.95, lag 0.2 h, ka 2.2/h, the
    /// defaults): central = the IV remainder carried across the change + the oral dose's
    /// triexponential, residues of F·D·ka·(s + k21)/((s + ka)(s + α)(s + β)).
    @Test func oralPeakAfterAChangeIsOnTheClosedForm() throws {
        let table = """
            ID,TIME,AMT,CMT,EVID,CL
            1,0,1,2,1,1.6
            1,24,0,2,0,1.6
            1,30,10,1,1,4
            1,48,0,2,0,4
            """
        let a = Disposition(), b = Disposition(cl: 4)
        let at24 = a.propagate((1, 0), 24)
        let f = 0.95, lag = 0.2, ka = 2.2
        func oral(_ tau: Double) -> Double {
            guard tau > 0 else { return 0 }
            let (al, be, k21) = (b.alpha, b.beta, b.k21)
            return f * 10 * ka * ((k21 - al) * exp(-al * tau) / ((ka - al) * (be - al))
                                  + (k21 - be) * exp(-be * tau) / ((ka - be) * (al - be))
                                  + (k21 - ka) * exp(-ka * tau) / ((al - ka) * (be - ka)))
        }
        func concentration(_ t: Double) -> Double { (b.propagate(at24, t - 24).0 + oral(t - 30 - lag)) / 16 * 1000 }
        // The peak: the best of a 0.001 h scan, then golden-section search on the closed form.
        var best = 30.3
        for i in 0..<8000 where concentration(30.3 + Double(i) * 0.001) > concentration(best) { best = 30.3 + Double(i) * 0.001 }
        var (lo, hi) = (best - 0.001, best + 0.001)
        while hi - lo > 1e-12 {
            let m1 = lo + (hi - lo) * 0.382, m2 = hi - (hi - lo) * 0.382
            if concentration(m1) < concentration(m2) { lo = m1 } else { hi = m2 }
        }
        let tmax = (lo + hi) / 2, cmax = concentration(tmax)
        let summary = try run(table).result.summary
        #expect(cmax > 2 * 62.5)                          // the oral peak, not the IV C0 of 62.5 ng/mL
        #expect(abs(summary.dz.cmax - cmax) <= 1e-9 * cmax, "\(summary.dz.cmax) vs \(cmax)")
        #expect(abs(summary.dz.tmax - tmax) <= 1e-5, "\(summary.dz.tmax) vs \(tmax)")
    }

    /// A steady-state row (SS 1, 10 mg IV q24h) on a run whose CL changes later (NOCB: CL 4 from
    /// 72 h): the trajectory and the summary both start at the steady state. Expected from the
    /// closed form: the steady-state trough is Σ_k e^{A·24k}·(10, 0) (k ≥ 1, summed to 2,000
    /// intervals), the first row (12 h) that trough plus the dose propagated 12 h, and Cmax the
    /// trough plus the dose at 0 h over V1 — not the 625 ng/mL of a single dose, which a summary
    /// that ignored the steady state would report.
    @Test func steadyStateRowOnATimeVaryingRun() throws {
        let a = Disposition()
        var trough = (0.0, 0.0)
        for k in 1...2_000 {
            let x = a.propagate((10, 0), 24 * Double(k))
            trough = (trough.0 + x.0, trough.1 + x.1)
        }
        let table = """
            ID,TIME,AMT,CMT,EVID,SS,II,CL
            1,0,10,2,1,1,24,1.6
            1,12,0,2,0,0,0,1.6
            1,72,0,2,0,0,0,1.6
            1,96,0,2,0,0,0,4
            """
        let ss = try run(table)
        #expect(ss.central.count == 3)
        #expect(close(ss.central[0], a.propagate((trough.0 + 10, trough.1), 12).0))
        let cmax = (trough.0 + 10) / 16 * 1000
        #expect(abs(ss.result.summary.dz.cmax - cmax) < 1e-6 * cmax, "\(ss.result.summary.dz.cmax) vs \(cmax)")
    }

    /// WT 70 → 35 kg on the row at 48 h: volumes × 0.5, clearances × 0.5^0.75 (allometry) from
    /// 24 h (NOCB); the row's concentration uses the row's V1.
    @Test func weightChangeScalesTheSegment() throws {
        let s = pow(0.5, 0.75)
        let a = Disposition(), b = Disposition(cl: 1.6 * s, v1: 8, q: 8 * s, v2: 27.5)
        let run = try run(Self.weightChange)
        let at24 = a.propagate((10, 0), 24)
        let at48 = b.propagate(at24, 24)
        #expect(close(run.central[0], at24.0))
        #expect(close(run.central[1], at48.0))
        let models = try #require(run.result.outputModels)
        #expect(models.map(\.volumes.central) == [16, 8])
        let concentration = models[1].outputs(at: run.result.trajectory.state(at: 1)).plasma.dz
        #expect(close(concentration, at48.0 / 8 * 1000))
    }

    /// mg/kg doses use the WT in effect at each dose time: ADDL doses at 24, 48, 72 h with rows
    /// at 0 (70 kg), 30 (70 kg) and 60 h (35 kg). NOCB: the next row's WT (70, 70, 35, 35 kg);
    /// LOCF: the previous row's (70, 70, 70, 35 kg).
    @Test func perKilogramDosesUseTheWeightAtTheDoseTime() throws {
        let csv = Self.perKilogram
        let nocb = try run(csv, perKilogram: true)
        #expect(nocb.scenario.regimen.doses.map(\.amount) == [7, 7, 3.5, 3.5])
        let locf = try run(csv, carry: .locf, perKilogram: true)
        #expect(locf.scenario.regimen.doses.map(\.amount) == [7, 7, 7, 3.5])
        // NOCB: 70 kg up to 30 h, 35 kg after; the row at 60 h sees doses at 0, 24 (7 mg) and 48 h (3.5 mg).
        let s = pow(0.5, 0.75)
        let a = Disposition(), b = Disposition(cl: 1.6 * s, v1: 8, q: 8 * s, v2: 27.5)
        var x = a.propagate((7, 0), 24)
        x = a.propagate((x.0 + 7, x.1), 6)
        #expect(close(nocb.central[0], x.0))
        x = b.propagate(x, 18)
        x = b.propagate((x.0 + 3.5, x.1), 12)
        #expect(close(nocb.central[1], x.0))
    }

    /// An infusion running across a change keeps its rate, exactly and integrated: 2 mg/h from 0
    /// to 10 h, CL 1.6 → 4 L/h from 4 h (NOCB, the row at 6 h). With input R into the central
    /// compartment, x(t) = x_ss + e^{At}(x₀ − x_ss), x_ss = (R/k10, k12·R/(k10·k21)).
    @Test func infusionRunsAcrossAChange() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID,RATE,CL
            1,0,20,2,1,2,1.6
            1,4,0,2,0,0,1.6
            1,6,0,2,0,0,4
            1,12,0,2,0,0,4
            """
        let a = Disposition(), b = Disposition(cl: 4)
        func infused(_ d: Disposition, from x: (Double, Double), _ t: Double) -> (Double, Double) {
            let ss = (2 / d.k10, d.k12 * 2 / (d.k10 * d.k21))
            let y = d.propagate((x.0 - ss.0, x.1 - ss.1), t)
            return (y.0 + ss.0, y.1 + ss.1)
        }
        let at4 = infused(a, from: (0, 0), 4)
        let at6 = infused(b, from: at4, 2)
        let at12 = b.propagate(infused(b, from: at4, 6), 2)
        for pk in PKSolution.allCases {
            let run = try run(csv, pk: pk)
            let tolerance = pk == .exact ? 1e-9 : 1e-6
            #expect(abs(run.central[0] - at4.0) <= tolerance * at4.0, "\(pk)")
            #expect(abs(run.central[1] - at6.0) <= tolerance * at6.0, "\(pk)")
            #expect(abs(run.central[2] - at12.0) <= tolerance * at12.0, "\(pk)")
        }
    }

    /// Sampled by `--times` instead of the rows: the same segments, each sample's outputs with the
    /// values in effect at its time.
    @Test func sampledTimesFollowTheSegments() throws {
        let table = try EventTable(csv: Self.clChange)
        let a = Disposition(), b = Disposition(cl: 4)
        let at24 = a.propagate((10, 0), 24)
        for carry in EventTableColumns.CovariateCarry.allCases {
            let columns = EventTableColumns(table: table, file: "t.csv", carry: carry)
            var base = Scenario(regimen: .empty, endTime: 1)
            base.solver = SimulationOptions(method: .dop853, rtol: 1e-10, atol: 1e-12)
            var scenario = try base.forSubject(table.subjects[0], keepSampling: true, columns: columns)
            scenario.sampling = .times([24, 36, 60])
            let result = try scenario.run()
            let central = result.trajectory.times.indices.map { Array(result.trajectory.state(at: $0))[StateVariable.dzCentral.rawValue] }
            #expect(result.trajectory.times == [24, 36, 60])
            #expect(close(central[0], at24.0))
            let expected36 = carry == .nocb ? b.propagate(at24, 12).0 : a.propagate((10, 0), 36).0
            #expect(close(central[1], expected36), "\(carry)")
            let expected60 = carry == .nocb ? b.propagate(at24, 36).0 : b.propagate(a.propagate((10, 0), 48), 12).0
            #expect(close(central[2], expected60), "\(carry)")
            #expect(result.outputModels?.count == 3)
        }
    }

    /// Empty cells take the value of the next row with one (NOCB) or the previous (LOCF); rows
    /// count as usual.
    @Test func emptyCellsAreCarried() throws {
        let csv = """
            ID,TIME,AMT,CMT,EVID,CL
            1,0,10,2,1,.
            1,24,0,2,0,1.6
            1,48,0,2,0,.
            1,72,0,2,0,4
            """
        let a = Disposition(), b = Disposition(cl: 4)
        let nocb = try run(csv)
        let at24 = a.propagate((10, 0), 24)
        #expect(nocb.central.count == 3)
        #expect(close(nocb.central[1], b.propagate(at24, 24).0))
        let locf = try run(csv, carry: .locf)
        let at72 = a.propagate((10, 0), 72)
        #expect(close(locf.central[2], at72.0))
    }

    /// A population run's parameter draw θ·exp(η) scales every row's value by exp(η).
    @Test func drawsScaleEveryRowsValue() throws {
        let table = try EventTable(csv: Self.clChange)
        let columns = EventTableColumns(table: table, file: "t.csv")
        var typical = Scenario(regimen: .empty, endTime: 1)
        typical.solver = SimulationOptions(method: .dop853, rtol: 1e-10, atol: 1e-12)
        let subjects = try EventTableSubjects(table: table, columns: columns, typical: typical, keepSampling: false, until: nil)
        let draw = RunSpec(index: 0, id: "1", assignments: [Assignment("CL", .number(1.6 * 2))])
        let (scenario, run) = subjects.populationRun(draw, total: 1)
        let result = try scenario.applying(run.assignments, individualParameters: ["CL"]).run()
        let a = Disposition(cl: 3.2), b = Disposition(cl: 8)
        let at24 = a.propagate((10, 0), 24)
        let central = Array(result.trajectory.state(at: 2))[StateVariable.dzCentral.rawValue]
        #expect(close(central, b.propagate(at24, 48).0))
    }

    /// The scenario-file path (no column roles) cannot carry a changing WT: an error, not the first value.
    @Test func scenarioFileTablesRejectChangingWeight() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,WT\n1,0,10,2,1,70\n1,5,0,2,0,60\n")
        #expect(throws: InputError.self) {
            try Scenario(regimen: .empty, endTime: 1).forSubject(table.subjects[0], keepSampling: false)
        }
    }
}
