import Testing
import Pharmacology

/// `ss` in the regimen language: at the steady state of the phase's dosing from its start.
@Suite struct RegimenSteadyStateTests {
    @Test func steadyStatePhaseEqualsTwoHundredExplicitDoses() throws {
        let model = try DiazepamModel()
        let options = SimulationOptions(method: .dop853, rtol: 1e-8, atol: 1e-12)
        for route in ["po", "iv"] {
            let ss = try RegimenLanguage.parse("10mg \(route) q24h ss for 2d; then stop")
            #expect(ss.doses.map(\.time) == [0, 24])
            #expect(ss.steadyStates.map(\.time) == [0])
            let explicit = try RegimenLanguage.parse("10mg \(route) q24h x201")
            let last = 199.0 * 24
            let a = try simulate(model, regimen: ss, sampleTimes: [0, 30], endTime: 30, options: options)
            let b = try simulate(model, regimen: explicit, sampleTimes: [last, last + 30], endTime: last + 30, options: options)
            for k in 0..<2 {
                let x = Array(a.state(at: k)), y = Array(b.state(at: k))
                for i in 0..<6 {
                    #expect(abs(x[i] - y[i]) <= 1e-8 * abs(y[i]), "\(route) sample \(k) state \(i): \(x[i]) vs \(y[i])")
                }
            }
        }
        // Without a length: one dose at steady state, then the next phase.
        let short = try RegimenLanguage.parse("10mg po q24h ss; then 5mg po q24h x2")
        #expect(short.doses.map(\.time) == [0, 24, 48])
        #expect(short.steadyStates.count == 1)
    }
}
