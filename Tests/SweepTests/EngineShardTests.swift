import Foundation
import Testing
@testable import Sweep

@Suite struct EngineShardTests {
    func plan(_ m: Int) -> RunPlan {
        RunPlan((0..<m).map { RunSpec(index: $0, id: String($0 + 1), assignments: [Assignment("x", .number(Double($0)))]) })
    }

    @Test func parsesKOverN() throws {
        let shard = try Shard(parse: "3/8")
        #expect(shard.index == 3 && shard.count == 8)
        #expect(shard.description == "3/8")
        #expect(try Shard(parse: " 1 / 1 ") == .whole)
        #expect(Shard.whole.isWhole)
    }

    @Test(arguments: [
        ("5/4", "--shard: shard 5/4: K must be between 1 and N"),
        ("0/4", "--shard: shard 0/4: K must be between 1 and N"),
        ("-1/4", "--shard: shard -1/4: K must be between 1 and N"),
        ("1/0", "--shard: shard 1/0: N must be at least 1"),
        ("abc", "--shard: shard abc: expected K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/8"),
        ("1/2/3", "--shard: shard 1/2/3: expected K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/8"),
        ("2/", "--shard: shard 2/: expected K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/8"),
        ("1.5/3", "--shard: shard 1.5/3: expected K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/8"),
    ])
    func rejectsBadShardsAsUsageErrors(text: String, message: String) {
        do {
            _ = try Shard(parse: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.exitCode == 64)
            #expect(error.description == message)
        }
    }

    @Test(arguments: [0, 1, 10, 13])
    func shardsPartitionThePlanInOrder(m: Int) throws {
        let whole = plan(m)
        for n in 1...7 {
            let shards = try (1...n).map { try Shard(index: $0, count: n).select(whole) }
            #expect(shards.flatMap { $0 } == Array(whole), "M = \(m), N = \(n)")
            let sizes = shards.map { $0.count }
            #expect(sizes.max()! - sizes.min()! <= 1, "M = \(m), N = \(n): sizes \(sizes)")
            for k in 1...n {
                let range = try Shard(index: k, count: n).range(inPlanOf: m)
                #expect(range == ((k - 1) * m / n)..<(k * m / n))
            }
        }
    }

    @Test func boundariesDoNotOverflowForHugePlans() throws {
        let shard = try Shard(index: 3, count: 7)
        let range = shard.range(inPlanOf: Int.max)
        #expect(range.lowerBound == Int((UInt64(Int.max) / 7) * 2 + (UInt64(Int.max) % 7) * 2 / 7))
        #expect(range.upperBound > range.lowerBound)
    }

    /// The executor's output of `runs` with a header, as the CLI writes a shard.
    func output(_ runs: RunPlan, threads: Int) -> String {
        var text = "id,x,y\n"
        ParallelExecutor.run(runs, threads: threads, body: { run in
            var random = SubjectRandomStream(seed: 9, subject: run.index)
            return RunOutput(summaryRow: "\(run.id),\(run.index),\(CSVFormat.format(random.nextNormal()))\n")
        }, emit: { text += $0.summaryRow })
        return text
    }

    @Test func concatenatedShardOutputsEqualTheUnshardedOutputByteForByte() throws {
        let whole = plan(13)
        let unsharded = output(whole, threads: 2)
        for n in 1...7 {
            var concatenated = ""
            for k in 1...n {
                let text = output(try Shard(index: k, count: n).select(whole), threads: k % 3 + 1)
                concatenated += k == 1 ? text : String(text.drop { $0 != "\n" }.dropFirst())
            }
            #expect(Array(concatenated.utf8) == Array(unsharded.utf8), "N = \(n)")
        }
    }
}
