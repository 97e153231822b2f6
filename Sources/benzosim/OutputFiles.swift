import Foundation
import Sweep

/// The files a command writes, checked before any work and committed together.
enum OutputFiles {
    /// The manifest beside `output`: none for standard output, a device or a FIFO (nothing can
    /// be written beside `/dev/null`), or with `--no-manifest`.
    static func manifestPath(for options: OutputOptions) -> String? {
        options.noManifest || AtomicOutput.isSpecialFile(options.output) ? nil : RunManifest.path(beside: options.output)
    }

    /// Refuses outputs that are inputs or each other (see `OutputSet.checkDistinct`), the
    /// manifest included.
    static func check(_ outputs: [(option: String, path: String?)], manifest: String?, inputs: [(option: String, path: String?)]) throws(InputError) {
        let given = outputs.compactMap { o in o.path.map { (o.option, $0) } } + (manifest.map { [("the manifest", $0)] } ?? [])
        try OutputSet.checkDistinct(outputs: given, inputs: inputs.compactMap { i in i.path.map { (i.option, $0) } })
    }

    /// Writes the manifest into the set (committed with the other outputs).
    static func add(_ manifest: RunManifest, at path: String?, to set: OutputSet) throws(OutputError) {
        guard let path else { return }
        let text: String
        do { text = try manifest.json() } catch {
            throw OutputError(.write, path: path, reason: "cannot encode the manifest: \(error)")
        }
        try set.open(path).write(text)
    }

    /// `benzosim: wrote a.csv, b.csv and a.csv.manifest.json (detail)` on standard error, unless
    /// quiet or nothing but standard output was written.
    static func announce(_ written: [String], _ detail: String, quiet: Bool) {
        guard !quiet, !written.isEmpty else { return }
        let list = written.count == 1 ? written[0] : written.dropLast().joined(separator: ", ") + " and " + written.last!
        FileHandle.standardError.write(Data("benzosim: wrote \(list) (\(detail))\n".utf8))
    }
}
