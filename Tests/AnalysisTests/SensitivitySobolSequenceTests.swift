import Testing
@testable import Analysis

/// The Sobol' sequence against published points: SciPy's unscrambled Sobol'
/// (`scipy.stats.qmc.Sobol(128, scramble=False, bits=32).random(4096)`, SciPy 1.17.1), which uses
/// the same Joe–Kuo table; the first eight points of dimensions 1–3 are also those printed in
/// Joe & Kuo's notes ("Notes on generating Sobol' sequences", 2008).
@Suite struct SensitivitySobolSequenceTests {
    let points = SobolSequence(dimensions: 128).points(4096)

    func point(_ n: Int, _ j: Int) -> Double { points[n * 128 + j] }

    @Test func firstPointsOfTheFirstThreeDimensions() {
        let expected: [[Double]] = [[0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
                                    [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875],
                                    [0.125, 0.625, 0.375]]
        for n in 0..<8 { #expect((0..<3).map { point(n, $0) } == expected[n], "point \(n)") }
    }

    /// Later points in dimensions 1, 10, 64 and 128 exercise the recurrence and the whole table.
    @Test func laterPointsInHighDimensions() {
        let expected: [Int: [Double]] = [
            5: [0.875, 0.125, 0.625, 0.125],
            100: [0.4140625, 0.6953125, 0.6484375, 0.4609375],
            1000: [0.2197265625, 0.0693359375, 0.4462890625, 0.5439453125],
            4095: [0.000244140625, 0.246337890625, 0.553466796875, 0.261474609375],
        ]
        for (n, values) in expected {
            #expect([0, 9, 63, 127].map { point(n, $0) } == values, "point \(n)")
        }
    }

    /// Each dimension's first 2^m points hold exactly one point in each interval [k/2^m, (k+1)/2^m).
    @Test func everyDimensionIsStratifiedAtPowersOfTwo() {
        for j in 0..<128 {
            var seen = Set<Int>()
            for n in 0..<1024 { seen.insert(Int(point(n, j) * 1024)) }
            #expect(seen.count == 1024, "dimension \(j + 1)")
        }
    }

    @Test func tableCoversOneHundredTwentyEightDimensions() {
        #expect(SobolSequence.maximumDimensions == 128)
        // Spot checks of rows of new-joe-kuo-6.21201 (d s a m…): d = 7 "7 4 4 1 3 5 13"; d = 128 "128 10 242 1 3 3 7 5 41 127 61 261 717".
        #expect(SobolSequence.joeKuo[5].s == 4 && SobolSequence.joeKuo[5].a == 4 && SobolSequence.joeKuo[5].m == [1, 3, 5, 13])
        #expect(SobolSequence.joeKuo[126].s == 10 && SobolSequence.joeKuo[126].a == 242
                && SobolSequence.joeKuo[126].m == [1, 3, 3, 7, 5, 41, 127, 61, 261, 717])
    }
}
