import Foundation
import Pharmacology
import Testing
@testable import Sweep

/// Splits one CSV line into fields (RFC 4180 quotes).
fileprivate func csvFields(_ line: Substring) -> [String] {
    var fields: [String] = [], field = "", quoted = false
    var chars = line.makeIterator()
    var pendingQuote = false
    while let c = chars.next() {
        if quoted {
            if c == "\"" { quoted = false; pendingQuote = true } else { field.append(c) }
        } else if c == "\"" {
            if pendingQuote { field.append("\"") }
            quoted = true
            pendingQuote = false
        } else if c == "," {
            fields.append(field); field = ""; pendingQuote = false
        } else {
            field.append(c); pendingQuote = false
        }
    }
    fields.append(field)
    return fields
}

fileprivate func csvLines(_ text: String) -> [Substring] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    return lines
}

@Suite struct OutputCSVTests {
    @Test(arguments: [
        (Double.nan, "nan"), (-Double.nan, "nan"), (Double.signalingNaN, "nan"),
        (Double.infinity, "inf"), (-Double.infinity, "-inf"),
        (0.0, "0"), (-0.0, "0"), (1.0, "1"), (72.0, "72"), (-3.0, "-3"), (0.1, "0.1"), (1e-5, "1e-05"),
        (123456.789, "123456.789"), (1e15, "1000000000000000"), (9_007_199_254_740_994.0, "9007199254740994"),
        (1e16, "1e+16"), (-1.5e17, "-1.5e+17"), (0.5, "0.5"), (1e-4, "0.0001"),
        (2.5e20, "2.5e+20"), (1.0 / 3.0, "0.3333333333333333"), (Double.leastNonzeroMagnitude, "5e-324"),
    ])
    func formatsNumbersDeterministically(value: Double, text: String) {
        #expect(CSVFormat.format(value) == text)
    }

    @Test func finiteNumbersRoundTrip() {
        var random = SubjectRandomStream(seed: 5, subject: 0)
        for _ in 0..<20_000 {
            let x = Double(bitPattern: random.next())
            guard x.isFinite else { continue }
            #expect(Double(CSVFormat.format(x)) == x)
        }
        for x in [Double.greatestFiniteMagnitude, .leastNormalMagnitude, .ulpOfOne, 0.1 + 0.2, 1e15 - 0.5, 4503599627370497.0, 9.999999999999998e15] {
            #expect(Double(CSVFormat.format(x)) == x)
        }
    }

    @Test func appendMatchesFormat() {
        var text = "a,"
        CSVFormat.append(0.25, to: &text)
        CSVFormat.append(.nan, to: &text)
        #expect(text == "a,0.25nan")
    }

    @Test func escapesFieldsThatNeedQuotes() {
        #expect(CSVFormat.escape("plain") == "plain")
        #expect(CSVFormat.escape("ng/mL") == "ng/mL")
        #expect(CSVFormat.escape("a,b") == "\"a,b\"")
        #expect(CSVFormat.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVFormat.escape("two\nlines") == "\"two\nlines\"")
        #expect(CSVFormat.escape(" padded") == "\" padded\"")
        #expect(CSVFormat.row(["id", "x,y", ""]) == "id,\"x,y\",\n")
        #expect(csvFields("1,\"a,b\",\"say \"\"hi\"\"\",") == ["1", "a,b", "say \"hi\"", ""])
    }

    static func simulated() throws -> (DiazepamModel, Trajectory, [Double]) {
        let model = try DiazepamModel()
        let regimen = try Regimen.repeated(10, every: 24, count: 2)
        let trajectory = try simulate(model, regimen: regimen, sampleTimes: [0, 0.5, 1, 2, 24, 25.25, 48],
                                      endTime: 48, options: SimulationOptions(method: .rodas5P, rtol: 1e-8, atol: 1e-10))
        return (model, trajectory, [0, 24])
    }

    @Test func wideTrajectoryHasUnitsInTheHeaderAndOneRowPerSample() throws {
        let (model, trajectory, _) = try Self.simulated()
        let writer = WideTrajectoryWriter()
        let header = csvFields(csvLines(writer.header)[0])
        #expect(header.prefix(4) == ["id", "time_h", "dz_plasma_ng_per_mL", "ndz_plasma_ng_per_mL"])
        #expect(header.contains("dz_unbound_nM") && header.contains("dz_central_mg") && header.contains("synapses"))
        #expect(header.count == 2 + OutputVariable.allCases.count)
        #expect(header.dropFirst(2).elementsEqual(OutputVariable.allCases.map(\.columnName)))

        let lines = csvLines(writer.rows(id: "7", trajectory: trajectory, model: model))
        #expect(lines.count == 7)
        for (sample, line) in lines.enumerated() {
            let fields = csvFields(line)
            #expect(fields.count == header.count)
            #expect(fields[0] == "7")
            #expect(Double(fields[1]) == trajectory.times[sample])
            let state = trajectory.state(at: sample)
            let outputs = model.outputs(at: state)
            for (k, variable) in OutputVariable.allCases.enumerated() {
                #expect(fields[2 + k] == CSVFormat.format(variable.value(state: state, outputs: outputs)))
            }
        }
        #expect(lines[0].hasPrefix("7,0,0,0,0,0,"))
        #expect(lines[5].hasPrefix("7,25.25,"))
        // An id that needs quoting is quoted on every row.
        #expect(writer.rows(id: "a,b", trajectory: trajectory, model: model).hasPrefix("\"a,b\",0,"))
        // A chosen subset of columns.
        let subset = WideTrajectoryWriter(variables: [.dzPlasma, .state(.synapses)])
        #expect(subset.header == "id,time_h,dz_plasma_ng_per_mL,synapses\n")
        #expect(csvLines(subset.rows(id: "1", trajectory: trajectory, model: model))[6].split(separator: ",").count == 4)
    }

    @Test func longTrajectoryHasOneRowPerSampleAndVariable() throws {
        let (model, trajectory, _) = try Self.simulated()
        let writer = LongTrajectoryWriter()
        #expect(writer.header == "id,time_h,name,value,unit\n")
        let lines = csvLines(writer.rows(id: "3", trajectory: trajectory, model: model))
        let n = OutputVariable.allCases.count
        #expect(lines.count == 7 * n)
        let state = trajectory.state(at: 2)
        let outputs = model.outputs(at: state)
        for (k, variable) in OutputVariable.allCases.enumerated() {
            let fields = csvFields(lines[2 * n + k])
            #expect(fields == ["3", "1", variable.name, CSVFormat.format(variable.value(state: state, outputs: outputs)), variable.unit])
        }
        #expect(lines[2 * n].hasPrefix("3,1,dz_plasma,"))
        #expect(lines[2 * n].hasSuffix(",ng/mL"))
        #expect(lines[2 * n + 4].hasSuffix(",nM"))
    }

    @Test func summaryRowsCarryIdAssignmentsUnitsAndStatus() throws {
        let summary = try RunSummary(model: DiazepamModel(), regimen: Regimen.repeated(10, every: 24, count: 2), endTime: 48)
        let writer = SummaryWriter(assignmentNames: ["CL", "sex"])
        let header = csvFields(csvLines(writer.header)[0])
        #expect(header.prefix(3) == ["id", "CL", "sex"])
        #expect(header.suffix(2) == ["status", "message"])
        #expect(header.contains("dz_cmax_ng_per_mL") && header.contains("oxz_auc_ng_h_per_mL")
                && header.contains("synapse_recovery_h") && header.contains("tolerance_ratio"))
        #expect(header.count == 3 + SummaryWriter.summaryColumns.count + 2)
        #expect(Set(header).count == header.count)

        let run = RunSpec(index: 4, id: "5", assignments: [Assignment("sex", .text("female")), Assignment("CL", .number(1.25))])
        let ok = csvFields(csvLines(writer.row(run: run, summary: summary))[0])
        #expect(ok.count == header.count)
        let column = { (name: String) in ok[header.firstIndex(of: name)!] }
        #expect(column("id") == "5" && column("CL") == "1.25" && column("sex") == "female")
        #expect(column("dz_cmax_ng_per_mL") == CSVFormat.format(summary.dz.cmax))
        #expect(column("ndz_auc_ng_h_per_mL") == CSVFormat.format(summary.ndz.auc))
        #expect(column("oxz_t90ss_h") == CSVFormat.format(summary.oxz.timeTo90PercentSteadyState))
        #expect(column("dz_cmin_run_ng_per_mL") == CSVFormat.format(summary.dz.cminRun))
        #expect(column("maintenance_interval_h") == "24" && column("maintenance_dose_mg") == "10")
        #expect(column("dz_t90ss_h") == "nan" && column("dz_cavg_ss_ng_per_mL") == "nan")   // 2 doses: no steady state
        #expect(column("tolerance_ratio") == "nan")   // a 2-day run has no day 14
        #expect(column("withdrawal_threshold") == "0.01")
        #expect(column("status") == "ok" && column("message") == "")

        let missing = RunSpec(index: 0, id: "1", assignments: [Assignment("CL", .number(2))])
        let failed = writer.failedRow(run: missing, message: "solver failed at t = 3 h: step size too small, \"try bdf\"")
        let fields = csvFields(csvLines(failed)[0])
        #expect(fields.count == header.count)
        #expect(fields[0...2] == ["1", "2", ""])
        #expect(fields[3..<(header.count - 2)].allSatisfy { $0.isEmpty })
        #expect(fields.suffix(2) == ["failed", "solver failed at t = 3 h: step size too small, \"try bdf\""])
    }
}
