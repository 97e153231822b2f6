import Testing
import Pharmacology
@testable import Sweep

/// Steady-state rows of an event table in a scenario: sampled with `--every` (the table's rows
/// not the output) and summarised with their pre-history. The closed forms of the values are
/// checked in `SteadyStateSamplingTests`; here, that a table and the regimen language that says
/// the same thing give the same numbers, and what the summary reports.
@Suite struct EventTableSteadyStateTests {
    let base = Scenario(regimen: .empty, sampling: .every(step: 6), endTime: 0,
                        solver: SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-12))

    /// `SS 1` with ADDL 2 every 24 h = `10mg iv q24h ss x3`: the same sampled states and the same
    /// summary, whose maintenance phase is the steady-state dosing from 0 h with t90ss 0.
    @Test func sampledSteadyStateRowsEqualTheRegimenLanguage() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,II,ADDL,SS\n1,0,10,2,1,24,2,1\n1,96,0,2,0,0,0,0\n")
        let fromTable = try base.forSubject(table.subjects[0], keepSampling: true).run()
        var text = base
        text.regimen = try RegimenLanguage.parse("10mg iv q24h ss x3")
        text.endTime = 96
        let fromText = try text.run()
        #expect(fromTable.trajectory.times == Array(stride(from: 0.0, through: 96, by: 6)))
        #expect(fromTable.trajectory.states == fromText.trajectory.states)
        #expect(String(describing: fromTable.summary) == String(describing: fromText.summary))   // NaN ≠ NaN
        let phase = try #require(fromTable.summary.maintenance)
        #expect(phase.startsAtSteadyState && phase.firstDoseTime == 0 && phase.lastDoseTime == 48 && phase.amount == 10)
        #expect(fromTable.summary.dz.timeTo90PercentSteadyState == 0)
        // At steady state from 0 h: the trough at 0 h (a sample before the dose) is already high.
        #expect(fromTable.trajectory.values(of: .dzCentral)[0] > 1)
    }

    /// The summary of a subject whose rows are the output counts the steady state too: the same
    /// summary as the same subject sampled on a grid.
    @Test func rowOutputSummaryCountsTheSteadyState() throws {
        let table = try EventTable(csv: "ID,TIME,AMT,CMT,EVID,II,SS\n1,0,5,2,1,0,0\n1,48,10,2,1,24,1\n1,48,0,2,0,0,0\n1,96,0,2,0,0,0\n")
        let rows = try base.forSubject(table.subjects[0], keepSampling: false).run()
        let grid = try base.forSubject(table.subjects[0], keepSampling: true).run()
        #expect(String(describing: rows.summary) == String(describing: grid.summary))
        let phase = try #require(rows.summary.maintenance)
        #expect(phase.startsAtSteadyState && phase.firstDoseTime == 48 && phase.doseCount == 1)
        #expect(rows.summary.dz.timeTo90PercentSteadyState == 0)
        // Without the steady state the 10 mg dose at 48 h is a single dose: no maintenance phase.
        var explicitOnly = table.subjects[0]
        explicitOnly.steadyStates = []
        let plain = try base.forSubject(explicitOnly, keepSampling: false).run()
        #expect(plain.summary.maintenance == nil)
        #expect(rows.summary.dz.cmax > plain.summary.dz.cmax)
    }
}
