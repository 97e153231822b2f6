import Foundation
import Synchronization

/// An output file that appears under its final name only when complete.
///
/// Text goes to a temporary file in the same directory, `.<name>.partial-<pid>`, through a
/// buffer; `commit()` flushes, syncs and renames it onto the final name (an atomic replace on
/// POSIX file systems), so readers see the old file or the whole new one, never a truncated one.
/// `discard()`, or dropping the object without committing, removes the temporary file; a run that
/// fails or throws therefore leaves nothing under the final name. The path `-` means standard
/// output: text is written through as the buffer fills, and nothing is renamed or removed.
///
/// Only regular files (or absent paths) go through a temporary file. A path that is a device,
/// a FIFO, a socket or a symlink to one (`/dev/null`, `/dev/stdout`, a shell's `>(gzip > x.gz)`)
/// is opened and written through like standard output: renaming over it would replace the
/// device with a regular file. A symlink to a regular file keeps the symlink: the file it points
/// to is replaced. `writesThrough` tells which case applies (no manifest belongs beside a
/// device).
///
/// For interruptions, `removeTemporaryFilesOnSignals()` installs handlers that delete the
/// temporary files still pending before the process dies.
///
/// Use from one thread.
public final class AtomicOutput {
    /// The final path (`-` for standard output).
    public let path: String
    /// The temporary file written until `commit()` (`nil` for standard output).
    public let temporaryPath: String?
    let descriptor: Int32
    let capacity: Int
    var buffer: [UInt8] = []
    var state = State.open
    var registration: Int?

    enum State { case open, prepared, committed, discarded }

    /// The file the temporary is renamed onto: `path`, or for a symlink to a regular file the
    /// file it points to (so the symlink stays).
    let target: String
    /// Whether `descriptor` was opened here (and is closed here).
    let ownsDescriptor: Bool

    /// Whether this writes to standard output (`path == "-"`).
    public var isStandardOutput: Bool { path == "-" }

    /// Whether text goes straight to `path` (standard output, a device, a FIFO or a socket)
    /// instead of a temporary file renamed on commit.
    public var writesThrough: Bool { temporaryPath == nil }

    /// Whether `path` (after following symlinks) is something other than a regular file: a
    /// device, FIFO or socket written through, never renamed over. `false` for a missing path.
    public static func isSpecialFile(_ path: String) -> Bool {
        if path == "-" { return true }
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) != S_IFREG
    }

    /// Opens `path` for writing (creating its temporary file), standard output for `-`, or the
    /// path itself for a device, FIFO or socket.
    /// - Parameter bufferSize: bytes buffered before a write to the file (default 1 MiB).
    /// - Throws: `OutputError` (`.create`) if the temporary file cannot be created, e.g. the
    ///   directory does not exist or is not writable, or `path` is a directory.
    public init(path: String, bufferSize: Int = 1 << 20) throws(OutputError) {
        self.path = path
        capacity = max(1, bufferSize)
        buffer.reserveCapacity(capacity)
        if path == "-" {
            temporaryPath = nil
            descriptor = 1
            target = path
            ownsDescriptor = false
            return
        }
        var info = stat()
        if stat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                throw OutputError(.create, path: path, reason: "it is a directory: give a file name inside it")
            }
            if type != S_IFREG {
                // A device, FIFO or socket: write through (O_APPEND keeps a shared terminal's or
                // log's position; devices ignore it).
                let fd = open(path, O_WRONLY | O_CLOEXEC | O_APPEND)
                guard fd >= 0 else {
                    throw OutputError(.create, path: path, reason: String(cString: strerror(errno)))
                }
                temporaryPath = nil
                descriptor = fd
                target = path
                ownsDescriptor = true
                return
            }
        }
        // A symlink to a regular file: replace the file it points to, not the link.
        target = Self.resolvedSymlink(path) ?? path
        let temporary = Self.temporaryPath(for: target)
        // Registered before it exists, so a signal between creating and registering it cannot
        // leave it behind (unlinking a file not yet created is harmless).
        let registration = PendingFiles.register(temporary)
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 && errno == EEXIST {
            // Left by a killed process that had our pid: it is ours to replace.
            unlink(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            PendingFiles.unregister(registration)
            throw OutputError(.create, path: path, reason: reason + Self.directoryHint(for: path))
        }
        temporaryPath = temporary
        descriptor = fd
        ownsDescriptor = true
        self.registration = registration
    }

    /// The file a symlink at `path` finally points to, or `nil` when `path` is not a symlink.
    static func resolvedSymlink(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes to an already open descriptor that this object does not own (for tests: a pipe
    /// standing in for standard output).
    init(descriptor: Int32, bufferSize: Int = 1 << 20) {
        path = "-"
        temporaryPath = nil
        target = path
        ownsDescriptor = false
        self.descriptor = descriptor
        capacity = max(1, bufferSize)
    }

    deinit {
        if state == .open || state == .prepared { discard() }
    }

    /// `.<name>.partial-<pid>` in the directory of `path`.
    public static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return directory + "." + name + ".partial-\(getpid())"
    }

    static func directoryHint(for path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "" }
        let directory = String(path[..<slash])
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return " (the directory \(directory) does not exist: create it first)"
        }
        return isDirectory.boolValue ? "" : " (\(directory) is not a directory)"
    }

    /// Appends `text` (UTF-8).
    /// - Throws: `OutputError` (`.write`) if flushing a full buffer fails (e.g. the disk is full).
    public func write(_ text: String) throws(OutputError) {
        precondition(state == .open, "write after commit or discard")
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    /// Writes the buffer out.
    func flush() throws(OutputError) {
        var failure: Int32 = 0
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 { throw OutputError(.write, path: path, reason: String(cString: strerror(failure))) }
    }

    /// Flushes, syncs and renames the temporary file onto the final name (for an output written
    /// through, flushes). After `commit()` the object accepts no more text.
    /// - Throws: `OutputError` if the last write, the sync or the rename fails; the temporary
    ///   file is removed and nothing is left under the final name.
    public func commit() throws(OutputError) {
        try prepare()
        try publish()
    }

    /// The first half of `commit()`: flushes and syncs the temporary file and closes it (for an
    /// output written through, flushes and closes). `OutputSet` prepares every output of a run
    /// before it publishes any, so a full disk leaves none of them.
    /// - Throws: `OutputError` if the last write or the sync fails (the output is discarded).
    func prepare() throws(OutputError) {
        precondition(state == .open, "commit after commit or discard")
        do throws(OutputError) {
            try flush()
        } catch {
            discard()
            throw error
        }
        if temporaryPath != nil && fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS {
            let reason = String(cString: strerror(errno))
            discard()
            throw OutputError(.write, path: path, reason: reason)
        }
        if ownsDescriptor { close(descriptor) }
        state = .prepared
    }

    /// The second half of `commit()`: renames the prepared temporary file onto the final name.
    /// - Throws: `OutputError` (`.commit`) if the rename fails; the temporary file is removed.
    func publish() throws(OutputError) {
        precondition(state == .prepared, "publish before prepare")
        state = .committed
        guard let temporary = temporaryPath else { return }
        defer { unregister() }
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            state = .discarded
            throw OutputError(.commit, path: path, reason: reason)
        }
    }

    /// Abandons the output: removes the temporary file (for standard output, drops the unwritten
    /// buffer). Does nothing after `commit()` or a previous `discard()`.
    public func discard() {
        guard state == .open || state == .prepared else { return }
        let wasOpen = state == .open
        state = .discarded
        buffer.removeAll()
        if wasOpen && ownsDescriptor { close(descriptor) }
        if let temporary = temporaryPath {
            unlink(temporary)
            unregister()
        }
    }

    func unregister() {
        if let id = registration { PendingFiles.unregister(id) }
        registration = nil
    }

    /// Installs handlers for SIGINT, SIGTERM, SIGHUP (a closed terminal, `timeout`, a batch
    /// scheduler's time limit) and SIGPIPE (`| head` closing the pipe) that delete every temporary
    /// file not yet committed or discarded, then let the signal take its default effect (the
    /// process ends with the usual status). Call once, early, from the executable.
    /// The signals are also unblocked: a process started from a thread that blocks them (as
    /// some test runners and job launchers do) would otherwise never see them.
    public static func removeTemporaryFilesOnSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&set, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            signal(signalNumber) { received in
                PendingFiles.removeAll()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }
}

/// Temporary files not yet committed or discarded, as C strings a signal handler can unlink
/// without allocating (kept as addresses, which are `Sendable`, inside the mutex).
enum PendingFiles {
    struct Table: ~Copyable {
        var nextID = 0
        var paths: [(id: Int, address: UInt)] = []
    }

    static let table = Mutex(Table())

    static func register(_ path: String) -> Int {
        let address = UInt(bitPattern: strdup(path))
        return table.withLock { t in
            t.nextID += 1
            t.paths.append((t.nextID, address))
            return t.nextID
        }
    }

    static func unregister(_ id: Int) {
        let removed: UInt = table.withLock { t in
            guard let k = t.paths.firstIndex(where: { $0.id == id }) else { return 0 }
            return t.paths.remove(at: k).address
        }
        free(UnsafeMutablePointer<CChar>(bitPattern: removed))
    }

    /// Called from a signal handler: unlinks what it can if no other thread holds the table (it
    /// is held only for the instant of registering or unregistering a file).
    static func removeAll() {
        _ = table.withLockIfAvailable { t in
            for entry in t.paths {
                if let path = UnsafePointer<CChar>(bitPattern: entry.address) { unlink(path) }
            }
        }
    }
}
