import Foundation

/// Runs a plan on worker threads and hands the outputs back in plan order.
///
/// Workers take the next run index from a shared counter (under a lock), run it, and park the
/// output in a reordering window of `window` slots; the calling thread emits outputs strictly in
/// plan order as soon as the next one is ready. A worker does not start run `i` until run
/// `i − window` has been emitted, so at most `window` outputs are held in memory whatever the
/// plan size, and a slow run holds up at most `window − 1` later ones. Because outputs are
/// emitted in order and runs draw random numbers keyed by their plan index, what is emitted is
/// identical for any thread count.
///
/// The engine knows nothing about the model: `body` turns a `RunSpec` into formatted CSV text.
/// A program running many runs should call `MemoryRetention.retainBetweenRuns()` once at its start
/// (the CLI does), so that each run reuses the memory the previous one freed.
public enum ParallelExecutor {
    /// All cores: `ProcessInfo.activeProcessorCount`.
    public static var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs every run of `plan` with `body` on `threads` worker threads and calls `emit` with the
    /// outputs in plan order on the calling thread.
    /// - Parameters:
    ///   - threads: worker threads (values below 1 mean 1; never more than the plan has runs). With
    ///     1 the runs execute on the calling thread.
    ///   - window: reordering window (default `4 × threads`, at least 2 × threads).
    ///   - progress: updated after every emitted run and finished at the end.
    ///   - body: runs one run; it reports failures in the output's status, not by trapping.
    ///   - emit: receives each output in plan order. If it throws, no further runs start, the
    ///     runs in progress finish and are dropped, every worker has stopped when the error
    ///     is rethrown.
    /// - Returns: how many runs were emitted and how many failed.
    @discardableResult
    public static func run<E: Error>(_ plan: RunPlan, threads: Int = defaultThreadCount, window: Int? = nil,
                                     progress: ProgressReporter? = nil,
                                     body: @escaping @Sendable (RunSpec) -> RunOutput,
                                     emit: (RunOutput) throws(E) -> Void) throws(E) -> ExecutionReport {
        try run(plan, threads: threads, window: window, progress: progress,
                makeWorker: { () }, body: { (_: inout Void, run: RunSpec) in body(run) }, emit: emit)
    }

    /// `run(_:threads:window:progress:body:emit:)` with per-worker state: `makeWorker` is called
    /// once on each worker thread (for instance to allocate an integrator workspace), and `body`
    /// gets that worker's state with every run it executes. The state never leaves its thread.
    @discardableResult
    public static func run<Worker, E: Error>(_ plan: RunPlan, threads: Int = defaultThreadCount, window: Int? = nil,
                                             progress: ProgressReporter? = nil,
                                             makeWorker: @escaping @Sendable () -> Worker,
                                             body: @escaping @Sendable (inout Worker, RunSpec) -> RunOutput,
                                             emit: (RunOutput) throws(E) -> Void) throws(E) -> ExecutionReport {
        let start = monotonicSeconds()
        let threads = max(1, min(threads, plan.count))
        var failed = 0
        defer { progress?.finish() }

        if threads == 1 {
            var worker = makeWorker()
            for (position, spec) in plan.enumerated() {
                let output = body(&worker, spec)
                if output.status.isFailure { failed += 1 }
                try emit(output)
                progress?.update(completed: position + 1)
            }
            return ExecutionReport(completed: plan.count, failed: failed, seconds: monotonicSeconds() - start)
        }

        let window = max(2 * threads, window ?? 4 * threads)
        let shared = ReorderingWindow(plan: plan, window: window)
        for _ in 0..<threads {
            let thread = Thread {
                var worker = makeWorker()
                shared.work { body(&worker, $0) }
            }
            thread.name = "benzosim-worker"
            thread.start()
        }
        for position in 0..<plan.count {
            let output = shared.take(position)
            if output.status.isFailure { failed += 1 }
            do throws(E) {
                try emit(output)
            } catch {
                shared.cancelAndWait(workers: threads)
                throw error
            }
            progress?.update(completed: position + 1)
        }
        shared.cancelAndWait(workers: threads)
        return ExecutionReport(completed: plan.count, failed: failed, seconds: monotonicSeconds() - start)
    }
}

/// The state shared by the workers and the emitting thread, guarded by one condition lock.
private final class ReorderingWindow: @unchecked Sendable {
    let plan: RunPlan
    let window: Int
    let condition = NSCondition()
    // Guarded by `condition`:
    var next = 0
    var emitted = 0
    var slots: [RunOutput?]
    var cancelled = false
    var finishedWorkers = 0

    init(plan: RunPlan, window: Int) {
        self.plan = plan
        self.window = window
        slots = Array(repeating: nil, count: window)
    }

    /// A worker's loop: claim the next index while it fits in the window, run it, park the output.
    func work(_ body: (RunSpec) -> RunOutput) {
        condition.lock()
        while true {
            while !cancelled && next < plan.count && next - emitted >= window { condition.wait() }
            if cancelled || next >= plan.count { break }
            let index = next
            next += 1
            condition.unlock()
            let output = body(plan[plan.startIndex + index])
            condition.lock()
            slots[index % window] = output
            if index == emitted { condition.broadcast() }
        }
        finishedWorkers += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the output of run `position` (the next to emit) and frees its slot.
    func take(_ position: Int) -> RunOutput {
        condition.lock()
        defer { condition.unlock() }
        while slots[position % window] == nil { condition.wait() }
        let output = slots[position % window]!
        slots[position % window] = nil
        emitted = position + 1
        condition.broadcast()
        return output
    }

    /// Stops workers from claiming runs and waits until all `workers` have left their loops.
    func cancelAndWait(workers: Int) {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while finishedWorkers < workers { condition.wait() }
        condition.unlock()
    }
}
