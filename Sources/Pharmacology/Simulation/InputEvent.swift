/// A change to the model's inputs at an exact time: a bolus into a compartment and/or a change of
/// its zero-order input rate. What doses and regimens expand into (after F and lag time).
public struct InputEvent: Sendable, Equatable {
    /// Time (h).
    public var time: Double
    /// Where.
    public var compartment: DoseCompartment
    /// Amount added at once (mg), 0 for none.
    public var bolus: Double
    /// Change of the zero-order input rate (mg/h): + at an infusion's start, − at its end.
    public var rateChange: Double

    /// Creates an event.
    public init(time: Double, compartment: DoseCompartment, bolus: Double = 0, rateChange: Double = 0) {
        self.time = time
        self.compartment = compartment
        self.bolus = bolus
        self.rateChange = rateChange
    }
}
