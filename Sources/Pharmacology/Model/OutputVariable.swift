/// Every per-sample output of MODEL.md ("Outputs"), with the column name (unit included) used in
/// CSV files: the 12 states, plasma and unbound concentrations, occupancies, I, X, anxiolysis and
/// withdrawal.
public enum OutputVariable: CaseIterable, Sendable, Hashable {
    /// A model state (amount in mg, or a dimensionless PD state).
    case state(StateVariable)
    case dzPlasma, ndzPlasma, tmzPlasma, oxzPlasma
    case dzUnbound, ndzUnbound, tmzUnbound, oxzUnbound
    case occupancyGaba, occupancyTspo, inhibition, excitability, anxiolysis, withdrawal

    /// All outputs in CSV column order: derived outputs first, then the states.
    public static var allCases: [OutputVariable] {
        [.dzPlasma, .ndzPlasma, .tmzPlasma, .oxzPlasma, .dzUnbound, .ndzUnbound, .tmzUnbound, .oxzUnbound,
         .occupancyGaba, .occupancyTspo, .inhibition, .excitability, .anxiolysis, .withdrawal]
            + StateVariable.allCases.map { .state($0) }
    }

    /// Name without unit, e.g. `dz_plasma`.
    public var name: String {
        switch self {
        case .state(let s): return s.name
        case .dzPlasma: return "dz_plasma"
        case .ndzPlasma: return "ndz_plasma"
        case .tmzPlasma: return "tmz_plasma"
        case .oxzPlasma: return "oxz_plasma"
        case .dzUnbound: return "dz_unbound"
        case .ndzUnbound: return "ndz_unbound"
        case .tmzUnbound: return "tmz_unbound"
        case .oxzUnbound: return "oxz_unbound"
        case .occupancyGaba: return "occ_gaba"
        case .occupancyTspo: return "occ_tspo"
        case .inhibition: return "inhibition"
        case .excitability: return "excitability"
        case .anxiolysis: return "anxiolysis"
        case .withdrawal: return "withdrawal"
        }
    }

    /// Unit: `ng/mL`, `nM`, `mg` or `1` (dimensionless).
    public var unit: String {
        switch self {
        case .state(let s): return s.unit
        case .dzPlasma, .ndzPlasma, .tmzPlasma, .oxzPlasma: return "ng/mL"
        case .dzUnbound, .ndzUnbound, .tmzUnbound, .oxzUnbound: return "nM"
        default: return "1"
        }
    }

    /// CSV column name with the unit spelled out, e.g. `dz_plasma_ng_per_mL`, `dz_central_mg`, `tspo`.
    public var columnName: String {
        switch unit {
        case "ng/mL": return name + "_ng_per_mL"
        case "nM": return name + "_nM"
        case "mg": return name + "_mg"
        default: return name
        }
    }

    /// The value at a sample, from its state and derived outputs.
    public func value<C: RandomAccessCollection>(state: C, outputs o: DerivedOutputs) -> Double where C.Element == Double, C.Index == Int {
        switch self {
        case .state(let s): return state[state.startIndex + s.rawValue]
        case .dzPlasma: return o.plasma.dz
        case .ndzPlasma: return o.plasma.ndz
        case .tmzPlasma: return o.plasma.tmz
        case .oxzPlasma: return o.plasma.oxz
        case .dzUnbound: return o.unbound.dz
        case .ndzUnbound: return o.unbound.ndz
        case .tmzUnbound: return o.unbound.tmz
        case .oxzUnbound: return o.unbound.oxz
        case .occupancyGaba: return o.occupancyGaba
        case .occupancyTspo: return o.occupancyTspo
        case .inhibition: return o.inhibition
        case .excitability: return o.excitability
        case .anxiolysis: return o.anxiolysis
        case .withdrawal: return o.withdrawal
        }
    }
}
