import Foundation
import Testing
import Pharmacology

/// The regimen text's doses as `[time h, amount mg]` pairs, for exact comparisons.
private func timesAndAmounts(_ regimen: Regimen) -> [[Double]] {
    regimen.doses.map { [$0.time, $0.amount] }
}

/// `count` doses of `amount` mg, `interval` h apart from `start` h, as `[time h, amount mg]` pairs.
private func run(_ amount: Double, from start: Double, every interval: Double, count: Int) -> [[Double]] {
    (0..<count).map { k -> [Double] in [start + Double(k) * interval, amount] }
}

/// The error `RegimenLanguage.parse` throws for `text`, or `nil` if it parses.
private func syntaxError(_ text: String) -> RegimenSyntaxError? {
    do {
        _ = try RegimenLanguage.parse(text)
        return nil
    } catch {
        return error
    }
}

/// Every example of Docs/REGIMEN_LANGUAGE.md, in order, with the regimen it must equal, written
/// with the builders.
private let documentedExamples: [String] = [
    "10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop",
    "5mg po at 8h,20h daily for 4w",
    "10mg po once",
    "10mg po at 0h",
    "2mg iv once; wait 7d; 2mg iv once",
    "5mg iv over 30min bid for 2d",
    "10mg infusion over 2h q12h x4",
    "125ug ip daily for 7d; pause 14d; 25ug ip daily for 8w",
    "10mg po daily for 30d; taper 2.5mg q7d min 0.5mg tablet 0.5mg",
    "10mg po at 22h daily for 180d; taper 10% q2w",
    "5mg po bid for 4w then 5mg po tid x9",
    "10mg po once; 5mg po once; 2.5mg po once",
    "wait 2d; 10mg po q24h for 1w; stop",
    "10mg iv over 48h once; stop",
    "20mg po at 0h, 6h; wait 1d; 20mg po once",
    "5mg po q8h for 36h",
    "5mg po qid for 1d then taper 25% q3d tablet 1mg",
    "500ug po q24h for 3d",
    "10 MG PO Q 24 H FOR 7 D",
    "10mg po q24h ss for 28d; then taper 10% q14d min 0.5mg",
    "5mg/kg ip q24h for 7d",
    "2mg/kg po q24h for 14d; then taper 25% q7d min 0.5mg/kg",
]

/// The regimen each documented example must parse to, built with the validated builders.
private func expectedRegimen(_ text: String) throws -> Regimen {
    switch text {
    case "10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop":
        return try Regimen.repeated(10, every: 24, count: 180)
            + Regimen.taper(from: 10, every: 24, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5,
                            tabletSize: 0.5, startingAt: 180 * 24, cutsAtStart: true)
    case "5mg po at 8h,20h daily for 4w":
        return try Regimen.daily(5, atHours: [8, 20], days: 28)
    case "10mg po once", "10mg po at 0h":
        return try Regimen.single(10)
    case "2mg iv once; wait 7d; 2mg iv once":
        return try Regimen.single(2, route: .intravenousBolus) + Regimen.single(2, at: 168, route: .intravenousBolus)
    case "5mg iv over 30min bid for 2d":
        return try Regimen.repeated(5, every: 12, count: 4, route: .infusion(duration: 0.5))
    case "10mg infusion over 2h q12h x4":
        return try Regimen.repeated(10, every: 12, count: 4, route: .infusion(duration: 2))
    case "125ug ip daily for 7d; pause 14d; 25ug ip daily for 8w":
        return try Regimen.repeated(0.125, every: 24, count: 7, route: .intraperitoneal)
            + Regimen.repeated(0.025, every: 24, count: 56, startingAt: 21 * 24, route: .intraperitoneal)
    case "10mg po daily for 30d; taper 2.5mg q7d min 0.5mg tablet 0.5mg":
        return try Regimen.repeated(10, every: 24, count: 30)
            + Regimen.taper(from: 10, every: 24, cut: .amount(2.5), everyDays: 7, smallestStep: 0.5,
                            tabletSize: 0.5, startingAt: 30 * 24, cutsAtStart: true)
    case "10mg po at 22h daily for 180d; taper 10% q2w":
        return try Regimen.daily(10, atHours: [22], days: 180)
            + Regimen.taper(from: 10, every: 24, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5,
                            tabletSize: 0.5, startingAt: 180 * 24 + 22, cutsAtStart: true)
    case "5mg po bid for 4w then 5mg po tid x9":
        return try Regimen.repeated(5, every: 12, count: 56) + Regimen.repeated(5, every: 8, count: 9, startingAt: 672)
    case "10mg po once; 5mg po once; 2.5mg po once":
        return try Regimen.single(10) + Regimen.single(5, at: 24) + Regimen.single(2.5, at: 48)
    case "wait 2d; 10mg po q24h for 1w; stop":
        return try Regimen.repeated(10, every: 24, count: 7, startingAt: 48)
    case "10mg iv over 48h once; stop":
        return try Regimen.single(10, route: .infusion(duration: 48)).stopped(at: 24)
    case "20mg po at 0h, 6h; wait 1d; 20mg po once":
        return try Regimen.single(20) + Regimen.single(20, at: 6) + Regimen.single(20, at: 30)
    case "5mg po q8h for 36h":
        return try Regimen.repeated(5, every: 8, count: 5)
    case "5mg po qid for 1d then taper 25% q3d tablet 1mg":
        return try Regimen.repeated(5, every: 6, count: 4)
            + Regimen.taper(from: 5, every: 6, cut: .fraction(0.25), everyDays: 3, smallestStep: 1,
                            tabletSize: 1, startingAt: 24, cutsAtStart: true)
    case "500ug po q24h for 3d":
        return try Regimen.repeated(0.5, every: 24, count: 3)
    case "10 MG PO Q 24 H FOR 7 D":
        return try Regimen.repeated(10, every: 24, count: 7)
    case "10mg po q24h ss for 28d; then taper 10% q14d min 0.5mg":
        var maintenance = try Regimen.repeated(10, every: 24, count: 28)
        maintenance.steadyStates = [SteadyStateDose(dose: try Dose(time: 0, amount: 10), interval: 24)]
        return try maintenance
            + Regimen.taper(from: 10, every: 24, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5,
                            tabletSize: 0.5, startingAt: 28 * 24, cutsAtStart: true)
    case "5mg/kg ip q24h for 7d":
        var perKilogram = try Regimen.repeated(5, every: 24, count: 7, route: .intraperitoneal)
        perKilogram.amountsPerKilogram = true
        return perKilogram
    case "2mg/kg po q24h for 14d; then taper 25% q7d min 0.5mg/kg":
        var perKilogram = try Regimen.repeated(2, every: 24, count: 14)
            + Regimen.taper(from: 2, every: 24, cut: .fraction(0.25), everyDays: 7, smallestStep: 0.5,
                            tabletSize: 0.5, startingAt: 14 * 24, cutsAtStart: true)
        perKilogram.amountsPerKilogram = true
        return perKilogram
    default:
        Issue.record("no expected regimen for the example '\(text)'")
        return Regimen()
    }
}

@Suite struct RegimenLanguageExampleTests {
    @Test(arguments: documentedExamples)
    func documentedExampleParsesToTheBuildersRegimen(_ text: String) throws {
        #expect(try RegimenLanguage.parse(text) == expectedRegimen(text))
    }

    /// Docs/REGIMEN_LANGUAGE.md lists exactly the examples tested here (every ```regimen block).
    @Test func documentationListsExactlyTheTestedExamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let document = try String(contentsOf: root.appendingPathComponent("Docs/REGIMEN_LANGUAGE.md"), encoding: .utf8)
        var inBlock = false
        var found: [String] = []
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "```regimen" {
                inBlock = true
            } else if trimmed.hasPrefix("```") {
                inBlock = false
            } else if inBlock, !trimmed.isEmpty {
                found.append(trimmed)
            }
        }
        // The first block is the introduction's, repeated as example 1.
        #expect(found.first == documentedExamples[0])
        #expect(Array(found.dropFirst()) == documentedExamples)
        #expect(documentedExamples.count >= 10)
    }

    @Test func maintenanceThenTenPercentTaperGivesTheDocumentedSchedule() throws {
        let schedule = try RegimenLanguage.schedule("10mg po q24h for 180d; then taper 10% q14d min 0.5mg; then stop")
        let doses = schedule.regimen.doses
        #expect(doses.count == 404)
        #expect(doses[179].time == 4296 && doses[179].amount == 10)
        #expect(doses[180].time == 4320 && doses[180].amount == 9)
        #expect(doses.last?.time == 9672 && doses.last?.amount == 0.5)
        // The step doses, 14 each, in order.
        var steps: [Double] = []
        for dose in doses.dropFirst(180) where steps.last != dose.amount { steps.append(dose.amount) }
        #expect(steps == [9, 8, 7, 6.5, 6, 5.5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5])
        #expect(doses.allSatisfy { $0.route == .oral })
        #expect(schedule.phases.map(\.start) == [0, 4320, 9696])
        #expect(schedule.phases.map(\.end) == [4320, 9696, 9696])
        #expect(schedule.phases.map(\.doseCount) == [180, 224, 0])
        #expect(schedule.phases.map(\.text) == ["10mg po q24h for 180d", "taper 10% q14d min 0.5mg", "stop"])
        #expect(schedule.phases.map(\.column) == [1, 29, 60])
        #expect(schedule.endTime == 9696)
    }

    @Test func timesOfDayGiveTheExactDoseList() throws {
        let regimen = try RegimenLanguage.parse("5mg po at 8h,20h daily for 4w")
        var expected: [[Double]] = []
        for day in 0..<28 { expected += [[Double(day) * 24 + 8, 5], [Double(day) * 24 + 20, 5]] }
        #expect(timesAndAmounts(regimen) == expected)
    }

    @Test func singleDosesAndGaps() throws {
        #expect(timesAndAmounts(try RegimenLanguage.parse("10mg po once")) == [[0, 10]])
        #expect(timesAndAmounts(try RegimenLanguage.parse("10mg po once; 5mg po once; 2.5mg po once"))
                == [[0, 10], [24, 5], [48, 2.5]])
        #expect(timesAndAmounts(try RegimenLanguage.parse("20mg po at 0h, 6h; wait 1d; 20mg po once"))
                == [[0, 20], [6, 20], [30, 20]])
        let twoBoluses = try RegimenLanguage.schedule("2mg iv once; wait 7d; 2mg iv once")
        #expect(timesAndAmounts(twoBoluses.regimen) == [[0, 2], [168, 2]])
        #expect(twoBoluses.regimen.doses.allSatisfy { $0.route == .intravenousBolus })
        // The wait counts from the dose; the last single-dose phase lasts 24 h.
        #expect(twoBoluses.phases.map(\.start) == [0, 0, 168])
        #expect(twoBoluses.endTime == 192)
    }

    @Test func infusionsAndRoutes() throws {
        let infusions = try RegimenLanguage.parse("5mg iv over 30min bid for 2d")
        #expect(timesAndAmounts(infusions) == [[0, 5], [12, 5], [24, 5], [36, 5]])
        #expect(infusions.doses.allSatisfy { $0.route == .infusion(duration: 0.5) })
        #expect(try RegimenLanguage.parse("10mg infusion over 2h q12h x4").doses.map(\.route)
                == Array(repeating: .infusion(duration: 2), count: 4))
        #expect(try RegimenLanguage.parse("10mg oral once").doses.map(\.route) == [.oral])
        #expect(try RegimenLanguage.parse("10mg ip once").doses.map(\.route) == [.intraperitoneal])
        // A stop at 24 h ends the 48 h infusion there: 10/48 mg/h from 0 to 24 h.
        let cut = try RegimenLanguage.parse("10mg iv over 48h once; stop")
        #expect(cut.events(bioavailability: 0.9, lag: 0.5) == [
            DosingEvent(time: 0, compartment: .central, kind: .rateChange(delta: 10.0 / 48)),
            DosingEvent(time: 24, compartment: .central, kind: .rateChange(delta: -10.0 / 48)),
        ])
    }

    @Test func mouseProtocolInMicrograms() throws {
        let schedule = try RegimenLanguage.schedule("125ug ip daily for 7d; pause 14d; 25ug ip daily for 8w")
        let expected = run(0.125, from: 0, every: 24, count: 7) + run(0.025, from: 504, every: 24, count: 56)
        #expect(timesAndAmounts(schedule.regimen) == expected)
        #expect(schedule.endTime == 504 + 56 * 24)
    }

    @Test func tapersByAmountAndAtTheSameTimeOfDay() throws {
        let byAmount = try RegimenLanguage.parse("10mg po daily for 30d; taper 2.5mg q7d min 0.5mg tablet 0.5mg")
        var expected = run(10, from: 0, every: 24, count: 30)
        expected += run(7.5, from: 720, every: 24, count: 7)
        expected += run(5, from: 888, every: 24, count: 7)
        expected += run(2.5, from: 1056, every: 24, count: 7)
        #expect(timesAndAmounts(byAmount) == expected)

        let bedtime = try RegimenLanguage.schedule("10mg po at 22h daily for 180d; taper 10% q2w")
        let doses = bedtime.regimen.doses
        #expect(doses[179].time == 4318 && doses[180].time == 4342 && doses[180].amount == 9)
        #expect(doses.last?.time == 9694 && doses.last?.amount == 0.5)
        #expect(doses.allSatisfy { $0.time.truncatingRemainder(dividingBy: 24) == 22 })
        #expect(bedtime.endTime == 9718)

        // Evenly spaced times of day keep their clock times through the taper (every 12 h from 8:00).
        let twiceDaily = try RegimenLanguage.parse("5mg po at 8h,20h daily for 2w; taper 1mg q1w tablet 1mg")
        let twiceDailyExpected = try Regimen.daily(5, atHours: [8, 20], days: 14)
            + Regimen.taper(from: 5, every: 12, cut: .amount(1), everyDays: 7, smallestStep: 1, tabletSize: 1,
                            startingAt: 14 * 24 + 8, cutsAtStart: true)
        #expect(twiceDaily == twiceDailyExpected)
        #expect(twiceDaily.doses.allSatisfy { [8, 20].contains($0.time.truncatingRemainder(dividingBy: 24)) })
        #expect(twiceDaily.doses.count == 28 + 4 * 14)

        let fast = try RegimenLanguage.parse("5mg po qid for 1d then taper 25% q3d tablet 1mg")
        var fastExpected = run(5, from: 0, every: 6, count: 4)
        for (step, dose) in [4.0, 3, 2, 1].enumerated() {
            fastExpected += run(dose, from: 24 + Double(step) * 72, every: 6, count: 12)
        }
        #expect(timesAndAmounts(fast) == fastExpected)
    }

    @Test func repeatedDosesByCountAndByDuration() throws {
        let regimen = try RegimenLanguage.schedule("5mg po bid for 4w then 5mg po tid x9")
        let expected = run(5, from: 0, every: 12, count: 56) + run(5, from: 672, every: 8, count: 9)
        #expect(timesAndAmounts(regimen.regimen) == expected)
        #expect(regimen.endTime == 744)
        let partial = try RegimenLanguage.schedule("5mg po q8h for 36h")
        #expect(timesAndAmounts(partial.regimen) == [[0, 5], [8, 5], [16, 5], [24, 5], [32, 5]])
        #expect(partial.endTime == 36)
        #expect(timesAndAmounts(try RegimenLanguage.parse("wait 2d; 10mg po q24h for 1w; stop"))
                == run(10, from: 48, every: 24, count: 7))
    }

    @Test func unitsCaseAndSpacing() throws {
        let reference = try RegimenLanguage.parse("10mg po q24h for 7d")
        for text in ["10 MG PO Q 24 H FOR 7 D", "10mg\npo\tq24h   for 7d", "10 mg po every 24 hours for 1 week",
                     "0.01g po q1d for 168h", "10000ug po daily x7", "10000µg po q1440min for 7 days", "10000mcg po q24h × 7"] {
            #expect(try RegimenLanguage.parse(text) == reference, "\(text)")
        }
        #expect(timesAndAmounts(try RegimenLanguage.parse("500ug po q24h for 3d")) == [[0, 0.5], [24, 0.5], [48, 0.5]])
        #expect(timesAndAmounts(try RegimenLanguage.parse("1e-05mg po once")) == [[0, 1e-5]])
        #expect(try RegimenLanguage.parse("5mg po tid for 1d; 5mg po qid for 1d").doses.map(\.time)
                == [0, 8, 16, 24, 30, 36, 42])
        #expect(try RegimenLanguage.parse("10mg po once; then 10mg po once") == RegimenLanguage.parse("10mg po once; 10mg po once"))
        #expect(try RegimenLanguage.parse("stop").doses.isEmpty)
    }
}

/// A regimen text that must be rejected, with the exact error.
struct MalformedRegimenText: Sendable, CustomTestStringConvertible {
    let text: String
    let column: Int
    let found: String
    let message: String
    var testDescription: String { text.isEmpty ? "(empty)" : text }
}

private let malformedRegimens: [MalformedRegimenText] = [
    .init(text: "", column: 1, found: "",
          message: "the regimen is empty: expected at least one phase such as '10mg po q24h for 7d'"),
    .init(text: "   \n ", column: 1, found: "",
          message: "the regimen is empty: expected at least one phase such as '10mg po q24h for 7d'"),
    .init(text: "-5mg po once", column: 1, found: "-5mg",
          message: "the amount must be greater than 0: expected an amount such as 10mg, found '-5mg'"),
    .init(text: "10mg po daily for 7d; 0mg po once", column: 23, found: "0mg",
          message: "the amount must be greater than 0: expected an amount such as 10mg, found '0mg'"),
    .init(text: "nanmg po q24h for 7d", column: 1, found: "nanmg",
          message: "the amount must be a finite number: expected an amount such as 10mg, found 'nanmg'"),
    .init(text: "-inf mg po once", column: 1, found: "-inf",
          message: "the amount must be a finite number: expected an amount such as 10mg, found '-inf'"),
    .init(text: "{dose}mg po q24h for 180d", column: 1, found: "{dose}",
          message: "unsubstituted placeholder {dose}: give it a value with --set dose=…"),
    .init(text: "10mg po q24h for {days}d", column: 18, found: "{days}",
          message: "unsubstituted placeholder {days}: give it a value with --set days=…"),
    .init(text: "{dose mg po once", column: 1, found: "{dose",
          message: "'{' opens a placeholder that is never closed: expected a placeholder such as {dose} "
              + "(substituted before the regimen is read), found '{dose'"),
    .init(text: "10mg sc once", column: 6, found: "sc",
          message: "unknown route: expected po (oral), ip (intraperitoneal), iv (bolus), or iv over 2h / infusion over 2h "
              + "(zero-order infusion into the central compartment), found 'sc'"),
    .init(text: "10mg", column: 5, found: "",
          message: "expected a route: po (oral), ip (intraperitoneal), iv (bolus), or iv over 2h / infusion over 2h "
              + "(zero-order infusion into the central compartment), found the end of the text"),
    .init(text: "10mgg po once", column: 3, found: "mgg",
          message: "expected a unit of amount (mg, µg or g) after '10', found 'mgg'"),
    .init(text: "10 po once", column: 4, found: "po",
          message: "expected a unit of amount (mg, µg or g) after '10', found 'po'"),
    .init(text: "1,5mg po once", column: 2, found: ",",
          message: "expected a unit of amount (mg, µg or g) after '1' (decimals are written with a point, e.g. 2.5mg), found ','"),
    .init(text: "5mg/g ip once", column: 1, found: "5mg/g",
          message: "doses are per kg of body weight, not per g: expected 5000mg/kg (5 mg/g is 1000 times that per kg), found '5mg/g'"),
    .init(text: "5 mg / kg ip once", column: 1, found: "5 mg / kg",
          message: "a dose per body weight is written without spaces around '/': expected 5mg/kg, found '5 mg / kg'"),
    .init(text: "5mg /kg ip once", column: 1, found: "5mg /kg",
          message: "a dose per body weight is written without spaces around '/': expected 5mg/kg, found '5mg /kg'"),
    .init(text: "5mg/kgg ip once", column: 1, found: "5mg/kgg",
          message: "unknown unit of body weight 'kgg': expected mg/kg, µg/kg or g/kg, as in 5mg/kg, found '5mg/kgg'"),
    .init(text: "5mg/ ip once", column: 1, found: "5mg/",
          message: "a dose per body weight needs 'kg' after '/': expected an amount such as 5mg/kg, found '5mg/'"),
    .init(text: "wait 1d; 5mg/kg/d ip once", column: 10, found: "5mg/kg/d",
          message: "a dose per kg per time is written as the dose and its interval: expected 5mg/kg followed by the route "
              + "and 'daily' or 'q24h', found '5mg/kg/d'"),
    .init(text: "-5mg/kg ip once", column: 1, found: "-5mg/kg",
          message: "the amount must be greater than 0: expected an amount such as 10mg, found '-5mg/kg'"),
    .init(text: "5mg/kg po q24h for 7d; then 10mg po once", column: 29, found: "10mg",
          message: "expected an amount per kg such as 0.5mg/kg (every amount of a regimen is in one unit, and its first, "
              + "'5mg/kg' at column 1, is per kg), found '10mg'"),
    .init(text: "10mg po once; 5mg/kg po once", column: 15, found: "5mg/kg",
          message: "expected an amount in mg, µg or g such as 0.5mg (every amount of a regimen is in one unit, and its "
              + "first, '10mg' at column 1, is in mg; write every amount per kg, or none), found '5mg/kg'"),
    .init(text: "5mg/kg po q24h for 7d; taper 1mg q7d", column: 30, found: "1mg",
          message: "expected an amount per kg such as 0.5mg/kg (every amount of a regimen is in one unit, and its first, "
              + "'5mg/kg' at column 1, is per kg), found '1mg'"),
    .init(text: "5mg/kg po q24h for 7d; taper 10% q7d", column: 24, found: "taper 10% q7d",
          message: "a taper of a dose per kg rounds to steps per kg, and the 0.5mg default is a tablet in mg: expected "
              + "'min' or 'tablet' per kg, as in 'taper 10% q7d min 0.1mg/kg', found 'taper 10% q7d'"),
    .init(text: "10mg po q24x for 7d", column: 12, found: "x",
          message: "expected a unit of time (h, d, w or min) after '24', found 'x'"),
    .init(text: "10mg po for 7d", column: 9, found: "for",
          message: "expected when to give it: a dose interval (q24h, daily, bid, tid, qid, every 12h), 'once', or 'at' "
              + "and times such as 'at 0h' or 'at 8h,20h daily', found 'for'"),
    .init(text: "10mg po q0h for 1d", column: 9, found: "q0h",
          message: "the dose interval must be greater than 0: expected a dose interval such as q24h, found 'q0h'"),
    .init(text: "10mg po q24h", column: 13, found: "",
          message: "expected how long to give it: 'for' and a duration such as 'for 7d', or 'x' and a number of doses "
              + "such as 'x7', found the end of the text"),
    .init(text: "10mg po q24h for", column: 17, found: "",
          message: "expected a duration such as 180d after 'for', found the end of the text"),
    .init(text: "10mg po q24h for x", column: 18, found: "x",
          message: "expected a duration such as 180d after 'for', found 'x'"),
    .init(text: "10mg po q24h for 0d", column: 18, found: "0d",
          message: "the duration must be greater than 0: expected a duration such as 180d, found '0d'"),
    .init(text: "10mg po q24h for 1e999d", column: 18, found: "1e999d",
          message: "the duration must be a finite number: expected a duration such as 180d, found '1e999d'"),
    .init(text: "10mg po q24h x0", column: 15, found: "0",
          message: "expected a whole number of doses from 1 to 1000000 after 'x', such as x7, found '0'"),
    .init(text: "10mg po q24h x2.5", column: 15, found: "2.5",
          message: "expected a whole number of doses from 1 to 1000000 after 'x', such as x7, found '2.5'"),
    .init(text: "10mg po q24h for 7d extra", column: 21, found: "extra",
          message: "expected ';', 'then' or the end of the text after the phase '10mg po q24h for 7d', found 'extra'"),
    .init(text: "10mg po q48h for 1d", column: 9, found: "q48h",
          message: "the dose interval (48 h) is longer than the phase (24 h): expected an interval of at most 24 h, "
              + "or a longer phase, found 'q48h'"),
    .init(text: "taper 10% q14d", column: 1, found: "taper 10% q14d",
          message: "there is no dose to taper from: expected a phase of repeated doses before the taper, as in "
              + "'10mg po q24h for 180d; taper 10% q14d', found 'taper 10% q14d'"),
    .init(text: "10mg po once; taper 10% q14d", column: 15, found: "taper 10% q14d",
          message: "a taper keeps the dose interval of the phase before it, and single doses have none: expected a "
              + "phase of repeated doses (q24h, bid, at 8h daily, …) before the taper, found 'taper 10% q14d'"),
    .init(text: "10mg po daily for 30d; wait 1d; taper 10% q14d", column: 33, found: "taper 10% q14d",
          message: "a taper must directly follow the doses it tapers: expected a phase of repeated doses right before "
              + "the taper, not a wait or pause, found 'taper 10% q14d'"),
    .init(text: "5mg po at 8h,14h daily for 4w; taper 10% q14d", column: 32, found: "taper 10% q14d",
          message: "a taper gives its doses at a regular interval, and the times of day before it are unevenly spaced: "
              + "expected an interval (q12h, bid, …) or evenly spaced times (at 8h,20h daily) before the taper, "
              + "found 'taper 10% q14d'"),
    .init(text: "10mg po daily for 30d; taper 10% q14d; taper 10% q14d", column: 40, found: "taper 10% q14d",
          message: "the phase before is a taper, which already goes down to zero: expected a phase of repeated doses "
              + "before the taper, found 'taper 10% q14d'"),
    .init(text: "10mg po daily for 30d; taper 100% q14d", column: 30, found: "100%",
          message: "a taper cut must be more than 0% and less than 100%: expected a percentage such as 10% "
              + "(for 100%, write 'stop'), found '100%'"),
    .init(text: "10mg po daily for 30d; taper 0% q14d", column: 30, found: "0%",
          message: "a taper cut must be more than 0% and less than 100%: expected a percentage such as 10% "
              + "(for 100%, write 'stop'), found '0%'"),
    .init(text: "10mg po daily for 30d; taper -10% q14d", column: 30, found: "-10%",
          message: "a taper cut must be more than 0% and less than 100%: expected a percentage such as 10% "
              + "(for 100%, write 'stop'), found '-10%'"),
    .init(text: "10mg po daily for 7d; taper q14d", column: 29, found: "q",
          message: "expected how much to cut after 'taper': a percentage such as 10% or an amount such as 2.5mg, found 'q'"),
    .init(text: "10mg po daily for 7d; taper 10% 14d", column: 33, found: "14",
          message: "expected how often to cut: 'q' or 'every' and a duration, such as q14d or every 2w, found '14'"),
    .init(text: "10mg po daily for 30d; taper 10% q14 min 0.5mg", column: 38, found: "min",
          message: "expected a unit of time (h, d or w) after '14', found 'min'"),
    .init(text: "10mg po daily for 30d; taper 10% q14d min 0.5mg min 1mg", column: 49, found: "min",
          message: "'min' is given twice: expected each taper option ('min', 'tablet') at most once, found 'min'"),
    .init(text: "10mg po daily for 30d; taper 10% q14d tablet", column: 45, found: "",
          message: "expected a tablet size such as 0.5mg, found the end of the text"),
    .init(text: "0.75mg po daily for 30d; taper 10% q14d", column: 26, found: "taper 10% q14d",
          message: "this phase cannot be built: taper.startDose = 0.75 mg: expected a whole number of 0.5 mg tablets "
              + "(e.g. 0.5 mg or 1 mg), or a tablet size that divides it, found 'taper 10% q14d'"),
    .init(text: "10mg po daily for 30d; taper 10% q12h", column: 24, found: "taper 10% q12h",
          message: "this phase cannot be built: taper.stepDays = 0.5 d: expected a step of at least one dose interval "
              + "(24 h), or a shorter dose interval, found 'taper 10% q12h'"),
    .init(text: "5mg po at 8h,8h daily for 4w", column: 14, found: "8h",
          message: "the time 8h is given twice: expected each time of day once (for a larger dose, change the amount), found '8h'"),
    .init(text: "5mg po at 8h,25h daily for 4w", column: 14, found: "25h",
          message: "a time of day must be before 24h: expected a time from 0h up to (not including) 24h, found '25h'"),
    .init(text: "5mg po at 8h daily for 36h", column: 24, found: "36h",
          message: "doses at given times of day need a whole number of days: expected a duration such as 28d or 4w, found '36h'"),
    .init(text: "10mg po at 36h", column: 12, found: "36h",
          message: "a phase of single doses lasts 24h: expected a time before 24h after the start of the phase (for a "
              + "later dose, put 'wait …;' before the phase; for a dose every day, add 'daily for …'), found '36h'"),
    .init(text: "10mg po at 8h,20h for 4w", column: 19, found: "for",
          message: "expected the end of the phase after a single dose ('at' without 'daily'), which takes no length; for "
              + "repeated doses write e.g. '10mg po q24h for 7d' or '5mg po at 8h,20h daily for 4w', and for a gap "
              + "after the dose add '; wait 14d', found 'for'"),
    .init(text: "10mg po once daily for 7d", column: 14, found: "daily",
          message: "expected the end of the phase after a single dose ('once'), which takes no length; for "
              + "repeated doses write e.g. '10mg po q24h for 7d' or '5mg po at 8h,20h daily for 4w', and for a gap "
              + "after the dose add '; wait 14d', found 'daily'"),
    .init(text: "10mg infusion q24h x3", column: 15, found: "q",
          message: "expected 'over' and a duration after 'infusion', as in 'infusion over 2h', found 'q'"),
    .init(text: "10mg iv over q24h x3", column: 14, found: "q",
          message: "expected an infusion duration such as 2h, found 'q'"),
    .init(text: "10mg po once; stop; 10mg po once", column: 19, found: ";",
          message: "expected the end of the text after 'stop', which ends the regimen (for a gap before dosing again, "
              + "write 'wait 14d' instead), found ';'"),
    .init(text: "10mg po once;; 5mg po once", column: 14, found: ";",
          message: "expected a phase: doses such as '10mg po q24h for 7d', 'taper', 'wait', 'pause' or 'stop', found ';'"),
    .init(text: "10mg po once; then", column: 19, found: "",
          message: "expected a phase after '; then', found the end of the text"),
    .init(text: "then 10mg po once", column: 1, found: "then",
          message: "expected a phase: doses such as '10mg po q24h for 7d', 'taper', 'wait', 'pause' or 'stop', found 'then'"),
    .init(text: "wait 0d", column: 6, found: "0d",
          message: "the gap length must be greater than 0: expected a gap length such as 14d, found '0d'"),
]

@Suite struct RegimenLanguageErrorTests {
    @Test(arguments: malformedRegimens)
    func malformedRegimenIsRejectedWithItsColumnAndMessage(_ bad: MalformedRegimenText) {
        let error = syntaxError(bad.text)
        #expect(error == RegimenSyntaxError(column: bad.column, found: bad.found, message: bad.message))
    }

    @Test func atLeastFifteenMalformedRegimensAreChecked() {
        #expect(malformedRegimens.count >= 15)
    }

    @Test func descriptionStartsWithTheColumn() {
        #expect(syntaxError("10mg po q24h for")?.description
                == "column 17: expected a duration such as 180d after 'for', found the end of the text")
        #expect(syntaxError("10mg po q24h for x")?.description
                == "column 18: expected a duration such as 180d after 'for', found 'x'")
    }

    /// Columns count characters, not bytes: `µ` is one character.
    @Test func columnsCountCharacters() {
        #expect(syntaxError("500µg po q24h for 7d junk")?.column == 22)
        #expect(syntaxError("500µg po q24h for 7d junk")?.found == "junk")
    }
}
