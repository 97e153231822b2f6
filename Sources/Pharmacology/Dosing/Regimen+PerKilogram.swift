extension Regimen {
    /// Every amount multiplied by `weight` (kg): doses written in mg/kg become mg for a subject of
    /// that weight (whether or not `amountsPerKilogram` says so: event tables read with
    /// `--amount-unit mg/kg` use it too). An infusion given by rate keeps its duration (the rate,
    /// then mg/kg/h, is scaled too); one given by duration keeps it. Times and interruptions do
    /// not change. The result is in mg.
    /// - Precondition: `weight` is finite and > 0 (covariate validation guarantees it).
    public func perKilogram(weight: Double) -> Regimen {
        precondition(weight.isFinite && weight > 0, "weight \(weight) kg: expected a finite weight > 0 kg")
        var result = Regimen(doses: doses.map { dose in
            let route: Dose.Route
            switch dose.route {
            case .infusionAtRate(let rate): route = .infusionAtRate(rate * weight)
            case .depotInfusionAtRate(let rate): route = .depotInfusionAtRate(rate * weight)
            default: route = dose.route
            }
            return Dose(unchecked: dose.time, amount: dose.amount * weight, route: route, interruptedAt: dose.interruptedAt)
        })
        result.steadyStates = steadyStates.map { ss in
            var copy = ss
            copy.dose = Regimen(doses: [ss.dose]).perKilogram(weight: weight).doses[0]
            return copy
        }
        return result
    }

    /// The doses in mg for a subject of `weight` kg: `perKilogram(weight:)` if the amounts are per
    /// kg (`amountsPerKilogram`, e.g. `5mg/kg ip q24h for 7d`), else the regimen itself. Call it
    /// after the subject's weight is known (a population subject's own sampled weight) and before
    /// simulating.
    /// - Precondition: `weight` is finite and > 0 (covariate validation guarantees it).
    public func inMilligrams(weight: Double) -> Regimen {
        amountsPerKilogram ? perKilogram(weight: weight) : self
    }
}
