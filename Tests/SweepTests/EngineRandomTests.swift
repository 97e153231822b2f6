import Foundation
import Testing
@testable import Sweep

@Suite struct EngineRandomTests {
    @Test func streamsAreKeyedBySeedSubjectAndStream() {
        func first(_ seed: UInt64, _ subject: Int, _ stream: UInt64 = 0) -> [UInt64] {
            var r = SubjectRandomStream(seed: seed, subject: subject, stream: stream)
            return (0..<4).map { _ in r.next() }
        }
        #expect(first(1, 0) == first(1, 0))
        #expect(first(1, 0) != first(2, 0))
        #expect(first(1, 0) != first(1, 1))
        #expect(first(1, 0) != first(1, 0, 1))
        // Nearby keys give unrelated streams (no shared values among the first draws).
        let all = (0..<100).flatMap { first(0, $0) }
        #expect(Set(all).count == all.count)
    }

    @Test func knownValuesPinTheGeneratorAcrossToolchains() {
        // SplitMix64 finaliser reference values (Vigna's splitmix64.c with state 0 → first output).
        #expect(SubjectRandomStream.mix(0x9E37_79B9_7F4A_7C15) == 0xE220_A839_7B1D_CDAF)
        #expect(SubjectRandomStream.key("") == 0xCBF2_9CE4_8422_2325)
        #expect(SubjectRandomStream.key("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test func uniformsAreInTheOpenUnitIntervalAndNormalsAreStandard() {
        var r = SubjectRandomStream(seed: 3, subject: 0)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0, inside = 0, uniformSum = 0.0
        for _ in 0..<n {
            let u = r.nextUniform()
            #expect(u > 0 && u < 1)
            uniformSum += u
            let z = r.nextNormal()
            sum += z
            sumSquares += z * z
            if abs(z) < 1.959964 { inside += 1 }
        }
        let mean = sum / Double(n), sd = (sumSquares / Double(n) - mean * mean).squareRoot()
        #expect(abs(uniformSum / Double(n) - 0.5) < 0.003)
        #expect(abs(mean) < 0.01)
        #expect(abs(sd - 1) < 0.01)
        #expect(abs(Double(inside) / Double(n) - 0.95) < 0.003)
    }

    @Test func boundedIntegersAndPermutationsAreUniform() {
        var r = SubjectRandomStream(seed: 11, subject: 5)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[r.nextInt(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
        let p = r.permutation(50)
        #expect(p.sorted() == Array(0..<50))
        #expect(p != Array(0..<50))
        #expect(r.permutation(0) == [])
        #expect(r.permutation(1) == [0])
    }
}
