#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One value the model actually uses for a subject, after species scaling and covariates.
public struct ResolvedParameter: Sendable, Equatable {
    /// Name: a `ParameterName` for parameters, or a derived quantity (`t_half_dz`, `Vss_dz`, …).
    public let name: String
    /// The value in `unit`.
    public let value: Double
    /// Unit (`1` for dimensionless).
    public let unit: String
    /// What it is.
    public let meaning: String
}

extension DiazepamModel {
    /// The subject's PK and PD values as the equations use them: volumes and clearances after size,
    /// age, sex and CYP2C19 (`Covariates`), the resulting half-lives, F, lag, ka, the unbound DZ
    /// fraction, and the PD rate constants after species scaling (× `Species.pdRateScale`).
    ///
    /// Half-lives: DZ terminal and distribution from the two-compartment hybrid rate constants
    /// `β, α = (s ∓ √(s² − 4·k10·k21))/2`, `s = k10 + k12 + k21`; each metabolite's own
    /// elimination `ln 2 · V / CL` (after a DZ dose its apparent half-life is the longer of this
    /// and DZ's, as its formation follows DZ).
    public var resolvedParameters: [ResolvedParameter] {
        let v = volumes, c = clearances
        let s = k10 + k12 + k21, root = (s * s - 4 * k10 * k21).squareRoot()
        let beta = (s - root) / 2, alpha = (s + root) / 2
        let ln2 = log(2.0)
        let fuDz = unboundDz * MolarMass.diazepam * v.central / 1e6
        var list: [ResolvedParameter] = [
            .init(name: "V1", value: v.central, unit: "L", meaning: "DZ central volume"),
            .init(name: "V2", value: v.peripheral, unit: "L", meaning: "DZ peripheral volume"),
            .init(name: "Vss_dz", value: v.central + v.peripheral, unit: "L", meaning: "DZ volume at steady state"),
            .init(name: "CL", value: c.dz, unit: "L/h", meaning: "DZ clearance"),
            .init(name: "Q", value: c.q, unit: "L/h", meaning: "DZ intercompartmental clearance"),
            .init(name: "t_half_dz", value: ln2 / beta, unit: "h", meaning: "DZ terminal half-life"),
            .init(name: "t_half_dz_distribution", value: ln2 / alpha, unit: "h", meaning: "DZ distribution half-life"),
            .init(name: "V_ndz", value: v.ndz, unit: "L", meaning: "NDZ volume"),
            .init(name: "CL_ndz", value: c.ndz, unit: "L/h", meaning: "NDZ clearance"),
            .init(name: "t_half_ndz", value: ln2 * v.ndz / c.ndz, unit: "h", meaning: "NDZ elimination half-life"),
            .init(name: "V_tmz", value: v.tmz, unit: "L", meaning: "TMZ volume"),
            .init(name: "CL_tmz", value: c.tmz, unit: "L/h", meaning: "TMZ clearance"),
            .init(name: "t_half_tmz", value: ln2 * v.tmz / c.tmz, unit: "h", meaning: "TMZ elimination half-life"),
            .init(name: "V_oxz", value: v.oxz, unit: "L", meaning: "OXZ volume"),
            .init(name: "CL_oxz", value: c.oxz, unit: "L/h", meaning: "OXZ clearance"),
            .init(name: "t_half_oxz", value: ln2 * v.oxz / c.oxz, unit: "h", meaning: "OXZ elimination half-life"),
            .init(name: "F", value: bioavailability, unit: "1", meaning: "bioavailability of depot doses"),
            .init(name: "tlag", value: lagTime, unit: "h", meaning: "absorption lag time"),
            .init(name: "ka", value: ka, unit: "1/h", meaning: "absorption rate constant"),
            .init(name: "fu_dz", value: fuDz, unit: "1", meaning: "DZ unbound fraction (after age)"),
        ]
        let pd: [(ParameterName, Double)] = [(.k_tspo, kTspo), (.k_mg_on, kMgOn), (.k_mg_off, kMgOff), (.k_engulf, kEngulf),
                                             (.k_syn, kSyn), (.k_coup_rec, kCoupRec), (.k_coup_loss, kCoupLoss),
                                             (.k_ampa, kAmpa), (.k_nmda, kNmda)]
        for (p, value) in pd {
            list.append(.init(name: p.definition.name, value: value, unit: p.definition.unit,
                              meaning: p.definition.meaning + " (× species scale)"))
        }
        return list
    }
}
