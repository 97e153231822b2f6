/// The zero-order input rates (mg/h) into the depot and the central compartment: infusions.
/// The simulation changes them at infusion starts and ends (stop times of the integrator); the
/// right-hand side reads them through a raw pointer, so the model stays a plain value type.
/// One instance per simulation: never share one between threads.
public final class ZeroOrderInputs: @unchecked Sendable {
    @usableFromInline let rates: UnsafeMutablePointer<Double>

    /// Both rates zero.
    public init() {
        rates = .allocate(capacity: 2)
        rates.initialize(repeating: 0, count: 2)
    }

    deinit { rates.deallocate() }

    /// The input rate into `compartment` (mg/h).
    public subscript(_ compartment: DoseCompartment) -> Double {
        get { rates[compartment.rawValue - 1] }
        set { rates[compartment.rawValue - 1] = newValue }
    }
}
