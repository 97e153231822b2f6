import Foundation
import Testing
import Pharmacology

/// `Docs/PARAMETERS.md` is generated from the parameter declarations; it must not drift.
@Test func parameterDocumentMatchesTheCode() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let document = try String(contentsOf: root.appendingPathComponent("Docs/PARAMETERS.md"), encoding: .utf8)
    #expect(document == ParameterTable.markdown,
            "Docs/PARAMETERS.md is stale: run `swift run -c release ParameterTableExample > Docs/PARAMETERS.md`")
}
