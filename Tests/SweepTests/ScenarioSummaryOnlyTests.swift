import Testing
import Pharmacology
@testable import Sweep

/// Runs whose trajectory nobody reads (`Scenario.run(sampled: false)`, a sweep or population
/// without `--trajectories`): the same summary row as a sampled run, and a dose that would overflow
/// is a failed row, never an `inf` cell.
@Suite struct ScenarioSummaryOnlyTests {
    static let yaml = "species: human\nregimen: \"{dose}mg po q24h for 20d; then stop\"\nsampling: {every: 1h, until: 40d}\n"

    static func run(_ dose: Double) -> RunSpec {
        RunSpec(index: 0, id: "1", assignments: [Assignment("dose", .number(dose))])
    }

    @Test func summaryRowIsTheSampledRunsAndNoTrajectoryIsKept() throws {
        let scenario = try ScenarioFile.parse(text: Self.yaml, format: .yaml, file: "s.yaml", baseDirectory: ".")
        let writer = SummaryWriter(assignmentNames: ["dose"])
        let alone = scenario.output(for: Self.run(10), summary: writer, trajectories: nil)
        let sampled = scenario.output(for: Self.run(10), summary: writer, trajectories: .wide)
        #expect(alone.status == .ok)
        #expect(alone.summaryRow == sampled.summaryRow)
        #expect(alone.trajectoryRows.isEmpty && !sampled.trajectoryRows.isEmpty)
        let applied = try scenario.applying([Assignment("dose", .number(10))])
        #expect(try applied.run(sampled: false).trajectory.times.isEmpty)
        #expect(try applied.run().trajectory.times.count == 40 * 24 + 1)
    }

    @Test func overflowIsAFailedRow() throws {
        let once = "species: human\nregimen: \"{dose}mg po once\"\nsampling: {every: 1h, until: 2d}\n"
        let scenario = try ScenarioFile.parse(text: once, format: .yaml, file: "s.yaml", baseDirectory: ".")
        let output = scenario.output(for: Self.run(1e308), summary: SummaryWriter(assignmentNames: ["dose"]), trajectories: nil)
        // A dose that would overflow is refused before simulating (the 1 kg dose limit of RunBudget);
        // the grid's own overflow check is tested in SummaryOnlyTests.overflowIsFound.
        #expect(output.status.isFailure)
        #expect(output.summaryRow.contains("is above 1,000,000 mg (1 kg), the largest dose accepted"))
        #expect(!output.summaryRow.lowercased().contains(",inf"))
    }
}
