import Testing
import Pharmacology

@Test func compartmentNumbersFollowNONMEM() {
    #expect(DoseCompartment.depot.rawValue == 1)
    #expect(DoseCompartment.central.rawValue == 2)
}
