import Testing
@testable import Analysis

@Suite struct AnalysisModuleTests {
    @Test func formatVersionIsPositive() { #expect(AnalysisModule.formatVersion >= 1) }
}
