import Sweep

/// Writes `--subject-parameters` into `file` (a member of the run's `OutputSet`, committed with
/// the summary and the manifest): the header and one row per subject of `runs`, one subject at a
/// time, so memory does not grow with the shard.
func writeSubjectParameters(_ runs: RunPlan, base: Scenario, common: [Assignment], to file: AtomicOutput) throws(OutputError) {
    let writer = SubjectParameterWriter()
    try file.write(writer.header)
    for run in runs {
        try file.write(base.subjectParameterRows(for: [run], common: common, individual: true, writer: writer))
    }
}
