import Testing
@testable import Report

@Suite struct ReportModuleTests {
    @Test func formatVersionIsPositive() { #expect(ReportModule.formatVersion >= 1) }
}
