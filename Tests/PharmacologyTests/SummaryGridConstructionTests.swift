import Testing
@testable import Pharmacology

/// The summary grid and the one-pass series a summary-only run reads, against independent
/// constructions written out here.
@Suite struct SummaryGridConstructionTests {
    /// The grid as MODEL.md's summary rule states it, built the obvious way: every candidate sample
    /// (piece bounds, the sample just after each action, the geometric offsets, the extra times)
    /// collected, sorted by time with ties kept in the order collected, and only the first sample
    /// of each time kept.
    static func reference(actions actionTimes: [Double], extras: [Double], end: Double)
        -> (times: [Double], reports: [Double], starts: [Bool]) {
        let actions = Set(actionTimes.filter { $0 >= 0 && $0 <= end })
        let bounds = actions.union([0, end]).sorted()
        var points: [(time: Double, report: Double, start: Bool)] = []
        for (k, b) in bounds.enumerated() {
            points.append((b, b, b == 0 && !actions.contains(0)))
            guard k + 1 < bounds.count else { break }
            if actions.contains(b) { points.append((b.nextUp, b, true)) }
            var h = 0.02, offset = h
            while b + offset < bounds[k + 1] {
                points.append((b + offset, b + offset, false))
                h = min(h * 1.25, 1)
                offset += h
            }
        }
        for t in extras where t >= 0 && t <= end { points.append((t, t, false)) }
        // Stable by construction: ties ordered by their position in `points`.
        let order = points.indices.sorted { (points[$0].time, $0) < (points[$1].time, $1) }
        var result: (times: [Double], reports: [Double], starts: [Bool]) = ([], [], [])
        for i in order where result.times.last != points[i].time {
            result.times.append(points[i].time)
            result.reports.append(points[i].report)
            result.starts.append(points[i].start)
        }
        return result
    }

    /// Daily doses, lagged absorption (actions off the dose times), an action at 0 h or not, at the
    /// end, duplicates, times outside the run, extra times on action times, on the sample just
    /// after one and between samples, and a seeded random mix.
    static func cases() -> [(actions: [Double], extras: [Double], end: Double)] {
        var random = SplitMix(seed: 7)
        var mixed: [Double] = [], mixedExtras: [Double] = []
        for _ in 0..<200 { mixed.append((random.unit() * 500).rounded(.down) / 4) }
        for _ in 0..<50 { mixedExtras.append(random.unit() * 130) }
        let daily = (0..<10).map { Double($0) * 24 }
        return [
            (daily, daily, 300),
            (daily.map { $0 + 0.5 }, daily + [216, 240], 260),
            ([0, 0, 24, 24, 48], [0, 0.02, 24.nextUp, 30.5, 48, -1, 1e9], 48),
            ([3, 7.25, 100], [7.25, 7.25.nextUp, 50], 100),
            ([], [12, 36], 72),
            ([-5, 12, 500], [], 24),
            (mixed, mixedExtras + mixed.prefix(20), 125),
        ]
    }

    @Test func gridIsTheSortedConstruction() {
        for c in Self.cases() {
            let grid = SummaryGrid(actionTimes: c.actions, extraTimes: c.extras, endTime: c.end)
            let expected = Self.reference(actions: c.actions, extras: c.extras, end: c.end)
            #expect(grid.times.map(\.bitPattern) == expected.times.map(\.bitPattern))
            #expect(grid.reportTimes.map(\.bitPattern) == expected.reports.map(\.bitPattern))
            #expect(grid.startsPiece == expected.starts)
            #expect(zip(grid.times, grid.times.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    /// The one pass's finiteness flag: true for ordinary states; false for a NaN (which
    /// `firstNonFiniteOutput` then names); false also for finite values whose sum overflows
    /// (1e308 microglia at two samples), where `firstNonFiniteOutput` finds nothing.
    @Test func seriesFinitenessFlag() throws {
        let model = try DiazepamModel()
        let n = StateVariable.count
        let count = 5
        var states = [Double](repeating: 0, count: count * n)
        for k in 0..<count {
            for (i, v) in StateVariable.initialState.enumerated() { states[k * n + i] = v }
            states[k * n + StateVariable.dzCentral.rawValue] = Double(k) * 2
        }
        let times = (0..<count).map(Double.init)
        let ordinary = SummarySeries(states: states, count: count, model: model, outputModel: nil)
        #expect(ordinary.everyValueFinite)
        // The series themselves: plasma DZ = central / V1 · 1000 ng/mL, synapses as stored.
        #expect(ordinary.plasma[0] == (0..<count).map { Double($0) * 2 / model.volumes.central * 1000 })
        #expect(ordinary.synapses == [Double](repeating: StateVariable.initialState[StateVariable.synapses.rawValue], count: count))

        var withNaN = states
        withNaN[3 * n + StateVariable.ampaGain.rawValue] = .nan
        #expect(!SummarySeries(states: withNaN, count: count, model: model, outputModel: nil).everyValueFinite)
        let bad = try #require(model.firstNonFiniteOutput(times: times, states: withNaN))
        #expect(bad.time == 3)
        #expect(bad.value.isNaN)

        var large = states
        large[1 * n + StateVariable.microglia.rawValue] = 1e308
        large[2 * n + StateVariable.microglia.rawValue] = 1e308
        #expect(!SummarySeries(states: large, count: count, model: model, outputModel: nil).everyValueFinite)
        #expect(model.firstNonFiniteOutput(times: times, states: large) == nil)
    }

    /// A run whose every value is finite but so large that their sum overflows: the summary-only
    /// run checks it value by value and finds nothing, and its peak is the IV bolus's C0 = dose / V1.
    @Test func largeFiniteRunIsNotRefused() throws {
        let model = try DiazepamModel()
        // The largest factor from central DZ (mg) to any output, so that dose × factor stays ≤ 1e305.
        var unit = StateVariable.initialState
        unit[StateVariable.dzCentral.rawValue] = 1
        let o = model.outputs(at: unit)
        let factor = max(o.plasma.dz, o.unbound.dz, 1)
        let dose = 1e305 / factor
        let regimen = Regimen(doses: [try Dose(time: 2, amount: dose, route: .intravenousBolus)])
        let run = try simulateSummary(model, regimen: regimen, endTime: 48)
        #expect(run.firstNonFinite == nil)
        let c0 = dose / model.volumes.central * 1000
        #expect(abs(run.summary.dz.cmax - c0) <= 1e-9 * c0)
    }
}
