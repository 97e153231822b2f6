import Foundation
import Testing
@testable import Report

/// Nice ticks against their definition: each tick is k·m·10^e with m ∈ {1, 2, 5}, inside the range,
/// equally spaced, labelled with text that reads back to the tick's value.
@Suite struct TickTests {
    /// The step's mantissa and exponent from two neighbouring labels, read as decimals.
    static func isOneTwoFive(_ step: Double) -> Bool {
        let e = (log10(step)).rounded(.down)
        let m = step / pow(10, e)
        return [1.0, 2, 5, 10].contains { abs(m - $0) < 1e-9 * $0 }
    }

    @Test func labelsSpellTheDecimal() {
        #expect(Tick(mantissa: 0, exponent: -3).label == "0")
        #expect(Tick(mantissa: 25, exponent: -1).label == "2.5")
        #expect(Tick(mantissa: 250, exponent: -2).label == "2.5")
        #expect(Tick(mantissa: -3, exponent: 0).label == "-3")
        #expect(Tick(mantissa: 1, exponent: -3).label == "0.001")
        #expect(Tick(mantissa: 1, exponent: -4).label == "0.0001")
        #expect(Tick(mantissa: 1, exponent: -5).label == "1e-05")
        #expect(Tick(mantissa: 15, exponent: -6).label == "1.5e-05")
        #expect(Tick(mantissa: 5, exponent: 5).label == "500000")
        #expect(Tick(mantissa: 1, exponent: 6).label == "1e+06")
        #expect(Tick(mantissa: 12, exponent: 3).label == "12000")
        #expect(Tick(mantissa: 7, exponent: -1).value == 0.7)
        #expect(Tick(mantissa: 3, exponent: -1).value == 0.3)
    }

    @Test func knownLinearRanges() {
        #expect(NiceTicks.linear(0, 1).map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(NiceTicks.linear(0, 450).map(\.label) == ["0", "100", "200", "300", "400"])
        #expect(NiceTicks.linear(0, 10000).map(\.label) == ["0", "2000", "4000", "6000", "8000", "10000"])
        #expect(NiceTicks.linear(0.001, 0.0049).map(\.label) == ["0.001", "0.002", "0.003", "0.004"])
        #expect(NiceTicks.linear(-1, 1).map(\.label) == ["-1", "-0.5", "0", "0.5", "1"])
        #expect(NiceTicks.linear(0.3, 0.7).map(\.label) == ["0.3", "0.4", "0.5", "0.6", "0.7"])
        #expect(NiceTicks.niceLinearDomain(0.13, 0.87) == 0.1...0.9)
        #expect(NiceTicks.niceLinearDomain(0.13, 1.87) == 0...2)
        #expect(NiceTicks.niceLinearDomain(3, 3) == 2.7...3.3)
    }

    @Test func knownLogRanges() {
        #expect(NiceTicks.logarithmic(0.001, 10000).map(\.label) == ["0.001", "0.01", "0.1", "1", "10", "100", "1000", "10000"])
        #expect(NiceTicks.logarithmic(1, 1000).map(\.label) == ["1", "10", "100", "1000"])
        #expect(NiceTicks.logarithmic(1, 50).map(\.label) == ["1", "2", "5", "10", "20", "50"])
        #expect(NiceTicks.logarithmic(1e-3, 1e14).map(\.label) == ["0.001", "1", "1000", "1e+06", "1e+09", "1e+12"])
        #expect(NiceTicks.niceLogDomain(0.013, 870) == 0.01...1000)
        #expect(NiceTicks.niceLogDomain(3, 3) == 2...5)
    }

    /// Ranges with ends from 10⁻³ to 10⁴ in magnitude, any sign, widths from 10⁻³ of the magnitude up.
    @Test func linearTicksProperties() {
        var rng = SplitMix(state: 11)
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double.random(in: -3...4, using: &rng))
            let a = magnitude * Double.random(in: -1...1, using: &rng)
            let width = magnitude * pow(10, Double.random(in: -3...0.5, using: &rng))
            let (lower, upper) = (a, a + width)
            let ticks = NiceTicks.linear(lower, upper)
            #expect((3...8).contains(ticks.count), "\(ticks.count) ticks on \(lower)...\(upper)")
            let slack = 1e-9 * width
            for tick in ticks {
                #expect(Double(tick.label) == tick.value, "label \(tick.label) is not \(tick.value)")
                #expect(tick.value >= lower - slack && tick.value <= upper + slack)
            }
            guard ticks.count >= 2 else { continue }
            let step = ticks[1].value - ticks[0].value
            #expect(Self.isOneTwoFive(step), "step \(step) on \(lower)...\(upper)")
            for i in 1..<ticks.count {
                #expect(abs(ticks[i].value - ticks[i - 1].value - step) <= 1e-9 * max(step, abs(ticks[i].value)))
            }
            // Nothing fits outside: the next multiples of the step fall outside the range.
            #expect(ticks[0].value - step < lower && ticks.last!.value + step > upper)
            // The nice domain contains the range and starts and ends on multiples of the step.
            let domain = NiceTicks.niceLinearDomain(lower, upper)
            #expect(domain.lowerBound <= lower && domain.upperBound >= upper)
        }
    }

    @Test func logTicksProperties() {
        var rng = SplitMix(state: 12)
        for _ in 0..<20_000 {
            let lower = pow(10, Double.random(in: -3...4, using: &rng))
            let upper = lower * pow(10, Double.random(in: 0.05...8, using: &rng))
            let ticks = NiceTicks.logarithmic(lower, upper)
            #expect(ticks.count >= 2, "\(ticks.count) ticks on \(lower)...\(upper)")
            let decades = Int(log10(upper).rounded(.down)) - Int(log10(lower).rounded(.up)) + 1
            for tick in ticks {
                #expect(Double(tick.label) == tick.value, "label \(tick.label) is not \(tick.value)")
                #expect(tick.value >= lower * (1 - 1e-9) && tick.value <= upper * (1 + 1e-9))
                if decades >= 3 {
                    #expect(Self.isOneTwoFive(tick.value)
                            && abs(log10(tick.value) - log10(tick.value).rounded()) < 1e-12, "\(tick.label) is not a power of ten")
                }
            }
            if decades >= 3 && decades <= 8 { #expect(ticks.count == decades) }
            let scale = AxisScale(kind: .logarithmic, domain: lower...upper, start: 100, end: 0)
            let positions = ticks.map { scale.position(of: $0.value) }
            #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 > $1 }, "positions go up the axis")
            for (tick, p) in zip(ticks, positions) {
                let expected = 100 - 100 * (log10(tick.value) - log10(lower)) / (log10(upper) - log10(lower))
                #expect(abs(p - expected) < 1e-6)
            }
        }
    }

    @Test func linearPositionsAndInverse() {
        let scale = AxisScale(kind: .linear, domain: 2...12, start: 50, end: 550)
        #expect(scale.position(of: 2) == 50 && scale.position(of: 12) == 550 && scale.position(of: 7) == 300)
        #expect(abs(scale.value(at: 300) - 7) < 1e-12)
        let log = AxisScale(kind: .logarithmic, domain: 1...1000, start: 300, end: 0)
        #expect(abs(log.position(of: 10) - 200) < 1e-9 && abs(log.value(at: 100) - 100) < 1e-9)
    }
}
