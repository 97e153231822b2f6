import Testing
@testable import Analysis

@Suite struct TaperDispensingTests {
    /// Every sum of at most 6 pieces from {1, 2, 2.5, 5, 10} (halves and wholes of 2, 5, 10 mg)
    /// up to 10 mg, enumerated directly, is what `doses(upTo:)` lists: nothing more, nothing less.
    @Test func tabletsWithHalvesGiveExactlyTheSumsOfPieces() throws {
        let rules = try Dispensing.tablets([10, 2, 5], splitInHalf: true)
        let pieces = [1.0, 2, 2.5, 5, 10]
        var sums: Set<Double> = [0]
        for _ in 0..<6 { sums = sums.union(sums.flatMap { s in pieces.map { s + $0 } }) }
        let expected = sums.filter { $0 > 0 && $0 <= 10 }.sorted()
        #expect(rules.doses(upTo: 10) == expected)
        #expect(!rules.canDispense(1.5) && rules.canDispense(3.5) && rules.canDispense(0))
    }

    @Test func decompositionUsesFewestPiecesWholeTabletsFirst() throws {
        let rules = try Dispensing.tablets([2, 5, 10], splitInHalf: true)
        #expect(rules.describe(7) == "1×5mg + 1×2mg")
        #expect(rules.describe(1) == "½×2mg")
        #expect(rules.describe(5) == "1×5mg")            // not ½×10mg: fewer halves
        #expect(rules.describe(8) == "1×5mg + 1×2mg + ½×2mg")
        #expect(rules.describe(20) == "2×10mg")
        #expect(rules.describe(1.5) == nil)
        #expect(rules.describe(0) == "none")
    }

    @Test func wholeTabletsOnly() throws {
        let rules = try Dispensing.tablets([2, 5])
        #expect(rules.doses(upTo: 9) == [2, 4, 5, 6, 7, 8, 9])
        #expect(rules.describe(9) == "1×5mg + 2×2mg")
    }

    /// Liquid doses are the decimals a person writes: 0.1 · 73 is 7.3 exactly as typed.
    @Test func liquidStepsAreExactDecimals() throws {
        let rules = try Dispensing.liquid(step: 0.1)
        let doses = rules.doses(upTo: 10)
        #expect(doses.count == 100)
        #expect(doses[72] == 7.3 && doses[0] == 0.1 && doses.last == 10)
        #expect(rules.describe(0.7) == "liquid 0.7mg (7×0.1mg)")
        #expect(!rules.canDispense(0.75))
    }

    @Test func invalidRulesSayWhatIsExpected() {
        #expect(throws: TaperError.self) { try Dispensing.tablets([]) }
        #expect(throws: TaperError.self) { try Dispensing.tablets([-2]) }
        #expect(throws: TaperError.self) { try Dispensing.liquid(step: 0) }
    }
}
