import AllocationCounter
import Testing
@testable import ODE

/// After the first step, stepping allocates nothing: not per step, not per saved time (capacity is
/// reserved), not per dose (jump + restart), not for events that do not fire.
@Suite struct AllocationTests {
    /// Allocations during 30 dose cycles (advance a day, add to state 0) after a warm-up, for a
    /// stepper made by `make`. A whole solve of the same types runs first: the Swift runtime does
    /// one-time work (generic metadata, first fill of an array to its reserved capacity) on the
    /// first pass through a path, in whichever test gets there first.
    static func allocations<Stepper: ODEStepper>(initialState: [Double], dose: Double, minimumSteps: Int = 300,
                                                 _ make: () -> Stepper) throws -> (count: Int64, stepper: Stepper) {
        _ = try run(make(), initialState: initialState, dose: dose, minimumSteps: minimumSteps, count: false)
        let stepper = make()
        return (try run(stepper, initialState: initialState, dose: dose, minimumSteps: minimumSteps, count: true), stepper)
    }

    static func run<Stepper: ODEStepper>(_ stepper: Stepper, initialState: [Double], dose: Double,
                                         minimumSteps: Int, count: Bool) throws -> Int64 {
        let saves = Array(stride(from: 0.0, through: 24 * 30, by: 1))
        let integrator = try Integrator(stepper: stepper, options: options, startTime: 0, initialState: initialState,
                                        saveTimes: saves, events: [ODEEvent { _, y in y[1] - 1e6 }])
        // Warm-up through one full dose cycle: first steps, a jump and a restart.
        try integrator.advance(to: 1)
        integrator.applyJump { y in y[0] += 0 }
        try integrator.advance(to: 2)
        if count { allocation_counter_start() }
        for day in 1...30 {
            try integrator.advance(to: Double(day) * 24)
            integrator.applyJump { y in y[0] += dose }
        }
        let allocations = count ? allocation_counter_stop() : 0
        #expect(integrator.statistics.acceptedSteps > minimumSteps)
        #expect(integrator.savedTimes.count == saves.count)
        return allocations
    }

    static let options = SolverOptions(rtol: 1e-8)

    @Test func dormandPrince54StepsWithoutAllocating() throws {
        let (count, _) = try Self.allocations(initialState: [10, 0, 0], dose: 10) {
            ExplicitRKStepper<OralTwoCompartment, DormandPrince54>(system: OralTwoCompartment(), options: Self.options)
        }
        #expect(count == 0, "\(count) allocations")
    }

    @Test func dop853StepsWithoutAllocating() throws {
        let (count, _) = try Self.allocations(initialState: [10, 0, 0], dose: 10) {
            ExplicitRKStepper<OralTwoCompartment, DOP853>(system: OralTwoCompartment(), options: Self.options)
        }
        #expect(count == 0, "\(count) allocations")
    }

    /// The automatic method on Robertson (fed a little more reactant each "day") switches to
    /// Rodas5P early (within the warm-up) and then steps and restarts at each dose without
    /// allocating. (A switch is a restart of the other stepper, the same path a dose takes.)
    @Test func autoStepsWithoutAllocatingAfterSwitching() throws {
        let (count, stepper) = try Self.allocations(initialState: [1, 0, 0], dose: 0.01, minimumSteps: 100) {
            AutoSwitchingStepper(
                explicit: ExplicitRKStepper<Robertson, DormandPrince54>(system: Robertson(), options: Self.options),
                stiff: RosenbrockStepper<Robertson, Rodas5P>(system: Robertson(), options: Self.options))
        }
        #expect(count == 0, "\(count) allocations")
        #expect(stepper.switches >= 1)
        #expect(stepper.isStiff)
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
