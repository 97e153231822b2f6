import Testing
import Pharmacology
@testable import Sweep

/// Steady-state rows of an event table whose CL changes with time, sampled on a grid
/// (`--every`, `keepSampling`): the same rules as with one model (`DosingPlan`, the
/// `forSubject(_:keepSampling:…)` contract): a steady state at 0 h is where the subject starts,
/// a sample at a steady-state row's time is the steady-state trough (SS 1; SS 2: the earlier
/// history plus it), samples before it show the earlier history. Expected values are hand
/// superpositions of the two-compartment closed form (`EventTableTimeVaryingTests.Disposition`):
/// the steady-state trough is the sum of 400 explicit doses' remainders, never the propagator or
/// the geometric series under test.
@Suite struct EventTableTimeVaryingSteadyStateTests {
    typealias Disposition = EventTableTimeVaryingTests.Disposition

    /// Central and peripheral amounts (mg) just before a dose of `amount` mg IV, repeated every
    /// `interval` h forever: the remainders of 400 earlier doses (the 400th is e^{−β·9600 h} ≈ 0).
    func trough(_ d: Disposition, amount: Double, interval: Double) -> (Double, Double) {
        var sum = (0.0, 0.0)
        for k in 1...400 {
            let x = d.propagate((amount, 0), Double(k) * interval)
            sum = (sum.0 + x.0, sum.1 + x.1)
        }
        return sum
    }

    /// The only subject of `csv` sampled every 12 h, and the central amounts (mg) of its samples.
    func sampled(_ csv: String) throws -> (times: [Double], central: [Double]) {
        let table = try EventTable(csv: csv)
        let columns = EventTableColumns(table: table, file: "t.csv")
        let base = Scenario(regimen: .empty, sampling: .every(step: 12), endTime: 1,
                            solver: SimulationOptions(method: .dop853, rtol: 1e-10, atol: 1e-12))
        let result = try base.forSubject(table.subjects[0], keepSampling: true, columns: columns).run()
        #expect(result.outputModels != nil, "the run must be time-varying")
        return (result.trajectory.times, result.trajectory.values(of: .dzCentral))
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }

    /// SS 1 at 0 h, CL 1.6 → 4 L/h at 48 h (NOCB: the 72 h row's value from 48 h on). The sample
    /// at 0 h is the steady-state trough of the 1.6 L/h model, not baseline.
    @Test func steadyStateAtZeroStartsTheRun() throws {
        let run = try sampled("""
            ID,TIME,AMT,CMT,EVID,II,SS,CL
            1,0,10,2,1,24,1,1.6
            1,48,0,2,0,0,0,1.6
            1,72,0,2,0,0,0,4
            """)
        let a = Disposition(), b = Disposition(cl: 4)
        let ss = trough(a, amount: 10, interval: 24)
        let after = (ss.0 + 10, ss.1)
        let at48 = a.propagate(after, 48)
        let expected = [ss.0, a.propagate(after, 12).0, a.propagate(after, 24).0, a.propagate(after, 36).0, at48.0,
                        b.propagate(at48, 12).0, b.propagate(at48, 24).0]
        #expect(run.times == [0, 12, 24, 36, 48, 60, 72])
        #expect(run.central.count == expected.count)
        for (got, want) in zip(run.central, expected) { #expect(close(got, want), "\(got) vs \(want)") }
    }

    /// SS 1 at 48 h with CL 3 (its row's value), CL 1 from 60 h on: no drug before 48 h, the CL 3
    /// steady-state trough at 48 h, then the dose on top.
    @Test func laterSteadyStateUsesItsDosesModel() throws {
        let run = try sampled("""
            ID,TIME,AMT,CMT,EVID,II,SS,CL
            1,0,0,2,0,0,0,1.6
            1,24,0,2,0,0,0,1.6
            1,48,10,2,1,24,1,3
            1,60,0,2,0,0,0,3
            1,96,0,2,0,0,0,1
            """)
        let b = Disposition(cl: 3), c = Disposition(cl: 1)
        let ss = trough(b, amount: 10, interval: 24)
        let at60 = b.propagate((ss.0 + 10, ss.1), 12)
        let expected = [0, 0, 0, 0, ss.0, at60.0, c.propagate(at60, 12).0, c.propagate(at60, 24).0, c.propagate(at60, 36).0]
        #expect(run.times == [0, 12, 24, 36, 48, 60, 72, 84, 96])
        #expect(run.central.count == expected.count)
        for (got, want) in zip(run.central, expected) {
            #expect(want == 0 ? got == 0 : close(got, want), "\(got) vs \(want)")
        }
    }

    /// SS 2 at 48 h (CL 3) on top of a 5 mg dose at 0 h (CL 1.6 to 24 h, then 3): the sample at
    /// 48 h is the single dose's remainder plus the CL 3 steady-state trough.
    @Test func additiveSteadyStateAddsTheHistory() throws {
        let run = try sampled("""
            ID,TIME,AMT,CMT,EVID,II,SS,CL
            1,0,5,2,1,0,0,1.6
            1,24,0,2,0,0,0,1.6
            1,48,10,2,1,24,2,3
            1,60,0,2,0,0,0,3
            """)
        let a = Disposition(), b = Disposition(cl: 3)
        let at24 = a.propagate((5, 0), 24)
        let history = b.propagate(at24, 24)
        let ss = trough(b, amount: 10, interval: 24)
        let at48 = (history.0 + ss.0, history.1 + ss.1)
        let expected = [0, a.propagate((5, 0), 12).0, at24.0, b.propagate(at24, 12).0, at48.0,
                        b.propagate((at48.0 + 10, at48.1), 12).0]
        #expect(run.times == [0, 12, 24, 36, 48, 60])
        #expect(run.central.count == expected.count)
        for (got, want) in zip(run.central, expected) {
            #expect(want == 0 ? got == 0 : close(got, want), "\(got) vs \(want)")
        }
    }
}
