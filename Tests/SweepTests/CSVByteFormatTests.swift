import Testing
@testable import Sweep

/// The byte formatter against the definition it must reproduce: the text `CSVFormat.format`
/// produced before the byte path existed (`nan`, `inf`/`-inf`, whole numbers below 10¹⁶ as
/// integers, everything else as `Double.write(to:)`, i.e. `description`).
enum CSVReference {
    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(.towardZero) && abs(x) < 1e16 { return String(Int(x)) }
        var text = ""
        x.write(to: &text)
        return text
    }

    /// The bytes of `CSVFormat.write` as a `String`.
    static func bytes(_ x: Double, _ scratch: UnsafeMutablePointer<UInt8>) -> String {
        let n = CSVFormat.write(x, to: scratch)
        return String(decoding: UnsafeBufferPointer(start: scratch, count: n), as: UTF8.self)
    }

    /// SplitMix64: a seeded, reproducible stream of bit patterns (the finaliser is the engine's).
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return SubjectRandomStream.mix(state)
        }
    }

    /// How many of `values` format differently from the reference (and the first few of them).
    static func mismatches(_ values: some Sequence<Double>) -> (count: Int, examples: [String]) {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: CSVFormat.maximumByteCount)
        defer { scratch.deallocate() }
        var count = 0
        var examples: [String] = []
        for x in values {
            let got = bytes(x, scratch), want = format(x)
            if got != want {
                count += 1
                if examples.count < 5 { examples.append("\(x.bitPattern): \(got) ≠ \(want)") }
            }
        }
        return (count, examples)
    }
}

@Suite("CSV byte formatting")
struct CSVByteFormatTests {
    @Test("Boundaries and special values")
    func boundaries() {
        var values: [Double] = [
            0, -0.0, 0.1, 0.2, 0.3, -0.1, 1.5, -2.5, 1.0 / 3, 2.0 / 3, 123.456, 72, -3,
            1e16, -1e16, 1e16.nextDown, 9_007_199_254_740_993, 9_007_199_254_740_992, 0x1p52, 0x1p52 - 0.5,
            0x1p53 + 2, 1e15 + 0.5, 99.99999999999999, 0.0001, 0.00012, 1e-5, 1.5e-7, 0x1p-34, (0x1p-34).nextDown,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .leastNormalMagnitude.nextDown,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .nan, -.nan, .signalingNaN, .infinity, -.infinity,
            1e300, 1e-300, 2.5e20, 1e22, 1e23, 5e-324, 4503599627370495.5, 1099514114116857.25, 1099514114116857.75,
        ]
        // Neighbours of powers of two and of ten (binade edges, where the interval is lopsided).
        for e in -70...70 {
            for base in [Double(sign: .plus, exponent: e, significand: 1), Double("1e\(e)")!] {
                var y = base
                for _ in 0..<20 { y = y.nextDown }
                for _ in 0..<40 {
                    values.append(y)
                    values.append(-y)
                    y = y.nextUp
                }
            }
        }
        let result = CSVReference.mismatches(values)
        #expect(result.count == 0, "\(result.examples)")
    }

    @Test("One million random bit patterns (every exponent, subnormals, NaNs)")
    func randomBitPatterns() {
        var random = CSVReference.SplitMix(state: 6)
        let result = CSVReference.mismatches((0..<1_000_000).lazy.map { _ in Double(bitPattern: random.next()) })
        #expect(result.count == 0, "\(result.examples)")
    }

    @Test("One million random values in the fast range 2⁻⁴⁰ … 2⁵⁴, by binade")
    func randomFastRange() {
        var random = CSVReference.SplitMix(state: 7)
        let values = (0..<1_000_000).lazy.map { _ -> Double in
            let exponent = Int(random.next() % 95) - 40
            let significand = Double(bitPattern: random.next() & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000)
            let x = Double(sign: random.next() & 1 == 0 ? .plus : .minus, exponent: exponent, significand: significand)
            return x
        }
        let result = CSVReference.mismatches(values)
        #expect(result.count == 0, "\(result.examples)")
    }

    @Test("Short decimals, subnormals and whole numbers")
    func shortDecimalsSubnormalsIntegers() {
        var random = CSVReference.SplitMix(state: 8)
        var values: [Double] = []
        for _ in 0..<200_000 {
            let digits = Double(random.next() % 10_000_000)
            values.append(digits / Double("1e\(random.next() % 20)")!)     // 0.1, 2.5e-07, 12.34, …
            values.append(Double(bitPattern: random.next() & 0x000F_FFFF_FFFF_FFFF))    // subnormal
            values.append(Double(Int64(bitPattern: random.next()) >> (random.next() % 64)))   // whole
        }
        let result = CSVReference.mismatches(values)
        #expect(result.count == 0, "\(result.examples)")
    }

    @Test("CSVFormat.format and append(_:to: String) give the reference text")
    func stringAPIs() {
        var random = CSVReference.SplitMix(state: 9)
        for _ in 0..<20_000 {
            let x = Double(bitPattern: random.next())
            var text = "a,"
            CSVFormat.append(x, to: &text)
            #expect(CSVFormat.format(x) == CSVReference.format(x))
            #expect(text == "a," + CSVReference.format(x))
        }
    }

    @Test("CSVByteBuffer grows, keeps its capacity on removeAll, and holds the same text")
    func byteBuffer() {
        var buffer = CSVByteBuffer(capacity: 8)
        var expected = ""
        var random = CSVReference.SplitMix(state: 10)
        for k in 0..<5_000 {
            let x = Double(bitPattern: random.next())
            buffer.append(x)
            buffer.append(byte: UInt8(ascii: k % 10 == 9 ? "\n" : ","))
            buffer.append("é")
            expected += CSVReference.format(x) + (k % 10 == 9 ? "\n" : ",") + "é"
        }
        #expect(buffer.string == expected)
        #expect(buffer.count == expected.utf8.count)
        let capacity = buffer.capacity
        buffer.removeAll()
        #expect(buffer.count == 0 && buffer.capacity == capacity)
        buffer.append(0.1)
        #expect(buffer.withUnsafeBytes { Array($0) } == Array("0.1".utf8))
    }
}
