/// Byte-level CSV number formatting: the same text as `CSVFormat.format(_:)`, written as ASCII
/// bytes without creating a `String`.
///
/// Three paths, all producing `CSVFormat.format`'s bytes exactly:
/// - whole numbers below 10¹⁶ in magnitude: integer digits (`72`, `-3`, and `0` for −0);
/// - other finite numbers from 2⁻³⁴ (≈ 5.8e-11) up: the shortest digit string that reads back to
///   the same `Double` and, among the shortest, the one closest to the exact value (the
///   definition `Double.description` implements), found with exact 128-bit integer arithmetic and
///   laid out the way `description` lays it out (`0.25`, `0.0001`, `1.5e-07`);
/// - everything else (NaN, infinities, magnitudes below 2⁻³⁴ or whole numbers from 10¹⁶ up):
///   the standard library's own formatter, whose bytes are copied without a `String`.
///
/// Why the fast path is exact: a non-integer `x = c·2^q` (q < 0) rounds back from every decimal
/// strictly inside its rounding interval, and no midpoint between neighbouring doubles can be a
/// shortest candidate (it needs one more fractional digit than `x` itself), so the interval's
/// ends never matter; and two shortest candidates cannot be equally close (that would need a
/// spacing between candidates finer than the binary digits of `x`). So the answer is unique and
/// can be computed from floors of exact products.
///
/// Measured (release, x86-64, 2 cores; `Benchmarks/README.md`, "Throughput"): ≈ 25–35 ns per
/// number with 16–17 significant digits and ≈ 7 ns per small whole number, against ≈ 67–90 ns for
/// `CSVFormat.append(_:to:)` into a `String` before this path existed. Use it through
/// `CSVByteBuffer`.
extension CSVFormat {
    /// The most bytes one number takes (`-2.2250738585072014e-308` is 24).
    public static let maximumByteCount = 32

    /// Writes `x` as a CSV field (the bytes of `format(x)`) at `destination`, which must have room
    /// for `maximumByteCount` bytes, and returns the number of bytes written.
    public static func write(_ x: Double, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = x.magnitude
        // (Int64(x) truncates; `rounded(.towardZero)` would be a libm call on baseline x86-64.)
        if magnitude < 1e16 && Double(Int64(x)) == x {
            // Whole number (−0 included): integer digits, as `String(Int(x))`.
            var p = destination
            if x < 0 {
                p.pointee = UInt8(ascii: "-")
                p += 1
            }
            let v = UInt64(magnitude)
            let n = decimalDigitCount(v)
            writeDigits(v, count: n, to: p)
            return (p - destination) + n
        }
        if magnitude >= 0x1p-34 && magnitude < 0x1p52 {
            return writeShortest(x, to: destination)
        }
        return writeFallback(x, to: destination)
    }

    // MARK: - Shortest digits

    /// 10⁰ … 10¹⁹.
    static let powersOf10: [UInt64] = (0..<20).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 10 } }
    /// 5⁰ … 5²⁷ (5²⁷ < 2⁶³).
    static let powersOf5: [UInt64] = (0...27).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 5 } }

    /// `x` non-integer with 2⁻³⁴ ≤ |x| < 2⁵²: shortest round-trip digits, laid out as `description`.
    static func writeShortest(_ x: Double, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        // x = c · 2^-F with c in [2^52, 2^53) (x is normal here) and F in 1 ... 86.
        let c = x.significandBitPattern | (1 << 52)
        let f = 1075 - Int(x.exponentBitPattern)
        // t = ⌈F·log₁₀2⌉: at scale 10^t the rounding interval (width 10^t/2^F ∈ (1, 10]) holds at
        // least one integer. (F·78913) >> 18 = ⌊F·log₁₀2⌋ for 0 ≤ F ≤ 1650.
        let t = (f &* 78913) >> 18 + 1
        // Everything is scaled by 10^t / 2^(F+2) = 5^t / 2^s: the interval's ends are
        // (4c − 2, or 4c − 1 at a power of two, whose lower neighbour is closer) and 4c + 2 in
        // units of 2^-(F+2). 4c < 2^55 and 5^t < 2^63, so products fit in 128 bits; s < 64.
        let s = f + 2 - t
        let five = powersOf5[t]
        let lowEnd: UInt64 = c == 1 << 52 ? 4 * c - 1 : 4 * c - 2
        // Integers strictly inside the interval: (⌊low⌋ + 1) ... (⌈high⌉ − 1).
        var lo = shiftRight(lowEnd.multipliedFullWidth(by: five), s) + 1
        var hi = shiftRight(decrement((4 * c + 2).multipliedFullWidth(by: five)), s)
        // x at scale 10^t: integer part `digits`, and whether the fraction is ≥ ½ / exactly 0 past ½.
        let scaled = (4 * c).multipliedFullWidth(by: five)
        var digits = shiftRight(scaled, s)
        let halfBit = (scaled.low &>> UInt64(s - 1)) & 1 == 1
        let belowHalfZero = scaled.low & ((1 << (s - 1)) - 1) == 0     // s ≤ 62: all in the low word
        // Fewest digits: drop trailing decimal places while a multiple of 10 is still inside,
        // dropping them from `digits` too (the last one dropped and whether all below it were 0).
        var removed = 0, lastRemoved: UInt64 = 0, restZero = !halfBit && belowHalfZero
        while true {
            let lo10 = (lo + 9) / 10, hi10 = hi / 10
            if lo10 > hi10 { break }
            lo = lo10
            hi = hi10
            if removed > 0 { restZero = restZero && lastRemoved == 0 }
            lastRemoved = digits % 10
            digits /= 10
            removed += 1
        }
        // Closest to x among the survivors lo ... hi: x rounded to nearest, ties to an even last
        // digit (as `description`; two candidates can be equally close), then clamped.
        let roundUp: Bool
        if removed == 0 {
            roundUp = halfBit && (!belowHalfZero || digits & 1 == 1)
        } else {
            roundUp = lastRemoved > 5 || (lastRemoved == 5 && (!restZero || digits & 1 == 1))
        }
        if roundUp { digits += 1 }
        digits = min(max(digits, lo), hi)

        let count = decimalDigitCount(digits)
        // Position of the leading digit: x ≈ d.ddd × 10^exponent.
        let exponent = count - 1 + removed - t
        var p = destination
        if x < 0 {
            p.pointee = UInt8(ascii: "-")
            p += 1
        }
        if exponent >= 0 {
            // ddd.ddd (never a whole number here: see the type's notes).
            writeDigits(digits, count: count, to: p + 1)
            for k in 0...exponent { p[k] = p[k + 1] }
            p[exponent + 1] = UInt8(ascii: ".")
            p += count + 1
        } else if exponent >= -4 {
            // 0.000ddd
            p[0] = UInt8(ascii: "0")
            p[1] = UInt8(ascii: ".")
            let zeros = -exponent - 1
            for k in 0..<zeros { p[2 + k] = UInt8(ascii: "0") }
            writeDigits(digits, count: count, to: p + 2 + zeros)
            p += 2 + zeros + count
        } else {
            // d.ddde-XX (at least two exponent digits), or de-XX for one digit.
            writeDigits(digits, count: count, to: p + 1)
            p[0] = p[1]
            if count > 1 {
                p[1] = UInt8(ascii: ".")
                p += count + 1
            } else {
                p += 1
            }
            p[0] = UInt8(ascii: "e")
            p[1] = UInt8(ascii: "-")
            let e = -exponent
            if e < 10 {
                p[2] = UInt8(ascii: "0")
                p[3] = UInt8(ascii: "0") + UInt8(e)
                p += 4
            } else {
                let n = decimalDigitCount(UInt64(e))
                writeDigits(UInt64(e), count: n, to: p + 2)
                p += 2 + n
            }
        }
        return p - destination
    }

    /// `value >> s` for a 128-bit `value` and 1 ≤ s ≤ 63, when the result fits in 64 bits.
    @inline(__always)
    static func shiftRight(_ value: (high: UInt64, low: UInt64), _ s: Int) -> UInt64 {
        value.high &<< UInt64(64 - s) | value.low &>> UInt64(s)
    }

    /// `value − 1` for a nonzero 128-bit `value`.
    @inline(__always)
    static func decrement(_ value: (high: UInt64, low: UInt64)) -> (high: UInt64, low: UInt64) {
        value.low == 0 ? (value.high - 1, .max) : (value.high, value.low - 1)
    }

    /// Number of decimal digits of `v` (1 for 0).
    @inline(__always)
    static func decimalDigitCount(_ v: UInt64) -> Int {
        // ⌊log₁₀ v⌋ from the bit length (1233/4096 ≈ log₁₀2), corrected by one comparison.
        let bits = 64 - (v | 1).leadingZeroBitCount
        let guess = (bits * 1233) >> 12
        return guess + (v | 1 >= powersOf10[guess] ? 1 : 0)
    }

    /// "00" "01" … "99": two ASCII digits per entry (a literal, so no lazy initialisation).
    static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// The `count` decimal digits of `v` (which has exactly that many) at `p`, two at a time.
    @inline(__always)
    static func writeDigits(_ v: UInt64, count: Int, to p: UnsafeMutablePointer<UInt8>) {
        let pairs = UnsafeRawPointer(digitPairs.utf8Start)
        @inline(__always) func pair(_ k: Int, at position: Int) {
            (UnsafeMutableRawPointer(p) + position).copyMemory(from: pairs + 2 * k, byteCount: 2)
        }
        var v = v
        var end = count
        // Two independent halves below 10⁸ shorten the dependency chain of the divisions.
        if v >= 100_000_000 {
            var low = UInt32(truncatingIfNeeded: v % 100_000_000)
            v /= 100_000_000
            for _ in 0..<4 {
                end -= 2
                pair(Int(low % 100), at: end)
                low /= 100
            }
        }
        while v >= 100 {
            end -= 2
            pair(Int(v % 100), at: end)
            v /= 100
        }
        if v >= 10 {
            pair(Int(v), at: end - 2)
        } else {
            p[end - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v)
        }
    }

    // MARK: - Fallback

    /// The standard library's formatter, for NaN, infinities, tiny and huge magnitudes.
    static func writeFallback(_ x: Double, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        if x.isNaN { return copy("nan", to: destination) }
        if x.isInfinite { return copy(x < 0 ? "-inf" : "inf", to: destination) }
        var sink = ByteSink(destination: destination)
        x.write(to: &sink)
        return sink.count
    }

    static func copy(_ text: StaticString, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        destination.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }

    /// Receives `Double.write(to:)`'s ASCII bytes directly (its `_writeASCII` hook), so no
    /// `String` is created.
    struct ByteSink: TextOutputStream {
        let destination: UnsafeMutablePointer<UInt8>
        var count = 0

        mutating func write(_ string: String) {
            for byte in string.utf8 where count < CSVFormat.maximumByteCount {
                destination[count] = byte
                count += 1
            }
        }

        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
            let n = min(buffer.count, CSVFormat.maximumByteCount - count)
            (destination + count).update(from: buffer.baseAddress!, count: n)
            count += n
        }
    }
}
