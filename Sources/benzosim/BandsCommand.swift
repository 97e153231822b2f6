import ArgumentParser
import Foundation
import Sweep

/// `benzosim bands`: percentile bands from trajectory files (e.g. the shards of a population).
struct BandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bands",
        abstract: "Compute per-time percentile bands of every output from trajectory CSV files (merges population shards).",
        discussion: """
        Every run (id) of the files is one subject; all must share one time grid. The bands are exact (type 7 percentiles of the non-NaN values) and do not depend on the order of files or runs, so the bands of the shards' trajectory files equal the unsharded population's --percentiles output byte for byte.

        Example (4 shards, then bands and a VPC-style plot):
          for k in 1 2 3 4; do benzosim population s.yaml --count 1000 --bsv CL=0.3 --every 1d --shard $k/4 --trajectories part$k.csv -o summary$k.csv; done
          benzosim bands part*.csv --percentiles 5,50,95 -o bands.csv
          benzosim plot bands.csv --outputs withdrawal,synapses -o vpc.svg
        """)

    @Argument(help: "Trajectory CSV files (wide or long).")
    var files: [String]

    @Option(help: ArgumentHelp("Percentiles, comma-separated.", valueName: "list"))
    var percentiles: String = "5,50,95"

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Band CSV to write (- for standard output).", valueName: "file"))
    var output: String = "-"

    @Option(help: ArgumentHelp("Threads for the percentile computation (the output is identical for any value).", valueName: "n"))
    var threads: Int = ParallelExecutor.defaultThreadCount

    func validate() throws {
        if files.isEmpty { throw ValidationError("give one or more trajectory CSV files") }
        do { _ = try PercentileBands.parse(percentiles) } catch { throw ValidationError(error.problems.map(\.message).joined(separator: "; ")) }
        guard threads >= 1 else { throw ValidationError("--threads \(threads) must be at least 1") }
    }

    func run() throws {
        var bands: PercentileBands? = nil
        do {
            let chosen = try PercentileBands.parse(percentiles)
            for path in files {
                var id = "", times: [Double] = [], values: [Double] = []
                func flush() throws(InputError) {
                    guard !times.isEmpty else { return }
                    do { try bands!.add(subject: id, times: times, values: values) } catch {
                        throw InputError(.data, error.problems.map { var p = $0; p.file = path; return p })
                    }
                    times = []
                    values = []
                }
                try TrajectoryReader.forEachSample(path: path, columns: { columns throws(InputError) in
                    if bands == nil { bands = try PercentileBands(percentiles: chosen, columns: columns) }
                    guard bands!.columns == columns else {
                        throw InputError(.data, file: path, line: 1, "its outputs differ from \(files[0])'s: bands need the same outputs in every file")
                    }
                }, sample: { run, time, sample throws(InputError) in
                    if run != id {
                        try flush()
                        id = String(run)
                    }
                    times.append(time)
                    values.append(contentsOf: sample)
                })
                try flush()
                id = ""
            }
        } catch {
            throw fail(error)
        }
        guard let bands, bands.subjects > 0 else {
            throw fail(InputError(.data, file: files[0], "no runs in the trajectory files"))
        }
        try writeAtomically(bands.csv(threads: threads), to: output)
    }
}
