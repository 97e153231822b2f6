import Foundation
import Testing
import Pharmacology

/// Every worked example of Docs/EVENT_TABLES.md parses and gives the number of output rows stated
/// under it (`<!-- rows: N -->`); the values are checked by the golden tests it names.
@Suite struct EventTableDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// (table, stated row count) for every ```csv block.
    static func examples() throws -> [(csv: String, rows: Int)] {
        let doc = try String(contentsOf: root.appendingPathComponent("Docs/EVENT_TABLES.md"), encoding: .utf8)
        var result: [(String, Int)] = []
        var rest = doc[...]
        while let start = rest.range(of: "```csv\n") {
            let end = try #require(rest.range(of: "\n```\n", range: start.upperBound..<rest.endIndex))
            let csv = String(rest[start.upperBound..<end.lowerBound]) + "\n"
            let marker = try #require(rest.range(of: "<!-- rows: ", range: end.upperBound..<rest.endIndex))
            let close = try #require(rest.range(of: " -->", range: marker.upperBound..<rest.endIndex))
            result.append((csv, try #require(Int(rest[marker.upperBound..<close.lowerBound]))))
            rest = rest[close.upperBound...]
        }
        return result
    }

    @Test func everyExampleGivesTheStatedRows() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 11)
        let model = try DiazepamModel()
        for (csv, rows) in examples {
            let table = try EventTable(csv: csv)
            var count = 0
            for subject in table.subjects {
                let end = subject.records.map(\.time).max() ?? 0
                count += try simulate(model, subject: subject, endTime: end).trajectory.times.count
            }
            #expect(count == rows, "\(csv)")
        }
    }
}
