import Foundation

/// A progress bar on standard error: count, percentage, rate (runs/s) and ETA, e.g.
/// `  1234/10000 [###.................]  12% 45.6 runs/s ETA 3m12s`.
///
/// It draws only when standard error is a terminal, not when `quiet`, not before the run has
/// taken one second (short runs print nothing), and at most ten times a second. `finish()` draws
/// the final state and ends the line if anything was drawn. Use it from one thread (the
/// executor calls it on the emitting thread).
public final class ProgressReporter {
    /// Runs in the plan (or shard).
    public let total: Int
    let enabled: Bool
    let now: () -> Double
    let write: (String) -> Void
    let start: Double
    var lastDraw = -Double.infinity
    var completed = 0
    /// Whether anything has been drawn.
    public private(set) var hasDrawn = false

    /// A reporter for `total` runs on standard error, enabled when standard error is a terminal
    /// (`isatty(2)`) and not `quiet`.
    public convenience init(total: Int, quiet: Bool = false) {
        self.init(total: total, enabled: !quiet && isatty(2) == 1, now: monotonicSeconds, write: writeToStandardError)
    }

    /// A reporter with an injected clock (seconds) and sink, for tests and embedding.
    init(total: Int, enabled: Bool, now: @escaping () -> Double, write: @escaping (String) -> Void) {
        self.total = total
        self.enabled = enabled
        self.now = now
        self.write = write
        start = now()
    }

    /// Records that `completed` runs are done and redraws if due.
    public func update(completed: Int) {
        self.completed = completed
        guard enabled else { return }
        let t = now()
        guard t - start > 1, t - lastDraw >= 0.1 else { return }
        lastDraw = t
        draw(at: t)
    }

    /// Draws the final state and ends the line, if the bar was shown.
    public func finish() {
        guard enabled, hasDrawn else { return }
        draw(at: now())
        write("\n")
        hasDrawn = false
    }

    func draw(at t: Double) {
        hasDrawn = true
        write("\r" + Self.line(completed: completed, total: total, elapsed: t - start) + "\u{1B}[K")
    }

    /// The text of the bar for `completed` of `total` runs after `elapsed` seconds.
    static func line(completed: Int, total: Int, elapsed: Double) -> String {
        let fraction = total > 0 ? min(1, Double(completed) / Double(total)) : 1
        let width = 20, filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        let percent = Int((fraction * 100).rounded(.down))
        var text = "\(completed)/\(total) [\(bar)] \(percent)% \(formatRate(rate)) runs/s"
        if completed < total {
            text += rate > 0 ? " ETA " + formatDuration(Double(total - completed) / rate) : " ETA --"
        } else {
            text += " in " + formatDuration(elapsed)
        }
        return text
    }

    static func formatRate(_ rate: Double) -> String {
        if rate >= 100 { return String(Int(rate.rounded())) }
        return CSVFormat.format((rate * 10).rounded() / 10)
    }

    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(pad(s % 60))s" }
        return "\(s / 3600)h\(pad(s % 3600 / 60))m"
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Seconds on a monotonic clock (arbitrary origin).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Writes `text` to file descriptor 2, unbuffered.
func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}
