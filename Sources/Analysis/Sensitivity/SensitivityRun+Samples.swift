import Pharmacology
import Sweep

extension SensitivityRun {
    /// The samples CSV header: `id,group,role,varied`, the inputs, the outputs, `status,message`.
    /// `group`, `role` and `varied` are `SensitivityDesign.Point`'s (`varied` names the input);
    /// values are written so that they read back exactly.
    public var samplesHeader: String {
        CSVFormat.row(["id", "group", "role", "varied"] + design.parameters.map(\.name) + outputs + ["status", "message"])
    }

    /// One run: the scenario with `common` and the run's values applied, simulated, and its
    /// samples row (outputs empty, `failed` and the reason when it fails; nothing is thrown).
    public func output(for run: RunSpec) -> RunOutput {
        let point = design.points[run.index]
        var row = "\(run.id),\(point.group),\(point.role),\(point.varied.map { design.parameters[$0].name } ?? ""),"
        for x in design.values(ofRun: run.index) {
            CSVFormat.append(x, to: &row)
            row += ","
        }
        let message: String
        do {
            // Summaries only: no trajectory is sampled (`Scenario.run(sampled:)`).
            let result = try scenario.applying(common + run.assignments).run(sampled: false)
            // The summary writer's own formatting, read back: exactly the values a sweep would write.
            let summary = SummaryWriter(assignmentNames: []).row(run: run, summary: result.summary)
            let fields = summary.split(separator: ",", omittingEmptySubsequences: false)
            for k in columns { row += fields[1 + k] + "," }
            return RunOutput(summaryRow: row + "ok,\n")
        } catch let error as InputError {
            message = error.description
        } catch let error as ScenarioRunError {
            message = error.description
        } catch {
            message = String(describing: error)
        }
        // One line per run, so that the samples read back line by line.
        let line = message.split(separator: "\n").joined(separator: "; ")
        row += String(repeating: ",", count: outputs.count)
        return RunOutput(summaryRow: row + "failed," + CSVFormat.escape(line) + "\n", status: .failed(message: line))
    }

    /// The `count` numbers of a samples row from field `from` on (NaN for an empty field).
    static func numbers(in row: String, from first: Int, count: Int) -> [Double] {
        let fields = row.split(separator: ",", maxSplits: first + count, omittingEmptySubsequences: false)
        return (first..<(first + count)).map { Double(String(fields[$0])) ?? .nan }
    }

    /// The output values of a complete samples CSV (every run of the design, in order, e.g. the
    /// shards' files concatenated with the header once), checked against this analysis: same
    /// header, ids 1…count in order, the design's input values.
    /// - Returns: the values row-major, ready for `design.analyze(outputs:names:bootstrap:)`.
    /// - Throws: a data `InputError` naming the line that does not match, and why.
    public func readSamples(_ text: String, file: String) throws(InputError) -> [Double] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, String(header) + "\n" == samplesHeader else {
            throw InputError(.data, file: file, line: 1, "the header is not this analysis's (\(samplesHeader.dropLast())): give the same --method, --params, --range and --outputs as the runs")
        }
        lines.removeFirst()
        guard lines.count == design.count else {
            throw InputError(.data, file: file, "\(lines.count) runs for a design of \(design.count): concatenate every shard's samples (header once)")
        }
        let d = design.parameters.count
        var values: [Double] = []
        values.reserveCapacity(design.count * outputs.count)
        for (r, line) in lines.enumerated() {
            let fields = line.split(separator: ",", maxSplits: 4 + d, omittingEmptySubsequences: false)
            let inputs = fields.count > 4 + d ? (4..<(4 + d)).map { Double(String(fields[$0])) } : []
            guard fields.count > 4 + d, fields[0] == String(r + 1),
                  inputs.elementsEqual(design.values(ofRun: r), by: { $0 == $1 }) else {
                throw InputError(.data, file: file, line: r + 2, "run \(r + 1) does not match the design (id or input values differ): give the same --count, --seed and ranges as the runs, and the shards in order")
            }
            values += Self.numbers(in: String(line), from: 4 + d, count: outputs.count)
        }
        return values
    }
}
