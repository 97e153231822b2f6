/// A dose at steady state: just before it, the state is the periodic steady state of `dose`
/// repeated every `interval` h (`steadyState(_:dose:interval:options:)`), replacing the state
/// (NONMEM SS 1) or, with `additive`, its drug amounts added to the current ones (SS 2). The dose
/// itself is one of the regimen's doses; this only sets the state before it.
public struct SteadyStateDose: Hashable, Sendable {
    /// The dose's time (h).
    public var time: Double
    /// The dose repeated.
    public var dose: Dose
    /// The interval (h), > 0.
    public var interval: Double
    /// SS 2 rather than SS 1.
    public var additive: Bool

    /// A steady state of `dose` every `interval` h, entered at the dose's time.
    public init(dose: Dose, interval: Double, additive: Bool = false) {
        self.time = dose.time
        self.dose = dose
        self.interval = interval
        self.additive = additive
    }
}
