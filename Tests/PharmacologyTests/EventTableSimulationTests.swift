import Foundation
import Testing
import ODE
import Pharmacology

/// An event table drives the simulation exactly like the equivalent regimen, resets included.
@Suite struct EventTableSimulationTests {
    @Test func eventTableSubjectsSimulateLikeRegimens() throws {
        let csv = """
        ID,TIME,AMT,CMT,EVID,RATE,II,ADDL,WT
        1,0,10,1,1,0,24,6,70
        1,168,0,2,0,0,0,0,70
        2,0,5,2,1,2.5,0,0,60
        2,48,0,2,0,0,0,0,60
        2,72,10,1,4,0,0,0,60
        2,96,0,2,0,0,0,0,60
        """
        let table = try EventTable(csv: csv)
        #expect(table.subjects.map(\.id) == ["1", "2"])
        let model = try DiazepamModel()
        let options = SimulationOptions(method: .rodas5P, rtol: 1e-10, atol: 1e-13)

        // Subject 1: 10 mg every 24 h, 7 doses; sampled at 168 h.
        let one = table.subjects[0]
        let viaTable = try simulate(model, regimen: one.regimen, resetTimes: one.resetTimes,
                                    sampleTimes: one.sampleTimes, endTime: 168, options: options)
        let viaRegimen = try simulate(model, regimen: try Regimen.repeated(10, every: 24, count: 7),
                                      sampleTimes: [168], endTime: 168, options: options)
        #expect(one.sampleTimes == [168])
        #expect(Array(viaTable.state(at: 0)) == Array(viaRegimen.state(at: 0)))

        // Subject 2: 5 mg IV over 2 h, then a reset with a new oral dose at 72 h: at 96 h the state
        // equals 24 h after a lone 10 mg oral dose (the infusion's drug is gone with the reset).
        let two = table.subjects[1]
        #expect(two.resetTimes == [72])
        #expect(two.covariates["WT"] == 60)
        let afterReset = try simulate(model, regimen: two.regimen, resetTimes: two.resetTimes,
                                      sampleTimes: two.sampleTimes, endTime: 96, options: options)
        let fresh = try simulate(model, regimen: try Regimen.single(10), sampleTimes: [24], endTime: 24, options: options)
        let a = Array(afterReset.state(at: 1)), b = Array(fresh.state(at: 0))
        for i in a.indices { #expect(abs(a[i] - b[i]) <= 1e-9 * max(1, abs(b[i])), "state \(i)") }
        // Before the reset the infusion's drug was there.
        #expect(afterReset.state(at: 0)[1] > 0.1)
    }

    /// Column names carry units, every output has one, and the values come from the right place.
    @Test func outputColumnsHaveUnits() throws {
        let names = OutputVariable.allCases.map(\.columnName)
        #expect(names.first == "dz_plasma_ng_per_mL")
        #expect(names.contains("dz_unbound_nM") && names.contains("dz_central_mg") && names.contains("withdrawal"))
        #expect(Set(names).count == names.count)
        #expect(names.count == 14 + StateVariable.count)
        let model = try DiazepamModel()
        var y = StateVariable.initialState
        y[1] = 16   // 16 mg in a 16 L central compartment: 1 mg/L = 1000 ng/mL
        let outputs = model.outputs(at: y)
        #expect(OutputVariable.dzPlasma.value(state: y, outputs: outputs) == 1000)
        #expect(OutputVariable.state(.dzCentral).value(state: y, outputs: outputs) == 16)
    }
}
