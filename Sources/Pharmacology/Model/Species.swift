/// The parameter sets the model ships with.
public enum Species: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Human (default): a 70 kg, 30-year-old man, CYP2C19 normal metaboliser.
    case human
    /// Mouse (PK from the rat literature as a proxy): a 30 g animal.
    case mouse

    /// Body weight of the reference animal (kg).
    public var referenceWeight: Double { self == .human ? 70 : 0.03 }

    /// Factor on the PD rate constants: `(WT_species / 70 kg)^(-1/4)` (physiological turnover
    /// scales with mass^(-1/4); MODEL.md), 1 for humans and ≈ 6.95 for a 30 g mouse.
    public var pdRateScale: Double { pow(referenceWeight / 70, -0.25) }

    /// `rawValue`.
    public var description: String { rawValue }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
