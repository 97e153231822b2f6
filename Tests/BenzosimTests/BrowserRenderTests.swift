import Foundation
import Testing

/// A real browser renders the report: `scripts/check_report_render.sh` opens it in headless
/// Chromium, checks the page's text (legend, axis titles, summary) and that a screenshot is not
/// blank and shows the runs' colours. Runs where Chromium is installed, and always in CI
/// (`scripts/setup.sh` installs it there; the script installs it if missing).
@Suite struct BrowserRenderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var enabled: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
            || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: enabled), .timeLimit(.minutes(10)))
    func reportRendersInChromium() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.root.appendingPathComponent("scripts/check_report_render.sh").path, CommandRunner.executable.path]
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("check_report_render: ok"))
    }
}
