import Testing
import Pharmacology

/// Shorthands for expected events.
private func bolus(_ time: Double, _ compartment: DoseCompartment, _ amount: Double) -> DosingEvent {
    DosingEvent(time: time, compartment: compartment, kind: .bolus(amount: amount))
}

private func rate(_ time: Double, _ compartment: DoseCompartment, _ delta: Double) -> DosingEvent {
    DosingEvent(time: time, compartment: compartment, kind: .rateChange(delta: delta))
}

/// The error a throwing regimen builder throws, or `nil` if it does not throw (or throws
/// something else, which the builders' typed `throws(RegimenError)` rules out).
private func regimenError<T>(_ body: () throws -> T) -> RegimenError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? RegimenError
    }
}

@Suite struct DosingExpansionTests {
    /// Depot doses enter at time + lag with F·amount; F and lag chosen exactly representable so
    /// that every number below is exact.
    @Test func oralDosesAreShiftedByLagAndScaledByF() throws {
        let regimen = try Regimen.single(10) + Regimen.single(8, at: 24, route: .intraperitoneal)
        #expect(regimen.events(bioavailability: 0.75, lag: 0.25) == [
            bolus(0.25, .depot, 7.5),
            bolus(24.25, .depot, 6),
        ])
        // The calibrated human values: one addition and one multiplication each, nothing accumulated.
        let human = regimen.events(bioavailability: 0.95, lag: 0.2)
        #expect(human.map(\.time) == [0.2, 24 + 0.2])
        #expect(human.map(\.kind) == [.bolus(amount: 0.95 * 10), .bolus(amount: 0.95 * 8)])
        #expect(human[0].kind == .bolus(amount: 9.5))
    }

    @Test func intravenousBolusIgnoresFAndLag() throws {
        let regimen = try Regimen.single(5, at: 3, route: .intravenousBolus)
        #expect(regimen.events(bioavailability: 0.5, lag: 1) == [bolus(3, .central, 5)])
    }

    @Test func intravenousInfusionStartsAndEndsOnTimeAtAmountOverDuration() throws {
        let regimen = try Regimen.single(10, at: 2, route: .infusion(duration: 4))
        // F and lag do not touch the central compartment.
        #expect(regimen.events(bioavailability: 0.5, lag: 1) == [
            rate(2, .central, 2.5),
            rate(6, .central, -2.5),
        ])
        let atRate = try Regimen.single(10, at: 2, route: .infusionAtRate(4))
        #expect(atRate.events(bioavailability: 0.5, lag: 1) == [
            rate(2, .central, 4),
            rate(4.5, .central, -4),
        ])
    }

    @Test func overlappingInfusionsAddUp() throws {
        // A: 10 mg over 0–4 h (2.5 mg/h); B: 6 mg over 2–6 h (1.5 mg/h).
        let regimen = try Regimen.single(10, route: .infusion(duration: 4))
            + Regimen.single(6, at: 2, route: .infusion(duration: 4))
        let events = regimen.events(bioavailability: 1, lag: 0)
        #expect(events == [
            rate(0, .central, 2.5),
            rate(2, .central, 1.5),
            rate(4, .central, -2.5),
            rate(6, .central, -1.5),
        ])
        var rates = InfusionRates()
        var running: [Double] = []
        for event in events {
            rates.apply(event)
            running.append(rates[.central])
        }
        #expect(running == [2.5, 4, 1.5, 0])
        #expect(rates.depot == 0)
    }

    /// An infusion ending exactly when the next one starts and an oral dose is given: the decrease
    /// comes first, and the integrator gets one stop time at 4 h.
    @Test func infusionEndAtAnotherDoseTimeIsOneStopTime() throws {
        let regimen = try Regimen.single(10, route: .infusion(duration: 4))
            + Regimen.single(5, at: 4, route: .oral)
            + Regimen.single(8, at: 4, route: .infusion(duration: 2))
        let events = regimen.events(bioavailability: 1, lag: 0)
        #expect(events == [
            rate(0, .central, 2.5),
            rate(4, .central, -2.5),  // decrease first, although its dose comes first anyway
            bolus(4, .depot, 5),
            rate(4, .central, 4),
            rate(6, .central, -4),
        ])
        #expect(events.distinctTimes == [0, 4, 6])
        #expect(regimen.stopTimes(bioavailability: 1, lag: 0) == [0, 4, 6])
        // Rate decreases go before increases even when the increasing dose is listed first.
        let reversed = try Regimen.single(8, at: 4, route: .infusion(duration: 2))
            + Regimen.single(10, route: .infusion(duration: 4))
        #expect(reversed.events(bioavailability: 1, lag: 0) == [
            rate(0, .central, 2.5),
            rate(4, .central, -2.5),
            rate(4, .central, 4),
            rate(6, .central, -4),
        ])
    }

    /// Zero-order input into the depot: lag shifts start and end, F scales the amount.
    @Test func depotInfusionWithLagAndF() throws {
        // Duration kept: 0.5 × 10 mg over 2 h = 2.5 mg/h, from 1.25 h to 3.25 h.
        let fixedDuration = try Regimen.single(10, at: 1, route: .depotInfusion(duration: 2))
        #expect(fixedDuration.events(bioavailability: 0.5, lag: 0.25) == [
            rate(1.25, .depot, 2.5),
            rate(3.25, .depot, -2.5),
        ])
        // Rate kept (NONMEM CMT = 1, RATE > 0): 4 mg/h for 0.5 × 10 / 4 = 1.25 h, from 1.25 h to 2.5 h.
        let fixedRate = try Regimen.single(10, at: 1, route: .depotInfusionAtRate(4))
        #expect(fixedRate.events(bioavailability: 0.5, lag: 0.25) == [
            rate(1.25, .depot, 4),
            rate(2.5, .depot, -4),
        ])
        // Both deliver F·amount = 5 mg.
        #expect(2.5 * (3.25 - 1.25) == 5)
        #expect(4 * (2.5 - 1.25) == 5)
        // F = 0: nothing enters, nothing to stop for.
        #expect(fixedRate.events(bioavailability: 0, lag: 0.25).isEmpty)
    }

    @Test func infusionRatesReturnToExactlyZero() {
        let deltas = [0.1, 0.2, -0.1, -0.2]
        var rates = InfusionRates()
        var naive = 0.0
        for (i, delta) in deltas.enumerated() {
            rates.apply(DosingEvent(time: Double(i), compartment: .depot, kind: .rateChange(delta: delta)))
            naive += delta
        }
        #expect(naive != 0)  // why InfusionRates counts infusions
        #expect(rates.depot == 0)
        #expect(rates.apply(DosingEvent(time: 5, compartment: .depot, kind: .bolus(amount: 1))) == false)
    }
}

@Suite struct DosingRegimenBuilderTests {
    @Test func repeatedDosesAreAtExactMultiplesOfTheInterval() throws {
        let regimen = try Regimen.repeated(10, every: 24, count: 180)
        #expect(regimen.doses.count == 180)
        #expect(regimen.doses.map(\.time) == (0..<180).map { Double($0 * 24) })
        #expect(regimen.doses.allSatisfy { $0.amount == 10 && $0.route == .oral })
        #expect(regimen.lastDoseTime == 4296)
        #expect(regimen.totalAmount == 1800)

        // Dose 90 of a 0.1 h schedule is at 9 h exactly; adding 0.1 ninety times is not.
        let fine = try Regimen.repeated(1, every: 0.1, count: 100, startingAt: 0)
        #expect(fine.doses[90].time == 9)
        var accumulated = 0.0
        for _ in 0..<90 { accumulated += 0.1 }
        #expect(accumulated != 9)

        let later = try Regimen.repeated(2, every: 12, count: 3, startingAt: 6, route: .intravenousBolus)
        #expect(later.events(bioavailability: 0.5, lag: 1) == [
            bolus(6, .central, 2), bolus(18, .central, 2), bolus(30, .central, 2),
        ])
    }

    @Test func severalDosesADayAtTheRightTimes() throws {
        let regimen = try Regimen.daily(5, atHours: [20, 8], days: 28)
        var expected: [Double] = []
        for day in 0..<28 { expected += [Double(day * 24 + 8), Double(day * 24 + 20)] }
        #expect(regimen.doses.count == 56)
        #expect(regimen.doses.map(\.time) == expected)
        #expect(regimen.doses.prefix(4).map(\.time) == [8, 20, 32, 44])
        #expect(regimen.doses.last?.time == 668)
        // With the lag every entry moves by exactly 0.25 h.
        let events = regimen.events(bioavailability: 1, lag: 0.25)
        #expect(events.map(\.time) == expected.map { $0 + 0.25 })
        #expect(events.allSatisfy { $0.kind == .bolus(amount: 5) && $0.compartment == .depot })

        let shifted = try Regimen.daily(1, atHours: [7.5], days: 2, startingAt: 48)
        #expect(shifted.doses.map(\.time) == [55.5, 79.5])
    }

    @Test func phasesFollowEachOtherAndEnd() throws {
        let regimen = try Regimen.phases([
            Phase(amount: 10, every: 24, for: 180 * 24),
            Phase(amount: 5, every: 24, for: 30 * 24),
        ])
        #expect(regimen.doses.count == 210)
        #expect(regimen.doses[179].time == 4296 && regimen.doses[179].amount == 10)
        #expect(regimen.doses[180].time == 4320 && regimen.doses[180].amount == 5)
        #expect(regimen.doses.last?.time == 5016 && regimen.doses.last?.amount == 5)
        #expect(regimen.doses.map(\.time) == (0..<210).map { Double($0 * 24) })

        // A pause, a change of interval and route, and a start time.
        let holiday = try Regimen.phases([
            Phase(amount: 10, every: 24, for: 48),
            .pause(for: 24),
            Phase(amount: 5, every: 12, for: 24, route: .intravenousBolus),
        ], startingAt: 8)
        #expect(holiday.doses.map(\.time) == [8, 32, 80, 92])
        #expect(holiday.doses.map(\.amount) == [10, 10, 5, 5])
        #expect(holiday.doses.map(\.compartment) == [.depot, .depot, .central, .central])

        // A phase that is not a whole number of intervals: doses while time since start < duration.
        let ragged = try Regimen.phases([Phase(amount: 1, every: 36, for: 100), Phase(amount: 2, every: 24, for: 24)])
        #expect(ragged.doses.map(\.time) == [0, 36, 72, 100])
    }

    @Test func combiningShiftingAndStopping() throws {
        let first = try Regimen.repeated(10, every: 24, count: 2)
        let second = try Regimen.repeated(5, every: 24, count: 2).shifted(by: 48)
        let both = first + second
        #expect(both == first.appending(second))
        #expect(both.doses.map(\.time) == [0, 24, 48, 72])
        #expect(both.doses.map(\.amount) == [10, 10, 5, 5])
        #expect(Regimen.empty.events(bioavailability: 1, lag: 0).isEmpty)

        // Abrupt stop at 36 h: later doses removed.
        let stopped = try both.stopped(at: 36)
        #expect(stopped.doses.map(\.time) == [0, 24])

        // An infusion running at the stop ends there; one starting later is removed.
        let infusions = try Regimen.repeated(12, every: 24, count: 3, route: .infusion(duration: 12)).stopped(at: 30)
        #expect(infusions.events(bioavailability: 1, lag: 0) == [
            rate(0, .central, 1), rate(12, .central, -1),
            rate(24, .central, 1), rate(30, .central, -1),
        ])
        // A tablet swallowed before the stop still enters after its lag.
        let lateTablet = try Regimen.single(10, at: 35.5).stopped(at: 36)
        #expect(lateTablet.events(bioavailability: 1, lag: 1) == [bolus(36.5, .depot, 10)])
    }
}

@Suite struct DosingTaperTests {
    /// The documented example: 10 mg a day, −10% every 14 days, 0.5 mg tablets, smallest step 0.5 mg.
    @Test func documentedScheduleStepByStep() throws {
        let taper = try Taper(from: 10, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5, tabletSize: 0.5)
        #expect(taper.steps.map(\.dose) == [10, 9, 8, 7, 6.5, 6, 5.5, 5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5])
        #expect(taper.steps.map(\.start) == (0..<17).map { Double($0 * 14 * 24) })
        #expect(taper.steps.map(\.end) == (1...17).map { Double($0 * 14 * 24) })
        #expect(taper.endTime == 238 * 24)

        let regimen = taper.regimen
        #expect(regimen.doses.count == 238)
        #expect(regimen.doses.map(\.time) == (0..<238).map { Double($0 * 24) })
        #expect(regimen.doses.last?.time == 5688)
        // Day d gets the dose of step d / 14.
        for (day, dose) in regimen.doses.enumerated() {
            #expect(dose.amount == taper.steps[day / 14].dose, "day \(day)")
        }
        #expect(try Regimen.taper(from: 10, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5, tabletSize: 0.5) == regimen)
    }

    @Test func cutByAnAmountRoundsHalvesDown() throws {
        // 10 → 7.5 rounds (half) down to 7 → 4.5 → 4 → 1.5 → 1 → below zero: end.
        let taper = try Taper(from: 10, cut: .amount(2.5), everyDays: 7, smallestStep: 1, tabletSize: 1)
        #expect(taper.steps.map(\.dose) == [10, 7, 4, 1])
        #expect(taper.regimen.doses.count == 28)
    }

    /// The smallest step is a floor on every cut, which includes MODEL.md's rule (a cut that
    /// rounding would make 0 becomes the smallest step).
    @Test func smallestStepIsAFloorOnEachCut() throws {
        // 8 tablets of 0.5 mg, smallest step 1 mg = 2 tablets: 7.2 → 7 is a cut of 1 tablet, raised to 2.
        let taper = try Taper(from: 4, cut: .fraction(0.1), everyDays: 14, smallestStep: 1, tabletSize: 0.5)
        #expect(taper.steps.map(\.dose) == [4, 3, 2, 1])
        #expect(taper.smallestStep == 1)
        // A smallest step below one tablet counts as one tablet.
        let tiny = try Taper(from: 2, cut: .fraction(0.05), everyDays: 1, smallestStep: 0.01, tabletSize: 1)
        #expect(tiny.steps.map(\.dose) == [2, 1])
        #expect(tiny.smallestStep == 1)
    }

    @Test func decimalTabletsGiveTheDosesAPersonWouldWrite() throws {
        // 73 tablets of 0.1 mg: 65.7 → 66, 59.4 → 59, 53.1 → 53.
        let taper = try Taper(from: 7.3, cut: .fraction(0.1), everyDays: 7, smallestStep: 0.1, tabletSize: 0.1)
        #expect(Array(taper.steps.map(\.dose).prefix(4)) == [7.3, 6.6, 5.9, 5.3])
        #expect(taper.steps.last?.dose == 0.1)
    }

    @Test func taperAfterMaintenanceCutsAtItsStart() throws {
        let maintenance = try Regimen.repeated(10, every: 24, count: 180)
        let taper = try Taper(from: 10, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5, tabletSize: 0.5,
                              startingAt: 180 * 24, cutsAtStart: true)
        #expect(taper.steps.first?.dose == 9)
        #expect(taper.steps.first?.start == 4320)
        #expect(taper.steps.count == 16)
        let whole = maintenance + taper.regimen
        #expect(whole.doses.count == 180 + 16 * 14)
        #expect(whole.doses[180].time == 4320 && whole.doses[180].amount == 9)
        // Twice a day: each step has 28 doses of the step's dose.
        let twiceDaily = try Taper(from: 2, every: 12, cut: .amount(1), everyDays: 14, smallestStep: 1, tabletSize: 1)
        #expect(twiceDaily.regimen.doses.map(\.amount) == Array(repeating: 2, count: 28) + Array(repeating: 1, count: 28))
    }

    /// Every taper ends: doses fall strictly, stay whole tablets above zero, and there are at most
    /// as many steps as tablets in the start dose.
    @Test func everyTaperReachesZero() throws {
        var tapers = 0
        for tablet in [0.1, 0.25, 0.5, 1, 2, 2.5, 5] {
            for tablets in [1, 2, 7, 40, 200] {
                let start = Double(tablets) * tablet
                for smallest in [0.001, tablet, 2 * tablet, 3.3 * tablet] {
                    var cuts: [Taper.Cut] = [0.01, 0.05, 0.1, 0.25, 1.0 / 3, 0.5, 0.9, 1].map { .fraction($0) }
                    cuts += [0.01, tablet / 2, tablet, 1.5 * tablet, 10].map { .amount($0) }
                    for cut in cuts {
                        let taper = try Taper(from: start, cut: cut, everyDays: 14, smallestStep: smallest, tabletSize: tablet)
                        tapers += 1
                        let doses = taper.steps.map(\.dose)
                        // The start dose as a whole number of tablets: 7 × 0.1 is 0.7000000000000001, the dose 0.7.
                        #expect(abs(doses[0] - start) <= 1e-12 * start)
                        #expect(doses.count <= tablets, "\(cut), tablet \(tablet), start \(start)")
                        #expect(zip(doses, doses.dropFirst()).allSatisfy { $0 > $1 })
                        #expect(doses.allSatisfy { $0 > 0 && abs($0 / tablet - ($0 / tablet).rounded()) < 1e-9 })
                        if doses.count > 1 {
                            // Every cut is at least the smallest step (in whole tablets, at least one).
                            let smallestCut = zip(doses, doses.dropFirst()).map { $0 - $1 }.min()!
                            #expect(smallestCut >= max(tablet, smallest) - 1e-9)
                        }
                    }
                }
            }
        }
        #expect(tapers == 7 * 5 * 4 * 13)
    }
}

@Suite struct DosingRegimenErrorTests {
    @Test func invalidDosesAndRegimensSayWhatWhereAndHowToFix() {
        let cases: [(RegimenError?, String)] = [
            (regimenError { try Dose(time: -1, amount: 10) },
             "dose.time = -1 h: expected a finite dose time ≥ 0 h"),
            (regimenError { try Dose(time: 0, amount: .nan) },
             "dose.amount = nan mg: expected a finite amount > 0 mg"),
            (regimenError { try Dose(time: 0, amount: 10, route: .infusion(duration: 0)) },
             "dose.duration = 0 h: expected a finite infusion duration > 0 h"),
            (regimenError { try Dose(time: 0, amount: 10, route: .depotInfusionAtRate(-2)) },
             "dose.rate = -2 mg/h: expected a finite infusion rate > 0 mg/h"),
            (regimenError { try Regimen.single(-5) },
             "single.amount = -5 mg: expected a finite amount > 0 mg"),
            (regimenError { try Regimen.repeated(10, every: 0, count: 3) },
             "repeated.interval = 0 h: expected a finite interval > 0 h"),
            (regimenError { try Regimen.repeated(10, every: 24, count: 0) },
             "repeated.count = 0: expected a number of doses from 1 to 1000000 (NONMEM's ADDL + 1)"),
            (regimenError { try Regimen.repeated(10, every: 24, count: 3, startingAt: .infinity) },
             "repeated.start = inf h: expected a finite start time ≥ 0 h"),
            (regimenError { try Regimen.daily(5, atHours: [8, 24], days: 28) },
             "daily.hours[1] = 24 h: expected a time of day from 0 h up to (not including) 24 h; later times belong to the next day"),
            (regimenError { try Regimen.daily(5, atHours: [8, 8], days: 28) },
             "daily.hours = 8 h: expected each time of day once; give a larger amount instead of two doses at the same time"),
            (regimenError { try Regimen.daily(5, atHours: [8], days: 0) },
             "daily.days = 0: expected a number of days from 1 to 1000000"),
            (regimenError { try Regimen.phases([Phase(amount: 10, every: 24, for: 48), Phase(amount: -5, every: 24, for: 48)]) },
             "phases[1].amount = -5 mg: expected a finite amount > 0 mg, or Phase.pause(for:) for a phase without doses"),
            (regimenError { try Regimen.phases([Phase(amount: 10, every: 24, for: 0)]) },
             "phases[0].duration = 0 h: expected a finite phase duration > 0 h"),
            (regimenError { try Taper(from: 10, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5, tabletSize: 0) },
             "taper.tabletSize = 0 mg: expected a finite tablet size > 0 mg"),
            (regimenError { try Taper(from: 7.3, cut: .fraction(0.1), everyDays: 14, smallestStep: 0.5, tabletSize: 0.5) },
             "taper.startDose = 7.3 mg: expected a whole number of 0.5 mg tablets (e.g. 7 mg or 7.5 mg), or a tablet size that divides it"),
            (regimenError { try Taper(from: 10, cut: .fraction(1.5), everyDays: 14, smallestStep: 0.5, tabletSize: 0.5) },
             "taper.cut.fraction = 1.5: expected a fraction of the current dose in (0, 1], e.g. 0.1 for 10%"),
            (regimenError { try Taper(from: 10, cut: .amount(-1), everyDays: 14, smallestStep: 0.5, tabletSize: 0.5) },
             "taper.cut.amount = -1 mg: expected a finite cut > 0 mg"),
            (regimenError { try Taper(from: 10, every: 48, cut: .fraction(0.1), everyDays: 1, smallestStep: 0.5, tabletSize: 0.5) },
             "taper.stepDays = 1 d: expected a step of at least one dose interval (48 h), or a shorter dose interval"),
            (regimenError { try Regimen.single(10, at: 5).shifted(by: -6) },
             "shift = -6 h: expected an offset that keeps the dose at 5 h at a finite time ≥ 0 h"),
            (regimenError { try Regimen.single(10).stopped(at: -1) },
             "stop = -1 h: expected a finite stop time ≥ 0 h"),
        ]
        for (error, expected) in cases {
            #expect(error?.description == expected)
        }
        let error = regimenError { try Regimen.repeated(10, every: -24, count: 3) }
        #expect(error == RegimenError(field: "repeated.interval", value: "-24 h", expected: "a finite interval > 0 h"))
    }
}
