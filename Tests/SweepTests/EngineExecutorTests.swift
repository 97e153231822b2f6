import Foundation
import Synchronization
import Testing
@testable import Sweep

/// Counters shared between the test's workers and its emitting thread.
final class EngineExecutorProbe: Sendable {
    struct State {
        var emitted = 0
        var started = 0
        var active = 0
        var maximumAhead = 0
        var completionOrder: [Int] = []
    }
    let state = Mutex(State())

    func begin(_ index: Int) {
        state.withLock {
            $0.started += 1
            $0.active += 1
            $0.maximumAhead = max($0.maximumAhead, index - $0.emitted)
        }
    }
    func end(_ index: Int) {
        state.withLock {
            $0.active -= 1
            $0.completionOrder.append(index)
        }
    }
    func emitted() { state.withLock { $0.emitted += 1 } }
    var snapshot: State { state.withLock { $0 } }
}

@Suite struct EngineExecutorTests {
    static func plan(_ m: Int) -> RunPlan {
        RunPlan((0..<m).map { RunSpec(index: $0, id: String($0 + 1), assignments: [Assignment("dose", .number(Double($0) / 4))]) })
    }

    /// A body that sleeps 0–3 ms (jitter from the subject's stream, so later runs often finish
    /// first) and formats rows from the run's random stream.
    static func body(probe: EngineExecutorProbe?) -> @Sendable (RunSpec) -> RunOutput {
        { run in
            probe?.begin(run.index)
            defer { probe?.end(run.index) }
            var random = SubjectRandomStream(seed: 1234, subject: run.index)
            usleep(UInt32(random.nextInt(below: 3000)))
            var rows = ""
            for t in 0..<3 {
                rows += "\(run.id),\(t),"
                CSVFormat.append(random.nextNormal(), to: &rows)
                rows += "\n"
            }
            return RunOutput(trajectoryRows: rows, summaryRow: "\(run.id),\(run.assignments[0].value),ok\n")
        }
    }

    @Test(arguments: [1, 2, 8])
    func emitsInPlanOrderAndIdenticallyForAnyThreadCount(threads: Int) {
        let plan = Self.plan(60)
        let probe = EngineExecutorProbe()
        var ids: [String] = [], trajectories = "", summaries = ""
        let report = ParallelExecutor.run(plan, threads: threads, window: 2 * threads, body: Self.body(probe: probe)) { output in
            probe.emitted()
            ids.append(String(output.summaryRow.prefix { $0 != "," }))
            trajectories += output.trajectoryRows
            summaries += output.summaryRow
        }
        #expect(ids == plan.map(\.id))
        #expect(report.completed == 60 && report.failed == 0)

        var expectedTrajectories = "", expectedSummaries = ""
        let body = Self.body(probe: nil)
        for run in plan {
            let output = body(run)
            expectedTrajectories += output.trajectoryRows
            expectedSummaries += output.summaryRow
        }
        #expect(Array(trajectories.utf8) == Array(expectedTrajectories.utf8))
        #expect(Array(summaries.utf8) == Array(expectedSummaries.utf8))
        let state = probe.snapshot
        #expect(state.started == 60 && state.active == 0)
        // Bounded reordering: no run starts `window` or more runs ahead of the next to emit (the
        // probe counts a run as emitted when `emit` returns, one later than the executor does).
        #expect(state.maximumAhead <= 2 * threads)
        // With several threads the jitter made runs finish out of order, and the emitter reordered them.
        #expect((state.completionOrder == Array(0..<60)) == (threads == 1))
    }

    @Test func failedRunsBecomeStatusRowsAndTheOthersGoOn() {
        let plan = Self.plan(30)
        let writer = SummaryWriter(assignmentNames: ["dose"])
        var rows: [String] = []
        let report = ParallelExecutor.run(plan, threads: 3, body: { run in
            if run.index % 7 == 3 {
                return RunOutput(summaryRow: writer.failedRow(run: run, message: "step size underflow at t = 12 h, try --method bdf"),
                                 status: .failed(message: "step size underflow"))
            }
            return RunOutput(summaryRow: "\(run.id),ok\n")
        }, emit: { rows.append($0.summaryRow) })
        #expect(rows.count == 30)
        #expect(report.failed == 4)
        #expect(rows[3] == "4,0.75" + String(repeating: ",", count: SummaryWriter.summaryColumns.count + 1)
                + "failed,\"step size underflow at t = 12 h, try --method bdf\"\n")
        #expect(rows[4] == "5,ok\n")
    }

    struct Stop: Error, Equatable {}

    @Test(arguments: [1, 4])
    func anEmitErrorStopsTheRunAndIsRethrownAfterWorkersStop(threads: Int) {
        let probe = EngineExecutorProbe()
        var emitted = 0
        #expect(throws: Stop.self) {
            try ParallelExecutor.run(Self.plan(200), threads: threads, body: Self.body(probe: probe)) { (_: RunOutput) throws(Stop) in
                probe.emitted()
                emitted += 1
                if emitted == 5 { throw Stop() }
            }
        }
        let state = probe.snapshot
        #expect(emitted == 5)
        #expect(state.active == 0)
        #expect(state.started <= 5 + 4 * threads)
    }

    @Test func emptyPlansAndMoreThreadsThanRuns() {
        var count = 0
        let empty = ParallelExecutor.run(RunPlan([]), threads: 8, body: Self.body(probe: nil)) { _ in count += 1 }
        #expect(count == 0 && empty.completed == 0)
        let small = ParallelExecutor.run(Self.plan(3), threads: 16, body: Self.body(probe: nil)) { _ in count += 1 }
        #expect(count == 3 && small.completed == 3)
    }

    @Test func perWorkerStateIsMadeOncePerThread() {
        let made = Mutex(0)
        var seen: [Int] = []
        ParallelExecutor.run(Self.plan(40), threads: 4, makeWorker: { () -> [Double] in
            made.withLock { $0 += 1 }
            return [Double](repeating: 0, count: 16)
        }, body: { (workspace: inout [Double], run: RunSpec) in
            workspace[0] += 1
            return RunOutput(summaryRow: "\(run.index)")
        }, emit: { seen.append(Int($0.summaryRow)!) })
        #expect(seen == Array(0..<40))
        #expect(made.withLock { $0 } == 4)
    }
}

/// A clock and a sink for `ProgressReporter`.
final class EngineFakeTerminal {
    var time = 100.0
    var written: [String] = []
}

@Suite struct EngineProgressTests {
    func reporter(_ terminal: EngineFakeTerminal, total: Int, enabled: Bool = true) -> ProgressReporter {
        ProgressReporter(total: total, enabled: enabled, now: { terminal.time }, write: { terminal.written.append($0) })
    }

    @Test func silentForRunsShorterThanOneSecond() {
        let terminal = EngineFakeTerminal()
        let progress = reporter(terminal, total: 10)
        for i in 1...10 {
            terminal.time += 0.09
            progress.update(completed: i)
        }
        progress.finish()
        #expect(terminal.written.isEmpty)
    }

    @Test func silentWhenQuietOrNotATerminal() {
        let terminal = EngineFakeTerminal()
        let progress = reporter(terminal, total: 10, enabled: false)
        for i in 1...10 {
            terminal.time += 1
            progress.update(completed: i)
        }
        progress.finish()
        #expect(terminal.written.isEmpty)
        #expect(!ProgressReporter(total: 5, quiet: true).hasDrawn)
    }

    @Test func drawsAtMostTenTimesASecondWithRateAndETA() {
        let terminal = EngineFakeTerminal()
        let progress = reporter(terminal, total: 1280)
        for i in 1...1280 {
            terminal.time += 1.0 / 128   // exact in binary: 128 runs/s for 10 s
            progress.update(completed: i)
        }
        // First draw after 129/128 s, then every 13/128 s (the first step ≥ 0.1 s): 89 draws.
        #expect(terminal.written.count == 89)
        #expect(terminal.written.allSatisfy { $0.hasPrefix("\r") && $0.hasSuffix("\u{1B}[K") })
        #expect(terminal.written[0] == "\r129/1280 [##..................] 10% 128 runs/s ETA 9s\u{1B}[K")
        progress.finish()
        #expect(terminal.written.last == "\n")
        #expect(terminal.written[terminal.written.count - 2] == "\r1280/1280 [####################] 100% 128 runs/s in 10s\u{1B}[K")
    }

    @Test func barTextShowsCountPercentRateAndETA() {
        #expect(ProgressReporter.line(completed: 250, total: 1000, elapsed: 5)
                == "250/1000 [#####...............] 25% 50 runs/s ETA 15s")
        #expect(ProgressReporter.line(completed: 3, total: 7, elapsed: 2)
                == "3/7 [########............] 42% 1.5 runs/s ETA 3s")
        #expect(ProgressReporter.line(completed: 10, total: 10_000, elapsed: 4)
                == "10/10000 [....................] 0% 2.5 runs/s ETA 1h06m")
        #expect(ProgressReporter.formatDuration(192) == "3m12s")
    }
}
