import Pharmacology

/// Mean GABA-A occupancy over one dose interval at steady state, as a function of the dose, for
/// the hyperbolic strategy and the schedule's occupancy column.
///
/// The PK is linear, so at steady state the GABA-A binding sum `S_g(t)` (MODEL.md, "Binding") is
/// the dose times its value per mg, `s(t)`; occupancy is `d·s/(1 + d·s)`. `s(t)` is read once per
/// subject from 90 days of 1 mg (long enough for nordazepam, half-life ≈ 60 h, to reach steady
/// state) over the last interval, every 0.25 h; the mean occupancy of a cohort is the mean over
/// subjects and samples.
struct SteadyStateOccupancy: Sendable {
    /// Binding sum per mg at each sample, all subjects.
    let perMg: [Double]

    init(models: [DiazepamModel], interval: Double, options: SimulationOptions, threads: Int) throws(TaperError) {
        let days = 90.0
        let end = days * 24
        let count = Int((interval / 0.25).rounded())
        let times = (0..<count).map { end - interval + Double($0) * 0.25 }
        let results: [Result<[Double], TaperError>] = TaperCohort.map(models.count, threads: threads) { i in
            do {
                let regimen = try Regimen.phases([Phase(amount: 1, every: interval, for: end)])
                let t = try simulate(models[i], regimen: regimen, sampleTimes: times, endTime: end, options: options)
                return .success(t.times.indices.map { k in
                    let occ = models[i].outputs(at: t.state(at: k)).occupancyGaba
                    return occ / (1 - occ)
                })
            } catch {
                return .failure(.simulation("subject \(i + 1): the steady-state occupancy could not be simulated: \(error)"))
            }
        }
        var all: [Double] = []
        for r in results { all += try r.get() }
        perMg = all
    }

    /// Mean occupancy (0–1) at `dose` mg per administration.
    func mean(at dose: Double) -> Double {
        guard dose > 0, !perMg.isEmpty else { return 0 }
        return perMg.reduce(0) { $0 + dose * $1 / (1 + dose * $1) } / Double(perMg.count)
    }

    /// The dose (mg, in `0...maximum`) whose mean occupancy is `target`, by bisection (occupancy
    /// increases with the dose).
    func dose(forMean target: Double, below maximum: Double) -> Double {
        var lo = 0.0, hi = maximum
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if mean(at: mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
