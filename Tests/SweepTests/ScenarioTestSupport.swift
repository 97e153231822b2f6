import Foundation
import Testing
import Pharmacology
@testable import Sweep

/// Shared helpers of the scenario tests.
enum ScenarioFixtures {
    /// The repository's root directory.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The first fenced code block in `language` of Docs/SCENARIO_FILES.md.
    static func documentedExample(_ language: String) throws -> String {
        let doc = try String(contentsOf: root.appendingPathComponent("Docs/SCENARIO_FILES.md"), encoding: .utf8)
        let fence = "```\(language)\n"
        let start = try #require(doc.range(of: fence))
        let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
        return String(doc[start.upperBound..<end.lowerBound]) + "\n"
    }

    /// A fresh empty directory.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes `text` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The error `parse` throws for `text` (`nil` if it parses).
    static func error(_ text: String, _ format: ScenarioFile.Format = .yaml, file: String = "s.yaml",
                      baseDirectory: String = ".") -> InputError? {
        do {
            _ = try ScenarioFile.parse(text: text, format: format, file: file, baseDirectory: baseDirectory)
            return nil
        } catch {
            return error
        }
    }

    /// The problems `parse` reports for `text`, one description each (empty if it parses).
    static func problems(_ text: String, _ format: ScenarioFile.Format = .yaml, file: String = "s.yaml",
                         baseDirectory: String = ".") -> [String] {
        error(text, format, file: file, baseDirectory: baseDirectory)?.problems.map(\.description) ?? []
    }

    /// Checks that two scenarios are equal field by field (`Scenario` is not `Equatable`).
    static func expectEqual(_ a: Scenario, _ b: Scenario, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.species == b.species, sourceLocation: sourceLocation)
        #expect(a.covariates == b.covariates, sourceLocation: sourceLocation)
        #expect(a.tspoKnockout == b.tspoKnockout, sourceLocation: sourceLocation)
        #expect(a.parameters == b.parameters, sourceLocation: sourceLocation)
        #expect(a.regimenText == b.regimenText, sourceLocation: sourceLocation)
        #expect(a.regimen == b.regimen, sourceLocation: sourceLocation)
        #expect(a.resetTimes == b.resetTimes, sourceLocation: sourceLocation)
        #expect(a.sampling == b.sampling, sourceLocation: sourceLocation)
        #expect(a.endTime == b.endTime, sourceLocation: sourceLocation)
        #expect(a.solver.method == b.solver.method, sourceLocation: sourceLocation)
        #expect(a.solver.rtol == b.solver.rtol, sourceLocation: sourceLocation)
        #expect(a.solver.atol == b.solver.atol, sourceLocation: sourceLocation)
        #expect(a.solver.maxStep == b.solver.maxStep, sourceLocation: sourceLocation)
    }
}
