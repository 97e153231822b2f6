import Foundation

/// Every output file of one command (trajectories, summary, manifest), committed together: each
/// is written to its temporary file, then all are flushed and synced, and only then renamed onto
/// their final names, so a full disk or a failed write leaves none of them (not a summary without
/// its manifest). `discard()`, a thrown error or a signal (see
/// `AtomicOutput.removeTemporaryFilesOnSignals()`) removes every temporary file.
///
/// Check the paths first with `checkDistinct(outputs:inputs:)`: an output that is one of the
/// inputs, or the same file as another output, is refused before anything is created.
///
/// Use from one thread.
public final class OutputSet {
    /// The outputs opened so far, in order.
    public private(set) var outputs: [AtomicOutput] = []

    /// An empty set.
    public init() {}

    /// Opens `path` (see `AtomicOutput.init(path:bufferSize:)`) as a member of the set.
    /// - Throws: `OutputError` if it cannot be created; the outputs already opened stay open
    ///   (discard the set).
    public func open(_ path: String) throws(OutputError) -> AtomicOutput {
        let output = try AtomicOutput(path: path)
        outputs.append(output)
        return output
    }

    /// Flushes and syncs every output, then renames every temporary file onto its final name.
    /// - Returns: the paths written, in the order opened (standard output left out).
    /// - Throws: `OutputError` from the first output that fails; every other output is
    ///   discarded, and outputs already renamed in this call are removed again (a rename fails
    ///   only if the directory changed during the run).
    @discardableResult
    public func commit() throws(OutputError) -> [String] {
        for (k, output) in outputs.enumerated() {
            do { try output.prepare() } catch {
                for other in outputs where other !== outputs[k] { other.discard() }
                throw error
            }
        }
        for (k, output) in outputs.enumerated() {
            do { try output.publish() } catch {
                for done in outputs[..<k] where !done.writesThrough { unlink(done.target) }
                for rest in outputs[(k + 1)...] { rest.discard() }
                throw error
            }
        }
        return outputs.filter { !$0.isStandardOutput }.map(\.path)
    }

    /// Discards every output (removes their temporary files).
    public func discard() {
        for output in outputs { output.discard() }
    }

    /// Where a path leads: its resolved absolute path (through symlinks, including those of its
    /// directory), and for an existing file its device and inode.
    struct Identity {
        var resolved: String
        var inode: (device: UInt64, inode: UInt64)?

        init(_ path: String) {
            var info = stat()
            inode = stat(path, &info) == 0 ? (UInt64(info.st_dev), UInt64(info.st_ino)) : nil
            if let full = realpath(path, nil) {
                resolved = String(cString: full)
                free(full)
                return
            }
            // Absent: resolve the directory, keep the name.
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().path
            if let full = realpath(directory, nil) {
                resolved = String(cString: full) + "/" + url.lastPathComponent
                free(full)
            } else {
                resolved = url.standardizedFileURL.path
            }
        }

        func isSame(as other: Identity) -> Bool {
            if let a = inode, let b = other.inode, a.device == b.device, a.inode == b.inode { return true }
            return resolved == other.resolved
        }
    }

    /// Refuses an output that is one of the inputs (it would be overwritten) or the same regular
    /// file as another output (one would replace the other), comparing resolved paths and inodes
    /// so that `./a.csv`, a symlink to it and a hard link count as the same file. Standard output
    /// (`-`) and devices, FIFOs and sockets may be given more than once.
    /// - Parameters:
    ///   - outputs: each output's option (`-o`, `--summary`, `manifest`) and path.
    ///   - inputs: each input's description (`the scenario file`, `--events`) and path.
    /// - Throws: a usage `InputError` naming both options and the path.
    public static func checkDistinct(outputs: [(option: String, path: String)],
                                     inputs: [(option: String, path: String)]) throws(InputError) {
        let files = outputs.filter { $0.path != "-" }
        let identities = files.map { Identity($0.path) }
        let inputIdentities = inputs.map { Identity($0.path) }
        for (k, output) in files.enumerated() {
            for (j, input) in inputs.enumerated() where identities[k].isSame(as: inputIdentities[j]) {
                throw InputError(.usage, field: output.option,
                                 "\(output.path) is \(input.option) \(input.path): writing it would destroy an input; give the output another name")
            }
            guard !AtomicOutput.isSpecialFile(output.path) else { continue }
            for j in files.indices where j < k && identities[k].isSame(as: identities[j]) {
                throw InputError(.usage, field: output.option,
                                 "\(output.path) is also the output of \(files[j].option) (\(files[j].path)): give each output its own file")
            }
        }
    }
}
