import Foundation
import Testing
@testable import Sweep

/// Percentile bands against the definition, computed here by sorting (the code under test selects).
@Suite struct PercentileBandsTests {
    /// Hyndman & Fan type 7 of the non-NaN `values`, by sorting.
    static func type7(_ values: [Double], _ p: Double) -> Double {
        let x = values.filter { !$0.isNaN }.sorted()
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * p / 100, low = Int(h.rounded(.down))
        guard low + 1 < x.count, h > Double(low) else { return x[low] }
        return x[low] == x[low + 1] ? x[low] : x[low] + (h - Double(low)) * (x[low + 1] - x[low])
    }

    @Test func knownValues() throws {
        // R: quantile(1:10, c(0, .05, .25, .5, .95, 1)) = 1, 1.45, 3.25, 5.5, 9.55, 10.
        var bands = try PercentileBands(percentiles: [0, 5, 25, 50, 95, 100], columns: ["y"])
        for v in [7.0, 3, 10, 1, 5, 2, 9, 4, 8, 6] { try bands.add(subject: "s", times: [0], values: [v]) }
        let row = bands.computeRows(threads: 1)
        #expect(row[0] == 10)
        let expected = [1, 1.45, 3.25, 5.5, 9.55, 10]
        for (got, want) in zip(row.dropFirst(), expected) { #expect(abs(got - want) < 1e-12) }
    }

    /// Random values with ties and NaNs, many subjects, several times and columns: every cell equals
    /// the sorted definition exactly, for any thread count and subject order.
    @Test func equalPercentilesOfTheSubjectsIndependently() throws {
        var rng = CSVReference.SplitMix(state: 5)
        let times = [0.0, 1, 2, 3, 4, 5, 6], columns = ["a_ng_per_mL", "b", "c_mg"]
        let percentiles = [2.5, 5, 50, 95, 97.5]
        let n = 301
        var subjects: [[Double]] = []
        for _ in 0..<n {
            subjects.append((0..<(times.count * columns.count)).map { cell in
                switch cell % 3 {
                case 0: return Double(Int.random(in: 0..<5, using: &rng))                  // many ties
                case 1: return Bool.random(using: &rng) && cell % 7 == 1 ? .nan : Double.random(in: -1...1, using: &rng)
                default: return exp(Double.random(in: -20...5, using: &rng))
                }
            })
        }
        var bands = try PercentileBands(percentiles: percentiles, columns: columns)
        for (s, values) in subjects.enumerated() { try bands.add(subject: "\(s)", times: times, values: values) }
        let rows = bands.computeRows(threads: 3)
        let width = percentiles.count + 1
        for cell in 0..<(times.count * columns.count) {
            let values = subjects.map { $0[cell] }
            #expect(rows[cell * width] == Double(values.filter { !$0.isNaN }.count))
            for (j, p) in percentiles.enumerated() {
                #expect(rows[cell * width + 1 + j].bitPattern == Self.type7(values, p).bitPattern, "cell \(cell) p\(p)")
            }
        }
        var reversed = try PercentileBands(percentiles: percentiles, columns: columns)
        for (s, values) in subjects.enumerated().reversed() { try reversed.add(subject: "\(s)", times: times, values: values) }
        #expect(reversed.csv(threads: 1) == bands.csv(threads: 2))
        let text = bands.csv()
        #expect(text.hasPrefix("time_h,name,unit,n,p2.5,p5,p50,p95,p97.5\n0,a,ng/mL,301,"))
        #expect(text.split(separator: "\n").count == 1 + times.count * columns.count)
    }

    /// Large cells (the selection samples a sub-range first above 600 values): every percentile
    /// from 0 to 100 in steps of 2.5 equals the sorted definition, on continuous values and on ties.
    @Test func largeCellsEqualTheSortedDefinition() throws {
        var rng = CSVReference.SplitMix(state: 9)
        let n = 5_000, percentiles = stride(from: 0.0, through: 100, by: 2.5).map { $0 }
        var bands = try PercentileBands(percentiles: percentiles, columns: ["continuous", "ties", "sorted"])
        var columns: [[Double]] = [[], [], []]
        for s in 0..<n {
            let values = [Double.random(in: -1e3...1e3, using: &rng), Double(Int.random(in: 0..<7, using: &rng)), Double(s)]
            for k in 0..<3 { columns[k].append(values[k]) }
            try bands.add(subject: "\(s)", times: [0], values: values)
        }
        let rows = bands.computeRows(threads: 2), width = percentiles.count + 1
        for k in 0..<3 {
            for (j, p) in percentiles.enumerated() {
                #expect(rows[k * width + 1 + j].bitPattern == Self.type7(columns[k], p).bitPattern, "column \(k) p\(p)")
            }
        }
    }

    @Test func allNaNAndSingleSubject() throws {
        var bands = try PercentileBands(percentiles: [5, 50], columns: ["y", "z"])
        try bands.add(subject: "1", times: [0], values: [.nan, 4])
        #expect(bands.csv() == "time_h,name,unit,n,p5,p50\n0,y,1,0,nan,nan\n0,z,1,1,4,4\n")
    }

    @Test func rejectsDifferentTimeGridsAndBadPercentiles() throws {
        var bands = try PercentileBands(percentiles: [50], columns: ["y"])
        try bands.add(subject: "1", times: [0, 1], values: [1, 2])
        #expect(throws: InputError.self) { try bands.add(subject: "2", times: [0, 2], values: [1, 2]) }
        #expect(throws: InputError.self) { try PercentileBands.parse("5,150") }
        #expect(throws: InputError.self) { try PercentileBands.parse("5,,95") }
        #expect(try PercentileBands.parse("5, 50,95") == [5, 50, 95])
    }
}
