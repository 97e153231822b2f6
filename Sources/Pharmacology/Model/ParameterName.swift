/// Every parameter of the reference model (MODEL.md, "Parameters"), declared once.
///
/// Human values are for the reference subject (70 kg, 30-year-old man, CYP2C19 normal
/// metaboliser); `Covariates` scale them. Mouse values are for a 30 g mouse. PD rate constants are
/// stated at the human reference and scaled to a species by `(WT_species / 70 kg)^(-1/4)` (MODEL.md,
/// "Species and the PD rates"), so the mouse column repeats the human one for them.
public enum ParameterName: Int, CaseIterable, Sendable, CustomStringConvertible {
    case F, tlag, ka, CL, V1, V2, Q, fu_dz
    case fm_ndz, fm_tmz, CL_ndz, V_ndz, fu_ndz, CL_tmz, V_tmz, fu_tmz
    case fm_oxz_ndz, fm_oxz_tmz, CL_oxz, V_oxz, fu_oxz
    case Ki_gaba_dz, Ki_gaba_ndz, Ki_gaba_tmz, Ki_gaba_oxz
    case Ki_tspo_dz, Ki_tspo_ndz, Ki_tspo_tmz, Ki_tspo_oxz
    case k_tspo, tspo_max_up, k_mg_on, k_mg_off, k_engulf, k_syn
    case Emax_gaba, k_coup_rec, k_coup_loss, h_homeo, k_ampa, k_nmda, w_ampa

    /// The name as written in MODEL.md, scenario files and `--set NAME=VALUE`.
    public var description: String { definition.name }

    /// Name, unit, defaults, plausible range and source.
    public var definition: ParameterDefinition { ParameterDefinition.table[rawValue] }

    /// Looks a parameter up by its MODEL.md name (exact, case-sensitive).
    public init?(name: String) {
        guard let index = ParameterDefinition.table.firstIndex(where: { $0.name == name }) else { return nil }
        self.init(rawValue: index)!
    }

    /// `true` for the PD rate constants that scale allometrically between species.
    public var scalesWithSpecies: Bool {
        switch self {
        case .k_tspo, .k_mg_on, .k_mg_off, .k_engulf, .k_syn, .k_coup_rec, .k_coup_loss, .k_ampa, .k_nmda: return true
        default: return false
        }
    }
}

/// One parameter: what it means, its unit, defaults per species, the plausible range that
/// `ParameterSet` enforces, and where the number comes from.
public struct ParameterDefinition: Sendable {
    /// MODEL.md name.
    public let name: String
    /// Unit (`1` for dimensionless).
    public let unit: String
    /// Default for the human reference subject.
    public let human: Double
    /// Default for the 30 g mouse.
    public let mouse: Double
    /// Plausible range for humans (MODEL.md); values outside are rejected.
    public let range: ClosedRange<Double>
    /// Plausible range for the mouse where it differs (its PK comes from the rat literature).
    public let mouseRange: ClosedRange<Double>
    /// Citation, or which calibration target fixed it.
    public let source: String
    /// What the parameter is.
    public let meaning: String

    /// Default for a species.
    public func defaultValue(for species: Species) -> Double { species == .human ? human : mouse }

    /// Plausible range for a species.
    public func range(for species: Species) -> ClosedRange<Double> { species == .human ? range : mouseRange }

    init(name: String, unit: String, human: Double, mouse: Double, range: ClosedRange<Double>,
         mouseRange: ClosedRange<Double>? = nil, source: String, meaning: String) {
        self.name = name
        self.unit = unit
        self.human = human
        self.mouse = mouse
        self.range = range
        self.mouseRange = mouseRange ?? range
        self.source = source
        self.meaning = meaning
    }

    // Mouse PK: rat literature as proxy (Friedman et al., Psychopharmacology 1986;88:267): DZ
    // V 19.3 L/kg, CL 255 mL/min/kg (15.3 L/h/kg), fu 0.196; NDZ t½ 1.11 h, fu 0.158; 30 g mouse.
    // TMZ and OXZ: human values scaled allometrically (V ∝ W, CL ∝ W^0.75) for lack of data.
    static let mouseWeightRatio = 0.03 / 70.0
    static let mouseVolume = mouseWeightRatio                  // V ∝ W
    static let mouseClearance = 0.002999                        // (0.03/70)^0.75

    static let table: [ParameterDefinition] = [
        .init(name: "F", unit: "1", human: 0.95, mouse: 1.0, range: 0.93...1.0, mouseRange: 0.9...1.0,
              source: "Divoll 1983 (94%); Greenblatt (97%); mouse i.p. 1 (EST, MODEL.md)",
              meaning: "bioavailability of depot doses"),
        .init(name: "tlag", unit: "h", human: 0.2, mouse: 0, range: 0...0.75, mouseRange: 0...0.75,
              source: "Greenblatt, Diazepam absorption: 12 min fasting", meaning: "absorption lag time"),
        .init(name: "ka", unit: "1/h", human: 2.2, mouse: 5.0, range: 1.3...3, mouseRange: 1...10,
              source: "absorption t½ 19 min (Greenblatt); mouse i.p. 5/h (EST, MODEL.md)",
              meaning: "first-order absorption rate constant"),
        .init(name: "CL", unit: "L/h", human: 1.6, mouse: 15.3 * 0.03, range: 1.2...1.9, mouseRange: 0.23...0.69,
              source: "Greenblatt 1989 (26.6 mL/min); mouse: rat 255 mL/min/kg (Friedman 1986)",
              meaning: "DZ clearance from the central compartment"),
        .init(name: "V1", unit: "L", human: 16, mouse: 0.35, range: 15...30, mouseRange: 0.1...0.5,
              source: "calibrated to P1/P2 (Cmax 406 ng/mL after 10 mg, 157 after 5 mg) with Q; mouse: share of rat Vss 19.3 L/kg",
              meaning: "DZ central volume"),
        .init(name: "V2", unit: "L", human: 55, mouse: 0.23, range: 35...120, mouseRange: 0.05...0.5,
              source: "Vss ≈ 1.1 L/kg at 30 y (Klotz 1975); mouse: rest of rat Vss 19.3 L/kg",
              meaning: "DZ peripheral volume"),
        .init(name: "Q", unit: "L/h", human: 8, mouse: 2.0, range: 5...30, mouseRange: 0.5...10,
              source: "EST: distribution t½ ≈ 1 h; calibrated to P1/P2 with V1; mouse EST (fast)",
              meaning: "DZ intercompartmental clearance"),
        .init(name: "fu_dz", unit: "1", human: 0.02, mouse: 0.196, range: 0.013...0.039, mouseRange: 0.1...0.3,
              source: "Klotz 1975; Ochs 1981; mouse: rat 0.196 (Friedman 1986)", meaning: "DZ unbound fraction"),
        .init(name: "fm_ndz", unit: "1", human: 0.6, mouse: 0.6, range: 0.5...0.8,
              source: "EST (no published value); MODEL.md start value (P5's ratios do not depend on it)", meaning: "fraction of DZ clearance forming NDZ"),
        .init(name: "fm_tmz", unit: "1", human: 0.3, mouse: 0.3, range: 0.1...0.4,
              source: "EST", meaning: "fraction of DZ clearance forming TMZ"),
        .init(name: "CL_ndz", unit: "L/h", human: 1.0, mouse: 0.375, range: 0.6...1.4, mouseRange: 0.19...0.56,
              source: "0.24 mL/min/kg (Greenblatt), t½ 60 h; meets P5; mouse: t½ 1.11 h (rat)",
              meaning: "NDZ clearance"),
        .init(name: "V_ndz", unit: "L", human: 87, mouse: 0.6, range: 60...120, mouseRange: 0.3...1.2,
              source: "1.24 L/kg (Greenblatt); mouse EST", meaning: "NDZ volume"),
        .init(name: "fu_ndz", unit: "1", human: 0.03, mouse: 0.158, range: 0.02...0.05, mouseRange: 0.08...0.25,
              source: "EST; mouse: rat 0.158 (Friedman 1986)", meaning: "NDZ unbound fraction"),
        .init(name: "CL_tmz", unit: "L/h", human: 4.9, mouse: 4.9 * mouseClearance, range: 3...9.8, mouseRange: (3 * mouseClearance)...(9.8 * mouseClearance),
              source: "1.16–2.33 mL/min/kg (Locniskar 1990; J Clin Pharmacol 1984); mouse allometric",
              meaning: "TMZ clearance"),
        .init(name: "V_tmz", unit: "L", human: 67, mouse: 67 * mouseVolume, range: 60...100, mouseRange: (60 * mouseVolume)...(100 * mouseVolume),
              source: "0.96–1.45 L/kg; mouse allometric", meaning: "TMZ volume"),
        .init(name: "fu_tmz", unit: "1", human: 0.03, mouse: 0.03, range: 0.02...0.05,
              source: "EST", meaning: "TMZ unbound fraction"),
        .init(name: "fm_oxz_ndz", unit: "1", human: 0.8, mouse: 0.8, range: 0.5...1.0,
              source: "EST (NDZ cleared mainly by 3-hydroxylation)", meaning: "fraction of NDZ clearance forming OXZ"),
        .init(name: "fm_oxz_tmz", unit: "1", human: 0.05, mouse: 0.05, range: 0.03...0.1,
              source: "Locniskar & Greenblatt 1990 (4.7%)", meaning: "fraction of TMZ clearance forming OXZ"),
        .init(name: "CL_oxz", unit: "L/h", human: 4.5, mouse: 4.5 * mouseClearance, range: 3.5...6, mouseRange: (3.5 * mouseClearance)...(6 * mouseClearance),
              source: "1.07 mL/min/kg (Eur J Clin Pharmacol 1988); mouse allometric", meaning: "OXZ clearance"),
        .init(name: "V_oxz", unit: "L", human: 41, mouse: 41 * mouseVolume, range: 19...50, mouseRange: (19 * mouseVolume)...(50 * mouseVolume),
              source: "Vss 0.59 L/kg; mouse allometric", meaning: "OXZ volume"),
        .init(name: "fu_oxz", unit: "1", human: 0.045, mouse: 0.045, range: 0.03...0.06,
              source: "4.5% (Eur J Clin Pharmacol 1988)", meaning: "OXZ unbound fraction"),
        .init(name: "Ki_gaba_dz", unit: "nM", human: 60, mouse: 60, range: 10...200,
              source: "EST effective in-vivo Ki (in vitro ≈ 10 nM); start value meets G1 (peak occupancy 0.30 after 10 mg)", meaning: "DZ affinity, GABA-A BZ site"),
        .init(name: "Ki_gaba_ndz", unit: "nM", human: 60, mouse: 60, range: 10...200,
              source: "EST, as DZ", meaning: "NDZ affinity, GABA-A BZ site"),
        .init(name: "Ki_gaba_tmz", unit: "nM", human: 120, mouse: 120, range: 10...200,
              source: "EST", meaning: "TMZ affinity, GABA-A BZ site"),
        .init(name: "Ki_gaba_oxz", unit: "nM", human: 120, mouse: 120, range: 10...200,
              source: "EST", meaning: "OXZ affinity, GABA-A BZ site"),
        .init(name: "Ki_tspo_dz", unit: "nM", human: 10, mouse: 10, range: 0.1...Double.infinity,
              source: "rat binding ~10 nM; human TSPO affinity unknown: sweep it", meaning: "DZ affinity, TSPO"),
        .init(name: "Ki_tspo_ndz", unit: "nM", human: 10, mouse: 10, range: 0.1...Double.infinity,
              source: "EST, as DZ", meaning: "NDZ affinity, TSPO"),
        .init(name: "Ki_tspo_tmz", unit: "nM", human: .infinity, mouse: .infinity, range: 0.1...Double.infinity,
              source: "TMZ effectively inactive at TSPO (MODEL.md)", meaning: "TMZ affinity, TSPO"),
        .init(name: "Ki_tspo_oxz", unit: "nM", human: 30_000, mouse: 30_000, range: 0.1...Double.infinity,
              source: "rat OXZ 21–37 µM", meaning: "OXZ affinity, TSPO"),
        .init(name: "k_tspo", unit: "1/h", human: 0.02, mouse: 0.02, range: 0.01...0.05,
              source: "TSPO back to control within ~5 days (Clin Neuropharmacol 1989)", meaning: "TSPO turnover rate"),
        .init(name: "tspo_max_up", unit: "1", human: 0.2, mouse: 0.2, range: 0.1...0.3,
              source: "+19% Bmax on chronic DZ (Clin Neuropharmacol 1989)", meaning: "maximal TSPO up-regulation"),
        .init(name: "k_mg_on", unit: "1/h", human: 0.05, mouse: 0.05, range: 0.001...1,
              source: "EST, start value; S1 fitted through k_engulf (mouse)", meaning: "microglial activation rate"),
        .init(name: "k_mg_off", unit: "1/h", human: 0.02, mouse: 0.02, range: 0.001...1,
              source: "EST, start value; S1 fitted through k_engulf (mouse)", meaning: "microglial deactivation rate"),
        .init(name: "k_engulf", unit: "1/h", human: 0.002, mouse: 0.002, range: 0.0001...0.1,
              source: "EST, calibrated to S1 on the mouse (0.004 → 0.002: 13% loss on day 7)", meaning: "spine engulfment rate by activated microglia"),
        .init(name: "k_syn", unit: "1/h", human: 0.004, mouse: 0.004, range: 0.002...0.01,
              source: "spine turnover; recovery over 1–3 weeks (EST)", meaning: "baseline spine turnover"),
        .init(name: "Emax_gaba", unit: "1", human: 1.0, mouse: 1.0, range: 0.5...2,
              source: "EST (BZ potentiation of GABA currents 1.5–3×)", meaning: "maximal potentiation of inhibition"),
        .init(name: "k_coup_rec", unit: "1/h", human: 0.011, mouse: 0.011, range: 0.005...0.02,
              source: "sensitivity partly back in 8 days, fully in 16 (mouse)", meaning: "GABA-A coupling recovery rate"),
        .init(name: "k_coup_loss", unit: "1/h", human: 0.012, mouse: 0.012, range: 0.001...0.1,
              source: "EST: ≈ 47% loss of maximal effect after 14 days at high occupancy (PMID 10801221)",
              meaning: "GABA-A uncoupling rate at full occupancy"),
        .init(name: "h_homeo", unit: "1", human: 0.7, mouse: 0.7, range: 0.3...0.95,
              source: "EST: anxiolytic tolerance incomplete; start value meets G1 (human)", meaning: "completeness of glutamatergic compensation"),
        .init(name: "k_ampa", unit: "1/h", human: 0.02, mouse: 0.02, range: 0.01...0.05,
              source: "AMPA changes within 1–2 days of withdrawal (rodent); start value meets G2 (mouse)", meaning: "AMPA gain adaptation rate"),
        .init(name: "k_nmda", unit: "1/h", human: 0.006, mouse: 0.006, range: 0.003...0.02,
              source: "NMDA changes at 42–45 h (rodent), slower; start value meets G2 (mouse)", meaning: "NMDA gain adaptation rate"),
        .init(name: "w_ampa", unit: "1", human: 0.5, mouse: 0.5, range: 0.3...0.7,
              source: "EST", meaning: "AMPA share of excitation"),
    ]
}
