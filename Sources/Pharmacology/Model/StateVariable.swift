/// The 12 states of the reference model (MODEL.md, "States"), in their fixed order.
public enum StateVariable: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// DZ in the absorption depot (gut, or i.p./i.m. site), mg.
    case dzDepot
    /// DZ in the central compartment, mg.
    case dzCentral
    /// DZ in the peripheral compartment, mg.
    case dzPeripheral
    /// Desmethyldiazepam (nordazepam) in its compartment, mg.
    case ndz
    /// Temazepam in its compartment, mg.
    case tmz
    /// Oxazepam in its compartment, mg.
    case oxz
    /// Microglial TSPO expression, baseline 1 (dimensionless).
    case tspo
    /// Fraction of microglia in the TSPO-activated, engulfing state (dimensionless).
    case microglia
    /// Dendritic spine (synapse) density, baseline 1 (dimensionless).
    case synapses
    /// Coupling of the benzodiazepine site to GABA-A gating, baseline 1 (dimensionless).
    case gabaCoupling
    /// AMPA-receptor excitatory gain, baseline 1 (dimensionless).
    case ampaGain
    /// NMDA-receptor excitatory gain, baseline 1 (dimensionless).
    case nmdaGain

    /// The name used in MODEL.md, output columns and scenario files (e.g. `dz_central`).
    public var name: String {
        switch self {
        case .dzDepot: return "dz_depot"
        case .dzCentral: return "dz_central"
        case .dzPeripheral: return "dz_peripheral"
        case .ndz: return "ndz"
        case .tmz: return "tmz"
        case .oxz: return "oxz"
        case .tspo: return "tspo"
        case .microglia: return "microglia"
        case .synapses: return "synapses"
        case .gabaCoupling: return "gaba_coupling"
        case .ampaGain: return "ampa_gain"
        case .nmdaGain: return "nmda_gain"
        }
    }

    /// `"mg"` for the drug amounts, `"1"` (dimensionless) for the PD states.
    public var unit: String { rawValue <= StateVariable.oxz.rawValue ? "mg" : "1" }

    /// Value before any dose: no drug, PD states at baseline.
    public var initialValue: Double {
        switch self {
        case .tspo, .synapses, .gabaCoupling, .ampaGain, .nmdaGain: return 1
        default: return 0
        }
    }

    /// `name`.
    public var description: String { name }

    /// Number of states (12).
    public static let count = allCases.count

    /// The baseline state vector.
    public static var initialState: [Double] { allCases.map(\.initialValue) }
}

/// Molar masses (g/mol) from MODEL.md, for unbound molar concentrations and for converting the
/// metabolite formation rates between molecules.
public enum MolarMass {
    /// Diazepam, g/mol.
    public static let diazepam = 284.74
    /// Desmethyldiazepam (nordazepam), g/mol.
    public static let nordazepam = 270.71
    /// Temazepam, g/mol.
    public static let temazepam = 300.74
    /// Oxazepam, g/mol.
    public static let oxazepam = 286.71
}
