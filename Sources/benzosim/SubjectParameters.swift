import ArgumentParser
import Sweep

/// Writes `--subject-parameters`: the header and one row per subject of this shard, atomically.
func writeSubjectParameters(to path: String, runs: [RunSpec], base: Scenario, common: [Assignment]) throws {
    let writer = SubjectParameterWriter()
    do throws(OutputError) {
        let file = try AtomicOutput(path: path)
        do throws(OutputError) {
            try file.write(writer.header)
            try file.write(base.subjectParameterRows(for: runs, common: common, individual: true, writer: writer))
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    } catch {
        throw fail(error)
    }
}
