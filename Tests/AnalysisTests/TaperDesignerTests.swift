import Testing
@testable import Analysis
import Pharmacology

/// The acceptance properties of taper design, on several patients and ceilings. Numbers for the
/// elderly and poor-metaboliser patients change with the covariate model, so the tests check
/// properties (under the ceiling after a fresh simulation, dispensable doses, optimal not longer
/// than the rule-based families), not durations.
@Suite struct TaperDesignerTests {
    static func patient(_ name: String) throws -> DiazepamModel {
        var c = Covariates(species: .human)
        switch name {
        case "elderly": c.age = 75
        case "poor metaboliser": c.cyp2c19 = .poor
        default: break
        }
        return try DiazepamModel(covariates: c)
    }

    static let tablets = try! Dispensing.tablets([2, 5, 10], splitInHalf: true)
    static let liquid = try! Dispensing.liquid(step: 0.5)

    static func request(_ ceiling: WithdrawalCeiling, _ dispensing: Dispensing, _ timing: StepTiming = .every(hours: 14 * 24),
                        strategy: TaperStrategy = .optimal) throws -> TaperRequest {
        TaperRequest(maintenance: try Maintenance("10mg po q24h for 180d"), ceiling: ceiling, dispensing: dispensing,
                     timing: timing, strategy: strategy)
    }

    /// Whether `dose` is a sum of `pieces`, by a direct search over a 0.5 mg grid.
    static func isSum(_ dose: Double, of pieces: [Double]) -> Bool {
        let n = Int((dose * 2).rounded())
        guard abs(Double(n) / 2 - dose) < 1e-12 else { return false }
        var reachable = [Bool](repeating: false, count: n + 1)
        reachable[0] = true
        for k in 0...n { if reachable[k] { for p in pieces { let j = k + Int(p * 2); if j <= n { reachable[j] = true } } } }
        return reachable[n]
    }

    /// The regimen text alone, simulated from 0 h with the public API every 5 minutes from the
    /// start of the taper to 60 days after the stop, keeps withdrawal at or under the ceiling; its
    /// doses are the schedule's steps and each is a sum of the allowed units.
    @Test(arguments: [
        ("young", WithdrawalCeiling.fractionOfAbruptStop(0.4), "tablets"),
        ("young", .absolute(0.012), "liquid"),
        ("elderly", .fractionOfAbruptStop(0.5), "tablets"),   // 1 mg (half a 2 mg tablet) stopped gives 46% of the abrupt-stop peak
        ("poor metaboliser", .fractionOfAbruptStop(0.8), "liquid"),
    ])
    func designedScheduleStaysUnderTheCeilingWhenResimulated(patient: String, ceiling: WithdrawalCeiling, form: String) throws {
        let model = try Self.patient(patient)
        let dispensing = form == "tablets" ? Self.tablets : Self.liquid
        let designer = try TaperDesigner(models: [model], request: try Self.request(ceiling, dispensing))
        let schedule = try designer.design()
        let limit = designer.ceilings[0]
        if case .absolute(let c) = ceiling { #expect(limit == c) }

        let regimen = try RegimenLanguage.parse(schedule.regimenText)
        let start = 180.0 * 24
        // Doses from the text: the maintenance, then each step's dose every 24 h.
        var expected = (0..<180).map { (Double($0) * 24, 10.0) }
        for step in schedule.doseSteps {
            for k in 0..<Int((step.hours / 24).rounded()) { expected.append((step.start + Double(k) * 24, step.dose)) }
        }
        #expect(regimen.doses.map(\.time) == expected.map(\.0))
        #expect(regimen.doses.map(\.amount) == expected.map(\.1))
        let pieces = form == "tablets" ? [1.0, 2, 2.5, 5, 10] : [0.5]
        for step in schedule.doseSteps { #expect(Self.isSum(step.dose, of: pieces), "\(step.dose) mg") }

        let end = schedule.stopTime + 60 * 24
        let times = Array(stride(from: start, through: end, by: 1.0 / 12))
        let trajectory = try simulate(model, regimen: regimen, sampleTimes: times, endTime: end)
        let peak = trajectory.times.indices.map { model.outputs(at: trajectory.state(at: $0)).withdrawal }.max()!
        #expect(peak <= limit, "\(patient): peak \(peak) > ceiling \(limit) for \(schedule.regimenText)")
        // Not trivially under: the schedule uses most of the room it has.
        #expect(peak > 0.5 * limit)
        // And it is a taper, not an abrupt stop (which is above the ceiling).
        #expect(designer.abruptPeaks[0] > limit && !schedule.doseSteps.isEmpty)
    }

    /// The greedy schedule is never longer than the fastest percent, linear or hyperbolic schedule
    /// under the same ceiling and dispensing rules.
    @Test(arguments: [("young", StepTiming.every(hours: 14 * 24)), ("elderly", .every(hours: 14 * 24)),
                      ("poor metaboliser", .every(hours: 7 * 24))])
    func optimalIsNeverLongerThanTheFamilies(patient: String, timing: StepTiming) throws {
        // A poor metaboliser's abrupt-stop peak is small (its nordazepam lingers), so even its last
        // step needs a larger share of it.
        let share = patient == "poor metaboliser" ? 0.8 : 0.4
        let designer = try TaperDesigner(models: [try Self.patient(patient)],
                                         request: try Self.request(.fractionOfAbruptStop(share), Self.liquid, timing))
        let optimal = try designer.design()
        #expect(optimal.ceilingRatio <= 1)
        for family in ["percent", "linear", "hyperbolic"] {
            guard let best = try designer.fastest(family) else { continue }
            #expect(best.ceilingRatio <= 1)
            #expect(optimal.durationDays <= best.durationDays, "\(patient) \(family): \(best.name) \(best.durationDays) d < optimal \(optimal.durationDays) d")
        }
    }

    @Test func ceilingBelowTheLastStepIsImpossibleAndSaysWhatWouldBe() throws {
        let designer = try TaperDesigner(models: [try Self.patient("young")], request: try Self.request(.absolute(0.002), Self.tablets))
        do {
            _ = try designer.design()
            Issue.record("expected the design to fail")
        } catch {
            guard case .impossible(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("the smallest dose that can be dispensed, 1mg"))
            #expect(message.contains("Possible: a ceiling at least"))
        }
    }

    @Test func tabletsThatCannotCutAreImpossible() throws {
        let designer = try TaperDesigner(models: [try Self.patient("young")],
                                         request: try Self.request(.fractionOfAbruptStop(0.25), try .tablets([10])))
        do {
            _ = try designer.design()
            Issue.record("expected the design to fail")
        } catch {
            guard case .impossible(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("the only cut is an abrupt stop"))
            #expect(message.contains("--split half"))
        }
    }

    /// A fixed rule is simulated as given, with its days above the ceiling counted: 10% every 2
    /// weeks from 10 mg with 0.5 mg liquid steps is 9, 8, 7, 6.5, 6, … (the `Taper` rounding).
    @Test func fixedPercentScheduleFollowsTheRule() throws {
        let designer = try TaperDesigner(models: [try Self.patient("young")],
                                         request: try Self.request(.absolute(0.02), Self.liquid, strategy: .percent(0.1)))
        let s = try designer.design()
        #expect(s.doseSteps.map(\.dose) == [9, 8, 7, 6.5, 6, 5.5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5])
        #expect(s.durationDays == 16 * 14)
        #expect(s.regimenText.hasPrefix("10mg po q24h for 180d; 9mg po q24h for 14d; 8mg po q24h for 14d"))
        #expect(s.regimenText.hasSuffix("0.5mg po q24h for 14d; stop"))
    }
}
