/// What one run produced, already formatted as CSV text so that workers do the formatting in
/// parallel and the writer only appends bytes.
public struct RunOutput: Sendable, Equatable {
    /// Whether the run succeeded.
    public enum Status: Sendable, Equatable {
        /// The run completed.
        case ok
        /// The run failed (e.g. the solver gave up); the message says why and what to try.
        case failed(message: String)

        /// Whether this is `.failed`.
        public var isFailure: Bool {
            if case .failed = self { return true }
            return false
        }
    }

    /// Trajectory rows, each ending in `\n` (empty when trajectories are not written or the run
    /// failed).
    public var trajectoryRows: String
    /// The run's summary row, ending in `\n` (for a failed run, a row with its status and message).
    public var summaryRow: String
    /// Whether the run succeeded.
    public var status: Status
    /// Sample times (h) for percentile bands (empty unless asked for).
    public var sampleTimes: [Double] = []
    /// Every output at each sample, time-major, for `PercentileBands` (empty unless asked for).
    public var sampleValues: [Double] = []

    /// Creates an output.
    public init(trajectoryRows: String = "", summaryRow: String, status: Status = .ok) {
        self.trajectoryRows = trajectoryRows
        self.summaryRow = summaryRow
        self.status = status
    }
}

/// What an execution did: how many runs were emitted, how many failed, and how long it took.
public struct ExecutionReport: Sendable, Equatable {
    /// Runs emitted.
    public var completed: Int
    /// Runs whose status was `.failed`.
    public var failed: Int
    /// Wall-clock seconds.
    public var seconds: Double

    /// Creates a report.
    public init(completed: Int, failed: Int, seconds: Double) {
        self.completed = completed
        self.failed = failed
        self.seconds = seconds
    }
}
