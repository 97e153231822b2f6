import Testing
import Pharmacology

/// Doses per kg of body weight in the regimen language (`5mg/kg ip q24h for 7d`): the amounts are
/// kept per kg (`Regimen.amountsPerKilogram`) until a subject's weight converts them to mg.
@Suite struct RegimenPerKilogramTests {
    /// `[time h, amount, route]` of each dose, for exact comparisons.
    func doses(_ regimen: Regimen) -> [String] {
        regimen.doses.map { "\($0.time) \($0.amount) \($0.route)" }
    }

    /// mg/kg × weight equals the same regimen written in mg, for every route and across phases,
    /// steady states included; the units of mass convert as for mg.
    @Test func amountsTimesTheWeightAreTheMilligramRegimen() throws {
        let weight = 0.025
        for (perKg, amount, rest) in [(5.0, "5mg/kg", "ip q24h for 7d"), (2, "2mg/kg", "po bid x3"), (1, "1mg/kg", "iv once"),
                                      (0.5, "500ug/kg", "iv over 2h q12h x2"), (1000, "1g/kg", "infusion over 30min q8h x3"),
                                      (3, "3mg/kg", "po q24h ss for 2d")] {
            let text = try RegimenLanguage.parse("\(amount) \(rest)")
            #expect(text.amountsPerKilogram)
            let mg = try RegimenLanguage.parse("\(perKg * weight)mg \(rest)")
            #expect(!mg.amountsPerKilogram)
            let converted = text.inMilligrams(weight: weight)
            #expect(!converted.amountsPerKilogram)
            #expect(converted == mg, "\(amount) \(rest)")
            #expect(converted.doses.allSatisfy { $0.amount == perKg * weight })
        }
        // `then` phases and a wait: every phase per kg.
        let phases = try RegimenLanguage.parse("5mg/kg ip daily for 7d; pause 14d; 1mg/kg ip daily for 8w")
        let phasesInMg = try RegimenLanguage.parse("\(5 * 0.03)mg ip daily for 7d; pause 14d; \(1 * 0.03)mg ip daily for 8w")
        #expect(phases.inMilligrams(weight: 0.03) == phasesInMg)
        // A regimen in mg is not changed by a weight.
        let plain = try RegimenLanguage.parse("10mg po q24h for 3d")
        #expect(plain.inMilligrams(weight: 80) == plain)
    }

    /// A taper per kg cuts and rounds in mg/kg: 2 → 1.5 → 1 → 0.5 mg/kg, each then × the weight.
    @Test func taperPerKilogramRoundsInStepsPerKilogram() throws {
        let regimen = try RegimenLanguage.parse("2mg/kg po q24h for 14d; then taper 25% q7d min 0.5mg/kg")
        var steps: [Double] = []
        for dose in regimen.doses where steps.last != dose.amount { steps.append(dose.amount) }
        #expect(steps == [2, 1.5, 1, 0.5])
        let mg = regimen.inMilligrams(weight: 70)
        #expect(mg.doses.map(\.amount) == regimen.doses.map { $0.amount * 70 })
        #expect(mg.doses.map(\.time) == regimen.doses.map(\.time))
    }

    /// Shifting, stopping and adding keep the unit; adding mg to mg/kg is refused.
    @Test func combinationsKeepTheUnit() async throws {
        let perKg = try RegimenLanguage.parse("5mg/kg po q24h for 3d")
        let shifted = try perKg.shifted(by: 24), stopped = try perKg.stopped(at: 30)
        #expect(shifted.amountsPerKilogram && stopped.amountsPerKilogram)
        #expect((Regimen() + perKg).amountsPerKilogram && (perKg + Regimen()).amountsPerKilogram)
        await #expect(processExitsWith: .failure) {
            _ = try! RegimenLanguage.parse("5mg/kg po once") + RegimenLanguage.parse("5mg po once")
        }
    }

    /// A regimen per kg is never expanded into dosing events as if it were mg.
    @Test func eventsRefuseAmountsPerKilogram() async throws {
        await #expect(processExitsWith: .failure) {
            let regimen = try! RegimenLanguage.parse("5mg/kg po once")
            _ = regimen.events(bioavailability: 1, lag: 0)
        }
        let events = try RegimenLanguage.parse("5mg/kg iv once").inMilligrams(weight: 2).events(bioavailability: 1, lag: 0)
        #expect(events == [DosingEvent(time: 0, compartment: .central, kind: .bolus(amount: 10))])
    }
}
