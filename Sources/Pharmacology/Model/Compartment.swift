/// Where a dose goes. Numbered as NONMEM's ADVAN4 (`CMT` 1 = depot, 2 = central).
public enum DoseCompartment: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// The absorption depot (gut for oral doses, the injection site for i.p./i.m.): amounts enter
    /// after the lag time, multiplied by the bioavailability F.
    case depot = 1
    /// The central compartment (IV bolus and infusions): no lag, F = 1.
    case central = 2

    /// `"depot"` or `"central"`.
    public var description: String { self == .depot ? "depot" : "central" }
}
