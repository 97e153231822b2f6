import AllocationCounter
import Testing
@testable import ODE

/// After the first step, stepping allocates nothing: not per step, not per saved time (capacity is
/// reserved), not per dose (jump + restart), not for events that do not fire.
@Suite struct AllocationTests {
    static func allocations<M: ExplicitRKMethod>(_: M.Type) throws -> Int64 {
        // A whole solve of the same types first: the Swift runtime does one-time work (generic
        // metadata, first fill of an array to its reserved capacity) on the first pass through a
        // path, in whichever test gets there first.
        _ = try run(M.self, count: false)
        return try run(M.self, count: true)
    }

    static func run<M: ExplicitRKMethod>(_: M.Type, count: Bool) throws -> Int64 {
        let system = OralTwoCompartment()
        let options = SolverOptions(rtol: 1e-8)
        let stepper = ExplicitRKStepper<OralTwoCompartment, M>(system: system, options: options)
        let saves = Array(stride(from: 0.0, through: 24 * 30, by: 1))
        let integrator = try Integrator(stepper: stepper, options: options, startTime: 0, initialState: [10, 0, 0],
                                        saveTimes: saves, events: [ODEEvent { _, y in y[1] - 1e6 }])
        // Warm-up through one full dose cycle: first steps, a jump and a restart.
        try integrator.advance(to: 1)
        integrator.applyJump { y in y[0] += 0 }
        try integrator.advance(to: 2)
        if count { allocation_counter_start() }
        for day in 1...30 {
            try integrator.advance(to: Double(day) * 24)
            integrator.applyJump { y in y[0] += 10 }
        }
        let allocations = count ? allocation_counter_stop() : 0
        #expect(integrator.statistics.acceptedSteps > 300)
        #expect(integrator.savedTimes.count == saves.count)
        return allocations
    }

    @Test func dormandPrince54StepsWithoutAllocating() throws {
        let count = try Self.allocations(DormandPrince54.self)
        #expect(count == 0, "\(count) allocations")
    }

    @Test func dop853StepsWithoutAllocating() throws {
        let count = try Self.allocations(DOP853.self)
        #expect(count == 0, "\(count) allocations")
    }

    /// The counter itself works (a test that cannot fail is a defect).
    @Test func counterSeesAllocations() {
        allocation_counter_start()
        let array = [Int](repeating: 1, count: 1000)
        let count = allocation_counter_stop()
        #expect(array.count == 1000)
        #expect(count >= 1)
    }
}
